#pragma once
// The charge point's WebSocket client (OCPP-J transport). It moves text frames and knows nothing of
// OCPP messages. Beast and Asio stay in the .cpp files (see docs on build cost): this header is
// cheap to include.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace common {
class EventLoop;
}

namespace chargepoint::net {

struct WsClientOptions {
  std::string endpoint_url;     // ws://host[:port]/path or wss://...; "/" + encoded id is appended
  std::string charge_point_id;  // appended as "/" + percent-encoded id (RFC 3986 unreserved kept)
  // When set: HTTP Basic auth "<id>:<key>" (OCPP 1.6 security whitepaper, profiles 1 and 2).
  std::optional<std::string> authorization_key;
  std::string ca_file;  // wss: PEM CA bundle; empty = the system's default verify paths
  // wss: verify the certificate chain and the host name. SNI is sent for host names either way.
  bool verify_peer = true;
  // First back-off; values below 10 ms are raised to 10 ms (never a busy loop).
  std::chrono::milliseconds reconnect_min{1000};
  std::chrono::milliseconds reconnect_max{60000};  // cap of the back-off
  double reconnect_jitter = 0.25;                  // ± fraction applied to every back-off delay
  // A connection that stayed up this long resets the back-off to reconnect_min. Shorter ones count
  // as failures, so a server that accepts and drops at once is not hammered every reconnect_min.
  std::chrono::milliseconds backoff_reset_after{30000};
  // OCPP key WebSocketPingInterval; 0 = no pings. Milliseconds so tests can be fast;
  // std::chrono::seconds converts implicitly.
  std::chrono::milliseconds ping_interval{60000};
  // No pong (or any other frame) this long after one of our pings: the connection is half-open, so
  // it is dropped and a reconnect follows. 0 = never time out.
  std::chrono::milliseconds pong_timeout{10000};
  // Resolve + TCP + TLS + HTTP upgrade, as one deadline.
  std::chrono::milliseconds connect_timeout{15000};
  // A bigger incoming message fails the connection with close code 1009.
  std::size_t max_message_bytes = std::size_t{256} * 1024;
};

// Callbacks run on the event loop thread. They may call send_text() and stop(), but must not
// destroy the WsClient (post that to the loop instead).
class WsClientHandler {
 public:
  virtual ~WsClientHandler() = default;
  // The WebSocket handshake succeeded and the server accepted subprotocol ocpp1.6.
  virtual void on_connected() = 0;
  virtual void on_text(std::string_view text) = 0;
  // Exactly once per on_connected(), also when stop() ends the connection (then from inside
  // stop()). Attempts that never reached on_connected() (DNS, TCP, TLS, refused upgrade or
  // subprotocol) are logged and retried with back-off, but not reported here: for the layers above
  // nothing changed.
  virtual void on_disconnected(std::string_view reason) = 0;
};

class WsClient {
 public:
  // Throws std::invalid_argument when endpoint_url + id is no valid ws:// or wss:// URL.
  WsClient(common::EventLoop& loop, WsClientOptions options, WsClientHandler& handler);
  // Safe while connecting or connected: no callback runs afterwards and no handler touches freed
  // memory. An open connection is closed politely (1000) in the background while the loop runs.
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  void start();  // connect, and keep reconnecting until stop(); no-op when already started
  void stop();   // close politely (1000), no more reconnects; start() may be called again later
  bool send_text(std::string text);  // queued in order; false when not connected
  bool connected() const;
  // ChangeConfiguration WebSocketPingInterval: applies to the open connection at once.
  void set_ping_interval(std::chrono::milliseconds interval);
  // Used from the next connection on (the current one was authenticated with the old key).
  void set_authorization_key(std::optional<std::string> key);
  // Attempts started since construction (tests, metrics).
  std::uint64_t connection_attempts() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Pure helpers, unit-tested without sockets.

struct ParsedUrl {
  bool tls = false;
  std::string host;    // without the brackets of an IPv6 literal
  std::string port;    // explicit, or 80 / 443
  std::string target;  // path and query, at least "/"
};

// Accepts only ws:// and wss:// with a non-empty host, an optional port 1..65535 and no user info
// or fragment (RFC 6455 §3). IPv6 literals in brackets are supported.
std::optional<ParsedUrl> parse_ws_url(std::string_view url);
// Percent-encodes every byte except the RFC 3986 unreserved characters (ALPHA DIGIT - . _ ~).
std::string percent_encode_path_segment(std::string_view segment);
// endpoint + "/" + encoded id: no doubled '/', and a query string stays at the end.
std::string build_connect_url(std::string_view endpoint_url, std::string_view charge_point_id);
// min · 2^attempt capped at max, then scaled by 1 ± jitter (random01 in [0, 1] picks where);
// never above max.
std::chrono::milliseconds backoff_delay(std::uint32_t attempt, std::chrono::milliseconds min,
                                        std::chrono::milliseconds max, double jitter,
                                        double random01);
// "Basic " + base64(user ":" password) (RFC 7617).
std::string basic_auth_header(std::string_view user, std::string_view password);
// Host header value: host, bracketed when IPv6, plus ":port" when not the scheme's default.
std::string host_header_value(const ParsedUrl& url);

}  // namespace chargepoint::net
