#pragma once
// csms::CentralSystem: the one object the API layer uses. Reads return nlohmann::json shaped for
// the API (camelCase fields, ISO 8601 times); changes return a std::string error (empty on success)
// so the API can answer 400/404 with it. Everything runs on the event loop's thread.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "features/charge_point_messages.hpp"
#include "features/commands.hpp"
#include "registry/charge_point_registry.hpp"
#include "store/store.hpp"

namespace csms {

struct CentralSystemOptions {
  CentralSystemSettings messages;
  store::RetentionPolicy retention;
  std::chrono::minutes maintenance_interval{15};  // how often downsampling and pruning run
  CommandOptions commands;
};

// Outcome of a change: empty on success, else why not; `not_found` tells 404 from 400.
struct ChangeResult {
  std::string error;
  bool not_found = false;
  explicit operator bool() const { return error.empty(); }
};

class CentralSystem final : public CommandTargets {
 public:
  CentralSystem(ChargePointRegistry& registry, store::Store& store, common::TimerFactory& timers,
                const common::Clock& clock, CentralSystemOptions options);
  ~CentralSystem() override;
  CentralSystem(const CentralSystem&) = delete;
  CentralSystem& operator=(const CentralSystem&) = delete;

  // Loads the stored charge points into the registry; adds `known` (the ocpp.charge_points
  // setting's ids, already in the registry) to the store. Throws std::runtime_error when the store
  // fails.
  void load(const std::vector<std::string>& known = {});
  // Where commands go (app/connections.cpp); until set, every command is NotConnected.
  void attach(CommandTargets& connections) { targets_ = &connections; }

  // ---- reads ----
  nlohmann::json charge_points() const;  // [{id, registration, connected, ...}]
  std::optional<nlohmann::json> charge_point(
      std::string_view id);  // + connectors, configuration, openTransactions
  nlohmann::json transactions(std::string_view charge_point_id,
                              std::optional<std::int64_t> before_id, int limit);
  // resolution_s: 0 (as sampled), 60 or 900; measurand empty for all. Includes samples still
  // buffered.
  std::optional<nlohmann::json> meter_series(std::string_view charge_point_id,
                                             common::WallTime from, common::WallTime to,
                                             int resolution_s, std::string_view measurand,
                                             int limit, std::string* error = nullptr);
  nlohmann::json audit_log(std::string_view charge_point_id, std::optional<std::int64_t> before_id,
                           int limit);
  nlohmann::json events_log(std::string_view charge_point_id, std::string_view kind,
                            std::optional<std::int64_t> before_id, int limit);

  // ---- id tags ----
  nlohmann::json id_tags();
  std::optional<nlohmann::json> id_tag(std::string_view id_tag);
  // {"idTag": "...", "status": "Accepted", "expiryDate": "...", "parentIdTag": "..."} (status
  // defaults to Accepted; expiryDate and parentIdTag optional). Creates or replaces.
  ChangeResult put_id_tag(const nlohmann::json& tag);
  ChangeResult remove_id_tag(std::string_view id_tag);

  // ---- charge points ----
  // Accepting a Pending charge point asks it to boot again at once (TriggerMessage
  // BootNotification).
  ChangeResult set_registration(std::string_view id, Registration registration);
  ChangeResult accept(std::string_view id) { return set_registration(id, Registration::Accepted); }
  ChangeResult reject(std::string_view id) { return set_registration(id, Registration::Rejected); }
  // nullopt removes the password (the charge point then connects without Basic auth).
  ChangeResult set_password(std::string_view id, const std::optional<std::string>& password);
  ChangeResult remove_charge_point(std::string_view id);

  // ---- settings (key/value, for the UI and later modules) ----
  std::optional<std::string> setting(std::string_view key);
  ChangeResult put_setting(std::string_view key, std::string_view value);

  // ---- commands ----
  void send(const std::string& charge_point_id, const std::string& action, nlohmann::json payload,
            CommandCallback done, std::string requested_by = "api");
  CommandService& commands() { return commands_; }

  // ---- events (status change, connect/disconnect, transaction start/stop, offered-limit change)
  // ---- Returns a token for remove_event_hook.
  std::size_t on_event(std::function<void(const nlohmann::json&)> hook);
  void remove_event_hook(std::size_t token);

  // ---- used by the connection layer ----
  Admission admit(std::string_view id, std::optional<std::string_view> password);
  MessageContext context_for(ChargePointRecord& record, std::function<void()> on_booted);
  void connected(ChargePointRecord& record, const std::string& remote_address);
  void disconnected(ChargePointRecord& record, std::string_view reason);
  void configuration_read(ChargePointRecord& record, nlohmann::json keys,
                          std::vector<std::string> unknown_keys);
  // Runs the retention job now (also run every maintenance_interval).
  void maintain();
  // Writes what the write buffer holds (shutdown).
  void flush();

  ChargePointRegistry& registry() { return registry_; }
  const common::Clock& clock() const { return clock_; }
  const CentralSystemSettings& settings() const { return options_.messages; }

 private:
  ocpp::Session* session_for(std::string_view charge_point_id) override;
  void emit(const nlohmann::json& event);
  void schedule_maintenance();

  ChargePointRegistry& registry_;
  store::Store& store_;
  const common::Clock& clock_;
  CentralSystemOptions options_;
  CommandTargets* targets_ = nullptr;
  CommandService commands_;
  std::unique_ptr<common::Timer> maintenance_timer_;
  std::vector<std::pair<std::size_t, std::function<void(const nlohmann::json&)>>> hooks_;
  std::size_t next_hook_ = 1;
};

// The API's JSON for one charge point's live state (without configuration and transactions).
nlohmann::json charge_point_state_json(const ChargePointState& state);

}  // namespace csms
