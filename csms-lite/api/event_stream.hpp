#pragma once
// GET /api/events: the port's live events as Server-Sent Events (WHATWG HTML §9.2) to every
// connected browser. Each event gets an increasing id; a reconnecting EventSource sends the last
// one it saw (Last-Event-ID) and gets what it missed from a short history, or a "resync" event when
// that is gone. A comment line every heartbeat interval keeps proxies from closing an idle stream
// and finds dead clients. Slow clients are dropped by the stream's byte budget (net layer).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/ports.hpp"
#include "common/event_loop.hpp"
#include "csms/net/http.hpp"

namespace csms::api {

struct EventStreamOptions {
  std::chrono::milliseconds heartbeat{15'000};
  std::size_t history = 256;                  // events kept for Last-Event-ID replays
  std::size_t max_queued_bytes = 256 * 1024;  // per client, unsent
  std::size_t max_clients = 64;               // more get 503
  std::chrono::milliseconds retry{5'000};     // EventSource reconnection delay we ask for
};

// One event as the text/event-stream format frames it: "id:", "event:", one "data:" line per line
// of the JSON (dump() has none, but a facade may pretty-print), blank line.
std::string sse_frame(std::uint64_t id, std::string_view type, std::string_view data);

class EventHub {
 public:
  EventHub(CentralSystemPort& port, common::TimerFactory& timers, EventStreamOptions options = {});
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  bool has_room() const { return clients_.size() < options_.max_clients; }
  // Starts serving one client; `last_event_id` as the client sent it (nullopt: a fresh start).
  void attach(std::shared_ptr<net::HttpStream> stream, std::optional<std::uint64_t> last_event_id);
  void publish(const LiveEvent& event);

  std::size_t client_count() const { return clients_.size(); }
  std::uint64_t last_id() const { return next_id_ - 1; }
  const EventStreamOptions& options() const { return options_; }

 private:
  struct Stored {
    std::uint64_t id;
    std::string frame;
  };
  void broadcast(const std::string& bytes);
  void arm_heartbeat();

  EventStreamOptions options_;
  std::unique_ptr<common::Timer> heartbeat_;
  std::vector<std::shared_ptr<net::HttpStream>> clients_;
  std::deque<Stored> history_;
  std::uint64_t next_id_ = 1;
  Subscription subscription_;  // last: unsubscribes before the rest goes
};

}  // namespace csms::api
