#pragma once
// One connection attempt and, if it succeeds, that connection's lifetime. WsClient owns the
// reconnect policy and creates a fresh session per attempt; the Beast-heavy implementations (ws /
// wss) live in one translation unit each, so this header stays free of Beast and Asio.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "chargepoint/net/ws_client.hpp"

namespace chargepoint::net::detail {

struct SessionConfig {
  ParsedUrl url;
  std::optional<std::string> authorization;  // complete header value ("Basic ...")
  std::string ca_file;
  bool verify_peer = true;
  std::chrono::milliseconds connect_timeout{15000};
  std::chrono::milliseconds close_timeout{5000};
  std::chrono::milliseconds ping_interval{60000};
  std::chrono::milliseconds pong_timeout{10000};
  std::size_t max_message_bytes = std::size_t{256} * 1024;
};

class SessionEvents {
 public:
  virtual ~SessionEvents() = default;
  virtual void on_session_open() = 0;
  virtual void on_session_text(std::string_view text) = 0;
  // Exactly once per session, unless detached first. `was_open`: on_session_open() had been called.
  virtual void on_session_closed(const std::string& reason, bool was_open) = 0;
};

class Session {
 public:
  virtual ~Session() = default;
  virtual void start() = 0;
  virtual bool send_text(std::string text) = 0;
  virtual bool is_open() const = 0;
  virtual void set_ping_interval(std::chrono::milliseconds interval) = 0;
  // Stops reporting to the SessionEvents (which may be destroyed right after), then closes politely
  // (1000) when open, otherwise aborts. The session keeps itself alive until its last handler has
  // run.
  virtual void detach_and_close() = 0;
};

std::shared_ptr<Session> make_plain_session(common::EventLoop& loop, SessionConfig config,
                                            SessionEvents& events);
std::shared_ptr<Session> make_tls_session(common::EventLoop& loop, SessionConfig config,
                                          SessionEvents& events);

}  // namespace chargepoint::net::detail
