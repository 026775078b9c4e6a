#include "features/core/registration.hpp"

#include <spdlog/spdlog.h>

#include "ocpp/messages/heartbeat.hpp"

namespace chargepoint::core {

using ocpp::messages::BootNotificationResponse;
using ocpp::messages::RegistrationStatus;

std::string_view to_string(RegistrationState state) {
  switch (state) {
    case RegistrationState::Disconnected:
      return "disconnected";
    case RegistrationState::Booting:
      return "booting";
    case RegistrationState::Pending:
      return "pending";
    case RegistrationState::Rejected:
      return "rejected";
    case RegistrationState::Accepted:
      return "accepted";
  }
  return "unknown";
}

Registration::Registration(common::TimerFactory& timers, ConfigurationStore& config,
                           ocpp::messages::BootNotificationRequest identity)
    : config_(config),
      identity_(std::move(identity)),
      boot_timer_(timers.make_timer()),
      heartbeat_timer_(timers.make_timer()) {
  config_.on_change([this](std::string_view key, const std::string&) {
    if (key == "HeartbeatInterval" && accepted()) start_heartbeat();
  });
}

void Registration::set_state(RegistrationState state) {
  if (state == state_) return;
  spdlog::info("registration: {} -> {}", to_string(state_), to_string(state));
  state_ = state;
  if (on_state_change) on_state_change(state);
}

void Registration::connected(ocpp::Session& session) {
  session_ = &session;
  if (accepted_once_) {
    set_state(RegistrationState::Accepted);
    start_heartbeat();
    return;
  }
  send_boot();
}

void Registration::disconnected() {
  session_ = nullptr;
  boot_timer_->cancel();
  heartbeat_timer_->cancel();
  set_state(RegistrationState::Disconnected);
}

void Registration::trigger_boot() {
  if (session_ != nullptr) send_boot();
}

void Registration::trigger_heartbeat() {
  if (session_ != nullptr && accepted()) send_heartbeat();
}

void Registration::send_boot() {
  if (session_ == nullptr) return;
  set_state(state_ == RegistrationState::Disconnected ? RegistrationState::Booting : state_);
  session_->call(identity_, [this](const auto& answer) { on_boot_answer(answer); });
}

void Registration::on_boot_answer(const ocpp::CallOutcome<BootNotificationResponse>& answer) {
  if (session_ == nullptr) return;  // the connection went away meanwhile
  if (!answer.ok()) {
    if (answer.error().kind == ocpp::rpc::FailureKind::ConnectionClosed) return;
    retry_boot_in(k_retry_default);
    return;
  }
  const auto& response = answer.value();
  if (on_central_system_time) on_central_system_time(response.currentTime);
  const auto interval = std::chrono::seconds(response.interval > 0 ? response.interval : 0);
  switch (response.status) {
    case RegistrationStatus::Accepted:
      accepted_once_ = true;
      // §4.2: the interval of an Accepted answer is the heartbeat interval.
      if (response.interval > 0)
        config_.set_internal("HeartbeatInterval", std::to_string(response.interval));
      set_state(RegistrationState::Accepted);
      start_heartbeat();
      break;
    case RegistrationStatus::Pending:
      set_state(RegistrationState::Pending);
      retry_boot_in(interval.count() > 0 ? interval : k_retry_default);
      break;
    case RegistrationStatus::Rejected:
      set_state(RegistrationState::Rejected);
      retry_boot_in(interval.count() > 0 ? interval : k_retry_default);
      break;
  }
}

void Registration::retry_boot_in(std::chrono::seconds delay) {
  spdlog::info("registration: BootNotification again in {} s", delay.count());
  boot_timer_->start(delay, [this] { send_boot(); });
}

void Registration::start_heartbeat() {
  const auto interval = std::chrono::seconds(config_.get_int("HeartbeatInterval"));
  if (interval.count() <= 0) {
    heartbeat_timer_->cancel();
    return;
  }
  heartbeat_timer_->start(interval, [this] { send_heartbeat(); });
}

void Registration::send_heartbeat() {
  if (session_ == nullptr || !accepted()) return;
  session_->call(ocpp::messages::HeartbeatRequest{}, [this](const auto& answer) {
    if (answer.ok() && on_central_system_time) on_central_system_time(answer.value().currentTime);
  });
  start_heartbeat();
}

}  // namespace chargepoint::core
