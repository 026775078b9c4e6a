#include "csms_domain/json_forms.hpp"

#include <array>
#include <cctype>

#include "csms_domain/money.hpp"
#include "ocpp/types/datetime.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using nlohmann::json;

const json* member(const json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::optional<Error> read_string(const json& object, const char* name, const std::string& where,
                                 std::string& out, bool required) {
  const json* value = member(object, name);
  if (!value)
    return required ? std::optional<Error>(Error{where + name + ": missing"}) : std::nullopt;
  if (!value->is_string()) return Error{where + name + ": expected a string"};
  out = value->get<std::string>();
  return std::nullopt;
}

std::optional<Error> read_number(const json& object, const char* name, const std::string& where,
                                 double& out) {
  const json* value = member(object, name);
  if (!value) return std::nullopt;
  if (!value->is_number()) return Error{where + name + ": expected a number"};
  out = value->get<double>();
  return std::nullopt;
}

std::optional<Error> read_int(const json& object, const char* name, const std::string& where,
                              int& out) {
  const json* value = member(object, name);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) return Error{where + name + ": expected an integer"};
  const auto number = value->get<std::int64_t>();
  if (number < -1'000'000'000 || number > 1'000'000'000)
    return Error{where + name + ": out of range"};
  out = static_cast<int>(number);
  return std::nullopt;
}

std::optional<Error> read_clock(const json& object, const char* name, const std::string& where,
                                minutes& out) {
  std::string text;
  if (auto error = read_string(object, name, where, text, true)) return error;
  const auto parsed = parse_clock(text);
  if (!parsed)
    return Error{where + name + ": expected \"HH:MM\" (00:00..24:00), got \"" + text + "\""};
  out = *parsed;
  return std::nullopt;
}

std::optional<Error> read_days(const json& object, const std::string& where,
                               std::vector<weekday>& out, bool required) {
  const json* value = member(object, "days");
  if (!value) return required ? std::optional<Error>(Error{where + "days: missing"}) : std::nullopt;
  if (!value->is_array()) return Error{where + "days: expected an array"};
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& day = (*value)[i];
    const auto parsed = day.is_string() ? parse_day(day.get<std::string>()) : std::nullopt;
    if (!parsed) return Error{where + "days[" + std::to_string(i) + "]: expected Mon..Sun"};
    out.push_back(*parsed);
  }
  return std::nullopt;
}

std::optional<Error> read_price(const json& object, const char* name, const std::string& where,
                                std::int64_t& out, bool required) {
  const json* value = member(object, name);
  if (!value)
    return required ? std::optional<Error>(Error{where + name + ": missing"}) : std::nullopt;
  std::string text;
  if (value->is_string()) {
    text = value->get<std::string>();
  } else if (value->is_number()) {
    text = value->dump();  // shortest form that reads back as the same double: 0.245, not 0.24499…
  } else {
    return Error{where + name + ": expected a decimal string such as \"0.245\""};
  }
  auto micros = parse_price_micros(text);
  if (!micros) return Error{where + name + ": " + micros.error()};
  out = *micros;
  return std::nullopt;
}

json days_to_json(const std::vector<weekday>& days) {
  json array = json::array();
  for (const auto day : days) array.push_back(day_name(day));
  return array;
}

std::string price_text(std::int64_t micros) {
  std::string text = format_minor(micros, 6);
  while (text.back() == '0') text.pop_back();  // "0.245000" → "0.245", "7.000000" → "7."
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::optional<minutes> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0u, 1u, 3u, 4u}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return minutes{h * 60 + m};
}

std::optional<weekday> parse_day(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  std::string lower;
  for (const char c : text)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  static constexpr std::array<const char*, 7> names = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};
  for (unsigned i = 0; i < names.size(); ++i) {
    if (lower == names[i]) return weekday{i + 1 == 7 ? 0 : i + 1};
  }
  return std::nullopt;
}

Result<WeeklyPlan> plan_from_json(const json& json_plan) {
  if (!json_plan.is_object()) return Error{"plan: expected an object"};
  WeeklyPlan plan;
  if (auto e = read_string(json_plan, "time_zone", "", plan.time_zone, false)) return *e;
  if (auto e = read_number(json_plan, "otherwise_a", "", plan.otherwise_a)) return *e;
  const json* windows = member(json_plan, "windows");
  if (windows && !windows->is_array()) return Error{"windows: expected an array"};
  for (std::size_t i = 0; windows && i < windows->size(); ++i) {
    const json& w = (*windows)[i];
    const std::string where = "windows[" + std::to_string(i) + "].";
    if (!w.is_object()) return Error{"windows[" + std::to_string(i) + "]: expected an object"};
    ChargingWindow window;
    if (auto e = read_days(w, where, window.days, true)) return *e;
    if (auto e = read_clock(w, "start", where, window.start)) return *e;
    if (auto e = read_clock(w, "end", where, window.end)) return *e;
    if (!member(w, "current_a")) return Error{where + "current_a: missing"};
    if (auto e = read_number(w, "current_a", where, window.current_a)) return *e;
    plan.windows.push_back(window);
  }
  return plan;
}

json plan_to_json(const WeeklyPlan& plan) {
  json windows = json::array();
  for (const auto& w : plan.windows) {
    windows.push_back({{"days", days_to_json(w.days)},
                       {"start", clock_text(w.start)},
                       {"end", clock_text(w.end)},
                       {"current_a", w.current_a}});
  }
  return {{"time_zone", plan.time_zone}, {"otherwise_a", plan.otherwise_a}, {"windows", windows}};
}

Result<Tariff> tariff_from_json(const json& json_tariff) {
  if (!json_tariff.is_object()) return Error{"tariff: expected an object"};
  Tariff tariff;
  if (auto e = read_string(json_tariff, "id", "", tariff.id, true)) return *e;
  if (auto e = read_int(json_tariff, "version", "", tariff.version)) return *e;
  std::string effective_from;
  if (auto e = read_string(json_tariff, "effective_from", "", effective_from, false)) return *e;
  if (!effective_from.empty()) {
    const auto parsed = ocpp::DateTime::parse(effective_from);
    if (!parsed) return Error{"effective_from: expected an RFC 3339 date-time"};
    tariff.effective_from = time_point_cast<seconds>(parsed->time_point());
  }
  if (auto e = read_string(json_tariff, "currency", "", tariff.currency, false)) return *e;
  if (auto e = read_int(json_tariff, "minor_digits", "", tariff.minor_digits)) return *e;
  if (auto e = read_price(json_tariff, "default_price_per_kwh", "",
                          tariff.default_price_micros_per_kwh, false)) {
    return *e;
  }
  const json* periods = member(json_tariff, "periods");
  if (periods && !periods->is_array()) return Error{"periods: expected an array"};
  for (std::size_t i = 0; periods && i < periods->size(); ++i) {
    const json& p = (*periods)[i];
    const std::string where = "periods[" + std::to_string(i) + "].";
    if (!p.is_object()) return Error{"periods[" + std::to_string(i) + "]: expected an object"};
    TariffPeriod period;
    if (auto e = read_days(p, where, period.days, false)) return *e;
    if (auto e = read_clock(p, "start", where, period.start)) return *e;
    if (auto e = read_clock(p, "end", where, period.end)) return *e;
    if (auto e = read_price(p, "price_per_kwh", where, period.price_micros_per_kwh, true))
      return *e;
    if (auto e = read_string(p, "label", where, period.label, false)) return *e;
    tariff.periods.push_back(period);
  }
  return tariff;
}

json tariff_to_json(const Tariff& tariff) {
  json periods = json::array();
  for (const auto& p : tariff.periods) {
    periods.push_back({{"days", days_to_json(p.days)},
                       {"start", clock_text(p.start)},
                       {"end", clock_text(p.end)},
                       {"price_per_kwh", price_text(p.price_micros_per_kwh)},
                       {"label", p.label}});
  }
  return {{"id", tariff.id},
          {"version", tariff.version},
          {"effective_from",
           ocpp::DateTime(time_point_cast<milliseconds>(tariff.effective_from)).to_string()},
          {"currency", tariff.currency},
          {"minor_digits", tariff.minor_digits},
          {"default_price_per_kwh", price_text(tariff.default_price_micros_per_kwh)},
          {"periods", periods}};
}

}  // namespace csms::domain
