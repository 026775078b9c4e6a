#include "hal/sim/sim_config.hpp"

#include <stdexcept>
#include <string>

#include "ranges.hpp"

namespace hal::sim {

namespace {

void require(const std::optional<std::string>& problem, const char* field) {
  if (problem) throw std::invalid_argument(std::string("simulator: ") + field + ": " + *problem);
}

}  // namespace

void validate(const SimConfig& config) {
  using ranges::check;
  using ranges::Range;
  require(check(config.box_min_current_a, Range{"minimum current", 6, 80, "A"}),
          "box_min_current_a");
  require(
      check(config.box_max_current_a, Range{"maximum current", config.box_min_current_a, 80, "A"}),
      "box_max_current_a");
  require(ranges::check_phases(config.box_phases, "box phases"), "box_phases");
  require(check(static_cast<double>(config.tick_interval.count()), Range{"tick", 10, 60'000, "ms"}),
          "tick_interval");
  if (config.link_loss_fallback_current_a)
    require(check(*config.link_loss_fallback_current_a,
                  Range{"fallback current", 0, config.box_max_current_a, "A"}),
            "link_loss_fallback_current_a");
  require(check(config.mains_voltage_v, ranges::voltage), "mains_voltage_v");
  require(check(config.mains_frequency_hz, ranges::frequency), "mains_frequency_hz");
  require(check(config.supply_resistance_ohm, Range{"supply resistance", 0, 1, "ohm"}),
          "supply_resistance_ohm");
  require(check(config.household_load_w, ranges::household_load), "household_load_w");
  require(check(config.solar_generation_w, ranges::solar), "solar_generation_w");
  require(check(config.ambient_temperature_c, Range{"ambient temperature", -40, 60, "C"}),
          "ambient_temperature_c");
  require(check(config.car_max_current_a, ranges::car_max_current), "car_max_current_a");
  require(ranges::check_phases(config.car_phases, "car phases"), "car_phases");
  require(check(config.battery_capacity_kwh, ranges::battery_capacity), "battery_capacity_kwh");
  require(check(config.initial_soc_percent, ranges::soc), "initial_soc_percent");
  require(check(config.target_soc_percent, ranges::target_soc), "target_soc_percent");
  require(check(config.charge_efficiency, Range{"charge efficiency", 0.5, 1, ""}),
          "charge_efficiency");
}

}  // namespace hal::sim
