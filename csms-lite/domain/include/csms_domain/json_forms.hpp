#pragma once
// The JSON forms of plans and tariffs for csms-lite's REST API and its store. Reading checks types
// and formats and names the offending member ("windows[1].start: expected \"HH:MM\""); whether the
// plan or tariff makes sense is plan_errors / tariff_errors' job.
//
//   plan:   {"time_zone": "Europe/London", "otherwise_a": 0,
//            "windows": [{"days": ["Mon", "Tue"], "start": "00:30", "end": "05:30", "current_a":
//            32}]}
//   tariff: {"id": "home", "version": 3, "effective_from": "2026-01-01T00:00:00Z", "currency":
//   "GBP",
//            "minor_digits": 2, "default_price_per_kwh": "0.30",
//            "periods": [{"days": ["Sat"], "start": "12:00", "end": "18:00",
//                         "price_per_kwh": "0.075", "label": "Weekend"}]}
// Prices are decimal strings (exact), numbers are accepted too. Missing optional members take the
// defaults of the C++ types; "days" may be omitted for a tariff period (every day).
#include <nlohmann/json.hpp>

#include "csms_domain/tariff.hpp"
#include "csms_domain/weekly_plan.hpp"

namespace csms::domain {

Result<WeeklyPlan> plan_from_json(const nlohmann::json& json);
nlohmann::json plan_to_json(const WeeklyPlan& plan);

Result<Tariff> tariff_from_json(const nlohmann::json& json);
nlohmann::json tariff_to_json(const Tariff& tariff);

// "HH:MM" (00:00..24:00) as minutes.
std::optional<std::chrono::minutes> parse_clock(std::string_view text);
// "Mon".."Sun", any letter case.
std::optional<std::chrono::weekday> parse_day(std::string_view text);

}  // namespace csms::domain
