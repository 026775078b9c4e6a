#include "features/core/remote_trigger.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint::core {

using ocpp::messages::MessageTrigger;
using ocpp::messages::TriggerMessageRequest;
using ocpp::messages::TriggerMessageResponse;
using ocpp::messages::TriggerMessageStatus;

RemoteTrigger::RemoteTrigger(common::TimerFactory& timers, int connector_count,
                             TriggerTargets targets)
    : connector_count_(connector_count), targets_(std::move(targets)), after_answer_(timers) {}

void RemoteTrigger::register_handlers(ocpp::Router& router) {
  router.on<TriggerMessageRequest>(
      [this](const TriggerMessageRequest& request) { return handle(request); });
}

TriggerMessageResponse RemoteTrigger::handle(const TriggerMessageRequest& request) {
  // A connector this box does not have cannot be served. 0 is the charge point itself: §6.53 asks
  // for connectorId > 0, but §5.17 says the requested message is leading, and the Home Assistant
  // integration asks for the StatusNotification of connectors 0..N (a Rejected 0 makes it give up
  // on the others).
  if (request.connectorId &&
      (*request.connectorId < 0 || *request.connectorId > connector_count_)) {
    return {TriggerMessageStatus::Rejected};
  }
  std::function<void()> action;
  const auto connector = request.connectorId;
  switch (request.requestedMessage) {
    case MessageTrigger::BootNotification:
      if (targets_.boot_notification) action = targets_.boot_notification;
      break;
    case MessageTrigger::Heartbeat:
      if (targets_.heartbeat) action = targets_.heartbeat;
      break;
    case MessageTrigger::DiagnosticsStatusNotification:
      if (targets_.diagnostics_status) action = targets_.diagnostics_status;
      break;
    case MessageTrigger::FirmwareStatusNotification:
      if (targets_.firmware_status) action = targets_.firmware_status;
      break;
    case MessageTrigger::StatusNotification:
      if (targets_.status_notification)
        action = [this, connector] { targets_.status_notification(connector); };
      break;
    case MessageTrigger::MeterValues:
      if (targets_.meter_values) action = [this, connector] { targets_.meter_values(connector); };
      break;
  }
  if (!action) return {TriggerMessageStatus::NotImplemented};
  spdlog::info("TriggerMessage: {}{}", ocpp::messages::to_string(request.requestedMessage),
               connector ? " for connector " + std::to_string(*connector) : "");
  after_answer_.run(std::move(action));
  return {TriggerMessageStatus::Accepted};
}

}  // namespace chargepoint::core
