#pragma once
// What the connector's OCPP status is, derived from the situation (OCPP 1.6 §4.9, §7
// ChargePointStatus). One ordered rule table instead of scattered ifs: the first rule that applies
// decides, and every rule names why, so a log line can say why the connector is, say,
// SuspendedEVSE.
#include <span>
#include <string>
#include <string_view>

#include "hal/types.hpp"
#include "ocpp/messages/core_status.hpp"

namespace chargepoint {

// Where the connector's transaction is. `finishing`: the transaction has ended but the vehicle is
// still plugged in (OCPP Finishing lasts until the vehicle leaves or a new transaction starts).
enum class TransactionPhase { none, active, finishing };

struct ConnectorSituation {
  bool operative = true;  // ChangeAvailability: Inoperative → Unavailable once no transaction runs
  bool board_link_up = true;  // the power board answers
  hal::VehicleState vehicle = hal::VehicleState::unknown;
  std::span<const hal::Fault> faults;  // active hardware faults
  TransactionPhase transaction = TransactionPhase::none;
  bool authorized_waiting =
      false;  // an idTag is authorised (or a remote start accepted), no vehicle yet
  bool reserved = false;
  bool offering_current = true;  // the composed limit lets the vehicle draw (false → SuspendedEVSE)
};

struct ConnectorStatus {
  ocpp::messages::ChargePointStatus status = ocpp::messages::ChargePointStatus::Unavailable;
  ocpp::messages::ChargePointErrorCode error_code = ocpp::messages::ChargePointErrorCode::NoError;
  std::string info;       // ≤ 50 characters (StatusNotification.info)
  std::string_view rule;  // which rule decided: for logs, never sent
  friend bool operator==(const ConnectorStatus& a, const ConnectorStatus& b) {
    return a.status == b.status && a.error_code == b.error_code && a.info == b.info;
  }
};

// How a hardware fault is reported, and whether it stops energy delivery (then the connector is
// Faulted; otherwise the error code travels with the status the connector would have anyway).
struct FaultReport {
  ocpp::messages::ChargePointErrorCode error_code;
  bool stops_charging;
};
FaultReport report_of(hal::FaultCode code);

ConnectorStatus derive_connector_status(const ConnectorSituation& situation);

// Connector 0 stands for the charge point as a whole (OCPP 1.6 §4.9): only Available, Unavailable
// or Faulted, for faults that concern the whole box (the power board link, the mains supply).
ConnectorStatus derive_charge_point_status(bool operative, bool board_link_up,
                                           std::span<const hal::Fault> faults);

}  // namespace chargepoint
