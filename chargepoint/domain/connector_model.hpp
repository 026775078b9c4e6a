#pragma once
// The one place that knows the situation of the charge point (connector 0) and its connector (1):
// fed by the HAL events and by the transaction and availability logic, it derives both OCPP
// statuses (domain/connector_status.hpp) and announces each change once.
#include <functional>
#include <vector>

#include "domain/connector_status.hpp"
#include "hal/types.hpp"

namespace chargepoint {

class ConnectorModel {
 public:
  // The EO boxes have one connector (NumberOfConnectors = 1).
  static constexpr int k_connector_id = 1;

  ConnectorModel();

  void set_vehicle(hal::VehicleState state);
  void set_board_link(bool up);
  void raise_fault(const hal::Fault& fault);
  void clear_fault(hal::FaultCode code);
  void set_transaction(TransactionPhase phase);
  void set_operative(int connector_id, bool operative);
  void set_authorized_waiting(bool waiting);
  void set_reserved(bool reserved);
  void set_offering_current(bool offering);

  hal::VehicleState vehicle() const { return situation_.vehicle; }
  bool board_link_up() const { return situation_.board_link_up; }
  TransactionPhase transaction() const { return situation_.transaction; }
  bool operative(int connector_id) const {
    return connector_id == 0 ? charge_point_operative_ : connector_operative_;
  }
  const std::vector<hal::Fault>& faults() const { return faults_; }

  // connector_id 0 (the whole charge point) or 1.
  const ConnectorStatus& status(int connector_id) const;

  // Called after every change of a status (connector id, new status).
  std::function<void(int, const ConnectorStatus&)> on_change;

  // Holds on_change back while alive, then reports only the net change: one event (a vehicle leaving
  // and its transaction ending) gives one StatusNotification, not a passing intermediate status.
  class Batch {
   public:
    explicit Batch(ConnectorModel& model) : model_(model) { ++model_.batch_depth_; }
    ~Batch() {
      if (--model_.batch_depth_ == 0) model_.update();
    }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

   private:
    ConnectorModel& model_;
  };

 private:
  void update();

  ConnectorSituation situation_;
  std::vector<hal::Fault> faults_;
  bool charge_point_operative_ = true;
  bool connector_operative_ = true;
  ConnectorStatus charge_point_status_;
  ConnectorStatus connector_status_;
  int batch_depth_ = 0;
};

}  // namespace chargepoint
