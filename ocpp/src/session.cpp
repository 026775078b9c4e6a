#include "ocpp/session.hpp"

#include <optional>

#include <spdlog/spdlog.h>

namespace ocpp {

using rpc::CallFailure;
using rpc::FailureKind;
using schema::MessageKind;

Session::Session(const Router& router, SessionIo& io, SessionOptions options)
    : router_(router), io_(io), options_(std::move(options)), endpoint_(options_.endpoint) {}

void Session::receive(std::string_view text) {
  spdlog::debug("{} <- {:.2000}", options_.name, text);
  perform(endpoint_.receive(text));
}

void Session::timer_fired(std::uint64_t token) { perform(endpoint_.timer_fired(token)); }

void Session::close() { perform(endpoint_.close()); }

void Session::call_raw(std::string action, nlohmann::json payload, RawCallback done) {
  if (auto problem = router_.registry().validate(action, MessageKind::Request, payload)) {
    // Our own bug: refuse to send it rather than have the peer reject it.
    spdlog::error("{}: not sending an invalid {} ({}: {})", options_.name, action, problem->path, problem->message);
    done(CallFailure{FailureKind::NotSent, make_error(problem->code, problem->path + ": " + problem->message)});
    return;
  }
  rpc::Actions actions;
  const auto request = endpoint_.call(std::move(action), std::move(payload), actions);
  callbacks_.emplace(request, std::move(done));
  perform(std::move(actions));
}

void Session::perform(rpc::Actions actions) {
  for (auto& action : actions) {
    // A callback earlier in this batch may have closed the session: what the batch still wanted to write
    // (the next queued CALL, its timer) must not reach the wire after the close.
    if (endpoint_.closed() &&
        (std::holds_alternative<rpc::act::Send>(action) || std::holds_alternative<rpc::act::StartTimer>(action))) {
      continue;
    }
    if (auto* send = std::get_if<rpc::act::Send>(&action)) {
      spdlog::debug("{} -> {:.2000}", options_.name, send->text);
      io_.send_text(std::move(send->text));
    } else if (auto* start = std::get_if<rpc::act::StartTimer>(&action)) {
      io_.start_timer(start->token, start->after);
    } else if (auto* cancel = std::get_if<rpc::act::CancelTimer>(&action)) {
      io_.cancel_timer(cancel->token);
    } else if (auto* call = std::get_if<rpc::act::Deliver>(&action)) {
      deliver(*call);
    } else if (auto* resolved = std::get_if<rpc::act::Resolve>(&action)) {
      resolve(*resolved);
    }
  }
}

void Session::deliver(rpc::act::Deliver& call) {
  if (options_.ignore_incoming && options_.ignore_incoming(call.action)) {
    spdlog::info("{}: not answering {:.60}: not registered with the central system", options_.name, call.action);
    endpoint_.ignore(call.message_id);
    return;
  }
  auto outcome = router_.dispatch(call.action, call.payload);
  if (outcome.ok()) {
    perform(endpoint_.reply(call.message_id, std::move(outcome.value())));
  } else {
    spdlog::info("{}: answering {:.60} with {}: {}", options_.name, call.action, rpc::to_string(outcome.error().code),
                 outcome.error().description);
    perform(endpoint_.reply_error(call.message_id, outcome.error()));
  }
}

void Session::resolve(rpc::act::Resolve& resolved) {
  const auto it = callbacks_.find(resolved.request);
  if (it == callbacks_.end()) return;
  auto done = std::move(it->second);
  callbacks_.erase(it);
  std::optional<CallOutcome<nlohmann::json>> outcome;
  if (auto* failure = std::get_if<CallFailure>(&resolved.outcome)) {
    if (failure->kind != FailureKind::ConnectionClosed) {
      spdlog::warn("{}: {} failed ({}): {} {}", options_.name, resolved.action, rpc::to_string(failure->kind),
                   rpc::to_string(failure->error.code), failure->error.description);
    }
    outcome.emplace(std::move(*failure));
  } else {
    auto& payload = std::get<nlohmann::json>(resolved.outcome);
    if (auto problem = router_.registry().validate(resolved.action, MessageKind::Response, payload)) {
      spdlog::warn("{}: invalid {} response ({}: {})", options_.name, resolved.action, problem->path, problem->message);
      outcome.emplace(
          CallFailure{FailureKind::InvalidResponse, make_error(problem->code, problem->path + ": " + problem->message)});
    } else {
      outcome.emplace(std::move(payload));
    }
  }
  // The callback runs in the middle of a batch of actions; if it threw, the rest of the batch (the next queued
  // CALL and its timer) would be lost and the endpoint would wait for an answer to a frame never sent. Like the
  // router's, this net turns a bug into a log line.
  try {
    done(std::move(*outcome));
  } catch (const std::exception& e) {
    spdlog::error("{}: the callback of {} threw: {}", options_.name, resolved.action, e.what());
  } catch (...) {
    spdlog::error("{}: the callback of {} threw", options_.name, resolved.action);
  }
}

}  // namespace ocpp
