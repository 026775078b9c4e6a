#pragma once
// The sans-I/O OCPP-J RPC endpoint of one connection: text in, actions out. It owns framing, id
// correlation, the one-outstanding-CALL rule (OCPP-J 1.6 §4.1.1), the queue behind it and call timeouts.
// It never touches a socket or a clock; the caller performs the actions it returns, in order.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocpp/rpc/call_error.hpp"
#include "ocpp/rpc/frame.hpp"

namespace ocpp::rpc {

using RequestId = std::uint64_t;

enum class FailureKind {
  ErrorReceived,     // the peer answered with a CALLERROR
  Timeout,           // no answer within the call timeout
  ConnectionClosed,  // the connection ended before an answer came
  InvalidResponse,   // the answer was malformed or broke the response schema
  NotSent,           // refused locally: queue full, or the request broke its own schema
};
std::string_view to_string(FailureKind kind);

struct CallFailure {
  FailureKind kind = FailureKind::ErrorReceived;
  CallError error;
};

namespace act {
struct Send {  // write this text frame
  std::string text;
};
struct StartTimer {  // call timer_fired(token) after `after`, unless cancelled
  std::uint64_t token;
  std::chrono::milliseconds after;
};
struct CancelTimer {
  std::uint64_t token;
};
struct Deliver {  // an incoming CALL for the application; answer with reply() or reply_error()
  std::string message_id;
  std::string action;
  nlohmann::json payload;
};
struct Resolve {  // one of our calls has ended
  RequestId request;
  std::string action;
  std::variant<nlohmann::json, CallFailure> outcome;
};
}  // namespace act
using Action = std::variant<act::Send, act::StartTimer, act::CancelTimer, act::Deliver, act::Resolve>;
using Actions = std::vector<Action>;

struct EndpointOptions {
  std::chrono::milliseconds call_timeout{30000};
  std::size_t max_queued_calls = 1000;  // calls waiting behind the outstanding one; more are NotSent
  // Message ids are a decimal counter starting after this value; give each connection a random start so
  // that ids stay unique across reconnects.
  std::uint64_t first_message_id = 0;
};

struct EndpointStats {
  std::uint64_t frames_in = 0;
  std::uint64_t frames_out = 0;
  std::uint64_t malformed_in = 0;
  std::uint64_t unmatched_results = 0;
  std::uint64_t timeouts = 0;
};

class Endpoint {
 public:
  explicit Endpoint(EndpointOptions options = {});

  Actions receive(std::string_view text);
  // Queues a CALL; it is sent when no other call of ours is outstanding. Returns its request id.
  RequestId call(std::string action, nlohmann::json payload, Actions& out);
  Actions reply(std::string_view message_id, nlohmann::json payload);
  Actions reply_error(std::string_view message_id, CallError error);
  // Leaves an incoming CALL unanswered on purpose (OCPP 1.6 §4.2: a Rejected charge point answers
  // nothing); the next CALL may then arrive.
  void ignore(std::string_view message_id);
  Actions timer_fired(std::uint64_t token);
  // The connection is gone: the outstanding call and every queued one resolve as ConnectionClosed.
  Actions close();

  std::size_t queued_calls() const { return queue_.size(); }
  bool call_outstanding() const { return outstanding_.has_value(); }
  bool closed() const { return closed_; }
  const EndpointStats& stats() const { return stats_; }

 private:
  struct Pending {
    RequestId request;
    std::string message_id;
    std::string action;
    nlohmann::json payload;
  };

  void send_next(Actions& out);
  void resolve_outstanding(std::variant<nlohmann::json, CallFailure> outcome, Actions& out);
  void send(std::string text, Actions& out);

  EndpointOptions options_;
  std::uint64_t next_message_id_;
  RequestId next_request_ = 1;
  std::deque<Pending> queue_;
  std::optional<Pending> outstanding_;
  // The id of the CALL delivered to the application and not yet answered (at most one: handlers answer
  // synchronously, and a peer may not send a second CALL before the first is answered).
  std::optional<std::string> open_incoming_;
  bool closed_ = false;
  EndpointStats stats_;
};

}  // namespace ocpp::rpc
