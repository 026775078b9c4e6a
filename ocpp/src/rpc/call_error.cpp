#include "ocpp/rpc/call_error.hpp"

#include <array>
#include <utility>

namespace ocpp::rpc {
namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 10> k_names{{
    {ErrorCode::NotImplemented, "NotImplemented"},
    {ErrorCode::NotSupported, "NotSupported"},
    {ErrorCode::InternalError, "InternalError"},
    {ErrorCode::ProtocolError, "ProtocolError"},
    {ErrorCode::SecurityError, "SecurityError"},
    {ErrorCode::FormationViolation, "FormationViolation"},
    {ErrorCode::PropertyConstraintViolation, "PropertyConstraintViolation"},
    {ErrorCode::OccurenceConstraintViolation, "OccurenceConstraintViolation"},
    {ErrorCode::TypeConstraintViolation, "TypeConstraintViolation"},
    {ErrorCode::GenericError, "GenericError"},
}};

}  // namespace

std::string_view to_string(ErrorCode code) {
  for (const auto& [value, name] : k_names) {
    if (value == code) return name;
  }
  return "GenericError";
}

std::optional<ErrorCode> error_code_from_string(std::string_view text) {
  for (const auto& [value, name] : k_names) {
    if (name == text) return value;
  }
  // OCPP 2.0 spells it correctly; accept that too when a peer mixes them up.
  if (text == "OccurrenceConstraintViolation") return ErrorCode::OccurenceConstraintViolation;
  return std::nullopt;
}

}  // namespace ocpp::rpc
