#include "schema_support.hpp"

#include <map>
#include <stdexcept>

#include "ocpp/schema/embedded.hpp"
#include "ocpp/types/datetime.hpp"

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

void validate_node(const json& root, const json& raw_node, const json& value,
                   const std::string& path, std::vector<std::string>& problems) {
  const json& node = resolve(root, raw_node);
  const auto fail = [&](const std::string& what) { problems.push_back(path + ": " + what); };

  if (node.contains("enum")) {
    bool listed = false;
    for (const auto& allowed : node["enum"]) listed = listed || allowed == value;
    if (!listed) fail("not one of the enumerated values: " + value.dump());
  }
  const std::string type = node.value("type", "");
  if (type == "object") {
    if (!value.is_object()) return fail("expected an object, got " + value.dump());
    const json properties = node.value("properties", json::object());
    for (const auto& [key, item] : value.items()) {
      if (!properties.contains(key)) {
        if (node.value("additionalProperties", true) == false) fail("unexpected property " + key);
        continue;
      }
      validate_node(root, properties[key], item, child_path(path, "/", key), problems);
    }
    for (const auto& key : node.value("required", json::array())) {
      if (!value.contains(key.get<std::string>()))
        fail("missing required " + key.get<std::string>());
    }
  } else if (type == "array") {
    if (!value.is_array()) return fail("expected an array, got " + value.dump());
    if (value.size() < node.value("minItems", 0U)) fail("too few items");
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string item_path = path;
      item_path += '[';
      item_path += std::to_string(i);
      item_path += ']';
      validate_node(root, node["items"], value[i], item_path, problems);
    }
  } else if (type == "string") {
    if (!value.is_string()) return fail("expected a string, got " + value.dump());
    const auto& text = value.get_ref<const std::string&>();
    if (node.contains("maxLength") && text.size() > node["maxLength"].get<std::size_t>()) {
      fail("longer than maxLength");
    }
    if (node.value("format", "") == "date-time" && !DateTime::parse(text)) fail("not a date-time");
  } else if (type == "integer") {
    if (!value.is_number_integer()) fail("expected an integer, got " + value.dump());
  } else if (type == "number") {
    if (!value.is_number()) fail("expected a number, got " + value.dump());
  } else if (type == "boolean") {
    if (!value.is_boolean()) fail("expected a boolean, got " + value.dump());
  }
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

std::vector<std::string> validate(std::string_view name, const nlohmann::json& value) {
  std::vector<std::string> problems;
  const auto& root = schema(name);
  validate_node(root, root, value, std::string(name), problems);
  return problems;
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
