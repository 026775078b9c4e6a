#pragma once
// Firmware Management profile: UpdateFirmware, FirmwareStatusNotification, GetDiagnostics and
// DiagnosticsStatusNotification (OCPP 1.6 §5.19, §4.5, §5.9, §4.4).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- UpdateFirmware ------------------------------------------------------------------------------

struct UpdateFirmwareResponse {
  friend bool operator==(const UpdateFirmwareResponse&, const UpdateFirmwareResponse&) = default;
};
OCPP_EMPTY_MESSAGE(UpdateFirmwareResponse)

struct UpdateFirmwareRequest {
  static constexpr std::string_view action = "UpdateFirmware";
  using Response = UpdateFirmwareResponse;

  std::string location;  // URI of the firmware image
  // The schema says "number" for retries and retryInterval; the spec's tables, the WSDL and the
  // errata say integer, so they are ints here.
  std::optional<int> retries;
  DateTime retrieveDate;             // download no earlier than this
  std::optional<int> retryInterval;  // seconds
  friend bool operator==(const UpdateFirmwareRequest&, const UpdateFirmwareRequest&) = default;
};
OCPP_FIELDS(UpdateFirmwareRequest, location, retries, retrieveDate, retryInterval)

// --- FirmwareStatusNotification ------------------------------------------------------------------

// OCPP 1.6 §7 FirmwareStatus. The security extension's SignedFirmwareStatusNotification has a
// longer list of its own: SignedFirmwareStatus.
enum class FirmwareStatus {
  Downloaded,
  DownloadFailed,
  Downloading,
  Idle,
  InstallationFailed,
  Installing,
  Installed,
};
template <>
struct EnumNames<FirmwareStatus> {
  static constexpr auto names = std::to_array<std::pair<FirmwareStatus, std::string_view>>({
      {FirmwareStatus::Downloaded, "Downloaded"},
      {FirmwareStatus::DownloadFailed, "DownloadFailed"},
      {FirmwareStatus::Downloading, "Downloading"},
      {FirmwareStatus::Idle, "Idle"},
      {FirmwareStatus::InstallationFailed, "InstallationFailed"},
      {FirmwareStatus::Installing, "Installing"},
      {FirmwareStatus::Installed, "Installed"},
  });
};

struct FirmwareStatusNotificationResponse {
  friend bool operator==(const FirmwareStatusNotificationResponse&,
                         const FirmwareStatusNotificationResponse&) = default;
};
OCPP_EMPTY_MESSAGE(FirmwareStatusNotificationResponse)

struct FirmwareStatusNotificationRequest {
  static constexpr std::string_view action = "FirmwareStatusNotification";
  using Response = FirmwareStatusNotificationResponse;

  FirmwareStatus status = FirmwareStatus::Idle;
  friend bool operator==(const FirmwareStatusNotificationRequest&,
                         const FirmwareStatusNotificationRequest&) = default;
};
OCPP_FIELDS(FirmwareStatusNotificationRequest, status)

// --- GetDiagnostics ------------------------------------------------------------------------------

struct GetDiagnosticsResponse {
  std::optional<std::string> fileName;  // absent when there is nothing to upload
  friend bool operator==(const GetDiagnosticsResponse&, const GetDiagnosticsResponse&) = default;
};
OCPP_FIELDS(GetDiagnosticsResponse, fileName)

struct GetDiagnosticsRequest {
  static constexpr std::string_view action = "GetDiagnostics";
  using Response = GetDiagnosticsResponse;

  std::string location;  // URI of the directory to upload into
  std::optional<int> retries;
  std::optional<int> retryInterval;  // seconds
  std::optional<DateTime> startTime;
  std::optional<DateTime> stopTime;
  friend bool operator==(const GetDiagnosticsRequest&, const GetDiagnosticsRequest&) = default;
};
OCPP_FIELDS(GetDiagnosticsRequest, location, retries, retryInterval, startTime, stopTime)

// --- DiagnosticsStatusNotification ---------------------------------------------------------------

// OCPP 1.6 §7 DiagnosticsStatus.
enum class DiagnosticsStatus { Idle, Uploaded, UploadFailed, Uploading };
template <>
struct EnumNames<DiagnosticsStatus> {
  static constexpr auto names = std::to_array<std::pair<DiagnosticsStatus, std::string_view>>({
      {DiagnosticsStatus::Idle, "Idle"},
      {DiagnosticsStatus::Uploaded, "Uploaded"},
      {DiagnosticsStatus::UploadFailed, "UploadFailed"},
      {DiagnosticsStatus::Uploading, "Uploading"},
  });
};

struct DiagnosticsStatusNotificationResponse {
  friend bool operator==(const DiagnosticsStatusNotificationResponse&,
                         const DiagnosticsStatusNotificationResponse&) = default;
};
OCPP_EMPTY_MESSAGE(DiagnosticsStatusNotificationResponse)

struct DiagnosticsStatusNotificationRequest {
  static constexpr std::string_view action = "DiagnosticsStatusNotification";
  using Response = DiagnosticsStatusNotificationResponse;

  DiagnosticsStatus status = DiagnosticsStatus::Idle;
  friend bool operator==(const DiagnosticsStatusNotificationRequest&,
                         const DiagnosticsStatusNotificationRequest&) = default;
};
OCPP_FIELDS(DiagnosticsStatusNotificationRequest, status)

}  // namespace ocpp::messages
