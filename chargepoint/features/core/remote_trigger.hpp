#pragma once
// Remote Trigger profile (OCPP 1.6 §5.17, §6.53): TriggerMessage. The answer goes out first and the
// requested message after it (§5.17: "the Charge Point SHALL first send the TriggerMessage
// response").
#include <functional>
#include <memory>
#include <optional>

#include "common/after_answer.hpp"
#include "common/event_loop.hpp"
#include "ocpp/messages/remote_trigger.hpp"
#include "ocpp/router.hpp"

namespace chargepoint::core {

// What each trigger does; an unset one is answered NotImplemented.
struct TriggerTargets {
  std::function<void()> boot_notification;
  std::function<void()> heartbeat;
  std::function<void(std::optional<int> connector_id)> status_notification;
  std::function<void(std::optional<int> connector_id)> meter_values;
  std::function<void()> diagnostics_status;
  std::function<void()> firmware_status;
};

class RemoteTrigger {
 public:
  RemoteTrigger(common::TimerFactory& timers, int connector_count, TriggerTargets targets);
  void register_handlers(ocpp::Router& router);

  ocpp::messages::TriggerMessageResponse handle(
      const ocpp::messages::TriggerMessageRequest& request);

 private:
  int connector_count_;
  TriggerTargets targets_;
  common::AfterAnswer after_answer_;
};

}  // namespace chargepoint::core
