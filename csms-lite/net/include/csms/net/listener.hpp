#pragma once
// csms-lite's network edge: one listening socket on the one event loop, serving HTTP (the web UI
// and the REST API) and OCPP-J WebSocket upgrades on the same port, either all plain or all over
// TLS (https, wss). Beast stays behind the pimpl.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "csms/net/http.hpp"
#include "csms/net/ocpp_connection.hpp"
#include "csms/net/tls.hpp"

namespace common {
class EventLoop;
}

namespace csms::net {

struct ListenerOptions {
  std::string address = "127.0.0.1";  // an IP literal; "0.0.0.0" or "::" for every interface
  std::uint16_t port = 8080;          // 0: any free port (tests), see Listener::port()
  // WebSocket upgrades must be under this prefix. The LAST path segment, percent-decoded, is the
  // charge point id (OCPP-J 1.6 §3.1.1): "/ocpp/EO%20Box%201" → "EO Box 1". It must be non-empty,
  // at most max_charge_point_id_length bytes, without control characters or '/'.
  std::string ocpp_path_prefix = "/ocpp";
  std::size_t max_message_bytes = 256 * 1024;     // larger frames close the socket with 1009
  std::size_t max_http_body_bytes = 1024 * 1024;  // larger bodies are answered 413
  // Every ping_interval the server pings; if nothing at all (pong, ping or data) arrives within
  // pong_timeout after that ping, the charge point is taken for gone: the TCP connection is dropped
  // and on_close follows. With the defaults, a half-open connection is noticed within a minute.
  // A zero ping_interval disables pings.
  std::chrono::seconds ping_interval{30};
  std::chrono::seconds pong_timeout{30};
  // HTTP: longest wait for a request (also between keep-alive requests) or a response write; with
  // TLS also the longest TLS handshake. WebSocket: longest opening or closing handshake.
  std::chrono::seconds http_timeout{30};
  std::size_t max_connections = 20000;  // HTTP and WebSocket together; more are closed at accept
  // Set: every connection on the port starts with a TLS handshake (https://, wss://); a plain
  // client's first bytes fail that handshake and the connection is closed. Null: plain HTTP and ws.
  // There is no sniffing of the first byte: one port, one scheme, as charge points are configured.
  std::shared_ptr<const TlsServerContext> tls;
};

inline constexpr std::size_t max_charge_point_id_length = 48;

class Listener {
 public:
  // The loop and the three handlers must outlive the Listener.
  Listener(common::EventLoop& loop, ListenerOptions options, OcppConnectionHandler& ocpp,
           ChargePointGate& gate, HttpHandler& http);
  // Calls stop(): on_close is called for every open charge point connection.
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds and starts accepting. Throws std::runtime_error naming address, port and reason (e.g.
  // "Address already in use") on failure.
  void start();
  // Stops accepting and closes every connection: WebSockets with 1001 "going away" after on_close
  // has been called for each (before stop() returns), HTTP connections at once. start() may be
  // called again afterwards.
  void stop();

  // A renewed certificate without a restart (SIGHUP): connections accepted from now on use `tls`,
  // open ones keep theirs. Throws std::logic_error when the listener was made without TLS or `tls`
  // is null: the scheme of the port never changes while it runs.
  void reload_tls(std::shared_ptr<const TlsServerContext> tls);

  std::uint16_t port() const;              // the bound port, also when options.port was 0
  std::size_t connection_count() const;    // open TCP connections, HTTP and WebSocket
  std::size_t charge_point_count() const;  // open charge point connections

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // shared: pending accepts hold a weak reference
};

}  // namespace csms::net
