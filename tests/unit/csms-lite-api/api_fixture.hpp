#pragma once
// HttpApi over the fake central system, a real :memory: database with the auth schema, and a
// manual clock. Requests go through HttpApi::handle_async with a recording responder.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/http_api.hpp"
#include "auth/auth_schema.hpp"
#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "db/database.hpp"
#include "fake_central_system.hpp"

namespace csms::api::testing {

using namespace std::chrono_literals;

inline const std::array<eo::db::Migration, 1> auth_migrations = {
    eo::db::Migration{1, "users, sessions, API tokens", auth::auth_schema_sql}};

inline eo::db::Database open_auth_db() {
  eo::db::OpenOptions options;
  options.migrations = auth_migrations;
  auto db = eo::db::Database::open_in_memory(options);
  if (!db) throw std::runtime_error(db.error().message);
  return std::move(*db);
}

// Cheap scrypt: the tests check behaviour, not cost.
inline auth::AuthOptions test_auth_options() {
  auth::AuthOptions options;
  options.kdf = auth::KdfParams{4, 8, 1};
  return options;
}

class RecordingResponder final : public net::HttpResponder {
 public:
  void respond(net::HttpResponse response) override {
    if (!response_) response_ = std::move(response);
  }
  std::shared_ptr<net::HttpStream> stream(net::HttpResponse head, std::size_t) override;
  bool answered() const override { return response_.has_value(); }
  std::optional<net::HttpResponse> response_;
};

// A stream that accepts up to `capacity` bytes in total, like a client that stopped reading.
class FakeStream final : public net::HttpStream {
 public:
  explicit FakeStream(std::size_t capacity = 1 << 20) : capacity_(capacity) {}
  bool write(std::string bytes) override {
    if (!open_) return false;
    if (received.size() + bytes.size() > capacity_) {
      open_ = false;  // what the net layer does: drop the slow client
      return false;
    }
    received += bytes;
    return true;
  }
  void close() override { open_ = false; }
  bool is_open() const override { return open_; }
  void disconnect() { open_ = false; }
  std::string received;

 private:
  std::size_t capacity_;
  bool open_ = true;
};

inline std::shared_ptr<net::HttpStream> RecordingResponder::stream(net::HttpResponse head,
                                                                   std::size_t) {
  if (response_) return nullptr;
  response_ = std::move(head);
  return std::make_shared<FakeStream>();
}

struct Login {
  std::string cookie;  // "csms_session=..."
  std::string csrf;
};

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() { port_.chargers_ = {charger("CP1", true), charger("CP2", false)}; }

  static ChargerView charger(std::string id, bool connected) {
    ChargerView c;
    c.id = std::move(id);
    c.connected = connected;
    c.status = "Available";
    ConnectorView k;
    k.connector_id = 1;
    k.status = "Charging";
    k.offered = OfferedCurrent{16, "TxDefault"};
    k.current_a = 15.8;
    c.connectors.push_back(k);
    return c;
  }

  // A request through the API; returns the response if it was given synchronously.
  std::optional<net::HttpResponse> send_async(const net::HttpRequest& request,
                                              std::shared_ptr<RecordingResponder>& responder) {
    responder = std::make_shared<RecordingResponder>();
    api_.handle_async(request, responder);
    return responder->response_;
  }

  net::HttpResponse send(std::string method, std::string target, std::string body = {},
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
    net::HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.headers.emplace_back("Host", "csms.local:8080");
    request.remote_address = "192.168.1.20:50000";
    return api_.handle(request);
  }

  // A JSON request as the logged-in browser sends it.
  net::HttpResponse as_user(const Login& login, std::string method, std::string target,
                            std::string body = {}) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", login.cookie},
                                                                {"X-CSRF-Token", login.csrf}};
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return send(std::move(method), std::move(target), std::move(body), std::move(headers));
  }

  Login set_up_and_log_in(const std::string& password = "correct horse battery") {
    const auto code = auth_.ensure_setup_code();
    EXPECT_TRUE(code.has_value());
    const auto response = send("POST", "/api/setup",
                               nlohmann::json{{"code", code->code}, {"password", password}}.dump(),
                               {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 201) << response.body;
    return login_from(response);
  }

  Login log_in(const std::string& password) {
    const auto response =
        send("POST", "/api/session", nlohmann::json{{"password", password}}.dump(),
             {{"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 200) << response.body;
    return login_from(response);
  }

  static Login login_from(const net::HttpResponse& response) {
    Login login;
    for (const auto& [name, value] : response.headers) {
      if (name == "Set-Cookie") login.cookie = value.substr(0, value.find(';'));
    }
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_object() && body.contains("csrfToken")) login.csrf = body["csrfToken"];
    return login;
  }

  static std::optional<std::string> header(const net::HttpResponse& response,
                                           std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (net::iequals(key, name)) return value;
    }
    return std::nullopt;
  }

  static nlohmann::json json(const net::HttpResponse& response) {
    return nlohmann::json::parse(response.body);
  }

  common::ManualTimers timers_;
  common::ManualClock clock_{timers_, common::WallTime(std::chrono::seconds(1'795'000'000))};
  eo::db::Database db_ = open_auth_db();
  std::vector<auth::SetupCode> setup_codes_;
  auth::AuthService auth_{db_, clock_, test_auth_options(),
                          [this](const auth::SetupCode& code) { setup_codes_.push_back(code); }};
  FakeCentralSystem port_;
  EventHub events_{port_, timers_};
  class Files final : public net::HttpHandler {
   public:
    net::HttpResponse handle(const net::HttpRequest& request) override {
      last_target = request.target;
      net::HttpResponse response;
      response.body = "static:" + request.target;
      return response;
    }
    std::string last_target;
  } files_;
  HttpApi api_{port_, auth_, events_, files_, ApiOptions{}};
};

}  // namespace csms::api::testing
