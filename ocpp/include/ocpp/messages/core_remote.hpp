#pragma once
// Core profile, operations the central system starts on a charge point: RemoteStartTransaction,
// RemoteStopTransaction, Reset, UnlockConnector and ChangeAvailability (OCPP 1.6 §5.11, §5.12,
// §5.14, §5.18, §5.2).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/charging_profile.hpp"
#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// OCPP 1.6 §7 RemoteStartStopStatus: the answer to both RemoteStartTransaction and
// RemoteStopTransaction.
enum class RemoteStartStopStatus { Accepted, Rejected };
template <>
struct EnumNames<RemoteStartStopStatus> {
  static constexpr auto names = std::to_array<std::pair<RemoteStartStopStatus, std::string_view>>({
      {RemoteStartStopStatus::Accepted, "Accepted"},
      {RemoteStartStopStatus::Rejected, "Rejected"},
  });
};

// --- RemoteStartTransaction ----------------------------------------------------------------------

struct RemoteStartTransactionResponse {
  RemoteStartStopStatus status = RemoteStartStopStatus::Rejected;
  friend bool operator==(const RemoteStartTransactionResponse&,
                         const RemoteStartTransactionResponse&) = default;
};
OCPP_FIELDS(RemoteStartTransactionResponse, status)

struct RemoteStartTransactionRequest {
  static constexpr std::string_view action = "RemoteStartTransaction";
  using Response = RemoteStartTransactionResponse;

  std::optional<int> connectorId;  // absent: the charge point picks a connector
  std::string idTag;
  std::optional<ChargingProfile> chargingProfile;  // must have purpose TxProfile (OCPP 1.6 §5.11)
  friend bool operator==(const RemoteStartTransactionRequest&,
                         const RemoteStartTransactionRequest&) = default;
};
OCPP_FIELDS(RemoteStartTransactionRequest, connectorId, idTag, chargingProfile)

// --- RemoteStopTransaction -----------------------------------------------------------------------

struct RemoteStopTransactionResponse {
  RemoteStartStopStatus status = RemoteStartStopStatus::Rejected;
  friend bool operator==(const RemoteStopTransactionResponse&,
                         const RemoteStopTransactionResponse&) = default;
};
OCPP_FIELDS(RemoteStopTransactionResponse, status)

struct RemoteStopTransactionRequest {
  static constexpr std::string_view action = "RemoteStopTransaction";
  using Response = RemoteStopTransactionResponse;

  int transactionId = 0;
  friend bool operator==(const RemoteStopTransactionRequest&,
                         const RemoteStopTransactionRequest&) = default;
};
OCPP_FIELDS(RemoteStopTransactionRequest, transactionId)

// --- Reset ---------------------------------------------------------------------------------------

// OCPP 1.6 §7 ResetType.
enum class ResetType { Hard, Soft };
template <>
struct EnumNames<ResetType> {
  static constexpr auto names = std::to_array<std::pair<ResetType, std::string_view>>({
      {ResetType::Hard, "Hard"},
      {ResetType::Soft, "Soft"},
  });
};

// OCPP 1.6 §7 ResetStatus.
enum class ResetStatus { Accepted, Rejected };
template <>
struct EnumNames<ResetStatus> {
  static constexpr auto names = std::to_array<std::pair<ResetStatus, std::string_view>>({
      {ResetStatus::Accepted, "Accepted"},
      {ResetStatus::Rejected, "Rejected"},
  });
};

struct ResetResponse {
  ResetStatus status = ResetStatus::Rejected;
  friend bool operator==(const ResetResponse&, const ResetResponse&) = default;
};
OCPP_FIELDS(ResetResponse, status)

struct ResetRequest {
  static constexpr std::string_view action = "Reset";
  using Response = ResetResponse;

  ResetType type = ResetType::Soft;
  friend bool operator==(const ResetRequest&, const ResetRequest&) = default;
};
OCPP_FIELDS(ResetRequest, type)

// --- UnlockConnector -----------------------------------------------------------------------------

// OCPP 1.6 §7 UnlockStatus.
enum class UnlockStatus { Unlocked, UnlockFailed, NotSupported };
template <>
struct EnumNames<UnlockStatus> {
  static constexpr auto names = std::to_array<std::pair<UnlockStatus, std::string_view>>({
      {UnlockStatus::Unlocked, "Unlocked"},
      {UnlockStatus::UnlockFailed, "UnlockFailed"},
      {UnlockStatus::NotSupported, "NotSupported"},
  });
};

struct UnlockConnectorResponse {
  UnlockStatus status = UnlockStatus::UnlockFailed;
  friend bool operator==(const UnlockConnectorResponse&, const UnlockConnectorResponse&) = default;
};
OCPP_FIELDS(UnlockConnectorResponse, status)

struct UnlockConnectorRequest {
  static constexpr std::string_view action = "UnlockConnector";
  using Response = UnlockConnectorResponse;

  int connectorId = 0;  // must be > 0
  friend bool operator==(const UnlockConnectorRequest&, const UnlockConnectorRequest&) = default;
};
OCPP_FIELDS(UnlockConnectorRequest, connectorId)

// --- ChangeAvailability --------------------------------------------------------------------------

// OCPP 1.6 §7 AvailabilityType.
enum class AvailabilityType { Inoperative, Operative };
template <>
struct EnumNames<AvailabilityType> {
  static constexpr auto names = std::to_array<std::pair<AvailabilityType, std::string_view>>({
      {AvailabilityType::Inoperative, "Inoperative"},
      {AvailabilityType::Operative, "Operative"},
  });
};

// OCPP 1.6 §7 AvailabilityStatus. Scheduled: the change happens once the running transaction ends.
enum class AvailabilityStatus { Accepted, Rejected, Scheduled };
template <>
struct EnumNames<AvailabilityStatus> {
  static constexpr auto names = std::to_array<std::pair<AvailabilityStatus, std::string_view>>({
      {AvailabilityStatus::Accepted, "Accepted"},
      {AvailabilityStatus::Rejected, "Rejected"},
      {AvailabilityStatus::Scheduled, "Scheduled"},
  });
};

struct ChangeAvailabilityResponse {
  AvailabilityStatus status = AvailabilityStatus::Rejected;
  friend bool operator==(const ChangeAvailabilityResponse&,
                         const ChangeAvailabilityResponse&) = default;
};
OCPP_FIELDS(ChangeAvailabilityResponse, status)

struct ChangeAvailabilityRequest {
  static constexpr std::string_view action = "ChangeAvailability";
  using Response = ChangeAvailabilityResponse;

  int connectorId = 0;  // 0 means the whole charge point
  AvailabilityType type = AvailabilityType::Operative;
  friend bool operator==(const ChangeAvailabilityRequest&,
                         const ChangeAvailabilityRequest&) = default;
};
OCPP_FIELDS(ChangeAvailabilityRequest, connectorId, type)

}  // namespace ocpp::messages
