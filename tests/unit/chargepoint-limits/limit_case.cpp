#include "limit_case.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace limits_test {
namespace {

namespace fs = std::filesystem;
using namespace chargepoint::limits;
using nlohmann::json;

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

common::WallTime parse_time(const std::string& text) {
  const auto parsed = ocpp::DateTime::parse(text);
  if (!parsed) throw std::runtime_error("bad date-time: " + text);
  return common::WallTime{parsed->time_point()};
}

// "now", "now+90", "now-86400" anywhere in a profile become RFC 3339 strings, so the cases read as
// offsets from the case's `now` and still go through the real OCPP decoder.
void resolve_now(json& j, common::WallTime now) {
  static const std::regex relative(R"(now([+-]\d+)?)");
  if (j.is_object() || j.is_array()) {
    for (auto& child : j) resolve_now(child, now);
    return;
  }
  if (!j.is_string()) return;
  std::smatch match;
  const auto text = j.get<std::string>();
  if (!std::regex_match(text, match, relative)) return;
  const auto offset = match[1].matched ? std::stoll(match[1].str()) : 0;
  const auto at = now + std::chrono::seconds{offset};
  j = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(at)).to_string();
}

Schedule parse_layer(const std::string& text, common::WallTime now) {
  Schedule schedule;
  for (const auto& period : parse_periods(text)) {
    std::optional<Limit> limit;
    if (period.limit) {
      limit = Limit{*period.limit, period.phases.value_or(3),
                    period.source.value_or(LimitSource::None)};
    }
    schedule.push_back({now + std::chrono::seconds{period.offset_s}, limit});
  }
  return schedule;
}

LimitCase parse_case(const json& j, const std::string& file) {
  LimitCase c;
  c.file = file;
  c.name = j.at("name").get<std::string>();
  c.now = parse_time(j.at("now").get<std::string>());
  if (j.contains("box")) {
    const auto& box = j["box"];
    c.box.max_current_a = box.value("max_current_a", c.box.max_current_a);
    c.box.phases = box.value("phases", c.box.phases);
    c.box.nominal_voltage_v = box.value("nominal_voltage_v", c.box.nominal_voltage_v);
  }
  const auto end = j.value("tx_profile_end", std::string("KeepsOverruling"));
  if (end == "FallsBackToTxDefault")
    c.tx_profile_end = TxProfileEnd::FallsBackToTxDefault;
  else if (end != "KeepsOverruling")
    throw std::runtime_error("bad tx_profile_end " + end);

  const json connectors = j.value("connectors", json::array({json{{"connector_id", 1}}}));
  for (const auto& connector : connectors) {
    ConnectorContext context;
    context.connector_id = connector.at("connector_id").get<int>();
    if (connector.contains("transaction_start")) {
      json start = connector["transaction_start"];
      resolve_now(start, c.now);
      context.transaction_start = parse_time(start.get<std::string>());
    }
    if (connector.contains("transaction_id"))
      context.transaction_id = connector["transaction_id"].get<int>();
    c.connectors.push_back(context);
  }
  for (auto installed : j.value("profiles", json::array())) {
    resolve_now(installed, c.now);
    InstalledProfile profile;
    profile.connector_id = installed.at("connector_id").get<int>();
    profile.received_at = installed.contains("received_at")
                              ? parse_time(installed["received_at"].get<std::string>())
                              : c.now;
    profile.profile =
        ocpp::messages::decode<ocpp::messages::ChargingProfile>(installed.at("profile"));
    c.profiles.push_back(std::move(profile));
  }
  for (const auto& layer : j.value("local_layers", json::array())) {
    const auto role = layer.at("role").get<std::string>();
    Layer parsed;
    if (role == "Cap")
      parsed.role = LayerRole::Cap;
    else if (role == "Plan")
      parsed.role = LayerRole::Plan;
    else if (role == "Solar")
      parsed.role = LayerRole::Solar;
    else
      throw std::runtime_error("bad layer role " + role);
    parsed.schedule = parse_layer(layer.at("periods").get<std::string>(), c.now);
    c.local_layers.push_back(std::move(parsed));
  }
  if (j.contains("request")) {
    c.request = ocpp::messages::decode<ocpp::messages::GetCompositeScheduleRequest>(j["request"]);
  }
  if (j.contains("expect_status")) c.expect_status = j["expect_status"].get<std::string>();
  if (j.contains("expect")) c.expect = parse_periods(j["expect"].get<std::string>());
  if (j.contains("offer")) {
    const auto& offer = j["offer"];
    c.offer = OfferCheck{offer.value("connector_id", 1), offer.at("horizon_s").get<int>(),
                         parse_periods(offer.at("expect").get<std::string>())};
  }
  if (!c.request && !c.offer) throw std::runtime_error("a case needs a request or an offer");
  return c;
}

}  // namespace

std::vector<ExpectedPeriod> parse_periods(const std::string& text) {
  std::vector<ExpectedPeriod> periods;
  std::stringstream items(text);
  std::string item;
  static const std::regex pattern(R"((\d+):(-|[0-9.]+)(?:/(\d))?(?: +([A-Za-z]+))?)");
  while (std::getline(items, item, ',')) {
    item = trim(item);
    std::smatch match;
    if (!std::regex_match(item, match, pattern))
      throw std::runtime_error("bad period '" + item + "'");
    ExpectedPeriod period;
    period.offset_s = std::stoi(match[1].str());
    if (match[2].str() != "-") period.limit = std::stod(match[2].str());
    if (match[3].matched) period.phases = std::stoi(match[3].str());
    if (match[4].matched) {
      period.source = limit_source_from_string(match[4].str());
      if (!period.source) throw std::runtime_error("bad source '" + match[4].str() + "'");
    }
    periods.push_back(period);
  }
  return periods;
}

std::vector<LimitCase> load_cases(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<LimitCase> cases;
  for (const auto& path : files) {
    std::ifstream in(path);
    const auto document = json::parse(in);
    for (const auto& j : document.at("cases")) {
      const auto name = j.value("name", std::string("?"));
      try {
        cases.push_back(parse_case(j, path.stem().string()));
      } catch (const std::exception& e) {
        throw std::runtime_error(path.filename().string() + " / " + name + ": " + e.what());
      }
    }
  }
  return cases;
}

}  // namespace limits_test
