#pragma once
// Core profile: StatusNotification (OCPP 1.6 §4.9) and DataTransfer (§4.3, §5.6; either side may
// send it).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- StatusNotification --------------------------------------------------------------------------

// OCPP 1.6 §7 ChargePointErrorCode.
enum class ChargePointErrorCode {
  ConnectorLockFailure,
  EVCommunicationError,
  GroundFailure,
  HighTemperature,
  InternalError,
  LocalListConflict,
  NoError,
  OtherError,
  OverCurrentFailure,
  PowerMeterFailure,
  PowerSwitchFailure,
  ReaderFailure,
  ResetFailure,
  UnderVoltage,
  OverVoltage,
  WeakSignal,
};
template <>
struct EnumNames<ChargePointErrorCode> {
  static constexpr auto names = std::to_array<std::pair<ChargePointErrorCode, std::string_view>>({
      {ChargePointErrorCode::ConnectorLockFailure, "ConnectorLockFailure"},
      {ChargePointErrorCode::EVCommunicationError, "EVCommunicationError"},
      {ChargePointErrorCode::GroundFailure, "GroundFailure"},
      {ChargePointErrorCode::HighTemperature, "HighTemperature"},
      {ChargePointErrorCode::InternalError, "InternalError"},
      {ChargePointErrorCode::LocalListConflict, "LocalListConflict"},
      {ChargePointErrorCode::NoError, "NoError"},
      {ChargePointErrorCode::OtherError, "OtherError"},
      {ChargePointErrorCode::OverCurrentFailure, "OverCurrentFailure"},
      {ChargePointErrorCode::PowerMeterFailure, "PowerMeterFailure"},
      {ChargePointErrorCode::PowerSwitchFailure, "PowerSwitchFailure"},
      {ChargePointErrorCode::ReaderFailure, "ReaderFailure"},
      {ChargePointErrorCode::ResetFailure, "ResetFailure"},
      {ChargePointErrorCode::UnderVoltage, "UnderVoltage"},
      {ChargePointErrorCode::OverVoltage, "OverVoltage"},
      {ChargePointErrorCode::WeakSignal, "WeakSignal"},
  });
};

// OCPP 1.6 §7 ChargePointStatus (of a connector, or of the whole charge point for connector 0).
enum class ChargePointStatus {
  Available,
  Preparing,
  Charging,
  SuspendedEVSE,
  SuspendedEV,
  Finishing,
  Reserved,
  Unavailable,
  Faulted,
};
template <>
struct EnumNames<ChargePointStatus> {
  static constexpr auto names = std::to_array<std::pair<ChargePointStatus, std::string_view>>({
      {ChargePointStatus::Available, "Available"},
      {ChargePointStatus::Preparing, "Preparing"},
      {ChargePointStatus::Charging, "Charging"},
      {ChargePointStatus::SuspendedEVSE, "SuspendedEVSE"},
      {ChargePointStatus::SuspendedEV, "SuspendedEV"},
      {ChargePointStatus::Finishing, "Finishing"},
      {ChargePointStatus::Reserved, "Reserved"},
      {ChargePointStatus::Unavailable, "Unavailable"},
      {ChargePointStatus::Faulted, "Faulted"},
  });
};

struct StatusNotificationResponse {
  friend bool operator==(const StatusNotificationResponse&,
                         const StatusNotificationResponse&) = default;
};
OCPP_EMPTY_MESSAGE(StatusNotificationResponse)

struct StatusNotificationRequest {
  static constexpr std::string_view action = "StatusNotification";
  using Response = StatusNotificationResponse;

  int connectorId = 0;
  ChargePointErrorCode errorCode = ChargePointErrorCode::NoError;
  std::optional<std::string> info;  // free text, at most 50 characters
  ChargePointStatus status = ChargePointStatus::Unavailable;
  std::optional<DateTime> timestamp;
  std::optional<std::string> vendorId;
  std::optional<std::string> vendorErrorCode;
  friend bool operator==(const StatusNotificationRequest&,
                         const StatusNotificationRequest&) = default;
};
OCPP_FIELDS(StatusNotificationRequest, connectorId, errorCode, info, status, timestamp, vendorId,
            vendorErrorCode)

// --- DataTransfer --------------------------------------------------------------------------------

// OCPP 1.6 §7 DataTransferStatus.
enum class DataTransferStatus { Accepted, Rejected, UnknownMessageId, UnknownVendorId };
template <>
struct EnumNames<DataTransferStatus> {
  static constexpr auto names = std::to_array<std::pair<DataTransferStatus, std::string_view>>({
      {DataTransferStatus::Accepted, "Accepted"},
      {DataTransferStatus::Rejected, "Rejected"},
      {DataTransferStatus::UnknownMessageId, "UnknownMessageId"},
      {DataTransferStatus::UnknownVendorId, "UnknownVendorId"},
  });
};

struct DataTransferResponse {
  DataTransferStatus status = DataTransferStatus::UnknownVendorId;
  std::optional<std::string> data;
  friend bool operator==(const DataTransferResponse&, const DataTransferResponse&) = default;
};
OCPP_FIELDS(DataTransferResponse, status, data)

struct DataTransferRequest {
  static constexpr std::string_view action = "DataTransfer";
  using Response = DataTransferResponse;

  std::string vendorId;  // reversed DNS name of the vendor, at most 255 characters
  std::optional<std::string> messageId;
  // The spec leaves the content undefined; in practice vendors put JSON text (or base64) in this
  // string.
  std::optional<std::string> data;
  friend bool operator==(const DataTransferRequest&, const DataTransferRequest&) = default;
};
OCPP_FIELDS(DataTransferRequest, vendorId, messageId, data)

}  // namespace ocpp::messages
