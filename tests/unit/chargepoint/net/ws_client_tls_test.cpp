// wss:// against the TLS test server, with certificates made at run time.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_certificates.hpp"
#include "test_ws_server.hpp"
#include "ws_test_support.hpp"

namespace chargepoint::net::testing {
namespace {

using std::chrono::milliseconds;

class WsClientTls : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const auto& path : temp_files_) std::filesystem::remove(path);
  }

  std::string ca_file_for(const TestCertificate& certificate) {
    temp_files_.push_back(write_temp_file(certificate.certificate_pem, "ca.pem"));
    return temp_files_.back();
  }

  static ServerTls server_tls(const TestCertificate& certificate) {
    return {certificate.certificate_pem, certificate.private_key_pem};
  }

  common::EventLoop loop;
  RecordingHandler handler;
  TestCertificate good = make_self_signed_certificate({"DNS:localhost", "IP:127.0.0.1"});

 private:
  std::vector<std::string> temp_files_;
};

TEST_F(WsClientTls, ConnectsWhenTheCaFileTrustsTheServer) {
  TestWsServer server(loop, {}, 0, server_tls(good));
  auto options = fast_options(server.port(), "wss");
  options.ca_file = ca_file_for(good);
  options.authorization_key = "secret";
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(3000)));
  EXPECT_EQ(server.record().offered_protocols[0], "ocpp1.6");
  EXPECT_EQ(server.record().authorizations[0], basic_auth_header("CP1", "secret"));
  EXPECT_EQ(server.record().targets[0], "/ocpp/CP1");
  EXPECT_EQ(server.record().server_names[0], "");  // RFC 6066: no SNI for an address literal
  ASSERT_TRUE(client.send_text("over tls"));
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.texts.size() == 1; }, milliseconds(2000)));
  EXPECT_EQ(handler.texts[0], "over tls");
  client.stop();
  ASSERT_TRUE(run_until(
      loop, [&] { return !server.record().close_codes.empty(); }, milliseconds(2000)));
  EXPECT_EQ(server.record().close_codes[0], 1000);
}

TEST_F(WsClientTls, VerifiesADnsNameAndSendsSni) {
  TestWsServer server(loop, {}, 0, server_tls(good));
  auto options = fast_options(server.port(), "wss");
  options.endpoint_url = "wss://localhost:" + std::to_string(server.port()) + "/ocpp";
  options.ca_file = ca_file_for(good);
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(3000)));
  EXPECT_EQ(server.record().server_names.back(), "localhost");
}

TEST_F(WsClientTls, RefusesAnUntrustedCertificateAndRetries) {
  TestWsServer server(loop, {}, 0, server_tls(good));
  const auto other = make_self_signed_certificate({"DNS:localhost", "IP:127.0.0.1"});
  auto options = fast_options(server.port(), "wss");
  options.ca_file = ca_file_for(other);
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connection_attempts() >= 3; }, milliseconds(2000)));
  EXPECT_EQ(handler.connected, 0);
  EXPECT_EQ(server.record().upgrades, 0);
}

TEST_F(WsClientTls, RefusesAHostNameMismatch) {
  const auto elsewhere = make_self_signed_certificate({"DNS:csms.example"});
  TestWsServer server(loop, {}, 0, server_tls(elsewhere));
  auto options = fast_options(server.port(), "wss");
  options.ca_file = ca_file_for(elsewhere);  // trusted, but issued for another name
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connection_attempts() >= 2; }, milliseconds(2000)));
  EXPECT_EQ(handler.connected, 0);
  EXPECT_EQ(server.record().upgrades, 0);
}

TEST_F(WsClientTls, WithoutVerificationAnyCertificateIsAccepted) {
  const auto elsewhere = make_self_signed_certificate({"DNS:csms.example"});
  TestWsServer server(loop, {}, 0, server_tls(elsewhere));
  auto options = fast_options(server.port(), "wss");
  options.verify_peer = false;
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(3000)));
}

TEST_F(WsClientTls, AMissingCaFileFailsTheAttemptsWithoutConnecting) {
  TestWsServer server(loop, {}, 0, server_tls(good));
  auto options = fast_options(server.port(), "wss");
  options.ca_file = "/nonexistent/ca.pem";
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connection_attempts() >= 2; }, milliseconds(2000)));
  EXPECT_EQ(handler.connected, 0);
  EXPECT_EQ(server.record().tcp_accepts, 0);  // fails before connecting
}

}  // namespace
}  // namespace chargepoint::net::testing
