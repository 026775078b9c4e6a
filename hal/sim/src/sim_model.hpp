#pragma once
// The physics of the simulated box, its supply and the car, with no timers and no events: the
// SimulatedCharger decides when time passes and what gets reported. Everything here is
// deterministic so that tests can predict every value.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hal/sim/sim_config.hpp"
#include "hal/types.hpp"

namespace hal::sim {

class SimModel {
 public:
  explicit SimModel(const SimConfig& config);

  // The scenario. Values are range-checked by the caller (SimulatedCharger).
  void plug_in();
  void unplug();
  void set_car_max_current_a(double current_a) { car_max_current_a_ = current_a; }
  void set_car_phases(int phases) { car_phases_ = phases; }
  void set_battery(double capacity_kwh, double soc_percent);
  void set_target_soc_percent(double soc_percent) { target_soc_percent_ = soc_percent; }
  void set_household_load_w(double load_w) { household_load_w_ = load_w; }
  void set_solar_w(double solar_w) { solar_w_ = solar_w; }
  void set_supply_voltage_v(double voltage_v) { supply_voltage_v_ = voltage_v; }
  void set_frequency_hz(double frequency_hz) { frequency_hz_ = frequency_hz; }
  void inject_fault(FaultCode code, std::string detail) {
    injected_faults_[code] = std::move(detail);
  }
  void clear_fault(FaultCode code) { injected_faults_.erase(code); }
  // The limit the power board applies: what it last received from the Pi, or its own fallback.
  void set_board_limit_a(double limit_a) { board_limit_a_ = limit_a; }

  // Time: integrates energy, state of charge and temperature over `dt_s` at the present draw. The
  // car stops drawing at the moment its battery reaches the target, even in the middle of a step.
  void advance(double dt_s);
  // One tick passed: a cable that was plugged in is now seen as a vehicle.
  void step_plug();
  // The car reacts to the offer and to its battery; call after every change.
  void settle();

  VehicleState state() const;
  double board_limit_a() const { return board_limit_a_; }
  double offered_a() const;  // what the pilot offers: the board limit, or 0 under any fault
  double current_a() const { return current_a_; }
  int phases_in_use() const;
  double voltage_v() const;
  double power_w() const;
  double energy_wh() const { return energy_wh_; }
  double temperature_c() const { return temperature_c_; }
  CtReadings ct() const;
  // Injected faults and those the supply readings cause, in FaultCode order.
  std::vector<Fault> faults() const;
  MeterSample sample() const;

  bool plugged() const { return plugged_; }
  double soc_percent() const { return soc_percent_; }
  double target_soc_percent() const { return target_soc_percent_; }
  double battery_capacity_kwh() const { return battery_capacity_kwh_; }
  double car_max_current_a() const { return car_max_current_a_; }
  int car_phases() const { return car_phases_; }
  double household_load_w() const { return household_load_w_; }
  double solar_w() const { return solar_w_; }
  double supply_voltage_v() const { return supply_voltage_v_; }
  double frequency_hz() const { return frequency_hz_; }

 private:
  std::map<FaultCode, std::string> supply_faults() const;
  double wanted_current_a() const;

  SimConfig config_;
  bool plugged_;
  bool vehicle_seen_;
  // Set once current was offered during this plug-in: a later 0 A offer is then a pause by the EVSE
  // (evse_suspended) rather than a vehicle still waiting for its first offer (connected).
  bool offered_this_session_ = false;
  double car_max_current_a_;
  int car_phases_;
  double battery_capacity_kwh_;
  double soc_percent_;
  double target_soc_percent_;
  double household_load_w_;
  double solar_w_;
  double supply_voltage_v_;
  double frequency_hz_;
  double temperature_c_;
  double board_limit_a_ = 0;
  double current_a_ = 0;
  double energy_wh_ = 0;
  std::map<FaultCode, std::string> injected_faults_;
};

}  // namespace hal::sim
