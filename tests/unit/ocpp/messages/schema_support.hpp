#pragma once
// Test helpers that read the embedded OCPP 1.6J schemas: look-up, `$ref` resolution, a validator
// for the subset of draft-06 the OCPP schemas use, and the property paths a schema defines. These
// let the message tests be driven by the schemas instead of by hand-written lists.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ocpp::test {

// Where our structs deliberately differ from the pinned schemas, as `Schema/path` (see
// schema_paths). Integers where the schema says "number": the OCPP 1.6 errata and the WSDL say
// integer.
const std::set<std::string>& integer_errata();
// Properties the schema defines but the OCPP 1.6 specification does not; the structs leave them
// out.
const std::set<std::string>& unmodelled_properties();

bool has_schema(std::string_view name);
// The parsed schema `name` (`Authorize`, `AuthorizeResponse`); throws std::out_of_range if absent.
const nlohmann::json& schema(std::string_view name);
std::vector<std::string> schema_names();

// Follows a local `$ref` (`#/definitions/X`) of `root`; returns `node` itself when it has none.
const nlohmann::json& resolve(const nlohmann::json& root, const nlohmann::json& node);

// Everything wrong with `value` as an instance of schema `name`, one line per problem; empty if
// valid.
std::vector<std::string> validate(std::string_view name, const nlohmann::json& value);

// Property paths the schema defines, `/idTagInfo/status` style, with `[]` for array items
// (`/meterValue[]/sampledValue[]/unit`). With required_only, only those reachable through required
// properties: what a minimal message must contain.
std::set<std::string> schema_paths(std::string_view name, bool required_only);
// The same kind of paths for the properties present in `value`.
std::set<std::string> instance_paths(const nlohmann::json& value);

// `parent` + separator + `key`: the path of a property (`/`) or of array items (separator `[]`).
std::string child_path(std::string_view parent, std::string_view separator, std::string_view key);

// A value in an instance together with the (resolved) schema node that describes it.
struct Located {
  nlohmann::json::json_pointer pointer;
  const nlohmann::json* schema = nullptr;  // never null once located
  bool required = false;                   // the property is required in its parent object
};
// Every property value present in `value`, recursively, in document order.
std::vector<Located> locate_all(std::string_view name, const nlohmann::json& value);

}  // namespace ocpp::test
