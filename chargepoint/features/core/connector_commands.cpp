#include "features/core/connector_commands.hpp"

#include <string>

#include <spdlog/spdlog.h>

namespace chargepoint::core {

using ocpp::messages::AvailabilityStatus;
using ocpp::messages::AvailabilityType;
using ocpp::messages::ResetStatus;
using ocpp::messages::ResetType;
using ocpp::messages::StopReason;
using ocpp::messages::UnlockStatus;

namespace {

std::string availability_key(int connector_id) {
  return "availability." + std::to_string(connector_id);
}

}  // namespace

ConnectorCommands::ConnectorCommands(ConnectorModel& model, KeyValueStore& values,
                                     Transactions& transactions, TransactionOutbox& outbox,
                                     hal::Charger& charger, common::TimerFactory& timers)
    : model_(model),
      values_(values),
      transactions_(transactions),
      outbox_(outbox),
      charger_(charger),
      after_answer_(timers),
      reset_timer_(timers.make_timer()),
      reset_poll_(timers.make_timer()) {}

void ConnectorCommands::restore() {
  for (int id : {0, ConnectorModel::k_connector_id}) {
    if (values_.get(availability_key(id)) == "Inoperative") {
      spdlog::info("connector {} is Unavailable (set by the central system before the restart)",
                   id);
      model_.set_operative(id, false);
    }
  }
}

void ConnectorCommands::register_handlers(ocpp::Router& router) {
  router.on<ocpp::messages::ChangeAvailabilityRequest>(
      [this](const auto& r) { return change_availability(r); });
  router.on<ocpp::messages::UnlockConnectorRequest>([this](const auto& r) { return unlock(r); });
  router.on<ocpp::messages::ResetRequest>([this](const auto& r) { return reset(r); });
}

void ConnectorCommands::set_operative(int connector_id, bool operative) {
  // Persisted first: an Unavailable box must come back Unavailable after a power cut (TC_034).
  values_.put(availability_key(connector_id), operative ? "Operative" : "Inoperative");
  // Applied after the answer has gone out, so that the StatusNotification it causes follows it.
  after_answer_.run([this, connector_id, operative] {
    model_.set_operative(connector_id, operative);
    if (operative) transactions_.became_operative();
  });
}

ocpp::messages::ChangeAvailabilityResponse ConnectorCommands::change_availability(
    const ocpp::messages::ChangeAvailabilityRequest& request) {
  if (request.connectorId < 0 || request.connectorId > ConnectorModel::k_connector_id) {
    return {AvailabilityStatus::Rejected};
  }
  const bool operative = request.type == AvailabilityType::Operative;
  set_operative(request.connectorId, operative);
  spdlog::info("ChangeAvailability: connector {} {}", request.connectorId,
               ocpp::messages::to_string(request.type));
  // §5.2: going Inoperative during a transaction takes effect when it ends: Scheduled.
  if (!operative && transactions_.active()) return {AvailabilityStatus::Scheduled};
  return {AvailabilityStatus::Accepted};
}

ocpp::messages::UnlockConnectorResponse ConnectorCommands::unlock(
    const ocpp::messages::UnlockConnectorRequest& request) {
  if (request.connectorId != ConnectorModel::k_connector_id) return {UnlockStatus::NotSupported};
  if (!charger_.capabilities().has_connector_lock) return {UnlockStatus::NotSupported};
  // §5.19: a transaction on the connector is stopped first (reason UnlockCommand).
  transactions_.stop(StopReason::UnlockCommand);
  switch (charger_.unlock_connector()) {
    case hal::UnlockResult::unlocked:
      return {UnlockStatus::Unlocked};
    case hal::UnlockResult::failed:
      return {UnlockStatus::UnlockFailed};
    case hal::UnlockResult::not_supported:
      return {UnlockStatus::NotSupported};
  }
  return {UnlockStatus::UnlockFailed};
}

ocpp::messages::ResetResponse ConnectorCommands::reset(
    const ocpp::messages::ResetRequest& request) {
  if (resetting_) return {ResetStatus::Accepted};
  resetting_ = true;
  const auto type = request.type;
  spdlog::warn("Reset ({}) requested by the central system", ocpp::messages::to_string(type));
  // §5.15: transactions are stopped first and reported; the restart follows once the outbox has
  // delivered them, or after a timeout (they stay queued and go out after the restart).
  after_answer_.run([this, type] {
    transactions_.stop(type == ResetType::Hard ? StopReason::HardReset : StopReason::SoftReset);
    charger_.offer_current(0);
    reset_timer_->start(k_reset_drain_timeout, [this, type] { finish_reset(type); });
    const auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, type, poll] {
      if (outbox_.drained()) return finish_reset(type);
      reset_poll_->start(std::chrono::milliseconds(100), *poll);
    };
    (*poll)();
  });
  return {ResetStatus::Accepted};
}

void ConnectorCommands::finish_reset(ResetType type) {
  reset_timer_->cancel();
  reset_poll_->cancel();
  if (on_reset) on_reset(type);
}

}  // namespace chargepoint::core
