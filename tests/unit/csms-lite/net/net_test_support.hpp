#pragma once
// Loopback test tools for csms_net: fakes for the three handlers, and a raw TCP client and a
// WebSocket client that run on the same common::EventLoop as the listener (no threads). Beast stays
// in net_test_support.cpp so the test files themselves compile quickly.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/event_loop.hpp"
#include "csms/net/listener.hpp"

namespace csms::net::testing {

using namespace std::chrono_literals;

// Runs the loop in small slices until `done()` or the timeout; returns done().
bool run_until(common::EventLoop& loop, const std::function<bool()>& done,
               std::chrono::milliseconds timeout = 3s);

class RecordingHandler : public OcppConnectionHandler {
 public:
  void on_open(std::shared_ptr<OcppConnection> connection) override;
  void on_text(OcppConnection& connection, std::string_view text) override;
  void on_close(OcppConnection& connection, std::string_view reason) override;

  std::shared_ptr<OcppConnection> connection(const std::string& id) const;  // latest open one

  bool echo = false;  // send every text straight back
  std::vector<std::shared_ptr<OcppConnection>> opened;
  std::vector<std::pair<std::string, std::string>> texts;   // id, text
  std::vector<std::pair<std::string, std::string>> closes;  // id, reason
  std::vector<std::string> events;                          // "open:<id>", "close:<id>" in order
};

class FakeGate : public ChargePointGate {
 public:
  AuthResult admit(std::string_view charge_point_id,
                   std::optional<std::string_view> password) override;

  // id → the password it must present (nullopt: none needed). Ids not in the map are unknown.
  std::map<std::string, std::optional<std::string>, std::less<>> known;
  std::vector<std::pair<std::string, std::optional<std::string>>> calls;
};

// A folder with a small web UI, plus a secret file next to (outside) it.
class WebRoot {
 public:
  WebRoot();
  ~WebRoot();
  const std::filesystem::path& path() const { return root_; }

 private:
  std::filesystem::path base_;
  std::filesystem::path root_;
};

struct ParsedResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};
// Splits raw bytes into responses (Content-Length framing only, as the listener sends). Responses
// to HEAD carry a Content-Length but no body: pass head_request then.
std::vector<ParsedResponse> parse_responses(const std::string& raw, bool head_request = false);

// Writes bytes and collects whatever comes back until the server closes.
class RawClient {
 public:
  explicit RawClient(common::EventLoop& loop);
  ~RawClient();
  void connect(std::uint16_t port);
  void send(std::string bytes);
  bool connected() const;
  bool closed() const;  // the server closed (EOF or reset)
  const std::string& received() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

struct WsClientOptions {
  std::string target = "/ocpp/CP1";
  std::optional<std::string> subprotocols = "ocpp1.6";  // the Sec-WebSocket-Protocol value offered
  std::optional<std::string> authorization;             // the Authorization value sent
  bool read = true;  // false: never reads, so pings go unanswered (a hung peer)
};

// (GCC 12 warns about designated initializers that leave members out, hence a function.)
WsClientOptions ws_options(std::string target = "/ocpp/CP1",
                           std::optional<std::string> subprotocols = "ocpp1.6",
                           std::optional<std::string> authorization = std::nullopt,
                           bool read = true);

class WsClient {
 public:
  explicit WsClient(common::EventLoop& loop);
  ~WsClient();
  void connect(std::uint16_t port, WsClientOptions options = {});
  void send_text(std::string text);
  void send_binary(std::string bytes);
  void close(std::uint16_t code = 1000);  // the close handshake, from the client's side

  bool open() const;
  bool failed() const;           // handshake refused or failed
  int handshake_status() const;  // HTTP status of the handshake response (101 when accepted)
  const std::string& accepted_protocol() const;
  const std::vector<std::string>& received() const;
  bool closed() const;     // was open, now closed by the server or lost
  int close_code() const;  // from the server's close frame; 0 if the TCP connection just ended

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

std::string basic_auth(const std::string& user, const std::string& password);

}  // namespace csms::net::testing
