#include "domain/connector_model.hpp"

#include <algorithm>

namespace chargepoint {

ConnectorModel::ConnectorModel() {
  situation_.faults = faults_;
  charge_point_status_ = derive_charge_point_status(true, true, {});
  connector_status_ = derive_connector_status(situation_);
}

void ConnectorModel::set_vehicle(hal::VehicleState state) {
  situation_.vehicle = state;
  // OCPP Finishing lasts until the vehicle leaves.
  if (state == hal::VehicleState::no_vehicle &&
      situation_.transaction == TransactionPhase::finishing) {
    situation_.transaction = TransactionPhase::none;
  }
  update();
}

void ConnectorModel::set_board_link(bool up) {
  situation_.board_link_up = up;
  update();
}

void ConnectorModel::raise_fault(const hal::Fault& fault) {
  const auto same = [&](const hal::Fault& f) { return f.code == fault.code; };
  if (auto it = std::find_if(faults_.begin(), faults_.end(), same); it != faults_.end()) {
    it->detail = fault.detail;
  } else {
    faults_.push_back(fault);
  }
  update();
}

void ConnectorModel::clear_fault(hal::FaultCode code) {
  std::erase_if(faults_, [&](const hal::Fault& f) { return f.code == code; });
  update();
}

void ConnectorModel::set_transaction(TransactionPhase phase) {
  situation_.transaction = phase;
  if (phase == TransactionPhase::finishing && situation_.vehicle == hal::VehicleState::no_vehicle) {
    situation_.transaction = TransactionPhase::none;
  }
  if (phase != TransactionPhase::none) situation_.authorized_waiting = false;
  update();
}

void ConnectorModel::set_operative(int connector_id, bool operative) {
  (connector_id == 0 ? charge_point_operative_ : connector_operative_) = operative;
  update();
}

void ConnectorModel::set_authorized_waiting(bool waiting) {
  situation_.authorized_waiting = waiting;
  update();
}

void ConnectorModel::set_reserved(bool reserved) {
  situation_.reserved = reserved;
  update();
}

void ConnectorModel::set_offering_current(bool offering) {
  situation_.offering_current = offering;
  update();
}

const ConnectorStatus& ConnectorModel::status(int connector_id) const {
  return connector_id == 0 ? charge_point_status_ : connector_status_;
}

void ConnectorModel::update() {
  if (batch_depth_ > 0) return;
  situation_.faults = faults_;  // the vector may have reallocated
  // OCPP 1.6 §5.2: making the charge point (connector 0) Inoperative makes every connector
  // Inoperative.
  situation_.operative = charge_point_operative_ && connector_operative_;
  auto charge_point = derive_charge_point_status(
      // OCPP 1.6 §5.2: during a transaction the change is Scheduled: the box stays available until
      // it ends.
      charge_point_operative_ || situation_.transaction == TransactionPhase::active,
      situation_.board_link_up, faults_);
  auto connector = derive_connector_status(situation_);
  const bool charge_point_changed = !(charge_point == charge_point_status_);
  const bool connector_changed = !(connector == connector_status_);
  charge_point_status_ = std::move(charge_point);
  connector_status_ = std::move(connector);
  if (!on_change) return;
  if (charge_point_changed) on_change(0, charge_point_status_);
  if (connector_changed) on_change(k_connector_id, connector_status_);
}

}  // namespace chargepoint
