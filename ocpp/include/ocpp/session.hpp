#pragma once
// One OCPP-J conversation over one connection, still without I/O: the Endpoint's actions are performed
// through a SessionIo the network edge provides, incoming CALLs go through the Router, and outgoing calls
// are typed, schema-checked before sending and their answers schema-checked before decoding.
//
// Never destroy a Session from inside one of its callbacks or handlers: post the destruction instead.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ocpp/outcome.hpp"
#include "ocpp/router.hpp"
#include "ocpp/rpc/endpoint.hpp"

namespace ocpp {

class SessionIo {
 public:
  virtual ~SessionIo() = default;
  virtual void send_text(std::string text) = 0;
  // Call Session::timer_fired(token) after `after`; a later start_timer or cancel_timer replaces it.
  virtual void start_timer(std::uint64_t token, std::chrono::milliseconds after) = 0;
  virtual void cancel_timer(std::uint64_t token) = 0;
};

struct SessionOptions {
  rpc::EndpointOptions endpoint;
  std::string name;  // prefix of this session's log lines (the charge point id)
  // When set and true for an incoming CALL's action, the CALL is left unanswered (logged): a charge
  // point whose BootNotification was Rejected answers nothing until it boots again (OCPP 1.6 §4.2).
  std::function<bool(std::string_view action)> ignore_incoming;
};

template <class T>
using CallOutcome = Outcome<T, rpc::CallFailure>;

class Session {
 public:
  using RawCallback = std::function<void(CallOutcome<nlohmann::json>)>;

  Session(const Router& router, SessionIo& io, SessionOptions options);

  void receive(std::string_view text);
  void timer_fired(std::uint64_t token);
  // The connection has ended: pending calls resolve as ConnectionClosed; later calls fail at once.
  void close();

  template <class Request>
  void call(const Request& request, std::function<void(CallOutcome<typename Request::Response>)> done) {
    using Response = typename Request::Response;
    call_raw(std::string(Request::action), nlohmann::json(request),
             [done = std::move(done)](CallOutcome<nlohmann::json> raw) {
               if (!raw.ok()) return done(raw.error());
               // Only the decoding is guarded: an exception from `done` itself must not call it twice.
               std::optional<Response> response;
               try {
                 response.emplace(raw.value().template get<Response>());
               } catch (const nlohmann::json::exception& e) {
                 return done(rpc::CallFailure{rpc::FailureKind::InvalidResponse,
                                              make_error(rpc::ErrorCode::TypeConstraintViolation, e.what())});
               }
               done(std::move(*response));
             });
  }
  void call_raw(std::string action, nlohmann::json payload, RawCallback done);

  const rpc::Endpoint& endpoint() const { return endpoint_; }
  const std::string& name() const { return options_.name; }

 private:
  void perform(rpc::Actions actions);
  void deliver(rpc::act::Deliver& call);
  void resolve(rpc::act::Resolve& resolved);

  const Router& router_;
  SessionIo& io_;
  SessionOptions options_;
  rpc::Endpoint endpoint_;
  std::unordered_map<rpc::RequestId, RawCallback> callbacks_;
};

}  // namespace ocpp
