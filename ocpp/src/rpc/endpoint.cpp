#include "ocpp/rpc/endpoint.hpp"

#include <spdlog/spdlog.h>

namespace ocpp::rpc {

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::ErrorReceived: return "error received";
    case FailureKind::Timeout: return "timeout";
    case FailureKind::ConnectionClosed: return "connection closed";
    case FailureKind::InvalidResponse: return "invalid response";
    case FailureKind::NotSent: return "not sent";
  }
  return "unknown";
}

Endpoint::Endpoint(EndpointOptions options)
    : options_(options), next_message_id_(options.first_message_id) {}

void Endpoint::send(std::string text, Actions& out) {
  ++stats_.frames_out;
  out.emplace_back(act::Send{std::move(text)});
}

RequestId Endpoint::call(std::string action, nlohmann::json payload, Actions& out) {
  const RequestId request = next_request_++;
  // Only calls that must wait count against the limit: with nothing outstanding this one goes out now.
  if (closed_ || (outstanding_ && queue_.size() >= options_.max_queued_calls)) {
    const char* why = closed_ ? "connection closed" : "too many queued calls";
    out.emplace_back(act::Resolve{request, std::move(action),
                                  CallFailure{closed_ ? FailureKind::ConnectionClosed : FailureKind::NotSent,
                                              CallError{ErrorCode::GenericError, why, nlohmann::json::object()}}});
    return request;
  }
  queue_.push_back(Pending{request, std::to_string(++next_message_id_), std::move(action), std::move(payload)});
  send_next(out);
  return request;
}

void Endpoint::send_next(Actions& out) {
  if (outstanding_ || queue_.empty() || closed_) return;
  outstanding_ = std::move(queue_.front());
  queue_.pop_front();
  send(serialize(Call{outstanding_->message_id, outstanding_->action, outstanding_->payload}), out);
  // The payload is no longer needed once it is on the wire.
  outstanding_->payload = nullptr;
  out.emplace_back(act::StartTimer{outstanding_->request, options_.call_timeout});
}

void Endpoint::resolve_outstanding(std::variant<nlohmann::json, CallFailure> outcome, Actions& out) {
  Pending done = std::move(*outstanding_);
  outstanding_.reset();
  out.emplace_back(act::CancelTimer{done.request});
  out.emplace_back(act::Resolve{done.request, std::move(done.action), std::move(outcome)});
  send_next(out);
}

Actions Endpoint::receive(std::string_view text) {
  Actions out;
  if (closed_) return out;
  ++stats_.frames_in;
  auto parsed = parse_message(text);
  if (auto* failure = std::get_if<ParseFailure>(&parsed)) {
    ++stats_.malformed_in;
    spdlog::warn("ocpp: malformed frame ({}: {}): {:.200}", to_string(failure->error.code),
                 failure->error.description, text);
    if (failure->answer) {
      send(serialize(CallErrorMessage{failure->message_id, failure->error}), out);
    } else if (outstanding_ && outstanding_->message_id == failure->message_id) {
      // A broken answer to our call: it will not be answered again, so waiting for the timeout would only
      // delay the failure (and the calls queued behind it).
      resolve_outstanding(CallFailure{FailureKind::InvalidResponse, failure->error}, out);
    }
    return out;
  }
  auto& message = std::get<Message>(parsed);

  if (auto* call = std::get_if<Call>(&message)) {
    if (open_incoming_) {
      send(serialize(CallErrorMessage{call->message_id,
                                      CallError{ErrorCode::ProtocolError,
                                                "a CALL arrived before the previous one was answered",
                                                nlohmann::json::object()}}),
           out);
      return out;
    }
    open_incoming_ = call->message_id;
    out.emplace_back(act::Deliver{std::move(call->message_id), std::move(call->action), std::move(call->payload)});
    return out;
  }

  const std::string& id = std::visit([](const auto& m) -> const std::string& { return m.message_id; }, message);
  if (!outstanding_ || outstanding_->message_id != id) {
    // OCPP-J: never answer a result. A late answer to a call that timed out lands here too.
    ++stats_.unmatched_results;
    spdlog::warn("ocpp: dropped a CALLRESULT/CALLERROR for unknown message id \"{}\"", id);
    return out;
  }
  if (auto* result = std::get_if<CallResult>(&message)) {
    resolve_outstanding(std::move(result->payload), out);
  } else {
    auto& error = std::get<CallErrorMessage>(message);
    resolve_outstanding(CallFailure{FailureKind::ErrorReceived, std::move(error.error)}, out);
  }
  return out;
}

Actions Endpoint::reply(std::string_view message_id, nlohmann::json payload) {
  Actions out;
  if (closed_ || !open_incoming_ || *open_incoming_ != message_id) {
    spdlog::warn("ocpp: no open CALL \"{}\" to answer; reply dropped", message_id);
    return out;
  }
  open_incoming_.reset();
  send(serialize(CallResult{std::string(message_id), std::move(payload)}), out);
  return out;
}

Actions Endpoint::reply_error(std::string_view message_id, CallError error) {
  Actions out;
  if (closed_ || !open_incoming_ || *open_incoming_ != message_id) {
    spdlog::warn("ocpp: no open CALL \"{}\" to answer; error reply dropped", message_id);
    return out;
  }
  open_incoming_.reset();
  if (!error.details.is_object()) error.details = nlohmann::json::object();
  send(serialize(CallErrorMessage{std::string(message_id), std::move(error)}), out);
  return out;
}

void Endpoint::ignore(std::string_view message_id) {
  if (open_incoming_ && *open_incoming_ == message_id) open_incoming_.reset();
}

Actions Endpoint::timer_fired(std::uint64_t token) {
  Actions out;
  // A timer for a call that has already been answered is stale: ignore it.
  if (closed_ || !outstanding_ || outstanding_->request != token) return out;
  ++stats_.timeouts;
  const auto seconds = std::chrono::duration<double>(options_.call_timeout).count();
  spdlog::warn("ocpp: {} (message id \"{}\") got no answer within {} s", outstanding_->action,
               outstanding_->message_id, seconds);
  resolve_outstanding(CallFailure{FailureKind::Timeout,
                                  CallError{ErrorCode::GenericError, "no answer within the call timeout",
                                            nlohmann::json::object()}},
                      out);
  return out;
}

Actions Endpoint::close() {
  Actions out;
  if (closed_) return out;
  closed_ = true;
  open_incoming_.reset();
  const CallFailure gone{FailureKind::ConnectionClosed,
                         CallError{ErrorCode::GenericError, "connection closed", nlohmann::json::object()}};
  if (outstanding_) {
    out.emplace_back(act::CancelTimer{outstanding_->request});
    out.emplace_back(act::Resolve{outstanding_->request, std::move(outstanding_->action), gone});
    outstanding_.reset();
  }
  for (auto& pending : queue_) out.emplace_back(act::Resolve{pending.request, std::move(pending.action), gone});
  queue_.clear();
  return out;
}

}  // namespace ocpp::rpc
