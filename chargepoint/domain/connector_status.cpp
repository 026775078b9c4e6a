#include "domain/connector_status.hpp"

#include <array>

namespace chargepoint {

namespace {

using hal::VehicleState;
using ocpp::messages::ChargePointErrorCode;
using ocpp::messages::ChargePointStatus;

constexpr std::size_t k_info_max = 50;  // StatusNotification.info is CiString50Type

const hal::Fault* first_fault(std::span<const hal::Fault> faults, bool stopping) {
  for (const auto& fault : faults) {
    if (report_of(fault.code).stops_charging == stopping) return &fault;
  }
  return nullptr;
}

bool in_transaction(const ConnectorSituation& s) {
  return s.transaction == TransactionPhase::active;
}

struct Rule {
  std::string_view name;
  bool (*applies)(const ConnectorSituation&);
  ChargePointStatus status;
};

// Order matters: faults first, then availability, then the transaction, then the idle states.
constexpr std::array k_rules{
    Rule{"a fault stops energy delivery",
         [](const ConnectorSituation& s) { return first_fault(s.faults, true) != nullptr; },
         ChargePointStatus::Faulted},
    Rule{"the power board does not answer",
         [](const ConnectorSituation& s) { return !s.board_link_up; }, ChargePointStatus::Faulted},
    // OCPP 1.6 §5.2: an Inoperative change during a transaction is Scheduled: it waits for the end.
    Rule{"set Inoperative",
         [](const ConnectorSituation& s) { return !s.operative && !in_transaction(s); },
         ChargePointStatus::Unavailable},
    Rule{"the power board is starting",
         [](const ConnectorSituation& s) {
           return s.vehicle == VehicleState::unknown && !in_transaction(s);
         },
         ChargePointStatus::Unavailable},
    Rule{"the vehicle draws energy",
         [](const ConnectorSituation& s) {
           return in_transaction(s) && s.vehicle == VehicleState::charging;
         },
         ChargePointStatus::Charging},
    Rule{"the vehicle stopped drawing (full)",
         [](const ConnectorSituation& s) {
           return in_transaction(s) && s.vehicle == VehicleState::ev_finished;
         },
         ChargePointStatus::SuspendedEV},
    Rule{"the charge point offers no current",
         [](const ConnectorSituation& s) {
           return in_transaction(s) &&
                  (!s.offering_current || s.vehicle == VehicleState::evse_suspended ||
                   s.vehicle == VehicleState::unknown);
         },
         ChargePointStatus::SuspendedEVSE},
    // Current is offered but the vehicle does not take it (or, with
    // StopTransactionOnEVSideDisconnect false, the cable was pulled from the vehicle and the
    // transaction goes on).
    Rule{"the vehicle does not draw the current offered",
         [](const ConnectorSituation& s) { return in_transaction(s); },
         ChargePointStatus::SuspendedEV},
    Rule{"the transaction ended, the vehicle is still plugged in",
         [](const ConnectorSituation& s) {
           return s.transaction == TransactionPhase::finishing && hal::vehicle_present(s.vehicle);
         },
         ChargePointStatus::Finishing},
    Rule{"reserved",
         [](const ConnectorSituation& s) { return s.reserved && !hal::vehicle_present(s.vehicle); },
         ChargePointStatus::Reserved},
    Rule{"a vehicle is plugged in, no transaction yet",
         [](const ConnectorSituation& s) { return hal::vehicle_present(s.vehicle); },
         ChargePointStatus::Preparing},
    Rule{"authorised, waiting for a vehicle",
         [](const ConnectorSituation& s) { return s.authorized_waiting; },
         ChargePointStatus::Preparing},
    Rule{"nothing plugged in", [](const ConnectorSituation&) { return true; },
         ChargePointStatus::Available},
};

std::string clipped(std::string text) {
  if (text.size() > k_info_max) text.resize(k_info_max);
  return text;
}

ConnectorStatus with_fault_details(ConnectorStatus status, std::span<const hal::Fault> faults,
                                   bool board_link_up) {
  if (const auto* fault = first_fault(faults, true)) {
    status.error_code = report_of(fault->code).error_code;
    status.info =
        clipped(fault->detail.empty() ? std::string(hal::to_string(fault->code)) : fault->detail);
  } else if (!board_link_up) {
    status.error_code = ChargePointErrorCode::InternalError;
    status.info = "power board not responding";
  } else if (const auto* warning = first_fault(faults, false)) {
    status.error_code = report_of(warning->code).error_code;
    status.info = clipped(warning->detail.empty() ? std::string(hal::to_string(warning->code))
                                                  : warning->detail);
  }
  return status;
}

}  // namespace

FaultReport report_of(hal::FaultCode code) {
  switch (code) {
    case hal::FaultCode::mains:
      return {ChargePointErrorCode::OtherError, true};
    case hal::FaultCode::over_voltage:
      return {ChargePointErrorCode::OverVoltage, true};
    case hal::FaultCode::under_voltage:
      return {ChargePointErrorCode::UnderVoltage, true};
    case hal::FaultCode::over_current:
      return {ChargePointErrorCode::OverCurrentFailure, true};
    case hal::FaultCode::ground_failure:
      return {ChargePointErrorCode::GroundFailure, true};
    case hal::FaultCode::high_temperature:
      return {ChargePointErrorCode::HighTemperature, true};
    case hal::FaultCode::ev_communication:
      return {ChargePointErrorCode::EVCommunicationError, true};
    // Charging can go on without a meter reading; the central system still learns about it.
    case hal::FaultCode::power_meter:
      return {ChargePointErrorCode::PowerMeterFailure, false};
    case hal::FaultCode::internal:
      return {ChargePointErrorCode::InternalError, true};
  }
  return {ChargePointErrorCode::OtherError, true};
}

ConnectorStatus derive_connector_status(const ConnectorSituation& situation) {
  for (const auto& rule : k_rules) {
    if (!rule.applies(situation)) continue;
    ConnectorStatus status;
    status.status = rule.status;
    status.rule = rule.name;
    return with_fault_details(std::move(status), situation.faults, situation.board_link_up);
  }
  return {};  // unreachable: the last rule always applies
}

ConnectorStatus derive_charge_point_status(bool operative, bool board_link_up,
                                           std::span<const hal::Fault> faults) {
  ConnectorStatus status;
  if (first_fault(faults, true) != nullptr || !board_link_up) {
    status.status = ChargePointStatus::Faulted;
    status.rule = "the box cannot deliver energy";
  } else if (!operative) {
    status.status = ChargePointStatus::Unavailable;
    status.rule = "set Inoperative";
  } else {
    status.status = ChargePointStatus::Available;
    status.rule = "operative";
  }
  return with_fault_details(std::move(status), faults, board_link_up);
}

}  // namespace chargepoint
