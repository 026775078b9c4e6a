#pragma once
// A JSON-schema validator for exactly the keywords the OCPP 1.6J schemas use (type, properties,
// required, additionalProperties, enum, maxLength, minItems, items, multipleOf, format, local $ref).
// It exists so that every failure maps to the precise OCPP-J CALLERROR code (table in
// docs/validation.md) and so that multipleOf is decided on the decimal text, not on binary floats.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "ocpp/rpc/call_error.hpp"

namespace ocpp::schema {

struct ValidationError {
  rpc::ErrorCode code;
  std::string path;     // `chargingSchedule.chargingSchedulePeriod[2].limit`; empty for the payload itself
  std::string message;  // human-readable reason, without the path
};

// Validates `instance` against `schema`, where `$ref`s resolve inside `root`. Returns the first problem.
std::optional<ValidationError> validate(const nlohmann::json& root, const nlohmann::json& schema,
                                        const nlohmann::json& instance);
inline std::optional<ValidationError> validate(const nlohmann::json& schema, const nlohmann::json& instance) {
  return validate(schema, schema, instance);
}

// True when `value`, written as its shortest decimal form, is an integer multiple of `step` (also read
// as decimal). So 8.1 is a multiple of 0.1 and 8.15 is not, although neither is exact in binary.
bool is_decimal_multiple(double value, double step);

}  // namespace ocpp::schema
