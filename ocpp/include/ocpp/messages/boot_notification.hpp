#pragma once
// BootNotification (OCPP 1.6 §4.2 / §6.7–6.8).
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

enum class RegistrationStatus { Accepted, Pending, Rejected };
template <>
struct EnumNames<RegistrationStatus> {
  static constexpr std::array<std::pair<RegistrationStatus, std::string_view>, 3> names{{
      {RegistrationStatus::Accepted, "Accepted"},
      {RegistrationStatus::Pending, "Pending"},
      {RegistrationStatus::Rejected, "Rejected"},
  }};
};

struct BootNotificationResponse {
  RegistrationStatus status = RegistrationStatus::Rejected;
  DateTime currentTime;
  int interval = 0;  // seconds; an integer per the OCPP-J errata (the schema says number)
  friend bool operator==(const BootNotificationResponse&, const BootNotificationResponse&) = default;
};
OCPP_FIELDS(BootNotificationResponse, status, currentTime, interval)

struct BootNotificationRequest {
  static constexpr std::string_view action = "BootNotification";
  using Response = BootNotificationResponse;

  std::optional<std::string> chargeBoxSerialNumber;
  std::string chargePointModel;
  std::optional<std::string> chargePointSerialNumber;
  std::string chargePointVendor;
  std::optional<std::string> firmwareVersion;
  std::optional<std::string> iccid;
  std::optional<std::string> imsi;
  std::optional<std::string> meterSerialNumber;
  std::optional<std::string> meterType;
  friend bool operator==(const BootNotificationRequest&, const BootNotificationRequest&) = default;
};
OCPP_FIELDS(BootNotificationRequest, chargeBoxSerialNumber, chargePointModel, chargePointSerialNumber,
            chargePointVendor, firmwareVersion, iccid, imsi, meterSerialNumber, meterType)

}  // namespace ocpp::messages
