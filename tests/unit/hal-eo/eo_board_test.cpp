// EoBoard over a MemoryTransport whose responder is the board model, on manual timers: polling,
// the state table, faults, the link watchdog, the pause/resume hazard, the energy register.
#include "hal/eo/eo_board.hpp"

#include <gtest/gtest.h>

#include "../../contract/recording_listener.hpp"
#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "hal/eo/board_model.hpp"
#include "hal/eo/memory_transport.hpp"

namespace hal::eo {
namespace {

using namespace std::chrono_literals;
using Kind = hal::testing::RecordedEvent::Kind;

class EoBoardTest : public ::testing::Test {
 protected:
  explicit EoBoardTest(EoBoardSettings settings = {}) {
    auto transport = std::make_unique<MemoryTransport>(timers, 5ms);
    memory = transport.get();
    memory->set_responder(
        [this](std::string_view written) { return board.receive(written, timers.now()); });
    eo = std::make_unique<EoBoard>(timers, clock, std::move(transport), settings);
    eo->set_listener(&listener);
  }
  void advance(std::chrono::milliseconds duration) { timers.advance(duration); }
  // The duty field of the last SET LIMIT written.
  std::string last_duty_written() {
    for (auto it = memory->written().rbegin(); it != memory->written().rend(); ++it)
      if (it->rfind("+0", 0) == 0) return it->substr(10, 3);
    return "";
  }
  void start_charging(double amps) {
    eo->start();
    board.plug_in();
    eo->offer_current(amps);
    // Off the poll grid by 10 ms, so that every whole second advanced afterwards holds one poll
    // and its reply (the model answers when asked; the reply lands 5 ms later).
    advance(3010ms);
    ASSERT_EQ(eo->vehicle_state(), VehicleState::charging);
  }

  common::ManualTimers timers;
  common::ManualClock clock{timers, common::WallTime{} + std::chrono::hours(24 * 365 * 55)};
  BoardModel board;
  MemoryTransport* memory = nullptr;
  std::unique_ptr<EoBoard> eo;
  hal::testing::RecordingListener listener;
};

TEST_F(EoBoardTest, StartDiscoversAndPutsTheSafeLimitOnTheWireAtOnce) {
  eo->start();
  EXPECT_EQ(listener.size(), 0u);
  ASSERT_EQ(memory->written().size(), 1u);
  EXPECT_EQ(memory->written()[0], "+15C\r");
  advance(5ms);  // the address arrives; SET LIMIT 000 follows without waiting for a poll
  ASSERT_EQ(memory->written().size(), 2u);
  EXPECT_EQ(memory->written()[1], "+0000082EA0009B\r");
  advance(5ms);
  EXPECT_EQ(eo->address(), "000082EA");
  EXPECT_EQ(listener.states(), std::vector<VehicleState>{VehicleState::no_vehicle});
  EXPECT_EQ(listener.count(Kind::sample), 1u);
  const auto sample = eo->last_sample();
  ASSERT_TRUE(sample.has_value());
  EXPECT_NEAR(sample->voltage_v, 240, 0.5);
  EXPECT_EQ(sample->frequency_hz, 50);
  EXPECT_DOUBLE_EQ(sample->offered_a, 0);
}

TEST_F(EoBoardTest, PollsOncePerIntervalWithOneSampleEach) {
  eo->start();
  advance(1s);
  const auto sent = memory->written().size();
  const auto samples = listener.count(Kind::sample);
  advance(5s);
  EXPECT_EQ(memory->written().size() - sent, 5u);
  EXPECT_EQ(listener.count(Kind::sample) - samples, 5u);
}

TEST_F(EoBoardTest, ANewLimitGoesOutAtOnceNotAtTheNextPoll) {
  eo->start();
  board.plug_in();
  advance(1010ms);
  eo->offer_current(16);
  EXPECT_EQ(last_duty_written(), "10B");
  advance(20ms);
  EXPECT_EQ(eo->vehicle_state(), VehicleState::charging);
  eo->offer_current(10);
  EXPECT_EQ(last_duty_written(), "0A7");
  advance(20ms);
  const auto sample = eo->last_status();
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->duty_output_tenths, 0xA7);
  EXPECT_EQ(board.lower_case_requests(), 0u);
}

TEST_F(EoBoardTest, SampleCarriesCurrentPowerAndOffered) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.set_car_demand_a(13);
  advance(1s);
  const auto sample = eo->last_sample();
  ASSERT_TRUE(sample);
  EXPECT_DOUBLE_EQ(sample->offered_a, 16);
  EXPECT_DOUBLE_EQ(sample->current_a, 13);
  EXPECT_NEAR(sample->power_w, sample->voltage_v * 13, 1e-9);
  EXPECT_EQ(sample->phases_in_use, 1);
}

TEST_F(EoBoardTest, EnergyIsIntegratedFromVoltageTimesCurrent) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  const double before = eo->last_sample()->energy_wh;
  advance(3600s);
  const auto sample = eo->last_sample();
  ASSERT_TRUE(sample);
  EXPECT_NEAR(sample->energy_wh - before, sample->voltage_v * 16, 0.5);  // one hour at 16 A
}

TEST_F(EoBoardTest, EveryStateIdMapsAsTheTableSays) {
  eo->start();
  board.plug_in();
  eo->offer_current(16);
  advance(2010ms);
  const std::pair<int, VehicleState> table[] = {
      {5, VehicleState::no_vehicle},      {6, VehicleState::no_vehicle},
      {7, VehicleState::plug_present},    {8, VehicleState::plug_present},
      {9, VehicleState::connected},       {10, VehicleState::connected},
      {11, VehicleState::charging},       {12, VehicleState::charging},
      {13, VehicleState::ev_finished},    {14, VehicleState::ev_finished},
      {15, VehicleState::evse_suspended}, {16, VehicleState::evse_suspended},
      {18, VehicleState::evse_suspended}};
  for (const auto& [id, state] : table) {
    board.faults().state_id = id;
    advance(1s);
    EXPECT_EQ(eo->vehicle_state(), state) << "state id " << id;
  }
  EXPECT_TRUE(eo->active_faults().empty());
}

TEST_F(EoBoardTest, UnknownStateIdsKeepTheLastStateAndAreCounted) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  const auto states = listener.count(Kind::state);
  for (const int id : {17, 0x2A, 19, 0xFF}) {
    board.faults().state_id = id;
    advance(1s);
    EXPECT_EQ(eo->vehicle_state(), VehicleState::charging) << id;
  }
  EXPECT_EQ(listener.count(Kind::state), states);
  EXPECT_EQ(eo->counters().unknown_state_ids, 4u);
  EXPECT_TRUE(eo->link_up());
}

TEST_F(EoBoardTest, MainsFaultOffersZeroAndClears) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.faults().mains_fault = true;
  advance(1s);
  ASSERT_EQ(eo->active_faults().size(), 1u);
  EXPECT_EQ(eo->active_faults()[0].code, FaultCode::mains);
  EXPECT_EQ(last_duty_written(), "000");  // sent at once after the faulted reply
  EXPECT_EQ(eo->vehicle_state(), VehicleState::unknown);
  board.faults().mains_fault = false;
  advance(31s);  // past the resume hold-off
  EXPECT_TRUE(eo->active_faults().empty());
  EXPECT_EQ(last_duty_written(), "10B");
  EXPECT_EQ(eo->vehicle_state(), VehicleState::charging);
  EXPECT_EQ(listener.count(Kind::fault_raised), 1u);
  EXPECT_EQ(listener.count(Kind::fault_cleared), 1u);
}

TEST_F(EoBoardTest, LiveVoltageZeroIsAFaultNotACrash) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.faults().live_voltage_zero = true;
  advance(1s);
  ASSERT_EQ(eo->active_faults().size(), 1u);
  EXPECT_EQ(eo->active_faults()[0].detail, "no live voltage");
  ASSERT_TRUE(eo->last_sample());
  EXPECT_DOUBLE_EQ(eo->last_sample()->voltage_v, 0);
  EXPECT_DOUBLE_EQ(eo->last_sample()->power_w, 0);
}

TEST_F(EoBoardTest, PauseIsImmediateButResumingWaitsOutTheHoldOff) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  eo->offer_current(0);
  EXPECT_EQ(last_duty_written(), "000");  // at once: a request to stop is never delayed
  advance(2s);
  eo->offer_current(16);
  EXPECT_EQ(last_duty_written(), "000");
  EXPECT_DOUBLE_EQ(eo->requested_current_a(), 16);
  advance(25s);
  EXPECT_EQ(last_duty_written(), "000");
  EXPECT_GE(eo->counters().resumes_delayed, 1u);
  advance(3s);  // 30 s after the pause began
  EXPECT_EQ(last_duty_written(), "10B");
  advance(10ms);
  EXPECT_EQ(eo->vehicle_state(), VehicleState::charging);
  // Lowering (non-zero to non-zero) is not a toggle: immediate.
  eo->offer_current(10);
  EXPECT_EQ(last_duty_written(), "0A7");
}

TEST_F(EoBoardTest, BoardMaximumClampsTheDuty) {
  board = BoardModel(BoardModelConfig{"000082EA", 0x15, 0x7, 16, 240, 50, 0.776, 0, {}, 32});
  ASSERT_NO_FATAL_FAILURE(start_charging(32));
  advance(2s);
  EXPECT_EQ(last_duty_written(), "10B");
  EXPECT_DOUBLE_EQ(eo->requested_current_a(), 32);
}

TEST_F(EoBoardTest, LinkLossAfterThreeMissesThenReopenAndRestore) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.faults().silent = true;
  advance(2s);  // one miss so far (each poll times out 250 ms after it is sent)
  EXPECT_TRUE(eo->link_up());
  advance(1250ms);
  EXPECT_FALSE(eo->link_up());
  ASSERT_EQ(listener.count(Kind::link_lost), 1u);
  EXPECT_NE(listener.events().back().reason.find("cable"), std::string::npos);
  EXPECT_EQ(eo->vehicle_state(), VehicleState::unknown);
  EXPECT_FALSE(eo->last_sample());
  const auto lost_at = listener.size();
  advance(10s);
  EXPECT_EQ(listener.size(), lost_at);  // nothing served as fresh
  EXPECT_GE(memory->open_count(), 2);   // reopened after 6 misses
  EXPECT_GE(eo->counters().reopens, 1u);
  eo->offer_current(20);
  board.faults().silent = false;
  advance(2s);
  EXPECT_TRUE(eo->link_up());
  EXPECT_EQ(listener.count(Kind::link_restored), 1u);
  EXPECT_EQ(last_duty_written(), "14D");
  EXPECT_EQ(eo->vehicle_state(), VehicleState::charging);
  EXPECT_EQ(listener.count(Kind::link_lost), 1u);
}

TEST_F(EoBoardTest, MalformedRepliesAreMissesAndCounted) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.faults().truncate = true;
  advance(2s);
  EXPECT_GE(eo->counters().malformed_replies, 2u);
  EXPECT_TRUE(eo->link_up());
  board.faults().truncate = false;
  board.faults().garbage_before = true;
  board.faults().crlf = true;
  const auto misses = eo->counters().missed_replies;
  advance(3s);
  EXPECT_EQ(eo->counters().missed_replies, misses);
  EXPECT_GT(eo->framer_counters().noise_bytes, 0u);
  EXPECT_TRUE(eo->link_up());
}

TEST_F(EoBoardTest, WrongChecksumsAreCountedAndAcceptedByDefault) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.faults().bad_checksum = true;
  advance(5s);
  EXPECT_GE(eo->counters().checksum_mismatches, 5u);
  EXPECT_TRUE(eo->link_up());
}

class StrictEoBoardTest : public EoBoardTest {
 protected:
  static EoBoardSettings strict() {
    EoBoardSettings settings;
    settings.strict_checksum = true;
    return settings;
  }
  StrictEoBoardTest() : EoBoardTest(strict()) {}
};

TEST_F(StrictEoBoardTest, WrongChecksumsAreRefusedInStrictMode) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  board.faults().bad_checksum = true;
  advance(4s);
  EXPECT_FALSE(eo->link_up());
  EXPECT_GE(eo->counters().checksum_mismatches, 3u);
}

TEST_F(EoBoardTest, AnUnopenableDeviceIsALostLinkUntilItOpens) {
  memory->fail_next_open(std::make_error_code(std::errc::no_such_file_or_directory));
  eo->start();
  advance(3s);
  EXPECT_GE(eo->counters().transport_errors, 1u);
  advance(2s);
  EXPECT_TRUE(eo->link_up());
  EXPECT_EQ(eo->vehicle_state(), VehicleState::no_vehicle);
}

TEST_F(EoBoardTest, ATransportErrorIsAMissAndTheLinkRecovers) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  memory->inject_error(std::make_error_code(std::errc::io_error));
  advance(10s);
  EXPECT_GE(eo->counters().transport_errors, 1u);
  EXPECT_TRUE(eo->link_up());
}

TEST_F(EoBoardTest, StopLeavesTheBoardAtZero) {
  ASSERT_NO_FATAL_FAILURE(start_charging(16));
  eo->stop();
  EXPECT_EQ(last_duty_written(), "000");
  const auto events = listener.size();
  advance(5s);
  EXPECT_EQ(listener.size(), events);
}

TEST(EoBoardSettingsTest, ValidateNamesTheBadField) {
  EoBoardSettings settings;
  EXPECT_NO_THROW(validate(settings));
  settings.reply_timeout = 2s;
  EXPECT_THROW(validate(settings), std::invalid_argument);
  settings = {};
  settings.max_current_a = 40;
  EXPECT_THROW(validate(settings), std::invalid_argument);
}

}  // namespace
}  // namespace hal::eo
