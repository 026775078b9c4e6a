// ChargingPlans: the tariff, kept as every version ever saved (a session is costed with the
// version in force when it started; docs/schedules.md).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "app/charging_plans.hpp"
#include "csms_domain/json_forms.hpp"

namespace csms {

namespace {

constexpr std::string_view k_tariffs_key = "tariff.versions";
constexpr std::string_view k_default_tariff_id = "home";

std::string joined(const std::vector<std::string>& errors) {
  std::string text;
  for (const auto& e : errors) text += (text.empty() ? "" : "; ") + e;
  return text;
}

}  // namespace

std::vector<domain::Tariff> ChargingPlans::tariff_versions() {
  std::vector<domain::Tariff> versions;
  const auto text = central_.setting(std::string(k_tariffs_key));
  if (!text || text->empty()) return versions;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_array()) {
    spdlog::error("tariffs: the stored versions are unreadable");
    return versions;
  }
  for (const auto& item : json) {
    auto tariff = domain::tariff_from_json(item);
    if (tariff) versions.push_back(std::move(tariff).value());
  }
  return versions;
}

nlohmann::json ChargingPlans::tariff() {
  const auto versions = tariff_versions();
  return {{"tariff", versions.empty() ? nlohmann::json() : domain::tariff_to_json(versions.back())},
          {"versions", versions.size()}};
}

std::variant<nlohmann::json, PlanError> ChargingPlans::put_tariff(const nlohmann::json& body) {
  if (!body.is_object()) return PlanError{"a tariff is a JSON object", ""};
  auto input = body;
  if (!input.contains("id")) input["id"] = k_default_tariff_id;
  // The server numbers the versions; a client's number would only invite clashes.
  input.erase("version");
  auto parsed = domain::tariff_from_json(input);
  if (!parsed) return PlanError{parsed.error(), ""};
  auto tariff = std::move(parsed).value();
  auto versions = tariff_versions();
  int last = 0;
  for (const auto& v : versions) {
    if (v.id == tariff.id) last = std::max(last, v.version);
  }
  tariff.version = last + 1;
  // A version never applies to the past: sessions already costed keep their price.
  const auto now = std::chrono::floor<std::chrono::seconds>(central_.clock().now());
  tariff.effective_from = std::max(tariff.effective_from, now);
  if (const auto errors = domain::tariff_errors(tariff); !errors.empty()) {
    return PlanError{joined(errors), ""};
  }
  versions.push_back(tariff);
  nlohmann::json stored = nlohmann::json::array();
  for (const auto& v : versions) stored.push_back(domain::tariff_to_json(v));
  if (const auto done = central_.put_setting(std::string(k_tariffs_key), stored.dump()); !done) {
    return PlanError{"storage: " + done.error, ""};
  }
  return this->tariff();
}

}  // namespace csms
