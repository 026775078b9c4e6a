// The hardware contract run against the simulator, in three configurations that differ where the
// contract leaves implementations room: phases, limits, tick, plug-present step, connector lock,
// link-loss fallback and how a fault arises (injected, or detected from the supply voltage).
#include <chrono>

#include "charger_contract.hpp"
#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "hal/sim/simulated_charger.hpp"

namespace {

using namespace std::chrono_literals;

// A single-phase 32 A EO Mini Pro 2 as the product ships it; faults are injected.
struct DefaultBox {
  static hal::sim::SimConfig config() { return {}; }
  static hal::FaultCode inject(hal::sim::SimulatedCharger& sim) {
    sim.inject_fault(hal::FaultCode::ground_failure, "contract test");
    return hal::FaultCode::ground_failure;
  }
  static void clear(hal::sim::SimulatedCharger& sim) {
    sim.clear_fault(hal::FaultCode::ground_failure);
  }
};

// A three-phase 16 A box without CTs, with a lock, polled twice a second, whose board falls back to
// its own limit when the link drops; the fault is a supply the box sees collapse.
struct ThreePhaseBox {
  static hal::sim::SimConfig config() {
    hal::sim::SimConfig config;
    config.box_max_current_a = 16;
    config.box_phases = 3;
    config.car_phases = 3;
    config.ct_site_present = false;
    config.ct_vehicle_present = false;
    config.ct_solar_present = false;
    config.has_connector_lock = true;
    config.tick_interval = 500ms;
    config.plug_present_step = false;
    config.link_loss_fallback_current_a = 16;
    config.mains_voltage_v = 230;
    return config;
  }
  static hal::FaultCode inject(hal::sim::SimulatedCharger& sim) {
    (void)sim.set_mains_voltage_v(0);
    return hal::FaultCode::mains;
  }
  static void clear(hal::sim::SimulatedCharger& sim) { (void)sim.set_mains_voltage_v(230); }
};

// A slow poll and a fault that is an over-voltage rather than a missing supply.
struct SlowPollBox {
  static hal::sim::SimConfig config() {
    hal::sim::SimConfig config;
    config.tick_interval = 5000ms;  // the previous EO software polled every 5–6 s
    config.box_min_current_a = 8;
    return config;
  }
  static hal::FaultCode inject(hal::sim::SimulatedCharger& sim) {
    (void)sim.set_mains_voltage_v(262);
    return hal::FaultCode::over_voltage;
  }
  static void clear(hal::sim::SimulatedCharger& sim) { (void)sim.set_mains_voltage_v(240); }
};

template <typename Box>
class SimHarness {
 public:
  SimHarness() : sim_(timers_, clock_, Box::config()) {}

  hal::Charger& charger() { return sim_; }
  std::chrono::milliseconds tick() const { return sim_.config().tick_interval; }
  void advance(std::chrono::milliseconds duration) { timers_.advance(duration); }
  void plug_in_vehicle() { sim_.plug_in(); }
  void unplug_vehicle() { sim_.unplug(); }
  hal::FaultCode inject_fault() { return Box::inject(sim_); }
  void clear_fault() { Box::clear(sim_); }
  void cut_link() { sim_.set_link_up(false); }
  void restore_link() { sim_.set_link_up(true); }

 private:
  common::ManualTimers timers_;
  common::ManualClock clock_{timers_, common::WallTime{} + std::chrono::hours(24 * 365 * 55)};
  hal::sim::SimulatedCharger sim_;
};

}  // namespace

namespace hal::testing {

using SimHarnesses =
    ::testing::Types<SimHarness<DefaultBox>, SimHarness<ThreePhaseBox>, SimHarness<SlowPollBox>>;
INSTANTIATE_TYPED_TEST_SUITE_P(Simulator, ChargerContract, SimHarnesses);

}  // namespace hal::testing
