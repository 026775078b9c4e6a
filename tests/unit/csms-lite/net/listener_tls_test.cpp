// https:// and wss:// (OCPP security profile 2) through the listener over loopback, with
// certificates made at run time; and the start-up errors of TlsServerContext::load.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <sstream>
#include <string>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "csms/net/tls.hpp"
#include "listener_fixture.hpp"
#include "tls_test_support.hpp"

namespace csms::net::testing {
namespace {

class TlsListenerTest : public ListenerTest {
 protected:
  void start_tls(ListenerOptions options = {}) {
    options.tls = TlsServerContext::load(certificate_file_, key_file_);
    start(std::move(options));
  }

  // One request on a fresh verified TLS connection that the server closes afterwards.
  std::string tls_exchange(const std::string& raw_request, bool* clean_close = nullptr) {
    TlsClient client(loop_);
    client.connect(port(), certificate_.certificate_pem);
    client.send(raw_request);
    EXPECT_TRUE(run_until([&] { return client.closed() || client.failed(); })) << client.error();
    EXPECT_FALSE(client.failed()) << client.error();
    if (clean_close) *clean_close = client.closed_cleanly();
    return client.received();
  }

  TestCertificate certificate_ = make_certificate({"DNS:localhost", "IP:127.0.0.1"});
  TempDir dir_;
  std::string certificate_file_ = dir_.write("server.crt", certificate_.certificate_pem, 0644);
  std::string key_file_ = dir_.write("server.key", certificate_.private_key_pem, 0600);
};

const std::string upgrade_head =
    "GET /ocpp/LOCKED HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
    "Sec-WebSocket-Protocol: ocpp1.6\r\n";

TEST_F(TlsListenerTest, ServesHttpsAndEndsWithCloseNotify) {
  start_tls();
  bool clean = false;
  const auto responses = parse_responses(
      tls_exchange("GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &clean));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].body, "<h1>csms-lite</h1>");
  // close_notify: the client can tell a complete response from a cut-off one.
  EXPECT_TRUE(clean);
  EXPECT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));
}

TEST_F(TlsListenerTest, ServesKeepAliveRequestsOnOneTlsConnection) {
  start_tls();
  TlsClient client(loop_);
  client.connect(port(), certificate_.certificate_pem, "localhost");
  client.send("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return parse_responses(client.received()).size() == 1; }))
      << client.error();
  client.send("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  const auto responses = parse_responses(client.received());
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[1].status, 404);
}

TEST_F(TlsListenerTest, AcceptsAWssUpgradeWithBasicAuthAndCarriesFrames) {
  start_tls();
  TlsClient client(loop_);
  client.connect(port(), certificate_.certificate_pem);
  client.send(upgrade_head + "Authorization: " + basic_auth("LOCKED", "secret") + "\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return handler_.opened.size() == 1; })) << client.error();
  ASSERT_TRUE(run_until([&] { return client.received().find("\r\n\r\n") != std::string::npos; }));
  EXPECT_EQ(client.received().rfind("HTTP/1.1 101 ", 0), 0u) << client.received();
  EXPECT_NE(client.received().find("ocpp1.6"), std::string::npos);
  EXPECT_EQ(gate_.calls.back().second, std::optional<std::string>("secret"));

  client.send(masked_text_frame(R"([2,"1","Heartbeat",{}])"));
  ASSERT_TRUE(run_until([&] { return handler_.texts.size() == 1; }));
  EXPECT_EQ(handler_.texts[0].first, "LOCKED");
  EXPECT_EQ(handler_.texts[0].second, R"([2,"1","Heartbeat",{}])");

  handler_.connection("LOCKED")->send_text(R"([3,"1",{"currentTime":"x"}])");
  const auto body = [&] {
    return client.received().substr(client.received().find("\r\n\r\n") + 4);
  };
  ASSERT_TRUE(run_until([&] { return server_text_frames(body()).size() == 1; }));
  EXPECT_EQ(server_text_frames(body())[0], R"([3,"1",{"currentTime":"x"}])");
  EXPECT_EQ(listener_->charge_point_count(), 1u);
}

TEST_F(TlsListenerTest, RefusesAWssUpgradeWithTheWrongPassword) {
  start_tls();
  const auto raw =
      tls_exchange(upgrade_head + "Authorization: " + basic_auth("LOCKED", "guess") + "\r\n\r\n");
  auto responses = parse_responses(raw);
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 401);
  EXPECT_EQ(responses[0].headers["www-authenticate"], "Basic realm=\"csms-lite\"");
  EXPECT_TRUE(handler_.opened.empty());
}

TEST_F(TlsListenerTest, APlainClientOnTheTlsPortIsClosedAndTheServerCarriesOn) {
  start_tls();
  // What a charger configured for ws:// (or a browser on http://) sends to the wss port.
  RawClient plain(loop_);
  plain.connect(port());
  plain.send("GET /ocpp/CP1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return plain.closed(); }));
  // No HTTP answer in clear text: the port speaks TLS only (at most a TLS alert record).
  EXPECT_EQ(plain.received().find("HTTP/"), std::string::npos);
  EXPECT_TRUE(handler_.opened.empty());

  const auto responses = parse_responses(
      tls_exchange("GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
}

// Collects what the listener logs at info and above while it lives.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_st>(text_));
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return text_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream text_;
};

TEST_F(TlsListenerTest, LogsWhyAHandshakeFailedButNotAPortCheck) {
  start_tls();
  LogCapture log;
  std::optional<RawClient> port_check(std::in_place, loop_);  // connects and leaves, as monitors do
  port_check->connect(port());
  ASSERT_TRUE(run_until([&] { return listener_->connection_count() == 1; }));
  port_check.reset();
  ASSERT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));
  EXPECT_EQ(log.text().find("TLS handshake"), std::string::npos) << log.text();

  RawClient plain(loop_);
  plain.connect(port());
  plain.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return plain.closed(); }));
  EXPECT_NE(log.text().find("(a plain http:// or ws:// client on the TLS port)"), std::string::npos)
      << log.text();
}

TEST_F(TlsListenerTest, AClientThatNeverStartsTheHandshakeIsDroppedAfterTheTimeout) {
  ListenerOptions options;
  options.http_timeout = std::chrono::seconds(1);
  start_tls(options);
  RawClient silent(loop_);
  silent.connect(port());
  ASSERT_TRUE(run_until([&] { return listener_->connection_count() == 1; }));
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(run_until([&] { return silent.closed(); }, std::chrono::seconds(3)));
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
  EXPECT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));
}

TEST_F(TlsListenerTest, AClientThatDoesNotTrustTheCertificateGetsNoConnection) {
  start_tls();
  const auto other = make_certificate({"IP:127.0.0.1"});
  TlsClient client(loop_);
  client.connect(port(), other.certificate_pem);
  ASSERT_TRUE(run_until([&] { return client.failed(); }));
  EXPECT_NE(client.error().find("certificate verify failed"), std::string::npos) << client.error();
  EXPECT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));
}

TEST_F(TlsListenerTest, AClientThatConnectsByANameNotInTheCertificateIsRefusedByIt) {
  start_tls();
  TlsClient client(loop_);
  client.connect(port(), certificate_.certificate_pem, "csms.example.org");
  ASSERT_TRUE(run_until([&] { return client.failed(); }));
  EXPECT_NE(client.error().find("certificate verify failed"), std::string::npos) << client.error();
}

TEST_F(TlsListenerTest, ReloadsTheCertificateForNewConnectionsAndKeepsOpenOnes) {
  start_tls();
  TlsClient before(loop_);
  before.connect(port(), certificate_.certificate_pem);
  before.send("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return parse_responses(before.received()).size() == 1; }));

  const auto renewed = make_certificate({"IP:127.0.0.1"});
  listener_->reload_tls(TlsServerContext::load(dir_.write("new.crt", renewed.certificate_pem),
                                               dir_.write("new.key", renewed.private_key_pem)));
  TlsClient trusts_new(loop_);
  trusts_new.connect(port(), renewed.certificate_pem);
  trusts_new.send("GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return trusts_new.closed() || trusts_new.failed(); }));
  EXPECT_FALSE(trusts_new.failed()) << trusts_new.error();
  EXPECT_EQ(parse_responses(trusts_new.received()).size(), 1u);

  TlsClient trusts_old(loop_);
  trusts_old.connect(port(), certificate_.certificate_pem);
  ASSERT_TRUE(run_until([&] { return trusts_old.failed(); }));

  // The connection made before the reload carries on with its certificate.
  before.send("GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return before.closed(); }));
  EXPECT_EQ(parse_responses(before.received()).size(), 2u);
}

TEST_F(ListenerTest, ReloadingTlsOnAPlainListenerIsRefused) {
  start();
  TempDir dir;
  const auto pair = make_certificate({"IP:127.0.0.1"});
  auto tls = TlsServerContext::load(dir.write("c.pem", pair.certificate_pem),
                                    dir.write("k.pem", pair.private_key_pem));
  EXPECT_THROW(listener_->reload_tls(tls), std::logic_error);
}

// The handler sees that the request came over TLS: the session cookie then gets Secure.
class SecureEcho final : public HttpHandler {
 public:
  HttpResponse handle(const HttpRequest& request) override {
    HttpResponse response;
    response.body = request.secure ? "secure" : "plain";
    return response;
  }
};

TEST_F(TlsListenerTest, MarksRequestsAsSecure) {
  SecureEcho echo;
  ListenerOptions options;
  options.port = 0;
  options.tls = TlsServerContext::load(certificate_file_, key_file_);
  listener_ = std::make_unique<Listener>(loop_, options, handler_, gate_, echo);
  listener_->start();
  auto responses =
      parse_responses(tls_exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].body, "secure");

  options.tls = nullptr;
  listener_ = std::make_unique<Listener>(loop_, options, handler_, gate_, echo);
  listener_->start();
  responses = parse_responses(exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].body, "plain");
  listener_.reset();
}

// --- start-up errors: each names the file and says what to do ---

std::string load_error(const std::string& certificate_file, const std::string& key_file) {
  try {
    (void)TlsServerContext::load(certificate_file, key_file);
  } catch (const TlsSetupError& e) {
    return e.what();
  }
  return "loaded";
}

TEST(TlsServerContextTest, LoadsAMatchingPairAndSummarisesTheCertificate) {
  TempDir dir;
  const auto pair = make_certificate({"DNS:evbox.local", "IP:192.168.1.20"});
  const auto context = TlsServerContext::load(dir.write("c.pem", pair.certificate_pem),
                                              dir.write("k.pem", pair.private_key_pem));
  EXPECT_NE(context->summary().find("subject /CN=csms-lite test"), std::string::npos)
      << context->summary();
  EXPECT_NE(context->summary().find("DNS:evbox.local, IP:192.168.1.20"), std::string::npos)
      << context->summary();
}

TEST(TlsServerContextTest, NamesAMissingFile) {
  TempDir dir;
  const auto pair = make_certificate({"IP:127.0.0.1"});
  const auto key = dir.write("k.pem", pair.private_key_pem);
  const auto error = load_error("/nonexistent/server.crt", key);
  EXPECT_NE(error.find("'/nonexistent/server.crt': No such file or directory"), std::string::npos)
      << error;
  const auto cert = dir.write("c.pem", pair.certificate_pem);
  EXPECT_NE(load_error(cert, "/nonexistent/k.pem").find("/nonexistent/k.pem"), std::string::npos);
}

TEST(TlsServerContextTest, RefusesAKeyOtherUsersCanRead) {
  TempDir dir;
  const auto pair = make_certificate({"IP:127.0.0.1"});
  const auto cert = dir.write("c.pem", pair.certificate_pem);
  const auto key = dir.write("k.pem", pair.private_key_pem, 0644);
  const auto error = load_error(cert, key);
  EXPECT_NE(error.find(key), std::string::npos) << error;
  EXPECT_NE(error.find("mode 0644"), std::string::npos) << error;
  EXPECT_NE(error.find("chmod 600"), std::string::npos) << error;
  // Group-readable is fine: the service may read it through its group.
  EXPECT_EQ(load_error(cert, dir.write("k2.pem", pair.private_key_pem, 0640)), "loaded");
}

TEST(TlsServerContextTest, RefusesAFileThatIsNotPem) {
  TempDir dir;
  const auto pair = make_certificate({"IP:127.0.0.1"});
  const auto cert = dir.write("c.pem", pair.certificate_pem);
  const auto key = dir.write("k.pem", pair.private_key_pem);
  const auto garbage = dir.write("garbage.pem", "not a certificate\n");
  auto error = load_error(garbage, key);
  EXPECT_NE(error.find("TLS certificate file '" + garbage + "': not a PEM certificate chain"),
            std::string::npos)
      << error;
  error = load_error(cert, garbage);
  EXPECT_NE(error.find("TLS private key file '" + garbage + "': not an unencrypted PEM"),
            std::string::npos)
      << error;
  // The certificate where the key belongs: a common mix-up.
  error = load_error(cert, dir.write("swapped.pem", pair.certificate_pem));
  EXPECT_NE(error.find("not an unencrypted PEM private key"), std::string::npos) << error;
}

TEST(TlsServerContextTest, RefusesAKeyThatDoesNotBelongToTheCertificate) {
  TempDir dir;
  const auto first = make_certificate({"IP:127.0.0.1"});
  const auto second = make_certificate({"IP:127.0.0.1"});
  const auto cert = dir.write("c.pem", first.certificate_pem);
  const auto key = dir.write("k.pem", second.private_key_pem);
  const auto error = load_error(cert, key);
  EXPECT_NE(error.find("'" + key + "': does not belong to the certificate in '" + cert + "'"),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace csms::net::testing
