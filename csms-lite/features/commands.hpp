#pragma once
// Central-system commands (OCPP 1.6 §5: RemoteStart/Stop, Reset, ChangeConfiguration, ...) sent to
// a connected charge point. JSON in, JSON out: the payload is checked against the request's schema
// before it leaves, and the answer against the response's schema (ocpp::Session). One call is
// outstanding per charge point (OCPP-J §4.1.1); the rest wait in order behind it, at most
// `max_queued` per charge point. Every command is written to the audit log with how it ended.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "ocpp/outcome.hpp"
#include "ocpp/session.hpp"
#include "store/store.hpp"

namespace csms {

enum class CommandErrorKind {
  NotConnected,      // no open connection to that charge point
  UnknownAction,     // not a central-system command of OCPP 1.6 (or its security extension)
  InvalidPayload,    // the payload breaks the request's schema; `code` is the OCPP-J error code
  QueueFull,         // max_queued commands already wait for this charge point
  Timeout,           // no answer within the call timeout
  CallError,         // the charge point answered with a CALLERROR; `code` is its error code
  ConnectionClosed,  // the connection ended before the answer
  InvalidResponse,   // the answer broke the response schema
};
std::string_view to_string(CommandErrorKind kind);

struct CommandError {
  CommandErrorKind kind = CommandErrorKind::NotConnected;
  std::string code;  // the OCPP-J error code for InvalidPayload, CallError and InvalidResponse
  std::string description;
  nlohmann::json details = nlohmann::json::object();
};

using CommandResult = ocpp::Outcome<nlohmann::json, CommandError>;
using CommandCallback = std::function<void(const CommandResult&)>;

// Where commands go: the open session of a charge point, or nullptr when it is not connected.
class CommandTargets {
 public:
  virtual ~CommandTargets() = default;
  virtual ocpp::Session* session_for(std::string_view charge_point_id) = 0;
};

struct CommandOptions {
  std::size_t max_queued = 16;  // per charge point, the outstanding call included
};

class CommandService {
 public:
  CommandService(CommandTargets& targets, store::Store& store, const common::Clock& clock,
                 CommandOptions options = {});

  // `done` is called exactly once: at once for NotConnected/UnknownAction/InvalidPayload/QueueFull,
  // else when the answer, the timeout or the disconnect comes. `requested_by` is recorded in the
  // audit log (a user name, "system", ...).
  void send(const std::string& charge_point_id, const std::string& action, nlohmann::json payload,
            CommandCallback done, std::string requested_by = "api");

  // Typed helpers for the usual commands; each builds the payload and calls send().
  void remote_start(const std::string& charge_point_id, const std::string& id_tag,
                    std::optional<int> connector_id, CommandCallback done,
                    std::string requested_by = "api");
  void remote_stop(const std::string& charge_point_id, std::int64_t transaction_id,
                   CommandCallback done, std::string requested_by = "api");
  void reset(const std::string& charge_point_id, bool hard, CommandCallback done,
             std::string requested_by = "api");
  void change_configuration(const std::string& charge_point_id, const std::string& key,
                            const std::string& value, CommandCallback done,
                            std::string requested_by = "api");
  void trigger_message(const std::string& charge_point_id, const std::string& message,
                       std::optional<int> connector_id, CommandCallback done,
                       std::string requested_by = "api");

  std::size_t in_flight(const std::string& charge_point_id) const;

 private:
  void finish(std::int64_t audit_id, const std::string& charge_point_id,
              const CommandResult& result);
  std::int64_t audit_begin(const std::string& charge_point_id, const std::string& action,
                           const std::string& requested_by, const nlohmann::json& payload);

  CommandTargets& targets_;
  store::Store& store_;
  const common::Clock& clock_;
  CommandOptions options_;
  std::map<std::string, std::size_t, std::less<>> in_flight_;
};

}  // namespace csms
