#pragma once
// The hardware contract (hal/charger.hpp) as one typed test suite, run against every hal::Charger
// implementation: the simulator (sim_contract_test.cpp) and, later, the EO board driver talking to
// a simulated board over a pty. Include this header in the one .cpp that instantiates it:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Simulator, ChargerContract, ::testing::Types<SimHarness>);
//
// THE HARNESS. A test creates one `Harness` per test (default-constructed) and uses only this:
//
//   struct Harness {
//     Harness();  // builds the charger on common::ManualTimers + common::ManualClock: not started,
//                 // link up, no fault, no vehicle plugged in
//     hal::Charger& charger();
//     std::chrono::milliseconds tick() const;  // one poll period: one meter sample per tick
//     // Moves simulated time forward by `duration` (advance(0ms) runs what is due now). A harness
//     // whose charger talks to something real (a board simulator behind a pty) also pumps that I/O
//     // here, so that every reply due within `duration` has been read when it returns.
//     void advance(std::chrono::milliseconds duration);
//     void plug_in_vehicle();  // a vehicle that draws whatever it is offered (at least up to 20 A)
//                              // and does not fill its battery within a test (minutes of sim time)
//     void unplug_vehicle();
//     hal::FaultCode inject_fault();  // makes the box detect a fault that stops charging; returns
//                                     // the code the charger must report
//     void clear_fault();             // ends that fault
//     void cut_link();                // the box stops answering (cable pulled, board silent)
//     void restore_link();
//   };
//
// Time is only ever moved by the harness: no sleeps. A change must show within `settle_ticks`
// ticks, so a driver that needs a poll and a reply to notice something passes too.
//
// EXCEPTIONS. An implementation may be configured differently from the product for the suite, but
// only where its harness names the setting and why. There is one today:
// - EoBoard (eo_contract_test.cpp): the resume delay, `min_pause_before_resume`, is 2 s instead of
//   the product's 30 s. After a pause the EO driver holds a re-offer back for that long (cars that
//   chatter on duty 000, docs/eo-board.md); 30 s would outlast `settle_ticks`, while 2 s still makes
//   every resume in the suite go through the delay (each comes at least 3 ticks after its pause).
//   Pausing itself is never delayed, in the suite or in the product.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "hal/charger.hpp"
#include "recording_listener.hpp"

namespace hal::testing {

using EventKind = RecordedEvent::Kind;

template <typename Harness>
class ChargerContract : public ::testing::Test {
 protected:
  static constexpr int settle_ticks = 3;

  void SetUp() override { charger().set_listener(&listener); }
  void TearDown() override {
    charger().stop();
    charger().set_listener(nullptr);
  }

  Charger& charger() { return harness.charger(); }
  // Two distinct offers every box can make: 16 A (or its maximum) and one 4 A away from it.
  double first_a() { return std::min(16.0, caps().max_current_a); }
  double second_a() {
    const double up = first_a() + 4;
    return up <= caps().max_current_a ? up : std::max(caps().min_current_a, first_a() - 4);
  }
  const Capabilities& caps() { return charger().capabilities(); }
  void ticks(int count) { harness.advance(harness.tick() * count); }
  void settle() { ticks(settle_ticks); }

  // Started, a vehicle plugged in and charging at `current_a`.
  void start_charging(double current_a) {
    charger().start();
    harness.plug_in_vehicle();
    charger().offer_current(current_a);
    settle();
    ASSERT_EQ(charger().vehicle_state(), VehicleState::charging);
  }
  MeterSample latest_sample() {
    const auto sample = listener.last_sample();
    EXPECT_TRUE(sample.has_value());
    return sample.value_or(MeterSample{});
  }
  // Consecutive state events differ, except that a restored link repeats the state afresh.
  void expect_states_reported_only_on_change() {
    std::optional<VehicleState> previous;
    for (const auto& event : listener.events()) {
      if (event.kind == EventKind::link_restored || event.kind == EventKind::link_lost)
        previous.reset();
      if (event.kind != EventKind::state) continue;
      if (previous) {
        EXPECT_NE(*previous, event.state) << "repeated state " << to_string(event.state);
      }
      previous = event.state;
    }
  }

  Harness harness;
  RecordingListener listener;
};

TYPED_TEST_SUITE_P(ChargerContract);

TYPED_TEST_P(ChargerContract, CapabilitiesAreSane) {
  const auto& caps = this->caps();
  EXPECT_FALSE(caps.description.empty());
  EXPECT_GT(caps.min_current_a, 0);
  EXPECT_LE(caps.min_current_a, caps.max_current_a);
  EXPECT_TRUE(caps.phases == 1 || caps.phases == 3) << caps.phases;
}

TYPED_TEST_P(ChargerContract, FirstStateAndSampleArriveAfterStart) {
  this->charger().start();
  EXPECT_EQ(this->listener.size(), 0u) << "start() delivered an event from inside the call";
  this->settle();
  ASSERT_GE(this->listener.count(EventKind::state), 1u);
  EXPECT_EQ(this->listener.states().front(), VehicleState::no_vehicle);
  EXPECT_GE(this->listener.count(EventKind::sample), 1u);
  EXPECT_EQ(this->listener.count(EventKind::link_lost), 0u);
  EXPECT_TRUE(this->charger().link_up());
  EXPECT_EQ(this->charger().vehicle_state(), VehicleState::no_vehicle);
  EXPECT_TRUE(this->charger().last_sample().has_value());
  EXPECT_TRUE(this->charger().active_faults().empty());
}

TYPED_TEST_P(ChargerContract, EventsAreNeverDeliveredInsideCalls) {
  auto& charger = this->charger();
  auto& rig = this->harness;
  const auto expect_quiet = [this](const char* what, const auto& call) {
    const auto before = this->listener.size();
    call();
    EXPECT_EQ(this->listener.size(), before) << what << " delivered an event from inside the call";
    this->settle();
  };
  expect_quiet("start", [&] { charger.start(); });
  expect_quiet("plug in", [&] { rig.plug_in_vehicle(); });
  expect_quiet("offer", [&] { charger.offer_current(this->first_a()); });
  expect_quiet("disable", [&] { charger.set_enabled(false); });
  expect_quiet("enable", [&] { charger.set_enabled(true); });
  expect_quiet("fault", [&] { rig.inject_fault(); });
  expect_quiet("clear fault", [&] { rig.clear_fault(); });
  expect_quiet("offer 0 A", [&] { charger.offer_current(0); });
  expect_quiet("cut link", [&] { rig.cut_link(); });
  expect_quiet("restore link", [&] { rig.restore_link(); });
  expect_quiet("unplug", [&] { rig.unplug_vehicle(); });
  expect_quiet("unlock", [&] { charger.unlock_connector(); });
  expect_quiet("stop", [&] { charger.stop(); });
  // They were delivered, later: every kind of event happened.
  for (const auto kind : {EventKind::state, EventKind::sample, EventKind::fault_raised,
                          EventKind::fault_cleared, EventKind::link_lost, EventKind::link_restored})
    EXPECT_GE(this->listener.count(kind), 1u) << "event kind " << static_cast<int>(kind);
}

TYPED_TEST_P(ChargerContract, OffersAreClamped) {
  auto& charger = this->charger();
  const auto& caps = this->caps();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(caps.min_current_a));
  EXPECT_DOUBLE_EQ(charger.requested_current_a(), caps.min_current_a);

  charger.offer_current(caps.min_current_a / 2);  // 0 < a < min: pause
  EXPECT_DOUBLE_EQ(charger.requested_current_a(), 0);
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, 0);
  EXPECT_DOUBLE_EQ(this->latest_sample().current_a, 0);
  EXPECT_NE(charger.vehicle_state(), VehicleState::charging);

  charger.offer_current(caps.max_current_a + 10);
  EXPECT_DOUBLE_EQ(charger.requested_current_a(), caps.max_current_a);
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, caps.max_current_a);
  EXPECT_GT(this->latest_sample().current_a, 0);

  charger.offer_current(-5);
  EXPECT_DOUBLE_EQ(charger.requested_current_a(), 0);
  charger.offer_current(this->first_a());
  charger.offer_current(std::numeric_limits<double>::quiet_NaN());
  EXPECT_DOUBLE_EQ(charger.requested_current_a(), 0);
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, 0);
}

TYPED_TEST_P(ChargerContract, RepeatedCommandsAddNoEvents) {
  auto& charger = this->charger();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  const auto before = this->listener.count_non_samples();
  const auto samples_before = this->listener.count(EventKind::sample);
  charger.offer_current(this->first_a());
  charger.set_enabled(true);
  charger.offer_current(this->first_a());
  this->settle();
  EXPECT_EQ(this->listener.count_non_samples(), before);
  // One sample per tick, no extra ones because of the commands.
  EXPECT_EQ(this->listener.count(EventKind::sample) - samples_before,
            static_cast<std::size_t>(TestFixture::settle_ticks));

  charger.set_enabled(false);
  this->settle();
  const auto after_disable = this->listener.count_non_samples();
  charger.set_enabled(false);
  charger.offer_current(this->first_a());
  this->settle();
  EXPECT_EQ(this->listener.count_non_samples(), after_disable);
  this->expect_states_reported_only_on_change();
}

TYPED_TEST_P(ChargerContract, OneSamplePerTickWhileTheLinkIsUp) {
  this->charger().start();
  this->settle();
  const auto before = this->listener.count(EventKind::sample);
  this->ticks(5);
  EXPECT_EQ(this->listener.count(EventKind::sample) - before, 5u);
}

TYPED_TEST_P(ChargerContract, DisableOffersZeroAndEnableRestoresTheLastOffer) {
  auto& charger = this->charger();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, this->first_a());

  charger.set_enabled(false);
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, 0);
  EXPECT_DOUBLE_EQ(this->latest_sample().current_a, 0);
  EXPECT_NE(charger.vehicle_state(), VehicleState::charging);

  charger.offer_current(this->second_a());  // remembered, not offered while disabled
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, 0);

  charger.set_enabled(true);
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, this->second_a());
  EXPECT_GT(this->latest_sample().current_a, 0);
  EXPECT_EQ(charger.vehicle_state(), VehicleState::charging);
}

TYPED_TEST_P(ChargerContract, FaultOffersZeroAndClearingRestores) {
  auto& charger = this->charger();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  const auto from = this->listener.size();
  const auto code = this->harness.inject_fault();
  this->settle();
  ASSERT_EQ(this->listener.count(EventKind::fault_raised, from), 1u);
  EXPECT_EQ(this->listener.events()[this->listener.find(EventKind::fault_raised, from)].fault.code,
            code);
  const auto faults = charger.active_faults();
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults.front().code, code);
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, 0);
  EXPECT_DOUBLE_EQ(this->latest_sample().current_a, 0);
  EXPECT_NE(charger.vehicle_state(), VehicleState::charging);

  charger.offer_current(this->second_a());  // no current while faulted, whatever is asked
  this->settle();
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, 0);

  this->harness.clear_fault();
  this->settle();
  ASSERT_EQ(this->listener.count(EventKind::fault_cleared, from), 1u);
  EXPECT_EQ(this->listener.events()[this->listener.find(EventKind::fault_cleared, from)].fault.code,
            code);
  EXPECT_TRUE(charger.active_faults().empty());
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, this->second_a());
  EXPECT_EQ(charger.vehicle_state(), VehicleState::charging);
  EXPECT_EQ(this->listener.count(EventKind::fault_raised, from), 1u);
}

TYPED_TEST_P(ChargerContract, LinkLossIsReportedOnceAndSilencesReadings) {
  auto& charger = this->charger();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  const auto from = this->listener.size();
  this->harness.cut_link();
  this->ticks(10);
  EXPECT_EQ(this->listener.count(EventKind::link_lost, from), 1u);
  const auto lost_at = this->listener.find(EventKind::link_lost, from);
  // Nothing after the loss: no samples, no state (the last values must not be served as fresh).
  EXPECT_EQ(this->listener.size(), lost_at + 1);
  EXPECT_FALSE(charger.link_up());
  EXPECT_EQ(charger.vehicle_state(), VehicleState::unknown);
  EXPECT_FALSE(charger.last_sample().has_value());

  charger.offer_current(
      this->second_a());  // commands are accepted (and remembered) while the link is down
  charger.set_enabled(true);
  this->ticks(5);
  EXPECT_EQ(this->listener.size(), lost_at + 1);
  EXPECT_DOUBLE_EQ(charger.requested_current_a(), this->second_a());
}

TYPED_TEST_P(ChargerContract, RestoredLinkReportsAFreshStateAndSample) {
  auto& charger = this->charger();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  this->harness.cut_link();
  this->ticks(5);
  charger.offer_current(this->second_a());
  const auto from = this->listener.size();
  this->harness.restore_link();
  this->settle();
  ASSERT_EQ(this->listener.count(EventKind::link_restored, from), 1u);
  const auto restored_at = this->listener.find(EventKind::link_restored, from);
  EXPECT_LT(this->listener.find(EventKind::state, restored_at), this->listener.size());
  EXPECT_LT(this->listener.find(EventKind::sample, restored_at), this->listener.size());
  EXPECT_EQ(this->listener.count(EventKind::link_lost, from), 0u);
  EXPECT_TRUE(charger.link_up());
  EXPECT_EQ(charger.vehicle_state(), VehicleState::charging);
  ASSERT_TRUE(charger.last_sample().has_value());
  // The command given while the link was down now applies.
  EXPECT_DOUBLE_EQ(this->latest_sample().offered_a, this->second_a());
}

TYPED_TEST_P(ChargerContract, VehicleStatesFollowThePlugAndTheOffer) {
  auto& charger = this->charger();
  charger.start();
  this->harness.plug_in_vehicle();
  this->settle();
  const auto waiting = charger.vehicle_state();
  EXPECT_TRUE(waiting == VehicleState::connected || waiting == VehicleState::evse_suspended)
      << to_string(waiting);
  charger.offer_current(this->first_a());
  this->settle();
  EXPECT_EQ(charger.vehicle_state(), VehicleState::charging);
  charger.offer_current(0);
  this->settle();
  EXPECT_EQ(charger.vehicle_state(), VehicleState::evse_suspended);
  this->harness.unplug_vehicle();
  this->settle();
  EXPECT_EQ(charger.vehicle_state(), VehicleState::no_vehicle);
  EXPECT_EQ(this->listener.last_state(), VehicleState::no_vehicle);
  this->expect_states_reported_only_on_change();
}

TYPED_TEST_P(ChargerContract, EnergyRegisterNeverGoesBackwards) {
  auto& charger = this->charger();
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  this->ticks(5);
  charger.set_enabled(false);
  this->ticks(2);
  charger.set_enabled(true);
  this->harness.cut_link();
  this->ticks(3);
  this->harness.restore_link();
  this->ticks(3);
  this->harness.unplug_vehicle();
  this->ticks(2);
  this->harness.plug_in_vehicle();
  this->settle();
  const auto samples = this->listener.samples();
  ASSERT_GE(samples.size(), 10u);
  for (std::size_t i = 1; i < samples.size(); ++i)
    EXPECT_GE(samples[i].energy_wh, samples[i - 1].energy_wh) << "sample " << i;
  EXPECT_GT(samples.back().energy_wh, samples.front().energy_wh);
}

TYPED_TEST_P(ChargerContract, UnlockWithoutALockIsNotSupported) {
  this->charger().start();
  this->settle();
  const auto result = this->charger().unlock_connector();
  if (this->caps().has_connector_lock)
    EXPECT_NE(result, UnlockResult::not_supported);
  else
    EXPECT_EQ(result, UnlockResult::not_supported);
}

TYPED_TEST_P(ChargerContract, StopEndsTheEvents) {
  ASSERT_NO_FATAL_FAILURE(this->start_charging(this->first_a()));
  this->charger().stop();
  const auto before = this->listener.size();
  this->ticks(5);
  EXPECT_EQ(this->listener.size(), before);
  // A stopped charger can be started again and reports afresh.
  this->charger().start();
  this->settle();
  EXPECT_GE(this->listener.count(EventKind::state, before), 1u);
  EXPECT_GE(this->listener.count(EventKind::sample, before), 1u);
}

REGISTER_TYPED_TEST_SUITE_P(
    ChargerContract, CapabilitiesAreSane, FirstStateAndSampleArriveAfterStart,
    EventsAreNeverDeliveredInsideCalls, OffersAreClamped, RepeatedCommandsAddNoEvents,
    OneSamplePerTickWhileTheLinkIsUp, DisableOffersZeroAndEnableRestoresTheLastOffer,
    FaultOffersZeroAndClearingRestores, LinkLossIsReportedOnceAndSilencesReadings,
    RestoredLinkReportsAFreshStateAndSample, VehicleStatesFollowThePlugAndTheOffer,
    EnergyRegisterNeverGoesBackwards, UnlockWithoutALockIsNotSupported, StopEndsTheEvents);

}  // namespace hal::testing
