#pragma once
// Core profile, the messages a charge point sends around a transaction: Authorize,
// StartTransaction, StopTransaction and MeterValues (OCPP 1.6 §4.1, §4.8, §4.10, §4.7).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ocpp/messages/common_types.hpp"
#include "ocpp/messages/json_fields.hpp"
#include "ocpp/messages/meter_value.hpp"

namespace ocpp::messages {

// --- Authorize -----------------------------------------------------------------------------------

struct AuthorizeResponse {
  IdTagInfo idTagInfo;
  friend bool operator==(const AuthorizeResponse&, const AuthorizeResponse&) = default;
};
OCPP_FIELDS(AuthorizeResponse, idTagInfo)

struct AuthorizeRequest {
  static constexpr std::string_view action = "Authorize";
  using Response = AuthorizeResponse;

  std::string idTag;  // IdToken, at most 20 characters
  friend bool operator==(const AuthorizeRequest&, const AuthorizeRequest&) = default;
};
OCPP_FIELDS(AuthorizeRequest, idTag)

// --- StartTransaction ----------------------------------------------------------------------------

struct StartTransactionResponse {
  IdTagInfo idTagInfo;
  int transactionId = 0;
  friend bool operator==(const StartTransactionResponse&,
                         const StartTransactionResponse&) = default;
};
OCPP_FIELDS(StartTransactionResponse, idTagInfo, transactionId)

// The pinned schema also lists an integer `transactionId` here. Neither the 1.6 spec nor its WSDL
// has it (the central system assigns the id in the response), so it is deliberately not modelled.
struct StartTransactionRequest {
  static constexpr std::string_view action = "StartTransaction";
  using Response = StartTransactionResponse;

  int connectorId = 0;
  std::string idTag;
  int meterStart = 0;  // Wh
  std::optional<int> reservationId;
  DateTime timestamp;
  friend bool operator==(const StartTransactionRequest&, const StartTransactionRequest&) = default;
};
OCPP_FIELDS(StartTransactionRequest, connectorId, idTag, meterStart, reservationId, timestamp)

// --- StopTransaction -----------------------------------------------------------------------------

// OCPP 1.6 §7 Reason. Absent on the wire means Local.
enum class StopReason {
  EmergencyStop,
  EVDisconnected,
  HardReset,
  Local,
  Other,
  PowerLoss,
  Reboot,
  Remote,
  SoftReset,
  UnlockCommand,
  DeAuthorized,
};
template <>
struct EnumNames<StopReason> {
  static constexpr auto names = std::to_array<std::pair<StopReason, std::string_view>>({
      {StopReason::EmergencyStop, "EmergencyStop"},
      {StopReason::EVDisconnected, "EVDisconnected"},
      {StopReason::HardReset, "HardReset"},
      {StopReason::Local, "Local"},
      {StopReason::Other, "Other"},
      {StopReason::PowerLoss, "PowerLoss"},
      {StopReason::Reboot, "Reboot"},
      {StopReason::Remote, "Remote"},
      {StopReason::SoftReset, "SoftReset"},
      {StopReason::UnlockCommand, "UnlockCommand"},
      {StopReason::DeAuthorized, "DeAuthorized"},
  });
};

struct StopTransactionResponse {
  std::optional<IdTagInfo> idTagInfo;  // present only when the request carried an idTag
  friend bool operator==(const StopTransactionResponse&, const StopTransactionResponse&) = default;
};
OCPP_FIELDS(StopTransactionResponse, idTagInfo)

struct StopTransactionRequest {
  static constexpr std::string_view action = "StopTransaction";
  using Response = StopTransactionResponse;

  std::optional<std::string> idTag;  // absent when the transaction was not stopped by a badge
  int meterStop = 0;                 // Wh
  DateTime timestamp;
  int transactionId = 0;
  std::optional<StopReason> reason;  // optional per the 1.6 errata; absent means Local
  std::optional<std::vector<MeterValue>> transactionData;
  friend bool operator==(const StopTransactionRequest&, const StopTransactionRequest&) = default;
};
OCPP_FIELDS(StopTransactionRequest, idTag, meterStop, timestamp, transactionId, reason,
            transactionData)

// --- MeterValues ---------------------------------------------------------------------------------

struct MeterValuesResponse {
  friend bool operator==(const MeterValuesResponse&, const MeterValuesResponse&) = default;
};
OCPP_EMPTY_MESSAGE(MeterValuesResponse)

struct MeterValuesRequest {
  static constexpr std::string_view action = "MeterValues";
  using Response = MeterValuesResponse;

  int connectorId = 0;  // 0 is the main meter of the whole charge point
  std::optional<int> transactionId;
  std::vector<MeterValue> meterValue;
  friend bool operator==(const MeterValuesRequest&, const MeterValuesRequest&) = default;
};
OCPP_FIELDS(MeterValuesRequest, connectorId, transactionId, meterValue)

}  // namespace ocpp::messages
