#pragma once
// The values the scenario accepts, shared by the configuration check and the scenario setters so
// that a file, a test and the control socket all get the same limits and the same messages.
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace hal::sim::ranges {

struct Range {
  const char* what;
  double low;
  double high;
  const char* unit;
};

// A 200 A domestic supply at 240 V is 48 kW: beyond 50 kW a value is a typo, not a house.
inline constexpr Range car_max_current{"car max current", 1, 80, "A"};
inline constexpr Range battery_capacity{"battery capacity", 1, 250, "kWh"};
inline constexpr Range soc{"state of charge", 0, 100, "%"};
inline constexpr Range target_soc{"target state of charge", 1, 100, "%"};
inline constexpr Range household_load{"household load", 0, 50'000, "W"};
inline constexpr Range solar{"solar generation", 0, 50'000, "W"};
inline constexpr Range voltage{"mains voltage", 0, 300, "V"};
inline constexpr Range frequency{"mains frequency", 40, 70, "Hz"};

inline std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// nullopt when `value` is inside the range, otherwise the reason, e.g.
// "household load must be from 0 to 50000 W, got -5".
inline std::optional<std::string> check(double value, const Range& range) {
  if (std::isfinite(value) && value >= range.low && value <= range.high) return std::nullopt;
  return std::string(range.what) + " must be from " + format_number(range.low) + " to " +
         format_number(range.high) + " " + range.unit + ", got " + format_number(value);
}

inline std::optional<std::string> check_phases(int phases, const char* what) {
  if (phases == 1 || phases == 3) return std::nullopt;
  return std::string(what) + " must be 1 or 3, got " + std::to_string(phases);
}

}  // namespace hal::sim::ranges
