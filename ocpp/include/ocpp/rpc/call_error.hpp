#pragma once
// The CALLERROR codes of OCPP-J 1.6 §4.2.3 and the error value that travels with them.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ocpp::rpc {

enum class ErrorCode {
  NotImplemented,               // the action is not known
  NotSupported,                 // the action is known but not supported here
  InternalError,                // the receiver failed while handling a valid request
  ProtocolError,                // the payload or the exchange breaks the protocol
  SecurityError,                // the request was refused for a security reason
  FormationViolation,           // not the PDU structure: bad framing, unknown field, not an object
  PropertyConstraintViolation,  // a field's value is not allowed (enum, length, multipleOf, format)
  OccurenceConstraintViolation, // a field is missing or occurs too few times (the spec's spelling)
  TypeConstraintViolation,      // a field has the wrong JSON type
  GenericError,                 // anything else
};

std::string_view to_string(ErrorCode code);
std::optional<ErrorCode> error_code_from_string(std::string_view text);

struct CallError {
  ErrorCode code = ErrorCode::GenericError;
  std::string description;
  // OCPP-J requires errorDetails to be a JSON object, so this is always one.
  nlohmann::json details = nlohmann::json::object();

  friend bool operator==(const CallError&, const CallError&) = default;
};

}  // namespace ocpp::rpc
