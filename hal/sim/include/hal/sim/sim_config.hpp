#pragma once
// How the simulated EO box and its car start out. Plain data with defaults that describe a typical
// UK home: a single-phase 32 A EO box on 240 V / 50 Hz, all three CT clamps fitted, a 60 kWh car at
// 40 %.
#include <chrono>
#include <optional>

namespace hal::sim {

struct SimConfig {
  // The box (what hal::Capabilities reports).
  double box_max_current_a = 32.0;
  double box_min_current_a = 6.0;  // IEC 61851: the pilot cannot offer less than 6 A
  int box_phases = 1;
  bool ct_site_present = true;
  bool ct_vehicle_present = true;
  bool ct_solar_present = true;
  bool has_connector_lock = false;  // EO boxes are tethered or have no lock the Pi controls
  // One physics step, meter sample and state check per tick (the EO board is polled likewise).
  std::chrono::milliseconds tick_interval{1000};
  // When set, the board falls back to this limit once the link is lost (the real board reportedly
  // falls back to 32 A, eo-board-protocol.md §6); when unset it keeps the last limit it received.
  std::optional<double> link_loss_fallback_current_a;
  // A plugged cable shows as plug_present for one tick before the vehicle is seen (EO state 7/8).
  bool plug_present_step = true;

  // The supply and the house.
  double mains_voltage_v = 240.0;
  double mains_frequency_hz = 50.0;
  // Voltage drop along the supply per amp the vehicle draws (0.05 Ω: 1.6 V at 32 A).
  double supply_resistance_ohm = 0.05;
  double household_load_w = 400.0;
  double solar_generation_w = 0.0;
  double ambient_temperature_c = 20.0;

  // The car.
  double car_max_current_a = 32.0;
  int car_phases = 1;
  double battery_capacity_kwh = 60.0;
  double initial_soc_percent = 40.0;
  double target_soc_percent = 100.0;  // the car stops drawing here (ev_finished)
  double charge_efficiency = 0.9;     // share of the metered energy that reaches the battery
  bool car_plugged_at_start = false;
};

// Throws std::invalid_argument naming the first field out of range (start-up only).
void validate(const SimConfig& config);

}  // namespace hal::sim
