#include "features/core/status_notifier.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint::core {

StatusNotifier::StatusNotifier(ConnectorModel& model, const common::Clock& clock,
                               ConfigurationStore& config, common::TimerFactory& timers)
    : model_(model), clock_(clock), config_(config) {
  for (auto& timer : hold_timers_) timer = timers.make_timer();
  model_.on_change = [this](int connector_id, const ConnectorStatus& status) {
    changed(connector_id, status);
  };
}

void StatusNotifier::attach(ocpp::Session* session) {
  session_ = session;
  if (session_ == nullptr) return;
  report(0);
  report(ConnectorModel::k_connector_id);
}

void StatusNotifier::changed(int connector_id, const ConnectorStatus& status) {
  spdlog::info("connector {}: {} ({}){}", connector_id, ocpp::messages::to_string(status.status),
               status.rule, status.info.empty() ? "" : " - " + status.info);
  if (session_ == nullptr) return;
  const auto hold = std::chrono::seconds(config_.get_int("MinimumStatusDuration"));
  auto& timer = hold_timers_.at(static_cast<std::size_t>(connector_id));
  if (hold.count() <= 0) {
    timer->cancel();
    return report(connector_id);
  }
  timer->start(hold, [this, connector_id] { settled(connector_id); });
}

void StatusNotifier::settled(int connector_id) {
  if (session_ == nullptr) return;
  if (model_.status(connector_id) == reported_.at(static_cast<std::size_t>(connector_id))) return;
  report(connector_id);
}

void StatusNotifier::report(int connector_id) {
  if (session_ == nullptr) return;
  const auto& status = model_.status(connector_id);
  reported_.at(static_cast<std::size_t>(connector_id)) = status;
  hold_timers_.at(static_cast<std::size_t>(connector_id))->cancel();
  ocpp::messages::StatusNotificationRequest request;
  request.connectorId = connector_id;
  request.status = status.status;
  request.errorCode = status.error_code;
  if (!status.info.empty()) request.info = status.info;
  request.timestamp =
      ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(clock_.now()));
  // A lost answer needs no retry: the next change or reconnect reports the status again.
  session_->call(request, [](const auto&) {});
}

}  // namespace chargepoint::core
