#pragma once
// Registration with the central system (OCPP 1.6 §4.2, §4.6): BootNotification on connect, its
// Accepted / Pending / Rejected outcomes, and the heartbeat at the interval the central system
// gives.
#include <functional>
#include <memory>

#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::core {

enum class RegistrationState { Disconnected, Booting, Pending, Rejected, Accepted };
std::string_view to_string(RegistrationState state);

class Registration {
 public:
  Registration(common::TimerFactory& timers, ConfigurationStore& config,
               ocpp::messages::BootNotificationRequest identity);

  void connected(ocpp::Session& session);
  void disconnected();
  // TriggerMessage: a BootNotification now (also when Accepted) / a Heartbeat now.
  void trigger_boot();
  void trigger_heartbeat();
  // The session while Accepted, else nullptr: the only state in which other requests may be sent.
  ocpp::Session* accepted_session() const { return accepted() ? session_ : nullptr; }

  RegistrationState state() const { return state_; }
  // Until Accepted, OCPP 1.6 §4.2 allows no request but BootNotification.
  bool accepted() const { return state_ == RegistrationState::Accepted; }

  std::function<void(RegistrationState)> on_state_change;
  std::function<void(ocpp::DateTime)> on_central_system_time;

  // When the central system gives no usable interval (0) or a call fails.
  static constexpr std::chrono::seconds k_retry_default{60};

 private:
  void send_boot();
  void on_boot_answer(const ocpp::CallOutcome<ocpp::messages::BootNotificationResponse>& answer);
  void retry_boot_in(std::chrono::seconds delay);
  void start_heartbeat();
  void send_heartbeat();
  void set_state(RegistrationState state);

  ConfigurationStore& config_;
  ocpp::messages::BootNotificationRequest identity_;
  ocpp::Session* session_ = nullptr;
  RegistrationState state_ = RegistrationState::Disconnected;
  // Set once Accepted: a reconnect of the same boot needs no new BootNotification (OCPP 1.6 §4.2
  // only asks for one after a (re)boot). Any disconnect before Accepted means booting again.
  bool accepted_once_ = false;
  std::unique_ptr<common::Timer> boot_timer_;
  std::unique_ptr<common::Timer> heartbeat_timer_;
};

}  // namespace chargepoint::core
