#pragma once
// Reservation profile: ReserveNow and CancelReservation (OCPP 1.6 §5.13, §5.1).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- ReserveNow ----------------------------------------------------------------------------------

// OCPP 1.6 §7 ReservationStatus.
enum class ReservationStatus { Accepted, Faulted, Occupied, Rejected, Unavailable };
template <>
struct EnumNames<ReservationStatus> {
  static constexpr auto names = std::to_array<std::pair<ReservationStatus, std::string_view>>({
      {ReservationStatus::Accepted, "Accepted"},
      {ReservationStatus::Faulted, "Faulted"},
      {ReservationStatus::Occupied, "Occupied"},
      {ReservationStatus::Rejected, "Rejected"},
      {ReservationStatus::Unavailable, "Unavailable"},
  });
};

struct ReserveNowResponse {
  ReservationStatus status = ReservationStatus::Rejected;
  friend bool operator==(const ReserveNowResponse&, const ReserveNowResponse&) = default;
};
OCPP_FIELDS(ReserveNowResponse, status)

struct ReserveNowRequest {
  static constexpr std::string_view action = "ReserveNow";
  using Response = ReserveNowResponse;

  int connectorId = 0;  // 0 reserves any connector, if ReserveConnectorZeroSupported
  DateTime expiryDate;
  std::string idTag;
  std::optional<std::string> parentIdTag;
  int reservationId = 0;
  friend bool operator==(const ReserveNowRequest&, const ReserveNowRequest&) = default;
};
OCPP_FIELDS(ReserveNowRequest, connectorId, expiryDate, idTag, parentIdTag, reservationId)

// --- CancelReservation ---------------------------------------------------------------------------

// OCPP 1.6 §7 CancelReservationStatus.
enum class CancelReservationStatus { Accepted, Rejected };
template <>
struct EnumNames<CancelReservationStatus> {
  static constexpr auto names =
      std::to_array<std::pair<CancelReservationStatus, std::string_view>>({
          {CancelReservationStatus::Accepted, "Accepted"},
          {CancelReservationStatus::Rejected, "Rejected"},
      });
};

struct CancelReservationResponse {
  CancelReservationStatus status = CancelReservationStatus::Rejected;
  friend bool operator==(const CancelReservationResponse&,
                         const CancelReservationResponse&) = default;
};
OCPP_FIELDS(CancelReservationResponse, status)

struct CancelReservationRequest {
  static constexpr std::string_view action = "CancelReservation";
  using Response = CancelReservationResponse;

  int reservationId = 0;
  friend bool operator==(const CancelReservationRequest&,
                         const CancelReservationRequest&) = default;
};
OCPP_FIELDS(CancelReservationRequest, reservationId)

}  // namespace ocpp::messages
