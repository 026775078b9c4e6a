// libFuzzer target for everything a peer's bytes reach before a handler: rpc::parse_message, the
// Endpoint, and a Session whose Router validates every action's request and dispatches to handlers.
// Beyond "no crash" (ASan, UBSan), it aborts on any broken protocol invariant, so the fuzzer
// reports those as crashes too.
//
// One input is used four ways:
//   1. as one frame for parse_message; a parsed frame must survive serialize → parse unchanged;
//   2. as one frame for an Endpoint and for a Session, each with one call of ours outstanding (id
//   "1"):
//      at most one frame answers it, and it is a well-formed CALLERROR (or the Session's
//      CALLRESULT);
//   3. split at NUL bytes into a conversation with a bare Endpoint (incoming CALLs sometimes left
//      open, our calls pushing against a queue limit of 2) and
//   4. with a Session (two calls of ours queued). In both an empty piece fires the call timer; by
//   the
//      close every call has resolved exactly once and every frame sent was sane.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/messages/heartbeat.hpp"
#include "ocpp/router.hpp"
#include "ocpp/rpc/endpoint.hpp"
#include "ocpp/rpc/frame.hpp"
#include "ocpp/session.hpp"

namespace {

using nlohmann::json;
namespace rpc = ocpp::rpc;

[[noreturn]] void violated(const char* what, std::string_view detail) {
  std::fprintf(stderr, "invariant violated: %s: %.300s\n", what, std::string(detail).c_str());
  std::abort();
}
void require(bool condition, const char* what, std::string_view detail = {}) {
  if (!condition) violated(what, detail);
}

bool valid_id(const json& id) {
  return id.is_string() && !id.get_ref<const std::string&>().empty() &&
         id.get_ref<const std::string&>().size() <= rpc::k_max_message_id_length;
}

// Every frame we send: a CALL of ours, a CALLRESULT, or a CALLERROR with a known code and object
// details. Returns the message type.
int check_sent(const std::string& text) {
  const auto frame = json::parse(text, nullptr, false);
  require(!frame.is_discarded() && frame.is_array() && !frame.empty(), "sent frame is an array",
          text);
  require(frame.size() >= 3 && valid_id(frame[1]), "sent frame has a valid id", text);
  if (frame[0] == 2) {
    require(frame.size() == 4 && frame[2].is_string() && frame[3].is_object(), "sent CALL shape",
            text);
  } else if (frame[0] == 3) {
    require(frame.size() == 3 && frame[2].is_object(), "sent CALLRESULT shape", text);
  } else {
    require(frame[0] == 4 && frame.size() == 5, "sent CALLERROR shape", text);
    require(frame[2].is_string() && rpc::error_code_from_string(frame[2].get<std::string>()),
            "sent CALLERROR code is known", text);
    require(frame[3].is_string() && frame[4].is_object(), "sent CALLERROR text and details", text);
  }
  return frame[0].get<int>();
}

// Splits at NUL bytes (never valid inside a frame) into at most 64 pieces.
std::vector<std::string_view> pieces_of(std::string_view text) {
  std::vector<std::string_view> pieces;
  while (pieces.size() < 64) {
    const auto cut = text.find('\0');
    pieces.push_back(text.substr(0, cut));
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 1);
  }
  return pieces;
}

class FuzzIo final : public ocpp::SessionIo {
 public:
  void send_text(std::string text) override { sent.push_back(std::move(text)); }
  void start_timer(std::uint64_t token, std::chrono::milliseconds) override { armed = token; }
  void cancel_timer(std::uint64_t token) override {
    if (armed == token) armed = 0;
  }
  std::vector<std::string> sent;
  std::uint64_t armed = 0;
};

const ocpp::Router& router() {
  static const ocpp::Router instance = [] {
    using namespace ocpp::messages;
    ocpp::Router r;
    r.on<HeartbeatRequest>([](const HeartbeatRequest&) { return HeartbeatResponse{}; });
    r.on<BootNotificationRequest>([](const BootNotificationRequest& request) {
      // Reads the decoded fields, and takes the handler-exception path for one vendor.
      if (request.chargePointVendor == "throw") throw std::runtime_error("handler failure");
      return BootNotificationResponse{RegistrationStatus::Accepted, {}, 300};
    });
    // Every other action gets a raw handler, so that every request schema is reached. The answer is
    // a valid response for many actions and an invalid one (→ InternalError) for the rest.
    for (const auto& action : r.registry().actions()) {
      if (r.handles(action)) continue;
      r.on_raw(action, [](const json&) -> ocpp::Outcome<json> {
        return json{{"status", "Accepted"}};
      });
    }
    return r;
  }();
  return instance;
}

void fuzz_parse(std::string_view text) {
  auto parsed = rpc::parse_message(text);
  if (const auto* failure = std::get_if<rpc::ParseFailure>(&parsed)) {
    require(failure->message_id == rpc::k_unknown_message_id || valid_id(failure->message_id),
            "failure id is usable", failure->message_id);
    require(failure->error.details.is_object(), "failure details are an object");
    return;
  }
  const auto& message = std::get<rpc::Message>(parsed);
  const std::string again_text =
      std::visit([](const auto& m) { return rpc::serialize(m); }, message);
  auto reparsed = rpc::parse_message(again_text);
  require(std::holds_alternative<rpc::Message>(reparsed), "serialized frame parses again",
          again_text);
  const auto& again = std::get<rpc::Message>(reparsed);
  require(again.index() == message.index(), "round trip keeps the kind", again_text);
  if (const auto* call = std::get_if<rpc::Call>(&message)) {
    const auto& other = std::get<rpc::Call>(again);
    require(call->message_id == other.message_id && call->action == other.action &&
                call->payload == other.payload,
            "CALL round trip", again_text);
  } else if (const auto* result = std::get_if<rpc::CallResult>(&message)) {
    const auto& other = std::get<rpc::CallResult>(again);
    require(result->message_id == other.message_id && result->payload == other.payload,
            "CALLRESULT round trip", again_text);
  } else {
    const auto& error = std::get<rpc::CallErrorMessage>(message);
    const auto& other = std::get<rpc::CallErrorMessage>(again);
    require(error.message_id == other.message_id && error.error == other.error,
            "CALLERROR round trip", again_text);
  }
}

void fuzz_endpoint(std::string_view text) {
  rpc::Endpoint endpoint;
  rpc::Actions out;
  endpoint.call("Heartbeat", json::object(), out);  // id "1", so results can match it
  std::size_t sends = 0;
  for (const auto& action : endpoint.receive(text)) {
    if (const auto* send = std::get_if<rpc::act::Send>(&action)) {
      ++sends;
      require(check_sent(send->text) == 4, "the endpoint answers only with a CALLERROR",
              send->text);
    }
  }
  require(sends <= 1, "at most one frame answers one frame");
  for (const auto& action : endpoint.close()) {
    require(!std::holds_alternative<rpc::act::Send>(action), "close sends nothing");
  }
}

void fuzz_endpoint_conversation(std::string_view text) {
  rpc::Endpoint endpoint(rpc::EndpointOptions{std::chrono::milliseconds(1000), 2, 0});
  std::map<rpc::RequestId, int> resolutions;
  std::uint64_t armed = 0;
  std::vector<std::string> open_calls;
  const auto absorb = [&](const rpc::Actions& actions) {
    std::size_t sends = 0;
    for (const auto& action : actions) {
      if (const auto* send = std::get_if<rpc::act::Send>(&action)) {
        ++sends;
        check_sent(send->text);
      } else if (const auto* start = std::get_if<rpc::act::StartTimer>(&action)) {
        armed = start->token;
      } else if (const auto* deliver = std::get_if<rpc::act::Deliver>(&action)) {
        open_calls.push_back(deliver->message_id);
      } else if (const auto* resolve = std::get_if<rpc::act::Resolve>(&action)) {
        ++resolutions[resolve->request];
      }
    }
    return sends;
  };
  for (const auto piece : pieces_of(text)) {
    if (piece.empty()) {
      absorb(endpoint.timer_fired(armed));
      continue;
    }
    if (piece.size() % 3 == 0) {
      rpc::Actions out;
      resolutions.try_emplace(endpoint.call("Heartbeat", json::object(), out), 0);
      absorb(out);
    }
    // A result can resolve our call and send the next queued one: two frames at most.
    require(absorb(endpoint.receive(piece)) <= 2, "one frame in, at most two out");
    require(open_calls.size() <= 1, "one incoming CALL open at a time");
    if (!open_calls.empty() && piece.size() % 2 == 1) {
      const auto id = open_calls.back();
      open_calls.clear();
      const auto answer = piece.size() % 4 == 1 ? endpoint.reply(id, json::object())
                                                : endpoint.reply_error(id, rpc::CallError{});
      require(absorb(answer) == 1, "an open CALL is answered");
      require(absorb(endpoint.reply(id, json::object())) == 0, "and only once");
    }
    require(endpoint.queued_calls() <= 2, "the queue limit holds");
  }
  absorb(endpoint.close());
  for (const auto& [request, count] : resolutions)
    require(count == 1, "a call resolves exactly once");
}

void fuzz_session_single(std::string_view text) {
  FuzzIo io;
  ocpp::Session session(router(), io, {});
  int resolved = 0;
  session.call_raw("Heartbeat", json::object(), [&](ocpp::CallOutcome<json>) { ++resolved; });
  require(io.sent.size() == 1, "our call went out");
  session.receive(text);
  require(io.sent.size() <= 2, "at most one frame answers one frame");
  for (std::size_t i = 1; i < io.sent.size(); ++i) {
    require(check_sent(io.sent[i]) != 2, "an incoming frame never makes us call", io.sent[i]);
  }
  require(resolved <= 1, "a call resolves once");
  session.close();
  require(resolved == 1, "close resolves what was pending");
}

void fuzz_session_conversation(std::string_view text) {
  FuzzIo io;
  ocpp::Session session(router(), io, {});
  int heartbeats = 0;
  int boots = 0;
  session.call_raw("Heartbeat", json::object(), [&](ocpp::CallOutcome<json>) { ++heartbeats; });
  ocpp::messages::BootNotificationRequest boot;
  boot.chargePointVendor = "EO";
  boot.chargePointModel = "fuzz";
  session.call<ocpp::messages::BootNotificationRequest>(
      boot, [&](ocpp::CallOutcome<ocpp::messages::BootNotificationResponse>) { ++boots; });
  for (const auto piece : pieces_of(text)) {
    if (piece.empty()) {
      if (io.armed != 0) session.timer_fired(io.armed);
    } else {
      session.receive(piece);
    }
  }
  session.close();
  for (const auto& sent : io.sent) check_sent(sent);
  require(heartbeats == 1 && boots == 1, "every callback runs exactly once");
  require(!session.endpoint().call_outstanding() && session.endpoint().queued_calls() == 0,
          "close empties the endpoint");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Log at every level into a null sink: the formatting of hostile text runs, the output goes
  // nowhere.
  auto logger =
      std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  (void)router();  // parse the schemas and build the router outside the timed runs
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz_parse(text);
  fuzz_endpoint(text);
  fuzz_endpoint_conversation(text);
  fuzz_session_single(text);
  fuzz_session_conversation(text);
  return 0;
}
