#pragma once
// StatusNotification (OCPP 1.6 §4.9): every status change of connector 0 and 1 while registered,
// all of them again after each (re)registration, and on request (TriggerMessage).
// MinimumStatusDuration (§9.1, seconds, 0 = off): a change is reported only once it has held that
// long, so a car whose contactor chatters (eo-board-protocol.md §6) does not flood the central
// system. A status that returns to the last reported one within the window is not reported at all.
#include <array>
#include <memory>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "domain/connector_model.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::core {

class StatusNotifier {
 public:
  StatusNotifier(ConnectorModel& model, const common::Clock& clock, ConfigurationStore& config,
                 common::TimerFactory& timers);

  // The session once the charge point may send requests (registration Accepted), else nullptr.
  // Attaching reports the current status of every connector: the central system may have missed
  // changes while the link was down.
  void attach(ocpp::Session* session);
  // Sends the current status now, changed or not (TriggerMessage). connector_id 0 or 1.
  void report(int connector_id);

 private:
  void changed(int connector_id, const ConnectorStatus& status);
  void settled(int connector_id);

  ConnectorModel& model_;
  const common::Clock& clock_;
  ConfigurationStore& config_;
  ocpp::Session* session_ = nullptr;
  std::array<std::unique_ptr<common::Timer>, 2>
      hold_timers_;                          // per connector: MinimumStatusDuration
  std::array<ConnectorStatus, 2> reported_;  // last sent per connector
};

}  // namespace chargepoint::core
