#pragma once
// Local Auth List Management profile: GetLocalListVersion and SendLocalList (OCPP 1.6 §5.10,
// §5.15).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ocpp/messages/common_types.hpp"
#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- GetLocalListVersion -------------------------------------------------------------------------

struct GetLocalListVersionResponse {
  int listVersion = 0;  // 0: no list installed; -1: local authorization lists are not supported
  friend bool operator==(const GetLocalListVersionResponse&,
                         const GetLocalListVersionResponse&) = default;
};
OCPP_FIELDS(GetLocalListVersionResponse, listVersion)

struct GetLocalListVersionRequest {
  static constexpr std::string_view action = "GetLocalListVersion";
  using Response = GetLocalListVersionResponse;
  friend bool operator==(const GetLocalListVersionRequest&,
                         const GetLocalListVersionRequest&) = default;
};
OCPP_EMPTY_MESSAGE(GetLocalListVersionRequest)

// --- SendLocalList -------------------------------------------------------------------------------

// OCPP 1.6 §7 UpdateType.
enum class UpdateType { Differential, Full };
template <>
struct EnumNames<UpdateType> {
  static constexpr auto names = std::to_array<std::pair<UpdateType, std::string_view>>({
      {UpdateType::Differential, "Differential"},
      {UpdateType::Full, "Full"},
  });
};

// OCPP 1.6 §7 UpdateStatus (of a SendLocalList; not to be confused with firmware updates).
enum class UpdateStatus { Accepted, Failed, NotSupported, VersionMismatch };
template <>
struct EnumNames<UpdateStatus> {
  static constexpr auto names = std::to_array<std::pair<UpdateStatus, std::string_view>>({
      {UpdateStatus::Accepted, "Accepted"},
      {UpdateStatus::Failed, "Failed"},
      {UpdateStatus::NotSupported, "NotSupported"},
      {UpdateStatus::VersionMismatch, "VersionMismatch"},
  });
};

// OCPP 1.6 §7 AuthorizationData: one entry of a local authorization list.
struct AuthorizationData {
  std::string idTag;
  // In a Differential update an entry without idTagInfo removes idTag from the list (OCPP 1.6
  // §5.15).
  std::optional<IdTagInfo> idTagInfo;
  friend bool operator==(const AuthorizationData&, const AuthorizationData&) = default;
};
OCPP_FIELDS(AuthorizationData, idTag, idTagInfo)

struct SendLocalListResponse {
  UpdateStatus status = UpdateStatus::Failed;
  friend bool operator==(const SendLocalListResponse&, const SendLocalListResponse&) = default;
};
OCPP_FIELDS(SendLocalListResponse, status)

struct SendLocalListRequest {
  static constexpr std::string_view action = "SendLocalList";
  using Response = SendLocalListResponse;

  int listVersion = 0;
  std::optional<std::vector<AuthorizationData>> localAuthorizationList;
  UpdateType updateType = UpdateType::Full;
  friend bool operator==(const SendLocalListRequest&, const SendLocalListRequest&) = default;
};
OCPP_FIELDS(SendLocalListRequest, listVersion, localAuthorizationList, updateType)

}  // namespace ocpp::messages
