#pragma once
// Types shared by several OCPP 1.6 messages that belong to no single feature profile.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// OCPP 1.6 §7 AuthorizationStatus.
enum class AuthorizationStatus { Accepted, Blocked, Expired, Invalid, ConcurrentTx };
template <>
struct EnumNames<AuthorizationStatus> {
  static constexpr auto names = std::to_array<std::pair<AuthorizationStatus, std::string_view>>({
      {AuthorizationStatus::Accepted, "Accepted"},
      {AuthorizationStatus::Blocked, "Blocked"},
      {AuthorizationStatus::Expired, "Expired"},
      {AuthorizationStatus::Invalid, "Invalid"},
      {AuthorizationStatus::ConcurrentTx, "ConcurrentTx"},
  });
};

// OCPP 1.6 §7 IdTagInfo: used by Authorize, StartTransaction, StopTransaction and SendLocalList.
struct IdTagInfo {
  std::optional<DateTime> expiryDate;
  std::optional<std::string> parentIdTag;  // IdToken, at most 20 characters
  // Defaults to the refusal so that a forgotten assignment never authorises anyone.
  AuthorizationStatus status = AuthorizationStatus::Invalid;
  friend bool operator==(const IdTagInfo&, const IdTagInfo&) = default;
};
OCPP_FIELDS(IdTagInfo, expiryDate, parentIdTag, status)

}  // namespace ocpp::messages
