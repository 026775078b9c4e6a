#include "sim_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hal::sim {

namespace {

// Supply limits: EN 50160 allows 230 V ± 10 %; below 100 V the box treats the supply as missing.
// Frequency: the UK's G98 protection settings trip outside 47.5–52 Hz.
constexpr double no_supply_below_v = 100.0;
constexpr double under_voltage_below_v = 207.0;
constexpr double over_voltage_above_v = 253.0;
constexpr double min_frequency_hz = 47.5;
constexpr double max_frequency_hz = 52.0;

// Temperature inside the box: first-order lag towards ambient + k·I² (the contactor and the cable
// heat with the square of the current): about +12 °C at 32 A, reached over tens of minutes.
constexpr double heating_c_per_a2 = 0.012;
constexpr double thermal_time_constant_s = 300.0;

std::string format_fault(const char* what, double value, const char* unit) {
  char text[64];
  std::snprintf(text, sizeof text, "%s %.1f %s", what, value, unit);
  return text;
}

}  // namespace

SimModel::SimModel(const SimConfig& config)
    : config_(config),
      plugged_(config.car_plugged_at_start),
      vehicle_seen_(config.car_plugged_at_start),
      car_max_current_a_(config.car_max_current_a),
      car_phases_(config.car_phases),
      battery_capacity_kwh_(config.battery_capacity_kwh),
      soc_percent_(config.initial_soc_percent),
      target_soc_percent_(config.target_soc_percent),
      household_load_w_(config.household_load_w),
      solar_w_(config.solar_generation_w),
      supply_voltage_v_(config.mains_voltage_v),
      frequency_hz_(config.mains_frequency_hz),
      temperature_c_(config.ambient_temperature_c) {}

void SimModel::plug_in() {
  if (plugged_) return;
  plugged_ = true;
  vehicle_seen_ = !config_.plug_present_step;
  offered_this_session_ = false;
}

void SimModel::unplug() {
  plugged_ = false;
  vehicle_seen_ = false;
  offered_this_session_ = false;
  current_a_ = 0;
}

void SimModel::set_battery(double capacity_kwh, double soc_percent) {
  battery_capacity_kwh_ = capacity_kwh;
  soc_percent_ = soc_percent;
}

void SimModel::step_plug() {
  if (plugged_) vehicle_seen_ = true;
}

std::map<FaultCode, std::string> SimModel::supply_faults() const {
  std::map<FaultCode, std::string> faults;
  // Without a supply there is no frequency or tolerance to speak of: one fault says it all.
  if (supply_voltage_v_ < no_supply_below_v) {
    faults.emplace(FaultCode::mains, format_fault("no supply:", supply_voltage_v_, "V"));
    return faults;
  }
  if (frequency_hz_ < min_frequency_hz || frequency_hz_ > max_frequency_hz)
    faults.emplace(FaultCode::mains, format_fault("supply frequency", frequency_hz_, "Hz"));
  if (supply_voltage_v_ < under_voltage_below_v)
    faults.emplace(FaultCode::under_voltage, format_fault("supply", supply_voltage_v_, "V"));
  if (supply_voltage_v_ > over_voltage_above_v)
    faults.emplace(FaultCode::over_voltage, format_fault("supply", supply_voltage_v_, "V"));
  return faults;
}

std::vector<Fault> SimModel::faults() const {
  // An injected fault's detail wins over the supply's for the same code.
  std::map<FaultCode, std::string> all = injected_faults_;
  all.merge(supply_faults());
  std::vector<Fault> result;
  result.reserve(all.size());
  for (auto& [code, detail] : all) result.push_back(Fault{code, detail});
  return result;
}

double SimModel::offered_a() const {
  if (!injected_faults_.empty() || !supply_faults().empty()) return 0;
  return board_limit_a_;
}

double SimModel::wanted_current_a() const {
  if (!plugged_ || !vehicle_seen_ || soc_percent_ >= target_soc_percent_) return 0;
  // The limit is either 0 or at least the minimum (the charger clamps), but a car never draws on a
  // pilot that offers less than 6 A (IEC 61851-1 table A.7), whatever reaches the model.
  const double offered = offered_a();
  if (offered < config_.box_min_current_a) return 0;
  return std::min(offered, car_max_current_a_);
}

void SimModel::settle() {
  current_a_ = wanted_current_a();
  if (plugged_ && vehicle_seen_ && offered_a() > 0) offered_this_session_ = true;
}

VehicleState SimModel::state() const {
  if (!plugged_) return VehicleState::no_vehicle;
  if (!vehicle_seen_) return VehicleState::plug_present;
  if (current_a_ > 0) return VehicleState::charging;
  // Offered but not drawing: the car declines because its battery reached the target.
  if (offered_a() > 0) return VehicleState::ev_finished;
  return offered_this_session_ ? VehicleState::evse_suspended : VehicleState::connected;
}

int SimModel::phases_in_use() const {
  return std::min(car_phases_, config_.box_phases);
}

double SimModel::voltage_v() const {
  return std::max(0.0, supply_voltage_v_ - config_.supply_resistance_ohm * current_a_);
}

double SimModel::power_w() const {
  return voltage_v() * current_a_ * phases_in_use();
}

void SimModel::advance(double dt_s) {
  if (!(dt_s > 0)) return;
  const double heated_c =
      config_.ambient_temperature_c + heating_c_per_a2 * current_a_ * current_a_;
  temperature_c_ += (heated_c - temperature_c_) * (1.0 - std::exp(-dt_s / thermal_time_constant_s));
  if (current_a_ <= 0) return;

  double delivered_wh = power_w() * dt_s / 3600.0;
  const double battery_wh = battery_capacity_kwh_ * 1000.0;
  const double to_target_wh =
      (target_soc_percent_ - soc_percent_) / 100.0 * battery_wh / config_.charge_efficiency;
  if (delivered_wh >= to_target_wh) {
    delivered_wh = std::max(0.0, to_target_wh);
    soc_percent_ = std::max(soc_percent_, target_soc_percent_);
    current_a_ = 0;  // full: the car opens its S2 switch and stops drawing
  } else {
    soc_percent_ += delivered_wh * config_.charge_efficiency / battery_wh * 100.0;
  }
  energy_wh_ += delivered_wh;
}

CtReadings SimModel::ct() const {
  const double voltage = voltage_v();
  // Without a supply nothing flows; the guard also keeps the division finite.
  const auto amps = [voltage](double power) {
    return voltage < 1.0 ? 0.0 : std::abs(power) / voltage;
  };
  CtReadings readings;
  if (config_.ct_site_present) readings.site_a = amps(household_load_w_ + power_w() - solar_w_);
  if (config_.ct_vehicle_present) readings.vehicle_a = current_a_;
  if (config_.ct_solar_present) readings.solar_a = amps(solar_w_);
  return readings;
}

MeterSample SimModel::sample() const {
  MeterSample sample;
  sample.voltage_v = voltage_v();
  sample.current_a = current_a_;
  sample.power_w = power_w();
  sample.energy_wh = energy_wh_;
  sample.offered_a = offered_a();
  sample.phases_in_use = phases_in_use();
  sample.frequency_hz = frequency_hz_;
  sample.temperature_c = temperature_c_;
  if (plugged_ && vehicle_seen_) sample.soc_percent = soc_percent_;
  sample.ct = ct();
  return sample;
}

}  // namespace hal::sim
