#pragma once
// OCPP 1.6 security extension, logging and security events: GetLog, LogStatusNotification and
// SecurityEventNotification.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- GetLog --------------------------------------------------------------------------------------

// LogEnumType.
enum class LogType { DiagnosticsLog, SecurityLog };
template <>
struct EnumNames<LogType> {
  static constexpr auto names = std::to_array<std::pair<LogType, std::string_view>>({
      {LogType::DiagnosticsLog, "DiagnosticsLog"},
      {LogType::SecurityLog, "SecurityLog"},
  });
};

// LogStatusEnumType. AcceptedCanceled: accepted, and an upload already running was cancelled.
enum class LogStatus { Accepted, Rejected, AcceptedCanceled };
template <>
struct EnumNames<LogStatus> {
  static constexpr auto names = std::to_array<std::pair<LogStatus, std::string_view>>({
      {LogStatus::Accepted, "Accepted"},
      {LogStatus::Rejected, "Rejected"},
      {LogStatus::AcceptedCanceled, "AcceptedCanceled"},
  });
};

// LogParametersType: where to upload and which time span to include.
struct LogParameters {
  std::string remoteLocation;  // URL
  std::optional<DateTime> oldestTimestamp;
  std::optional<DateTime> latestTimestamp;
  friend bool operator==(const LogParameters&, const LogParameters&) = default;
};
OCPP_FIELDS(LogParameters, remoteLocation, oldestTimestamp, latestTimestamp)

struct GetLogResponse {
  LogStatus status = LogStatus::Rejected;
  std::optional<std::string> filename;  // lower-case n, unlike GetDiagnosticsResponse.fileName
  friend bool operator==(const GetLogResponse&, const GetLogResponse&) = default;
};
OCPP_FIELDS(GetLogResponse, status, filename)

struct GetLogRequest {
  static constexpr std::string_view action = "GetLog";
  using Response = GetLogResponse;

  LogParameters log;
  LogType logType = LogType::DiagnosticsLog;
  int requestId = 0;  // echoed in LogStatusNotification
  std::optional<int> retries;
  std::optional<int> retryInterval;  // seconds
  friend bool operator==(const GetLogRequest&, const GetLogRequest&) = default;
};
OCPP_FIELDS(GetLogRequest, log, logType, requestId, retries, retryInterval)

// --- LogStatusNotification -----------------------------------------------------------------------

// UploadLogStatusEnumType.
enum class UploadLogStatus {
  BadMessage,
  Idle,
  NotSupportedOperation,
  PermissionDenied,
  Uploaded,
  UploadFailure,
  Uploading,
};
template <>
struct EnumNames<UploadLogStatus> {
  static constexpr auto names = std::to_array<std::pair<UploadLogStatus, std::string_view>>({
      {UploadLogStatus::BadMessage, "BadMessage"},
      {UploadLogStatus::Idle, "Idle"},
      {UploadLogStatus::NotSupportedOperation, "NotSupportedOperation"},
      {UploadLogStatus::PermissionDenied, "PermissionDenied"},
      {UploadLogStatus::Uploaded, "Uploaded"},
      {UploadLogStatus::UploadFailure, "UploadFailure"},
      {UploadLogStatus::Uploading, "Uploading"},
  });
};

struct LogStatusNotificationResponse {
  friend bool operator==(const LogStatusNotificationResponse&,
                         const LogStatusNotificationResponse&) = default;
};
OCPP_EMPTY_MESSAGE(LogStatusNotificationResponse)

struct LogStatusNotificationRequest {
  static constexpr std::string_view action = "LogStatusNotification";
  using Response = LogStatusNotificationResponse;

  UploadLogStatus status = UploadLogStatus::Idle;
  std::optional<int> requestId;  // absent when triggered while no upload is running
  friend bool operator==(const LogStatusNotificationRequest&,
                         const LogStatusNotificationRequest&) = default;
};
OCPP_FIELDS(LogStatusNotificationRequest, status, requestId)

// --- SecurityEventNotification -------------------------------------------------------------------

struct SecurityEventNotificationResponse {
  friend bool operator==(const SecurityEventNotificationResponse&,
                         const SecurityEventNotificationResponse&) = default;
};
OCPP_EMPTY_MESSAGE(SecurityEventNotificationResponse)

struct SecurityEventNotificationRequest {
  static constexpr std::string_view action = "SecurityEventNotification";
  using Response = SecurityEventNotificationResponse;

  // A free string on the wire (at most 50 characters); the whitepaper lists the standard names,
  // e.g. "FirmwareUpdated", "InvalidCentralSystemCertificate", "SettingSystemTime".
  std::string type;
  DateTime timestamp;
  std::optional<std::string> techInfo;
  friend bool operator==(const SecurityEventNotificationRequest&,
                         const SecurityEventNotificationRequest&) = default;
};
OCPP_FIELDS(SecurityEventNotificationRequest, type, timestamp, techInfo)

}  // namespace ocpp::messages
