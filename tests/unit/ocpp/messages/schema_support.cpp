#include "schema_support.hpp"

#include <map>
#include <stdexcept>

#include "ocpp/schema/embedded.hpp"
#include "ocpp/schema/registry.hpp"

namespace ocpp::test {
namespace {

using nlohmann::json;

const std::map<std::string, json, std::less<>>& parsed_schemas() {
  static const auto schemas = [] {
    std::map<std::string, json, std::less<>> out;
    for (const auto& embedded : ocpp::schema::embedded_schemas()) {
      out.emplace(std::string(embedded.name), json::parse(embedded.text));
    }
    return out;
  }();
  return schemas;
}

bool has_type(const json& node, std::string_view type) {
  return node.contains("type") && node["type"] == type;
}

bool required_in(const json& object_schema, const std::string& key) {
  if (!object_schema.contains("required")) return false;
  for (const auto& name : object_schema["required"]) {
    if (name == key) return true;
  }
  return false;
}

void collect_schema_paths(const json& root, const json& raw_node, const std::string& path,
                          bool required_only, std::set<std::string>& out) {
  const json& node = resolve(root, raw_node);
  if (has_type(node, "array")) {
    collect_schema_paths(root, node["items"], child_path(path, "[]", ""), required_only, out);
    return;
  }
  if (!has_type(node, "object") || !node.contains("properties")) return;
  for (const auto& [key, property] : node["properties"].items()) {
    if (required_only && !required_in(node, key)) continue;
    const auto property_path = child_path(path, "/", key);
    out.insert(property_path);
    collect_schema_paths(root, property, property_path, required_only, out);
  }
}

void collect_instance_paths(const json& value, const std::string& path,
                            std::set<std::string>& out) {
  if (value.is_array()) {
    for (const auto& item : value) collect_instance_paths(item, child_path(path, "[]", ""), out);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      const auto property_path = child_path(path, "/", key);
      out.insert(property_path);
      collect_instance_paths(item, property_path, out);
    }
  }
}

void collect_located(const json& root, const json& raw_node, const json& value,
                     const json::json_pointer& pointer, std::vector<Located>& out) {
  const json& node = resolve(root, raw_node);
  if (has_type(node, "array") && value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      collect_located(root, node["items"], value[i], pointer / i, out);
    }
  } else if (has_type(node, "object") && value.is_object() && node.contains("properties")) {
    for (const auto& [key, item] : value.items()) {
      if (!node["properties"].contains(key)) continue;
      const json& property = resolve(root, node["properties"][key]);
      out.push_back({pointer / key, &property, required_in(node, key)});
      collect_located(root, property, item, pointer / key, out);
    }
  }
}

}  // namespace

const std::set<std::string>& integer_errata() {
  static const std::set<std::string> paths = {
      "BootNotificationResponse/interval",
      "UpdateFirmware/retries",
      "UpdateFirmware/retryInterval",
  };
  return paths;
}

const std::set<std::string>& unmodelled_properties() {
  // StartTransaction.req has no transactionId in the 1.6 spec or its WSDL; the central system
  // assigns it in the response.
  static const std::set<std::string> paths = {"StartTransaction/transactionId"};
  return paths;
}

std::string child_path(std::string_view parent, std::string_view separator, std::string_view key) {
  std::string path(parent);
  path += separator;
  path += key;
  return path;
}

bool has_schema(std::string_view name) {
  return parsed_schemas().contains(name);
}

const nlohmann::json& schema(std::string_view name) {
  const auto it = parsed_schemas().find(name);
  if (it == parsed_schemas().end()) throw std::out_of_range("no schema " + std::string(name));
  return it->second;
}

std::vector<std::string> schema_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : parsed_schemas()) names.push_back(name);
  return names;
}

const nlohmann::json& resolve(const nlohmann::json& root, const nlohmann::json& node) {
  if (!node.is_object() || !node.contains("$ref")) return node;
  const auto ref = node["$ref"].get<std::string>();
  if (!ref.starts_with("#")) throw std::invalid_argument("non-local $ref " + ref);
  return root.at(nlohmann::json::json_pointer(ref.substr(1)));
}

// Examples must be valid against what the product enforces: the registry's schemas, errata and
// corrections included (not a second validator here).
std::vector<std::string> validate(std::string_view name, const nlohmann::json& value) {
  constexpr std::string_view k_suffix = "Response";
  const bool response = name.size() > k_suffix.size() && name.ends_with(k_suffix);
  const auto action = response ? name.substr(0, name.size() - k_suffix.size()) : name;
  const auto problem = ocpp::schema::Registry::instance().validate(
      action, response ? ocpp::schema::MessageKind::Response : ocpp::schema::MessageKind::Request, value);
  if (!problem) return {};
  return {std::string(name) + "/" + problem->path + ": " + problem->message};
}

std::set<std::string> schema_paths(std::string_view name, bool required_only) {
  std::set<std::string> out;
  const auto& root = schema(name);
  collect_schema_paths(root, root, "", required_only, out);
  return out;
}

std::set<std::string> instance_paths(const nlohmann::json& value) {
  std::set<std::string> out;
  collect_instance_paths(value, "", out);
  return out;
}

std::vector<Located> locate_all(std::string_view name, const nlohmann::json& value) {
  std::vector<Located> out;
  const auto& root = schema(name);
  collect_located(root, root, value, nlohmann::json::json_pointer(), out);
  return out;
}

}  // namespace ocpp::test
