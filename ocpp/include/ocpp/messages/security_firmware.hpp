#pragma once
// OCPP 1.6 security extension, secure firmware update: SignedUpdateFirmware and
// SignedFirmwareStatusNotification. They replace UpdateFirmware / FirmwareStatusNotification when
// the charge point supports signed firmware.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- SignedUpdateFirmware ------------------------------------------------------------------------

// FirmwareType.
struct Firmware {
  std::string location;  // URI of the firmware image
  DateTime retrieveDateTime;
  std::optional<DateTime> installDateTime;
  std::string signingCertificate;  // PEM certificate the firmware was signed with
  std::string signature;           // base64 signature of the firmware image
  friend bool operator==(const Firmware&, const Firmware&) = default;
};
OCPP_FIELDS(Firmware, location, retrieveDateTime, installDateTime, signingCertificate, signature)

// UpdateFirmwareStatusEnumType.
enum class UpdateFirmwareStatus {
  Accepted,
  Rejected,
  AcceptedCanceled,
  InvalidCertificate,
  RevokedCertificate,
};
template <>
struct EnumNames<UpdateFirmwareStatus> {
  static constexpr auto names = std::to_array<std::pair<UpdateFirmwareStatus, std::string_view>>({
      {UpdateFirmwareStatus::Accepted, "Accepted"},
      {UpdateFirmwareStatus::Rejected, "Rejected"},
      {UpdateFirmwareStatus::AcceptedCanceled, "AcceptedCanceled"},
      {UpdateFirmwareStatus::InvalidCertificate, "InvalidCertificate"},
      {UpdateFirmwareStatus::RevokedCertificate, "RevokedCertificate"},
  });
};

struct SignedUpdateFirmwareResponse {
  UpdateFirmwareStatus status = UpdateFirmwareStatus::Rejected;
  friend bool operator==(const SignedUpdateFirmwareResponse&,
                         const SignedUpdateFirmwareResponse&) = default;
};
OCPP_FIELDS(SignedUpdateFirmwareResponse, status)

struct SignedUpdateFirmwareRequest {
  static constexpr std::string_view action = "SignedUpdateFirmware";
  using Response = SignedUpdateFirmwareResponse;

  std::optional<int> retries;
  std::optional<int> retryInterval;  // seconds
  int requestId = 0;                 // echoed in SignedFirmwareStatusNotification
  Firmware firmware;
  friend bool operator==(const SignedUpdateFirmwareRequest&,
                         const SignedUpdateFirmwareRequest&) = default;
};
OCPP_FIELDS(SignedUpdateFirmwareRequest, retries, retryInterval, requestId, firmware)

// --- SignedFirmwareStatusNotification ------------------------------------------------------------

// FirmwareStatusEnumType of the security extension: the core FirmwareStatus plus scheduling,
// pausing and signature states.
enum class SignedFirmwareStatus {
  Downloaded,
  DownloadFailed,
  Downloading,
  DownloadScheduled,
  DownloadPaused,
  Idle,
  InstallationFailed,
  Installing,
  Installed,
  InstallRebooting,
  InstallScheduled,
  InstallVerificationFailed,
  InvalidSignature,
  SignatureVerified,
};
template <>
struct EnumNames<SignedFirmwareStatus> {
  static constexpr auto names = std::to_array<std::pair<SignedFirmwareStatus, std::string_view>>({
      {SignedFirmwareStatus::Downloaded, "Downloaded"},
      {SignedFirmwareStatus::DownloadFailed, "DownloadFailed"},
      {SignedFirmwareStatus::Downloading, "Downloading"},
      {SignedFirmwareStatus::DownloadScheduled, "DownloadScheduled"},
      {SignedFirmwareStatus::DownloadPaused, "DownloadPaused"},
      {SignedFirmwareStatus::Idle, "Idle"},
      {SignedFirmwareStatus::InstallationFailed, "InstallationFailed"},
      {SignedFirmwareStatus::Installing, "Installing"},
      {SignedFirmwareStatus::Installed, "Installed"},
      {SignedFirmwareStatus::InstallRebooting, "InstallRebooting"},
      {SignedFirmwareStatus::InstallScheduled, "InstallScheduled"},
      {SignedFirmwareStatus::InstallVerificationFailed, "InstallVerificationFailed"},
      {SignedFirmwareStatus::InvalidSignature, "InvalidSignature"},
      {SignedFirmwareStatus::SignatureVerified, "SignatureVerified"},
  });
};

struct SignedFirmwareStatusNotificationResponse {
  friend bool operator==(const SignedFirmwareStatusNotificationResponse&,
                         const SignedFirmwareStatusNotificationResponse&) = default;
};
OCPP_EMPTY_MESSAGE(SignedFirmwareStatusNotificationResponse)

struct SignedFirmwareStatusNotificationRequest {
  static constexpr std::string_view action = "SignedFirmwareStatusNotification";
  using Response = SignedFirmwareStatusNotificationResponse;

  SignedFirmwareStatus status = SignedFirmwareStatus::Idle;
  std::optional<int> requestId;  // absent when triggered while no update is running
  friend bool operator==(const SignedFirmwareStatusNotificationRequest&,
                         const SignedFirmwareStatusNotificationRequest&) = default;
};
OCPP_FIELDS(SignedFirmwareStatusNotificationRequest, status, requestId)

}  // namespace ocpp::messages
