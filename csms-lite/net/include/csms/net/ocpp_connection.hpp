#pragma once
// What the OCPP side of csms-lite sees of a charge point's WebSocket: text in, text out, open and
// close. No OCPP parsing happens at this layer.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace csms::net {

enum class AuthResult {
  Accepted,
  Unauthorized,        // answered 401 with WWW-Authenticate: Basic
  UnknownChargePoint,  // answered 404
};

// Decides whether a charge point may connect, before the WebSocket upgrade is accepted.
class ChargePointGate {
 public:
  virtual ~ChargePointGate() = default;
  // `password` is from HTTP Basic auth "<id>:<password>" (OCPP 1.6 security whitepaper, profile 1),
  // absent when the request carries no Authorization header. A Basic user name that differs from
  // the id in the URL is refused with 401 before this is called.
  virtual AuthResult admit(std::string_view charge_point_id,
                           std::optional<std::string_view> password) = 0;
};

// One open charge point connection. A handle: holding it does not keep the socket alive, and calls
// on a closed connection do nothing.
class OcppConnection {
 public:
  virtual ~OcppConnection() = default;
  virtual const std::string& charge_point_id() const = 0;
  virtual const std::string& remote_address() const = 0;  // "ip:port"
  // Queued; frames leave in order with one write in flight. Dropped once the connection is closing.
  virtual void send_text(std::string text) = 0;
  // Starts the WebSocket close handshake (code 1000). on_close follows from the event loop, never
  // from inside this call.
  virtual void close(std::string_view reason) = 0;
};

// Receives the events of all charge point connections, on the event-loop thread. Exactly one
// on_close follows each on_open, and nothing follows on_close.
class OcppConnectionHandler {
 public:
  virtual ~OcppConnectionHandler() = default;
  virtual void on_open(std::shared_ptr<OcppConnection> connection) = 0;
  virtual void on_text(OcppConnection& connection, std::string_view text) = 0;
  virtual void on_close(OcppConnection& connection, std::string_view reason) = 0;
};

}  // namespace csms::net
