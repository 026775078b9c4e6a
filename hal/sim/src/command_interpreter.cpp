#include "hal/sim/command_interpreter.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "ranges.hpp"

namespace hal::sim {

namespace {

// Fault details end up in OCPP StatusNotification.info, which holds at most 50 characters.
constexpr std::size_t max_fault_detail_chars = 50;

constexpr std::array all_fault_codes{
    FaultCode::mains,
    FaultCode::over_voltage,
    FaultCode::under_voltage,
    FaultCode::over_current,
    FaultCode::ground_failure,
    FaultCode::high_temperature,
    FaultCode::ev_communication,
    FaultCode::power_meter,
    FaultCode::internal,
};

constexpr std::string_view help_text =
    "ok commands: plug-in | unplug | car max-current <A> | car phases <1|3> | car soc <%> | "
    "car battery <kWh> | car target-soc <%> | house-load <W> | solar <W> | voltage <V> | "
    "frequency <Hz> | fault <code> on [detail] | fault <code> off | link up|down | status | help; "
    "fault codes: mains over-voltage under-voltage over-current ground-failure high-temperature "
    "ev-communication power-meter internal";

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const auto start = line.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    const auto end = line.find_first_of(" \t", start);
    words.push_back(line.substr(start, end == std::string_view::npos ? line.npos : end - start));
    pos = end == std::string_view::npos ? line.size() : end;
  }
  return words;
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string reply(const Rejection& rejection) {
  return rejection ? "error: " + *rejection : "ok";
}

double rounded(double value) {
  return std::round(value * 1000.0) / 1000.0;
}

nlohmann::ordered_json optional_amps(const std::optional<double>& amps) {
  return amps ? nlohmann::ordered_json(rounded(*amps)) : nlohmann::ordered_json(nullptr);
}

class Parser {
 public:
  Parser(SimulatedCharger& charger, std::vector<std::string_view> words)
      : charger_(charger), words_(std::move(words)) {}

  std::string run();

 private:
  std::string command_name(std::size_t word_count) const {
    std::string name;
    for (std::size_t i = 0; i < word_count && i < words_.size(); ++i)
      name += (i ? " " : "") + std::string(words_[i]);
    return name;
  }
  // For commands of `name_words` words followed by exactly one number.
  std::string with_number(std::size_t name_words, const char* unit,
                          const std::function<Rejection(double)>& apply) const;
  std::string no_arguments(const std::function<void()>& apply) const;
  std::string car();
  std::string fault();
  std::string link();

  SimulatedCharger& charger_;
  std::vector<std::string_view> words_;
};

std::string Parser::no_arguments(const std::function<void()>& apply) const {
  if (words_.size() > 1) return "error: " + command_name(1) + " takes no arguments";
  apply();
  return "ok";
}

std::string Parser::with_number(std::size_t name_words, const char* unit,
                                const std::function<Rejection(double)>& apply) const {
  const auto name = command_name(name_words);
  if (words_.size() <= name_words)
    return "error: " + name + " needs a value in " + unit + " (e.g. " + name + " 16)";
  if (words_.size() > name_words + 1) return "error: " + name + " takes one value, got more";
  const auto value = parse_number(words_[name_words]);
  if (!value) return "error: " + name + ": " + quoted(words_[name_words]) + " is not a number";
  return reply(apply(*value));
}

std::string Parser::run() {
  if (words_.empty()) return "error: empty command (try help)";
  const auto verb = words_[0];
  if (verb == "help") return std::string(help_text);
  if (verb == "status") {
    if (words_.size() > 1) return "error: status takes no arguments";
    return "ok " + status_json(charger_.snapshot());
  }
  if (verb == "plug-in") return no_arguments([this] { charger_.plug_in(); });
  if (verb == "unplug") return no_arguments([this] { charger_.unplug(); });
  if (verb == "car") return car();
  if (verb == "house-load")
    return with_number(1, "W", [this](double w) { return charger_.set_household_load_w(w); });
  if (verb == "solar")
    return with_number(1, "W", [this](double w) { return charger_.set_solar_w(w); });
  if (verb == "voltage")
    return with_number(1, "V", [this](double v) { return charger_.set_mains_voltage_v(v); });
  if (verb == "frequency")
    return with_number(1, "Hz", [this](double hz) { return charger_.set_mains_frequency_hz(hz); });
  if (verb == "fault") return fault();
  if (verb == "link") return link();
  return "error: unknown command " + quoted(verb) + " (try help)";
}

std::string Parser::car() {
  if (words_.size() < 2)
    return "error: car needs a setting: max-current, phases, soc, battery or target-soc";
  const auto setting = words_[1];
  if (setting == "max-current")
    return with_number(2, "A", [this](double a) { return charger_.set_car_max_current_a(a); });
  if (setting == "phases") {
    return with_number(2, "phases", [this](double phases) -> Rejection {
      if (phases != 1 && phases != 3)
        return "car phases must be 1 or 3, got " + ranges::format_number(phases);
      return charger_.set_car_phases(static_cast<int>(phases));
    });
  }
  if (setting == "soc") {
    return with_number(2, "%", [this](double soc) {
      return charger_.set_battery(charger_.snapshot().battery_capacity_kwh, soc);
    });
  }
  if (setting == "battery") {
    return with_number(2, "kWh", [this](double kwh) {
      return charger_.set_battery(kwh, charger_.snapshot().soc_percent);
    });
  }
  if (setting == "target-soc")
    return with_number(2, "%", [this](double soc) { return charger_.set_target_soc_percent(soc); });
  return "error: unknown car setting " + quoted(setting) +
         " (max-current, phases, soc, battery or target-soc)";
}

std::string Parser::fault() {
  if (words_.size() < 3) return "error: usage: fault <code> on [detail] | fault <code> off";
  std::optional<FaultCode> code;
  for (const auto candidate : all_fault_codes)
    if (to_string(candidate) == words_[1]) code = candidate;
  if (!code) return "error: unknown fault code " + quoted(words_[1]) + " (try help)";
  if (words_[2] == "off") {
    if (words_.size() > 3) return "error: fault " + std::string(words_[1]) + " off takes no detail";
    charger_.clear_fault(*code);
    return "ok";
  }
  if (words_[2] != "on")
    return "error: fault " + std::string(words_[1]) + ": expected on or off, got " +
           quoted(words_[2]);
  std::string detail;
  for (std::size_t i = 3; i < words_.size(); ++i)
    detail += (i > 3 ? " " : "") + std::string(words_[i]);
  if (detail.size() > max_fault_detail_chars)
    return "error: fault detail is " + std::to_string(detail.size()) + " characters, at most " +
           std::to_string(max_fault_detail_chars) + " fit";
  charger_.inject_fault(*code, detail.empty() ? "simulated" : detail);
  return "ok";
}

std::string Parser::link() {
  if (words_.size() != 2 || (words_[1] != "up" && words_[1] != "down"))
    return "error: usage: link up | link down";
  charger_.set_link_up(words_[1] == "up");
  return "ok";
}

}  // namespace

std::string CommandInterpreter::execute(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return Parser(charger_, split_words(line)).run();
}

std::string status_json(const SimSnapshot& snap) {
  nlohmann::ordered_json faults = nlohmann::ordered_json::array();
  for (const auto& fault : snap.faults)
    faults.push_back({{"code", to_string(fault.code)}, {"detail", fault.detail}});
  const nlohmann::ordered_json status = {
      {"running", snap.running},
      {"link", snap.link_up ? "up" : "down"},
      {"enabled", snap.enabled},
      {"state", to_string(snap.state)},
      {"plugged", snap.plugged},
      {"requested_a", rounded(snap.requested_current_a)},
      {"board_limit_a", rounded(snap.board_limit_a)},
      {"offered_a", rounded(snap.offered_a)},
      {"current_a", rounded(snap.current_a)},
      {"phases_in_use", snap.phases_in_use},
      {"voltage_v", rounded(snap.voltage_v)},
      {"frequency_hz", rounded(snap.frequency_hz)},
      {"power_w", rounded(snap.power_w)},
      {"energy_wh", rounded(snap.energy_wh)},
      {"temperature_c", rounded(snap.temperature_c)},
      {"car",
       {{"soc_percent", rounded(snap.soc_percent)},
        {"target_soc_percent", rounded(snap.target_soc_percent)},
        {"battery_kwh", rounded(snap.battery_capacity_kwh)},
        {"max_current_a", rounded(snap.car_max_current_a)},
        {"phases", snap.car_phases}}},
      {"house_load_w", rounded(snap.household_load_w)},
      {"solar_w", rounded(snap.solar_w)},
      {"ct",
       {{"site_a", optional_amps(snap.ct.site_a)},
        {"vehicle_a", optional_amps(snap.ct.vehicle_a)},
        {"solar_a", optional_amps(snap.ct.solar_a)}}},
      {"faults", faults},
  };
  // Fault details come from the control socket and need not be UTF-8: replace, never throw.
  return status.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace hal::sim
