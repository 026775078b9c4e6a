#pragma once
// The simulated EO box: the product's default hardware and every test's. It implements the HAL
// contract (hal/charger.hpp) over a deterministic model of the box, its supply, the house's CT
// clamps and a car, and adds a scenario API that tests and the control socket use to play the
// world.
//
// Timing: one tick per SimConfig::tick_interval integrates the physics and emits one meter sample
// (while the link is up). Commands and scenario calls change the model at once, but their events
// (state, faults, link) are delivered by a 0 ms timer, never from inside the call. The time step is
// measured on the Clock between ticks; a clock that steps back counts as no time and one that leaps
// forward by more than two ticks counts as one tick, so an NTP step never invents or erases energy.
//
// Link loss (set_link_up(false)): on_link_lost once, then no samples; vehicle_state() is unknown
// and last_sample() nullopt. The simulated board keeps applying the last limit it received (or
// SimConfig::link_loss_fallback_current_a) and the car goes on charging; commands are remembered
// and applied when the link is restored, which reports on_link_restored, a fresh state and a
// sample.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "hal/charger.hpp"
#include "hal/sim/sim_config.hpp"

namespace hal::sim {

class SimModel;

// nullopt when a scenario value was applied; otherwise why it was refused (nothing changed), e.g.
// "car max current must be from 1 to 80 A, got 400".
using Rejection = std::optional<std::string>;

// Everything the simulator knows, link or no link: for `status` and for tests.
struct SimSnapshot {
  bool running = false;
  bool link_up = true;
  bool enabled = true;
  bool plugged = false;
  VehicleState state = VehicleState::no_vehicle;  // the physical state, not the last reported one
  double requested_current_a = 0;
  double board_limit_a = 0;  // what the board applies (differs from the request when disabled or
                             // while the link is down)
  double offered_a = 0;      // what the pilot offers (0 under a fault)
  double current_a = 0;
  int phases_in_use = 1;
  double voltage_v = 0;
  double frequency_hz = 0;
  double power_w = 0;
  double energy_wh = 0;
  double temperature_c = 0;
  double soc_percent = 0;
  double target_soc_percent = 0;
  double battery_capacity_kwh = 0;
  double car_max_current_a = 0;
  int car_phases = 1;
  double household_load_w = 0;
  double solar_w = 0;
  CtReadings ct;
  std::vector<Fault> faults;
};

class SimulatedCharger final : public Charger {
 public:
  // Throws std::invalid_argument when `config` is out of range (see validate()).
  SimulatedCharger(common::TimerFactory& timers, const common::Clock& clock, SimConfig config = {});
  ~SimulatedCharger() override;
  SimulatedCharger(const SimulatedCharger&) = delete;
  SimulatedCharger& operator=(const SimulatedCharger&) = delete;

  // hal::Charger
  const Capabilities& capabilities() const override { return capabilities_; }
  void set_listener(ChargerEvents* listener) override { listener_ = listener; }
  void start() override;
  void stop() override;
  void offer_current(double current_a) override;
  void set_enabled(bool enabled) override;
  UnlockResult unlock_connector() override;
  bool link_up() const override;
  VehicleState vehicle_state() const override;
  std::optional<MeterSample> last_sample() const override;
  std::vector<Fault> active_faults() const override { return reported_faults_; }
  double requested_current_a() const override { return requested_a_; }

  // The scenario. Setters refuse values out of range and then change nothing.
  void plug_in();
  void unplug();
  Rejection set_car_max_current_a(double current_a);
  Rejection set_car_phases(int phases);
  Rejection set_battery(double capacity_kwh, double soc_percent);
  Rejection set_target_soc_percent(double soc_percent);
  Rejection set_household_load_w(double load_w);
  Rejection set_solar_w(double solar_w);
  // Below 100 V the box raises a mains fault; outside 207–253 V under/over-voltage (cleared when
  // the value returns), outside 47.5–52 Hz a mains fault.
  Rejection set_mains_voltage_v(double voltage_v);
  Rejection set_mains_frequency_hz(double frequency_hz);
  // Any active fault makes the box offer 0 until it clears.
  void inject_fault(FaultCode code, std::string detail = "simulated");
  void clear_fault(FaultCode code);
  void set_link_up(bool up);
  SimSnapshot snapshot() const;
  const SimConfig& config() const { return config_; }

 private:
  struct Event;
  void on_tick();
  void integrate_to_now();
  void apply_board_limit();
  double fallback_limit_a() const;
  // Everything that changes the model goes through here: integrate up to now at the old draw,
  // change, let the car react, and have the events delivered from the loop.
  template <typename Change>
  void change(Change&& change_model);
  void schedule_publish(bool with_sample);
  void publish(bool with_sample);
  void deliver(const std::vector<Event>& events);

  SimConfig config_;
  Capabilities capabilities_;
  const common::Clock& clock_;
  std::unique_ptr<SimModel> model_;
  std::unique_ptr<common::Timer> tick_timer_;
  std::unique_ptr<common::Timer> publish_timer_;
  ChargerEvents* listener_ = nullptr;

  bool running_ = false;
  bool link_up_ = true;  // the simulated wire
  bool enabled_ = true;
  double requested_a_ = 0;
  double link_loss_limit_a_ = 0;  // what the board applies while the Pi cannot reach it
  common::WallTime integrated_until_{};
  bool publish_sample_pending_ = false;

  // What the listener has been told: the queries answer from here so they agree with the events.
  bool reported_link_up_ = true;
  bool state_reported_ = false;  // false forces the next publish to report the state
  VehicleState reported_state_ = VehicleState::unknown;
  std::vector<Fault> reported_faults_;
  std::optional<MeterSample> last_sample_;
};

}  // namespace hal::sim
