#pragma once
// StatusNotification (OCPP 1.6 §4.9): every status change of connector 0 and 1 while registered,
// all of them again after each (re)registration, and on request (TriggerMessage).
#include <array>
#include <optional>

#include "common/clock.hpp"
#include "domain/connector_model.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::core {

class StatusNotifier {
 public:
  StatusNotifier(ConnectorModel& model, const common::Clock& clock);

  // The session once the charge point may send requests (registration Accepted), else nullptr.
  // Attaching reports the current status of every connector: the central system may have missed
  // changes while the link was down.
  void attach(ocpp::Session* session);
  // Sends the current status now, changed or not (TriggerMessage). connector_id 0 or 1.
  void report(int connector_id);

 private:
  void changed(int connector_id, const ConnectorStatus& status);

  ConnectorModel& model_;
  const common::Clock& clock_;
  ocpp::Session* session_ = nullptr;
};

}  // namespace chargepoint::core
