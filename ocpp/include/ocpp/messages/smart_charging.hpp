#pragma once
// Smart Charging profile: SetChargingProfile, ClearChargingProfile and GetCompositeSchedule
// (OCPP 1.6 §5.16, §5.5, §5.7). The profile types themselves live in charging_profile.hpp.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "ocpp/messages/charging_profile.hpp"
#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- SetChargingProfile --------------------------------------------------------------------------

// OCPP 1.6 §7 ChargingProfileStatus.
enum class ChargingProfileStatus { Accepted, Rejected, NotSupported };
template <>
struct EnumNames<ChargingProfileStatus> {
  static constexpr auto names = std::to_array<std::pair<ChargingProfileStatus, std::string_view>>({
      {ChargingProfileStatus::Accepted, "Accepted"},
      {ChargingProfileStatus::Rejected, "Rejected"},
      {ChargingProfileStatus::NotSupported, "NotSupported"},
  });
};

struct SetChargingProfileResponse {
  ChargingProfileStatus status = ChargingProfileStatus::Rejected;
  friend bool operator==(const SetChargingProfileResponse&,
                         const SetChargingProfileResponse&) = default;
};
OCPP_FIELDS(SetChargingProfileResponse, status)

struct SetChargingProfileRequest {
  static constexpr std::string_view action = "SetChargingProfile";
  using Response = SetChargingProfileResponse;

  int connectorId = 0;                 // 0 addresses the charge point as a whole
  ChargingProfile csChargingProfiles;  // one profile, despite the plural name
  friend bool operator==(const SetChargingProfileRequest&,
                         const SetChargingProfileRequest&) = default;
};
OCPP_FIELDS(SetChargingProfileRequest, connectorId, csChargingProfiles)

// --- ClearChargingProfile ------------------------------------------------------------------------

// OCPP 1.6 §7 ClearChargingProfileStatus. Unknown: no profile matched the criteria.
enum class ClearChargingProfileStatus { Accepted, Unknown };
template <>
struct EnumNames<ClearChargingProfileStatus> {
  static constexpr auto names =
      std::to_array<std::pair<ClearChargingProfileStatus, std::string_view>>({
          {ClearChargingProfileStatus::Accepted, "Accepted"},
          {ClearChargingProfileStatus::Unknown, "Unknown"},
      });
};

struct ClearChargingProfileResponse {
  ClearChargingProfileStatus status = ClearChargingProfileStatus::Unknown;
  friend bool operator==(const ClearChargingProfileResponse&,
                         const ClearChargingProfileResponse&) = default;
};
OCPP_FIELDS(ClearChargingProfileResponse, status)

// Every field is a filter; the profiles matching all given fields are cleared, so an empty request
// clears every profile (OCPP 1.6 §5.5).
struct ClearChargingProfileRequest {
  static constexpr std::string_view action = "ClearChargingProfile";
  using Response = ClearChargingProfileResponse;

  std::optional<int> id;  // chargingProfileId
  std::optional<int> connectorId;
  std::optional<ChargingProfilePurpose> chargingProfilePurpose;
  std::optional<int> stackLevel;
  friend bool operator==(const ClearChargingProfileRequest&,
                         const ClearChargingProfileRequest&) = default;
};
OCPP_FIELDS(ClearChargingProfileRequest, id, connectorId, chargingProfilePurpose, stackLevel)

// --- GetCompositeSchedule ------------------------------------------------------------------------

// OCPP 1.6 §7 GetCompositeScheduleStatus.
enum class GetCompositeScheduleStatus { Accepted, Rejected };
template <>
struct EnumNames<GetCompositeScheduleStatus> {
  static constexpr auto names =
      std::to_array<std::pair<GetCompositeScheduleStatus, std::string_view>>({
          {GetCompositeScheduleStatus::Accepted, "Accepted"},
          {GetCompositeScheduleStatus::Rejected, "Rejected"},
      });
};

struct GetCompositeScheduleResponse {
  GetCompositeScheduleStatus status = GetCompositeScheduleStatus::Rejected;
  // The three below are present only when Accepted.
  std::optional<int> connectorId;
  std::optional<DateTime> scheduleStart;
  std::optional<ChargingSchedule> chargingSchedule;
  friend bool operator==(const GetCompositeScheduleResponse&,
                         const GetCompositeScheduleResponse&) = default;
};
OCPP_FIELDS(GetCompositeScheduleResponse, status, connectorId, scheduleStart, chargingSchedule)

struct GetCompositeScheduleRequest {
  static constexpr std::string_view action = "GetCompositeSchedule";
  using Response = GetCompositeScheduleResponse;

  int connectorId = 0;  // 0: the expected consumption of the whole charge point
  int duration = 0;     // seconds
  std::optional<ChargingRateUnit> chargingRateUnit;
  friend bool operator==(const GetCompositeScheduleRequest&,
                         const GetCompositeScheduleRequest&) = default;
};
OCPP_FIELDS(GetCompositeScheduleRequest, connectorId, duration, chargingRateUnit)

}  // namespace ocpp::messages
