// The simulator's states, faults and link: which events come, in what order, and when.
#include "sim_fixture.hpp"

namespace hal::sim::testing {
namespace {

using VS = VehicleState;

// Metered energy of one 1 s tick at `current_a` on the default 240 V / 0.05 Ω supply.
double w_per_tick_at(double current_a) {
  return (240.0 - 0.05 * current_a) * current_a / 3600;
}

TEST_F(SimTest, PlugInShowsPlugPresentForOneTickThenConnected) {
  make();
  sim->start();
  settle();
  listener.clear();
  sim->plug_in();
  EXPECT_EQ(listener.size(), 0u);  // never from inside the call
  settle();
  EXPECT_EQ(listener.states(), std::vector{VS::plug_present});
  EXPECT_EQ(listener.count(EventKind::sample), 0u);  // samples belong to ticks
  tick();
  EXPECT_EQ(listener.states(), (std::vector{VS::plug_present, VS::connected}));
  EXPECT_TRUE(listener.last_sample()->soc_percent.has_value());  // a seen car reports it
  sim->plug_in();                                                // already plugged: nothing new
  tick();
  EXPECT_EQ(listener.count(EventKind::state), 2u);
}

TEST_F(SimTest, WithoutThePlugPresentStepTheVehicleIsSeenAtOnce) {
  SimConfig config;
  config.plug_present_step = false;
  make(config);
  sim->start();
  settle();
  sim->plug_in();
  settle();
  EXPECT_EQ(listener.states(), (std::vector{VS::no_vehicle, VS::connected}));
}

TEST_F(SimTest, OfferPauseAndUnplugWalkTheStates) {
  make();
  sim->start();
  settle();
  sim->plug_in();
  tick();
  sim->offer_current(16);
  settle();
  sim->offer_current(0);
  settle();
  sim->offer_current(10);
  settle();
  sim->unplug();
  settle();
  EXPECT_EQ(listener.states(),
            (std::vector{VS::no_vehicle, VS::plug_present, VS::connected, VS::charging,
                         VS::evse_suspended, VS::charging, VS::no_vehicle}));
  tick();
  EXPECT_FALSE(listener.last_sample()->soc_percent.has_value());  // no car, no state of charge
}

TEST_F(SimTest, StandingOfferChargesAsSoonAsTheVehicleIsSeen) {
  make();
  sim->start();
  sim->offer_current(16);
  settle();
  sim->plug_in();
  tick();
  EXPECT_EQ(listener.states(), (std::vector{VS::no_vehicle, VS::plug_present, VS::charging}));
}

TEST_F(SimTest, DisabledBoxOffersNothingAndRemembersTheOffer) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  sim->set_enabled(false);
  settle();
  EXPECT_EQ(listener.states(), std::vector{VS::evse_suspended});
  EXPECT_DOUBLE_EQ(sim->requested_current_a(), 16);
  EXPECT_DOUBLE_EQ(sim->snapshot().offered_a, 0);
  sim->set_enabled(true);
  settle();
  EXPECT_EQ(sim->vehicle_state(), VS::charging);
  EXPECT_DOUBLE_EQ(sim->snapshot().current_a, 16);
}

TEST_F(SimTest, MissingSupplyRaisesAMainsFaultUntilItReturns) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  EXPECT_FALSE(sim->set_mains_voltage_v(0));
  settle();
  ASSERT_EQ(listener.count(EventKind::fault_raised), 1u);
  EXPECT_EQ(listener.events()[0].kind, EventKind::fault_raised);  // the fault before the new state
  EXPECT_EQ(listener.events()[0].fault.code, FaultCode::mains);
  EXPECT_EQ(listener.events()[0].fault.detail, "no supply: 0.0 V");
  EXPECT_EQ(sim->vehicle_state(), VS::evse_suspended);
  tick();
  EXPECT_DOUBLE_EQ(listener.last_sample()->offered_a, 0);
  EXPECT_DOUBLE_EQ(listener.last_sample()->power_w, 0);
  EXPECT_DOUBLE_EQ(*listener.last_sample()->ct.site_a, 0);  // nothing flows without a supply
  EXPECT_FALSE(sim->set_mains_voltage_v(240));
  settle();
  EXPECT_EQ(listener.count(EventKind::fault_cleared), 1u);
  EXPECT_EQ(sim->vehicle_state(), VS::charging);
  EXPECT_TRUE(sim->active_faults().empty());
}

TEST_F(SimTest, SupplyOutOfToleranceRaisesUnderAndOverVoltage) {
  make();
  sim->start();
  EXPECT_FALSE(sim->set_mains_voltage_v(200));
  settle();
  ASSERT_EQ(sim->active_faults().size(), 1u);
  EXPECT_EQ(sim->active_faults()[0].code, FaultCode::under_voltage);
  EXPECT_FALSE(sim->set_mains_voltage_v(260));
  settle();
  ASSERT_EQ(sim->active_faults().size(), 1u);
  EXPECT_EQ(sim->active_faults()[0].code, FaultCode::over_voltage);
  EXPECT_FALSE(sim->set_mains_frequency_hz(47));
  settle();
  EXPECT_EQ(sim->active_faults().size(), 2u);  // over-voltage and mains (frequency)
  EXPECT_FALSE(sim->set_mains_frequency_hz(49.9));
  EXPECT_FALSE(sim->set_mains_voltage_v(230));
  settle();
  EXPECT_TRUE(sim->active_faults().empty());
  EXPECT_EQ(listener.count(EventKind::fault_raised), 3u);
  EXPECT_EQ(listener.count(EventKind::fault_cleared), 3u);
}

TEST_F(SimTest, InjectedFaultHoldsUntilClearedEvenIfTheSupplyAlsoFailed) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  sim->inject_fault(FaultCode::mains, "test");
  EXPECT_FALSE(sim->set_mains_voltage_v(0));
  settle();
  EXPECT_EQ(listener.count(EventKind::fault_raised), 1u);
  EXPECT_EQ(sim->active_faults()[0].detail, "test");
  sim->clear_fault(FaultCode::mains);
  settle();
  EXPECT_EQ(listener.count(EventKind::fault_cleared), 0u);  // the supply is still missing
  EXPECT_FALSE(sim->set_mains_voltage_v(240));
  settle();
  EXPECT_EQ(listener.count(EventKind::fault_cleared), 1u);
  sim->inject_fault(FaultCode::ground_failure);
  sim->inject_fault(FaultCode::ground_failure);  // repeated: still one event
  tick();
  EXPECT_EQ(listener.count(EventKind::fault_raised), 2u);
  EXPECT_DOUBLE_EQ(listener.last_sample()->offered_a, 0);
}

TEST_F(SimTest, LinkLossKeepsTheCarChargingAtTheLastOfferAndAppliesCommandsOnRestore) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  sim->set_link_up(false);
  EXPECT_EQ(listener.size(), 0u);
  EXPECT_TRUE(sim->link_up());  // the Pi notices from the loop, not inside the call
  tick(10);
  EXPECT_EQ(listener.count(EventKind::link_lost), 1u);
  EXPECT_EQ(listener.events()[0].reason, "simulated link loss");
  EXPECT_EQ(listener.size(), 1u);
  sim->offer_current(8);
  sim->inject_fault(FaultCode::internal);
  sim->clear_fault(FaultCode::internal);
  tick(10);
  EXPECT_EQ(listener.size(), 1u);
  EXPECT_DOUBLE_EQ(sim->snapshot().current_a, 16);  // the board never heard about the 8 A
  EXPECT_DOUBLE_EQ(sim->requested_current_a(), 8);
  const double energy_during_loss_wh = sim->snapshot().energy_wh;
  EXPECT_NEAR(energy_during_loss_wh, 20 * w_per_tick_at(16), 1e-9);

  sim->set_link_up(true);
  settle();
  ASSERT_EQ(listener.size(), 4u);
  EXPECT_EQ(listener.events()[1].kind, EventKind::link_restored);
  EXPECT_EQ(listener.events()[2].kind, EventKind::state);
  EXPECT_EQ(listener.events()[2].state, VS::charging);  // reported afresh although unchanged
  EXPECT_EQ(listener.events()[3].kind, EventKind::sample);
  EXPECT_DOUBLE_EQ(listener.events()[3].sample.offered_a, 8);
  EXPECT_DOUBLE_EQ(listener.events()[3].sample.energy_wh, energy_during_loss_wh);
  tick();
  EXPECT_EQ(listener.count(EventKind::sample), 2u);  // then one per tick as before
}

TEST_F(SimTest, FaultsRaisedDuringLinkLossAreReportedAfterTheRestore) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  sim->set_link_up(false);
  settle();
  sim->inject_fault(FaultCode::high_temperature, "hot");
  tick();
  EXPECT_DOUBLE_EQ(sim->snapshot().current_a, 0);  // the board stops by itself
  EXPECT_EQ(listener.count(EventKind::fault_raised), 0u);
  sim->set_link_up(true);
  settle();
  const auto restored = listener.find(EventKind::link_restored);
  EXPECT_LT(restored, listener.find(EventKind::fault_raised));
  EXPECT_EQ(sim->active_faults().size(), 1u);
}

TEST_F(SimTest, LinkLossFallbackMakesTheBoardOfferItsOwnLimit) {
  auto config = plugged_config();
  config.link_loss_fallback_current_a = 32;
  ASSERT_NO_FATAL_FAILURE(charging_at(10, config));
  sim->set_link_up(false);
  settle();
  EXPECT_DOUBLE_EQ(sim->snapshot().board_limit_a, 32);
  EXPECT_DOUBLE_EQ(sim->snapshot().current_a, 32);
  sim->set_link_up(true);
  settle();
  EXPECT_DOUBLE_EQ(sim->snapshot().current_a, 10);
}

TEST_F(SimTest, StartingWithTheLinkDownReportsOnlyTheLoss) {
  make(plugged_config());
  sim->set_link_up(false);
  sim->start();
  tick(3);
  EXPECT_EQ(listener.size(), 1u);
  EXPECT_EQ(listener.events()[0].kind, EventKind::link_lost);
  EXPECT_FALSE(sim->link_up());
  EXPECT_EQ(sim->vehicle_state(), VS::unknown);
}

TEST_F(SimTest, StopLeavesTheBoxOfferingNothingAndSilent) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  sim->stop();
  EXPECT_DOUBLE_EQ(sim->snapshot().board_limit_a, 0);
  EXPECT_DOUBLE_EQ(sim->snapshot().current_a, 0);
  EXPECT_FALSE(sim->link_up());
  EXPECT_FALSE(sim->last_sample().has_value());
  tick(5);
  EXPECT_EQ(listener.size(), 0u);
  EXPECT_EQ(timers.armed_count(), 0u);
}

// Stops the charger from inside the first state event.
class StoppingListener final : public RecordingListener {
 public:
  SimulatedCharger* sim = nullptr;
  void on_vehicle_state(VehicleState state) override {
    RecordingListener::on_vehicle_state(state);
    sim->stop();
  }
};

TEST_F(SimTest, ListenerMayStopTheChargerFromInsideAnEvent) {
  make();
  StoppingListener stopping;
  stopping.sim = sim.get();
  sim->set_listener(&stopping);
  sim->start();
  tick(3);
  EXPECT_EQ(stopping.size(), 1u);  // the sample of the same publish is not delivered
}

TEST_F(SimTest, UnlockIsNotSupportedWithoutALock) {
  make();
  EXPECT_EQ(sim->unlock_connector(), UnlockResult::not_supported);
  SimConfig config;
  config.has_connector_lock = true;
  make(config);
  EXPECT_EQ(sim->unlock_connector(), UnlockResult::unlocked);
}

}  // namespace
}  // namespace hal::sim::testing
