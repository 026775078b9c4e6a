#pragma once
// Remote Trigger profile: TriggerMessage (OCPP 1.6 §5.17), and ExtendedTriggerMessage, its
// counterpart in the 1.6 security extension, which can also trigger the security messages. Both
// answer with a TriggerMessageStatus.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// OCPP 1.6 §7 TriggerMessageStatus; the security extension's TriggerMessageStatusEnumType has the
// same three values.
enum class TriggerMessageStatus { Accepted, Rejected, NotImplemented };
template <>
struct EnumNames<TriggerMessageStatus> {
  static constexpr auto names = std::to_array<std::pair<TriggerMessageStatus, std::string_view>>({
      {TriggerMessageStatus::Accepted, "Accepted"},
      {TriggerMessageStatus::Rejected, "Rejected"},
      {TriggerMessageStatus::NotImplemented, "NotImplemented"},
  });
};

// --- TriggerMessage ------------------------------------------------------------------------------

// OCPP 1.6 §7 MessageTrigger.
enum class MessageTrigger {
  BootNotification,
  DiagnosticsStatusNotification,
  FirmwareStatusNotification,
  Heartbeat,
  MeterValues,
  StatusNotification,
};
template <>
struct EnumNames<MessageTrigger> {
  static constexpr auto names = std::to_array<std::pair<MessageTrigger, std::string_view>>({
      {MessageTrigger::BootNotification, "BootNotification"},
      {MessageTrigger::DiagnosticsStatusNotification, "DiagnosticsStatusNotification"},
      {MessageTrigger::FirmwareStatusNotification, "FirmwareStatusNotification"},
      {MessageTrigger::Heartbeat, "Heartbeat"},
      {MessageTrigger::MeterValues, "MeterValues"},
      {MessageTrigger::StatusNotification, "StatusNotification"},
  });
};

struct TriggerMessageResponse {
  TriggerMessageStatus status = TriggerMessageStatus::Rejected;
  friend bool operator==(const TriggerMessageResponse&, const TriggerMessageResponse&) = default;
};
OCPP_FIELDS(TriggerMessageResponse, status)

struct TriggerMessageRequest {
  static constexpr std::string_view action = "TriggerMessage";
  using Response = TriggerMessageResponse;

  MessageTrigger requestedMessage = MessageTrigger::Heartbeat;
  std::optional<int> connectorId;  // only for the connector-specific messages
  friend bool operator==(const TriggerMessageRequest&, const TriggerMessageRequest&) = default;
};
OCPP_FIELDS(TriggerMessageRequest, requestedMessage, connectorId)

// --- ExtendedTriggerMessage ----------------------------------------------------------------------

// Security extension MessageTriggerEnumType. Not a superset of MessageTrigger: it adds
// LogStatusNotification and SignChargePointCertificate but has no DiagnosticsStatusNotification.
enum class ExtendedMessageTrigger {
  BootNotification,
  LogStatusNotification,
  FirmwareStatusNotification,
  Heartbeat,
  MeterValues,
  SignChargePointCertificate,
  StatusNotification,
};
template <>
struct EnumNames<ExtendedMessageTrigger> {
  static constexpr auto names = std::to_array<std::pair<ExtendedMessageTrigger, std::string_view>>({
      {ExtendedMessageTrigger::BootNotification, "BootNotification"},
      {ExtendedMessageTrigger::LogStatusNotification, "LogStatusNotification"},
      {ExtendedMessageTrigger::FirmwareStatusNotification, "FirmwareStatusNotification"},
      {ExtendedMessageTrigger::Heartbeat, "Heartbeat"},
      {ExtendedMessageTrigger::MeterValues, "MeterValues"},
      {ExtendedMessageTrigger::SignChargePointCertificate, "SignChargePointCertificate"},
      {ExtendedMessageTrigger::StatusNotification, "StatusNotification"},
  });
};

struct ExtendedTriggerMessageResponse {
  TriggerMessageStatus status = TriggerMessageStatus::Rejected;
  friend bool operator==(const ExtendedTriggerMessageResponse&,
                         const ExtendedTriggerMessageResponse&) = default;
};
OCPP_FIELDS(ExtendedTriggerMessageResponse, status)

struct ExtendedTriggerMessageRequest {
  static constexpr std::string_view action = "ExtendedTriggerMessage";
  using Response = ExtendedTriggerMessageResponse;

  ExtendedMessageTrigger requestedMessage = ExtendedMessageTrigger::Heartbeat;
  std::optional<int> connectorId;
  friend bool operator==(const ExtendedTriggerMessageRequest&,
                         const ExtendedTriggerMessageRequest&) = default;
};
OCPP_FIELDS(ExtendedTriggerMessageRequest, requestedMessage, connectorId)

}  // namespace ocpp::messages
