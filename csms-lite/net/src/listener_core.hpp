#pragma once
// The state every session shares with the listener: options, the three handlers, and the registry
// of open connections. Sessions hold it weakly, so a destroyed Listener leaves late completions
// nothing to call into. No Asio here: sessions of any stream type use it.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "csms/net/listener.hpp"

namespace csms::net::detail {

// Any TCP connection the listener owns.
class Session {
 public:
  virtual ~Session() = default;
  // Listener::stop(): close now. WebSockets report on_close before this returns.
  virtual void shut_down() = 0;
};

class ChargePointSession : public Session {
 public:
  virtual void send_text(std::string text) = 0;
  virtual void close(std::string_view reason) = 0;
  // A newer connection with the same id was accepted: report on_close now, then close.
  virtual void replace(std::string_view reason) = 0;
};

// What the OCPP side holds; it outlives nothing (see OcppConnection).
class ConnectionHandle final : public OcppConnection {
 public:
  ConnectionHandle(std::string charge_point_id, std::string remote_address,
                   std::weak_ptr<ChargePointSession> session);
  const std::string& charge_point_id() const override { return charge_point_id_; }
  const std::string& remote_address() const override { return remote_address_; }
  void send_text(std::string text) override;
  void close(std::string_view reason) override;

 private:
  std::string charge_point_id_;
  std::string remote_address_;
  std::weak_ptr<ChargePointSession> session_;
};

class ListenerCore {
 public:
  ListenerCore(ListenerOptions options, OcppConnectionHandler& ocpp, ChargePointGate& gate,
               HttpHandler& http);

  const ListenerOptions& options() const { return options_; }
  // Connections accepted from now on use `tls`; open ones keep the context they started with
  // (OpenSSL reference-counts it for every connection).
  void set_tls(std::shared_ptr<const TlsServerContext> tls) { options_.tls = std::move(tls); }
  OcppConnectionHandler& ocpp() { return ocpp_; }
  ChargePointGate& gate() { return gate_; }
  HttpHandler& http() { return http_; }

  bool has_room() const { return sessions_.size() < options_.max_connections; }
  void add(const std::shared_ptr<Session>& session);
  void remove(const Session* session);  // from the session's destructor

  // A charge point completed its opening handshake. An older session with the same id is replaced
  // (its on_close runs inside this call), so the caller's on_open comes after the old on_close.
  void claim(const std::string& charge_point_id,
             const std::shared_ptr<ChargePointSession>& session);
  // Forgets the id, unless it already belongs to a newer session.
  void release(const std::string& charge_point_id, const ChargePointSession* session);

  void shut_down_all();

  std::size_t session_count() const { return sessions_.size(); }
  std::size_t charge_point_count() const { return charge_points_.size(); }

 private:
  ListenerOptions options_;
  OcppConnectionHandler& ocpp_;
  ChargePointGate& gate_;
  HttpHandler& http_;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
  std::unordered_map<std::string, std::weak_ptr<ChargePointSession>> charge_points_;
};

}  // namespace csms::net::detail
