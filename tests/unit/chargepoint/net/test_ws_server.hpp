#pragma once
// A small WebSocket server for loopback tests of the client, on the test's own common::EventLoop.
// Beast stays in test_ws_server_{plain,tls}.cpp so the test files themselves compile quickly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace common {
class EventLoop;
}

namespace chargepoint::net::testing {

struct ServerBehaviour {
  bool echo_subprotocol = true;  // answer Sec-WebSocket-Protocol: ocpp1.6 when the client offers it
  bool complete_handshake =
      true;  // false: accept TCP, then never answer (the client's connect deadline)
  bool read_messages = true;  // false: never read after the upgrade, so pings are never answered
  bool echo_text = true;      // send every text message straight back
};

struct ServerRecord {
  int tcp_accepts = 0;
  int upgrades = 0;
  int pings = 0;
  std::vector<std::string> server_names;  // TLS SNI per handshake ("" for plain or none sent)
  std::vector<std::string> targets;
  std::vector<std::string> authorizations;
  std::vector<std::string> offered_protocols;
  std::vector<std::string> received;       // text messages, all connections, in arrival order
  std::vector<std::uint16_t> close_codes;  // close codes sent by clients
};

struct ServerTls {
  std::string certificate_pem;
  std::string private_key_pem;
};

class ServerImplBase;

class TestWsServer {
 public:
  // Listens on 127.0.0.1:port (0 = a free port); TLS when `tls` is given.
  TestWsServer(common::EventLoop& loop, ServerBehaviour behaviour, std::uint16_t port = 0,
               std::optional<ServerTls> tls = std::nullopt);
  ~TestWsServer();  // shutdown()
  TestWsServer(const TestWsServer&) = delete;
  TestWsServer& operator=(const TestWsServer&) = delete;

  std::uint16_t port() const;
  const ServerRecord& record() const;
  ServerBehaviour& behaviour();
  std::size_t open_connections() const;

  void send_text_to_all(const std::string& text);
  void send_binary_to_all(const std::string& data);
  void close_all(std::uint16_t code);
  void shutdown();  // stop listening and drop every connection without a close handshake

 private:
  std::shared_ptr<ServerImplBase> impl_;
};

}  // namespace chargepoint::net::testing
