// The simulator's physics: power, the energy register, the battery, the supply, CTs, temperature
// and the time step when the clock misbehaves. Expected values are worked out from SimConfig.
#include <cmath>
#include <stdexcept>

#include "sim_fixture.hpp"

namespace hal::sim::testing {
namespace {

// Defaults: 240 V behind 0.05 Ω, so 16 A gives 239.2 V and 3827.2 W on one phase.
constexpr double v_at_16a = 240.0 - 0.05 * 16;
constexpr double w_at_16a = v_at_16a * 16;

TEST_F(SimTest, PowerIsVoltageTimesCurrentTimesPhases) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  tick();
  const auto sample = listener.last_sample().value();
  EXPECT_DOUBLE_EQ(sample.current_a, 16);
  EXPECT_DOUBLE_EQ(sample.offered_a, 16);
  EXPECT_DOUBLE_EQ(sample.voltage_v, v_at_16a);
  EXPECT_DOUBLE_EQ(sample.power_w, w_at_16a);
  EXPECT_EQ(sample.phases_in_use, 1);
  EXPECT_EQ(sample.frequency_hz, 50.0);
}

TEST_F(SimTest, ThreePhaseCarOnThreePhaseBoxDrawsOnAllThree) {
  auto config = plugged_config();
  config.box_phases = 3;
  config.car_phases = 3;
  ASSERT_NO_FATAL_FAILURE(charging_at(16, config));
  tick();
  EXPECT_EQ(listener.last_sample()->phases_in_use, 3);
  EXPECT_DOUBLE_EQ(listener.last_sample()->power_w, 3 * w_at_16a);
  // A single-phase car on the same box uses one phase.
  EXPECT_FALSE(sim->set_car_phases(1));
  tick();
  EXPECT_EQ(listener.last_sample()->phases_in_use, 1);
  EXPECT_DOUBLE_EQ(listener.last_sample()->power_w, w_at_16a);
}

TEST_F(SimTest, ThreePhaseCarOnSinglePhaseBoxUsesOnePhase) {
  auto config = plugged_config();
  config.car_phases = 3;
  ASSERT_NO_FATAL_FAILURE(charging_at(16, config));
  tick();
  EXPECT_EQ(listener.last_sample()->phases_in_use, 1);
}

TEST_F(SimTest, CarDrawsNoMoreThanItsOwnMaximum) {
  auto config = plugged_config();
  config.car_max_current_a = 10;
  ASSERT_NO_FATAL_FAILURE(charging_at(16, config));
  tick();
  EXPECT_DOUBLE_EQ(listener.last_sample()->offered_a, 16);
  EXPECT_DOUBLE_EQ(listener.last_sample()->current_a, 10);
  EXPECT_FALSE(sim->set_car_max_current_a(32));
  tick();
  EXPECT_DOUBLE_EQ(listener.last_sample()->current_a, 16);
}

TEST_F(SimTest, EnergyRegisterIntegratesPowerOverTime) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  tick(3600);
  EXPECT_NEAR(listener.last_sample()->energy_wh, w_at_16a, 1e-6);
  // State of charge: 40 % of 60 kWh plus 90 % of what was metered.
  EXPECT_NEAR(*listener.last_sample()->soc_percent, 40 + w_at_16a * 0.9 / 60'000 * 100, 1e-9);
  EXPECT_EQ(listener.count(EventKind::sample), 3600u);
}

TEST_F(SimTest, ChangesBetweenTicksAreIntegratedAtTheRateInForceAtTheTime) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  timers.advance(500ms);
  sim->offer_current(0);  // half a second at 16 A, half a second at nothing
  timers.advance(500ms);
  EXPECT_NEAR(listener.last_sample()->energy_wh, w_at_16a * 0.5 / 3600, 1e-9);
}

TEST_F(SimTest, CarStopsAtItsTargetAndReportsEvFinished) {
  auto config = plugged_config();
  config.initial_soc_percent = 99;
  ASSERT_NO_FATAL_FAILURE(charging_at(16, config));
  // 1 % of 60 kWh at 90 % efficiency is 666.7 Wh metered: 627 s at 3827.2 W.
  const double needed_wh = 600.0 / 0.9;
  tick(620);
  EXPECT_EQ(sim->vehicle_state(), VehicleState::charging);
  tick(10);
  EXPECT_EQ(sim->vehicle_state(), VehicleState::ev_finished);
  EXPECT_EQ(listener.states(), std::vector{VehicleState::ev_finished});
  const auto sample = listener.last_sample().value();
  EXPECT_NEAR(sample.energy_wh, needed_wh, 1e-6);  // not a watt-hour more than the battery took
  EXPECT_DOUBLE_EQ(*sample.soc_percent, 100);
  EXPECT_DOUBLE_EQ(sample.current_a, 0);
  EXPECT_DOUBLE_EQ(sample.offered_a, 16);
  tick(100);
  EXPECT_NEAR(listener.last_sample()->energy_wh, needed_wh, 1e-6);
  // Lowering the state of charge (a drive, in scenario terms) makes it charge again.
  EXPECT_FALSE(sim->set_battery(60, 50));
  settle();
  EXPECT_EQ(sim->vehicle_state(), VehicleState::charging);
}

TEST_F(SimTest, TargetSocBelowTheCurrentOneFinishesAtOnce) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  EXPECT_FALSE(sim->set_target_soc_percent(30));
  settle();
  EXPECT_EQ(sim->vehicle_state(), VehicleState::ev_finished);
  EXPECT_DOUBLE_EQ(sim->snapshot().soc_percent, 40);
}

TEST_F(SimTest, SiteCtSeesHouseAndCarMinusSolarWithoutSign) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  tick();
  auto ct = listener.last_sample()->ct;
  EXPECT_NEAR(*ct.site_a, (400 + w_at_16a) / v_at_16a, 1e-9);
  EXPECT_DOUBLE_EQ(*ct.vehicle_a, 16);
  EXPECT_DOUBLE_EQ(*ct.solar_a, 0);

  sim->offer_current(0);
  EXPECT_FALSE(sim->set_solar_w(5000));
  EXPECT_FALSE(sim->set_household_load_w(200));
  tick();
  ct = listener.last_sample()->ct;
  EXPECT_NEAR(*ct.site_a, 4800.0 / 240, 1e-9);  // exporting 4.8 kW reads as 20 A, like a real CT
  EXPECT_DOUBLE_EQ(*ct.vehicle_a, 0);
  EXPECT_NEAR(*ct.solar_a, 5000.0 / 240, 1e-9);
}

TEST_F(SimTest, MissingCtChannelsAreNullopt) {
  auto config = plugged_config();
  config.ct_site_present = false;
  config.ct_solar_present = false;
  ASSERT_NO_FATAL_FAILURE(charging_at(16, config));
  tick();
  const auto ct = listener.last_sample()->ct;
  EXPECT_FALSE(ct.site_a.has_value());
  EXPECT_TRUE(ct.vehicle_a.has_value());
  EXPECT_FALSE(ct.solar_a.has_value());
  EXPECT_FALSE(sim->capabilities().ct.site);
  EXPECT_TRUE(sim->capabilities().ct.vehicle);
}

TEST_F(SimTest, TemperatureRisesWhileChargingAndNotWhenIdle) {
  make(plugged_config());
  sim->start();
  tick(600);
  EXPECT_DOUBLE_EQ(*listener.last_sample()->temperature_c, 20);
  sim->offer_current(32);
  tick(600);
  const double warm = *listener.last_sample()->temperature_c;
  // First-order towards 20 + 0.012 · 32² = 32.288 °C with τ = 300 s: 1 − e⁻² of the way.
  EXPECT_NEAR(warm, 20 + 12.288 * (1 - std::exp(-2.0)), 1e-6);
  sim->offer_current(0);
  tick(600);
  EXPECT_LT(*listener.last_sample()->temperature_c, warm);
}

TEST_F(SimTest, ClockSteppingBackAddsNoEnergy) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  tick();
  const double before = listener.last_sample()->energy_wh;
  clock.step(-3600s);
  tick();
  EXPECT_DOUBLE_EQ(listener.last_sample()->energy_wh, before);
  tick();  // and the tick after counts normally again
  EXPECT_NEAR(listener.last_sample()->energy_wh, before + w_at_16a / 3600, 1e-9);
}

TEST_F(SimTest, ClockLeapingForwardCountsOneTick) {
  ASSERT_NO_FATAL_FAILURE(charging_at(16));
  tick();
  const double before = listener.last_sample()->energy_wh;
  clock.step(3600s);
  tick();
  EXPECT_NEAR(listener.last_sample()->energy_wh, before + w_at_16a / 3600, 1e-9);
}

TEST_F(SimTest, ConfigurationOutOfRangeIsRefusedAtConstruction) {
  SimConfig config;
  config.box_phases = 2;
  try {
    make(config);
    FAIL() << "accepted 2 phases";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "simulator: box_phases: box phases must be 1 or 3, got 2");
  }
  config = SimConfig{};
  config.box_max_current_a = 4;
  EXPECT_THROW(make(config), std::invalid_argument);
  config = SimConfig{};
  config.initial_soc_percent = std::nan("");
  EXPECT_THROW(make(config), std::invalid_argument);
}

TEST_F(SimTest, ScenarioValuesOutOfRangeAreRefusedAndChangeNothing) {
  make();
  EXPECT_EQ(sim->set_car_max_current_a(400), "car max current must be from 1 to 80 A, got 400");
  EXPECT_EQ(sim->set_household_load_w(-5), "household load must be from 0 to 50000 W, got -5");
  EXPECT_EQ(sim->set_battery(60, 120), "state of charge must be from 0 to 100 %, got 120");
  EXPECT_EQ(sim->set_car_phases(2), "car phases must be 1 or 3, got 2");
  EXPECT_EQ(sim->set_mains_frequency_hz(std::nan("")),
            "mains frequency must be from 40 to 70 Hz, got nan");
  const auto snap = sim->snapshot();
  EXPECT_DOUBLE_EQ(snap.car_max_current_a, 32);
  EXPECT_DOUBLE_EQ(snap.household_load_w, 400);
  EXPECT_DOUBLE_EQ(snap.soc_percent, 40);
  EXPECT_EQ(snap.car_phases, 1);
}

}  // namespace
}  // namespace hal::sim::testing
