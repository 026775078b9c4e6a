#pragma once
// OCPP timestamps. OCPP-J 1.6 §3.1.3 asks for RFC 3339 date-times; we always emit UTC with a `Z` and
// millisecond precision at most, and accept any offset and any number of fraction digits.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace ocpp {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

class DateTime {
 public:
  DateTime() = default;
  explicit DateTime(TimePoint time) : time_(time) {}

  // Parses an RFC 3339 date-time (`T`/`t`, `Z`/`z` or ±hh:mm, optional fraction). Fractions beyond
  // milliseconds are truncated. Returns nullopt for anything else, including impossible dates.
  static std::optional<DateTime> parse(std::string_view text);
  static DateTime now() { return DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(Clock::now())); }

  // `2026-11-22T05:00:00Z`, or `2026-11-22T05:00:00.123Z` when there are milliseconds.
  std::string to_string() const;
  TimePoint time_point() const { return time_; }

  friend bool operator==(const DateTime&, const DateTime&) = default;
  friend auto operator<=>(const DateTime&, const DateTime&) = default;

 private:
  TimePoint time_{};
};

void to_json(nlohmann::json& j, const DateTime& value);
// Throws nlohmann::json::type_error / out_of_range style exceptions (as nlohmann does) on a bad value.
void from_json(const nlohmann::json& j, DateTime& value);

}  // namespace ocpp
