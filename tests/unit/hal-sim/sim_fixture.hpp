#pragma once
// Shared set-up for the simulator's tests: a SimulatedCharger on manual timers and a clock the test
// can also step (NTP corrections, an RTC set by hand), and a listener that records every event.
#include <chrono>
#include <memory>

#include <gtest/gtest.h>

#include "../../contract/recording_listener.hpp"
#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "hal/sim/simulated_charger.hpp"

namespace hal::sim::testing {

using namespace std::chrono_literals;
using hal::testing::RecordedEvent;
using hal::testing::RecordingListener;
using EventKind = RecordedEvent::Kind;

// Moves with the timers, plus a step the test sets.
class SteppableClock final : public common::Clock {
 public:
  explicit SteppableClock(const common::ManualTimers& timers) : timers_(timers) {}
  common::WallTime now() const override { return start_ + timers_.now() + step_; }
  void step(std::chrono::seconds by) { step_ += by; }

 private:
  const common::ManualTimers& timers_;
  common::WallTime start_ = common::WallTime{} + std::chrono::hours(24 * 365 * 55);
  std::chrono::seconds step_{0};
};

class SimTest : public ::testing::Test {
 protected:
  // A box with the car already plugged in and seen, so energy sums start at t = 0.
  static SimConfig plugged_config() {
    SimConfig config;
    config.car_plugged_at_start = true;
    return config;
  }
  void make(const SimConfig& config = {}) {
    sim = std::make_unique<SimulatedCharger>(timers, clock, config);
    sim->set_listener(&listener);
  }
  void settle() { timers.advance(0ms); }  // runs the 0 ms deliveries, moves no time
  void tick(int count = 1) { timers.advance(sim->config().tick_interval * count); }
  // Started with the car plugged in and charging at `current_a`, events so far cleared.
  void charging_at(double current_a, SimConfig config = plugged_config()) {
    make(config);
    sim->start();
    sim->offer_current(current_a);
    settle();
    ASSERT_EQ(sim->vehicle_state(), VehicleState::charging);
    listener.clear();
  }

  common::ManualTimers timers;
  SteppableClock clock{timers};
  RecordingListener listener;
  std::unique_ptr<SimulatedCharger> sim;
};

}  // namespace hal::sim::testing
