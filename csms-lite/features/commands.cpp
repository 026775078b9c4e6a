#include "features/commands.hpp"

#include <spdlog/spdlog.h>

#include "features/charge_point_messages.hpp"
#include "ocpp/schema/registry.hpp"

namespace csms {

std::string_view to_string(CommandErrorKind kind) {
  switch (kind) {
    case CommandErrorKind::NotConnected:
      return "NotConnected";
    case CommandErrorKind::UnknownAction:
      return "UnknownAction";
    case CommandErrorKind::InvalidPayload:
      return "InvalidPayload";
    case CommandErrorKind::QueueFull:
      return "QueueFull";
    case CommandErrorKind::Timeout:
      return "Timeout";
    case CommandErrorKind::CallError:
      return "CallError";
    case CommandErrorKind::ConnectionClosed:
      return "ConnectionClosed";
    case CommandErrorKind::InvalidResponse:
      return "InvalidResponse";
  }
  return "CallError";
}

namespace {

CommandError from_failure(const ocpp::rpc::CallFailure& failure) {
  using ocpp::rpc::FailureKind;
  CommandError error;
  switch (failure.kind) {
    case FailureKind::ErrorReceived:
      error.kind = CommandErrorKind::CallError;
      break;
    case FailureKind::Timeout:
      error.kind = CommandErrorKind::Timeout;
      break;
    case FailureKind::ConnectionClosed:
      error.kind = CommandErrorKind::ConnectionClosed;
      break;
    case FailureKind::InvalidResponse:
      error.kind = CommandErrorKind::InvalidResponse;
      break;
    // The payload was checked before; what is left is the endpoint's own queue limit.
    case FailureKind::NotSent:
      error.kind = CommandErrorKind::QueueFull;
      break;
  }
  if (failure.kind == FailureKind::ErrorReceived || failure.kind == FailureKind::InvalidResponse) {
    error.code = std::string(ocpp::rpc::to_string(failure.error.code));
  }
  error.description = failure.error.description;
  error.details = failure.error.details;
  return error;
}

}  // namespace

CommandService::CommandService(CommandTargets& targets, store::Store& store,
                               const common::Clock& clock, CommandOptions options)
    : targets_(targets), store_(store), clock_(clock), options_(options) {}

std::size_t CommandService::in_flight(const std::string& charge_point_id) const {
  const auto it = in_flight_.find(charge_point_id);
  return it == in_flight_.end() ? 0 : it->second;
}

std::int64_t CommandService::audit_begin(const std::string& charge_point_id,
                                         const std::string& action, const std::string& requested_by,
                                         const nlohmann::json& payload) {
  auto id = store_.commands.begin(store::CommandLogEntry{
      0, charge_point_id, action, requested_by,
      payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), unix_ms(clock_.now()),
      "Pending", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  if (!id) {
    spdlog::error("store: audit log: {}", id.error().message);
    return 0;
  }
  return *id;
}

void CommandService::finish(std::int64_t audit_id, const std::string& charge_point_id,
                            const CommandResult& result) {
  if (audit_id == 0) return;
  std::optional<std::string> result_json;
  std::optional<std::string> error_code;
  std::optional<std::string> description;
  std::string outcome = "Failed";
  if (result.ok()) {
    result_json = result.value().dump();
    const auto status = result.value().find("status");
    outcome = status != result.value().end() && status->is_string() ? status->get<std::string>()
                                                                    : "Answered";
  } else {
    error_code = result.error().code.empty()
                     ? std::string(to_string(result.error().kind))
                     : std::string(to_string(result.error().kind)) + ":" + result.error().code;
    description = result.error().description;
  }
  if (auto done = store_.commands.finish(audit_id, outcome, result_json, error_code, description,
                                         unix_ms(clock_.now()));
      !done) {
    spdlog::error("store: audit log of a command to {}: {}", charge_point_id, done.error().message);
  }
}

void CommandService::send(const std::string& charge_point_id, const std::string& action,
                          nlohmann::json payload, CommandCallback done, std::string requested_by) {
  const auto& registry = ocpp::schema::Registry::instance();
  const auto audit_id = audit_begin(charge_point_id, action, requested_by, payload);
  auto refuse = [&](CommandErrorKind kind, std::string code, std::string description) {
    const CommandResult result =
        CommandError{kind, std::move(code), std::move(description), nlohmann::json::object()};
    finish(audit_id, charge_point_id, result);
    done(result);
  };
  const auto initiator = registry.initiator(action);
  if (!registry.knows(action) || initiator == ocpp::schema::Initiator::ChargePoint) {
    return refuse(CommandErrorKind::UnknownAction, "",
                  "\"" + action + "\" is not a command a central system sends in OCPP 1.6");
  }
  if (const auto problem = registry.validate(action, ocpp::schema::MessageKind::Request, payload)) {
    return refuse(CommandErrorKind::InvalidPayload,
                  std::string(ocpp::rpc::to_string(problem->code)),
                  problem->path + ": " + problem->message);
  }
  auto* session = targets_.session_for(charge_point_id);
  if (session == nullptr) {
    return refuse(CommandErrorKind::NotConnected, "",
                  "charge point \"" + charge_point_id + "\" is not connected");
  }
  auto& count = in_flight_[charge_point_id];
  if (count >= options_.max_queued) {
    return refuse(CommandErrorKind::QueueFull, "",
                  std::to_string(count) + " commands already wait for \"" + charge_point_id + "\"");
  }
  ++count;
  spdlog::info("{}: sending {} (requested by {})", charge_point_id, action, requested_by);
  session->call_raw(
      action, std::move(payload),
      [this, audit_id, charge_point_id,
       done = std::move(done)](ocpp::CallOutcome<nlohmann::json> raw) {
        if (auto it = in_flight_.find(charge_point_id); it != in_flight_.end() && it->second > 0) {
          if (--it->second == 0) in_flight_.erase(it);
        }
        const CommandResult result = raw.ok() ? CommandResult(std::move(raw.value()))
                                              : CommandResult(from_failure(raw.error()));
        finish(audit_id, charge_point_id, result);
        done(result);
      });
}

void CommandService::remote_start(const std::string& charge_point_id, const std::string& id_tag,
                                  std::optional<int> connector_id, CommandCallback done,
                                  std::string requested_by) {
  nlohmann::json payload = {{"idTag", id_tag}};
  if (connector_id) payload["connectorId"] = *connector_id;
  send(charge_point_id, "RemoteStartTransaction", std::move(payload), std::move(done),
       std::move(requested_by));
}

void CommandService::remote_stop(const std::string& charge_point_id, std::int64_t transaction_id,
                                 CommandCallback done, std::string requested_by) {
  send(charge_point_id, "RemoteStopTransaction", {{"transactionId", transaction_id}},
       std::move(done), std::move(requested_by));
}

void CommandService::reset(const std::string& charge_point_id, bool hard, CommandCallback done,
                           std::string requested_by) {
  send(charge_point_id, "Reset", {{"type", hard ? "Hard" : "Soft"}}, std::move(done),
       std::move(requested_by));
}

void CommandService::change_configuration(const std::string& charge_point_id,
                                          const std::string& key, const std::string& value,
                                          CommandCallback done, std::string requested_by) {
  send(charge_point_id, "ChangeConfiguration", {{"key", key}, {"value", value}}, std::move(done),
       std::move(requested_by));
}

void CommandService::trigger_message(const std::string& charge_point_id, const std::string& message,
                                     std::optional<int> connector_id, CommandCallback done,
                                     std::string requested_by) {
  nlohmann::json payload = {{"requestedMessage", message}};
  if (connector_id) payload["connectorId"] = *connector_id;
  send(charge_point_id, "TriggerMessage", std::move(payload), std::move(done),
       std::move(requested_by));
}

}  // namespace csms
