#pragma once
// Commands from the central system about the connector and the box: ChangeAvailability (OCPP 1.6
// §5.2, persisted: Unavailable survives a restart), UnlockConnector (§5.19) and Reset (§5.15).
#include <functional>
#include <memory>

#include "common/after_answer.hpp"
#include "common/event_loop.hpp"
#include "domain/connector_model.hpp"
#include "domain/persistence_ports.hpp"
#include "features/core/transaction_outbox.hpp"
#include "features/core/transactions.hpp"
#include "hal/charger.hpp"
#include "ocpp/messages/core_remote.hpp"
#include "ocpp/router.hpp"

namespace chargepoint::core {

class ConnectorCommands {
 public:
  // How long a Reset waits for the StopTransaction messages to be delivered before restarting
  // anyway (they are in the persistent outbox: nothing is lost, they just go out after the
  // restart).
  static constexpr std::chrono::seconds k_reset_drain_timeout{10};

  ConnectorCommands(ConnectorModel& model, KeyValueStore& values, Transactions& transactions,
                    TransactionOutbox& outbox, hal::Charger& charger, common::TimerFactory& timers);

  // Restores the persisted availability (call before the first status is reported).
  void restore();
  void register_handlers(ocpp::Router& router);

  ocpp::messages::ChangeAvailabilityResponse change_availability(
      const ocpp::messages::ChangeAvailabilityRequest& request);
  ocpp::messages::UnlockConnectorResponse unlock(
      const ocpp::messages::UnlockConnectorRequest& request);
  ocpp::messages::ResetResponse reset(const ocpp::messages::ResetRequest& request);

  // Called once the reset may happen (transactions stopped, their messages delivered or timed out).
  std::function<void(ocpp::messages::ResetType)> on_reset;

 private:
  void set_operative(int connector_id, bool operative);
  void finish_reset(ocpp::messages::ResetType type);

  ConnectorModel& model_;
  KeyValueStore& values_;
  Transactions& transactions_;
  TransactionOutbox& outbox_;
  hal::Charger& charger_;
  common::AfterAnswer after_answer_;
  std::unique_ptr<common::Timer> reset_timer_;
  std::unique_ptr<common::Timer> reset_poll_;
  bool resetting_ = false;
};

}  // namespace chargepoint::core
