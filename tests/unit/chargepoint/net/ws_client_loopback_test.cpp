// The WebSocket client against a real Beast server on 127.0.0.1, both on one common::EventLoop.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "test_ws_server.hpp"
#include "ws_test_support.hpp"

namespace chargepoint::net::testing {
namespace {

using std::chrono::milliseconds;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

template <class Container, class Value>
bool has(const Container& container, const Value& value) {
  return std::find(container.begin(), container.end(), value) != container.end();
}

class WsClientLoopback : public ::testing::Test {
 protected:
  common::EventLoop loop;
  RecordingHandler handler;
};

TEST_F(WsClientLoopback, ConnectsWithSubprotocolBasicAuthAndEncodedPath) {
  TestWsServer server(loop, {});
  auto options = fast_options(server.port());
  options.endpoint_url += "/";  // no double slash either way
  options.charge_point_id = "CP 1/ä";
  options.authorization_key = "0123456789abcdef";
  WsClient client(loop, options, handler);
  EXPECT_FALSE(client.connected());
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 1; }, milliseconds(2000)));
  EXPECT_TRUE(client.connected());
  EXPECT_EQ(client.connection_attempts(), 1u);
  ASSERT_EQ(server.record().targets.size(), 1u);
  EXPECT_EQ(server.record().targets[0], "/ocpp/CP%201%2F%C3%A4");
  EXPECT_EQ(server.record().offered_protocols[0], "ocpp1.6");
  EXPECT_EQ(server.record().authorizations[0], basic_auth_header("CP 1/ä", "0123456789abcdef"));
}

TEST_F(WsClientLoopback, NoAuthorizationHeaderWithoutKey) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 1; }, milliseconds(2000)));
  EXPECT_EQ(server.record().authorizations[0], "");
}

TEST_F(WsClientLoopback, RefusesServerWithoutSubprotocolAndRetriesWithBackoff) {
  TestWsServer server(loop, {.echo_subprotocol = false});
  auto options = fast_options(server.port());
  options.reconnect_min = milliseconds(100);
  options.reconnect_max = milliseconds(400);
  WsClient client(loop, options, handler);
  client.start();
  // Attempts at about 0, 100, 300 and 700 ms.
  loop.run_for(milliseconds(800));
  EXPECT_EQ(handler.connected, 0);
  EXPECT_TRUE(handler.disconnects.empty());  // never connected, so nothing to report
  EXPECT_FALSE(client.connected());
  EXPECT_GE(client.connection_attempts(), 3u);
  EXPECT_LE(client.connection_attempts(), 5u);
  EXPECT_GE(server.record().upgrades, 3);
  EXPECT_TRUE(has(server.record().close_codes, 1002));  // protocol error, sent politely
}

TEST_F(WsClientLoopback, EchoesTextFramesBothWays) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  handler.on_text_fn = [&](std::string_view text) {
    if (text == "from-server") client.send_text("re:" + std::string(text));
  };
  EXPECT_FALSE(client.send_text("too early"));
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  EXPECT_TRUE(client.send_text(R"([2,"1","Heartbeat",{}])"));
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.texts.size() == 1; }, milliseconds(2000)));
  EXPECT_EQ(handler.texts[0], R"([2,"1","Heartbeat",{}])");

  server.behaviour().echo_text = false;
  server.send_text_to_all("from-server");
  ASSERT_TRUE(run_until(
      loop, [&] { return has(server.record().received, std::string("re:from-server")); },
      milliseconds(2000)));
}

TEST_F(WsClientLoopback, BurstOfSendsArrivesInOrder) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  std::vector<std::string> sent;
  for (int i = 0; i < 200; ++i) {
    sent.push_back("message " + std::to_string(i) +
                   std::string(static_cast<std::size_t>(i) * 50, 'x'));
    ASSERT_TRUE(client.send_text(sent.back()));
  }
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.texts.size() == sent.size(); }, milliseconds(3000)));
  EXPECT_EQ(server.record().received, sent);
  EXPECT_EQ(handler.texts, sent);
  EXPECT_TRUE(handler.disconnects.empty());
}

TEST_F(WsClientLoopback, OversizedIncomingMessageClosesWith1009) {
  TestWsServer server(loop, {});
  auto options = fast_options(server.port());
  options.max_message_bytes = 1024;
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  server.send_text_to_all(std::string(1024, 'a'));  // exactly the limit is fine
  server.send_text_to_all(std::string(4096, 'b'));
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.disconnects.size() == 1; }, milliseconds(2000)));
  EXPECT_TRUE(contains(handler.disconnects[0], "1009")) << handler.disconnects[0];
  ASSERT_EQ(handler.texts.size(), 1u);
  EXPECT_EQ(handler.texts[0].size(), 1024u);
  ASSERT_TRUE(run_until(
      loop, [&] { return has(server.record().close_codes, 1009); }, milliseconds(2000)));
  // And it comes back.
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 2; }, milliseconds(2000)));
}

TEST_F(WsClientLoopback, BinaryMessageClosesWith1003) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  server.send_binary_to_all("\x01\x02");
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.disconnects.size() == 1; }, milliseconds(2000)));
  EXPECT_TRUE(handler.texts.empty());
  ASSERT_TRUE(run_until(
      loop, [&] { return has(server.record().close_codes, 1003); }, milliseconds(2000)));
}

TEST_F(WsClientLoopback, ServerCloseIsReportedWithItsCodeAndTheClientReconnects) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  server.close_all(1001);
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.disconnects.size() == 1; }, milliseconds(2000)));
  EXPECT_TRUE(contains(handler.disconnects[0], "1001")) << handler.disconnects[0];
  EXPECT_FALSE(client.send_text("while down"));
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 2; }, milliseconds(2000)));
  EXPECT_EQ(client.connection_attempts(), 2u);
}

TEST_F(WsClientLoopback, ReconnectsWhenTheServerIsBackWithAttemptsSpacedByBackoff) {
  auto server = std::make_unique<TestWsServer>(loop, ServerBehaviour{});
  const auto port = server->port();
  WsClient client(loop, fast_options(port), handler);  // back-off 50, 100, 200, 200, ... ms
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  server.reset();  // the server goes away: connection dropped, port closed
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.disconnects.size() == 1; }, milliseconds(2000)));

  const auto before = client.connection_attempts();
  loop.run_for(milliseconds(1000));
  // Refused connects fail at once; only the back-off spaces them: about 50, 150, 350, 550, 750, 950
  // ms.
  const auto during = client.connection_attempts() - before;
  EXPECT_GE(during, 4u);
  EXPECT_LE(during, 8u);
  EXPECT_EQ(handler.connected, 1);

  server = std::make_unique<TestWsServer>(loop, ServerBehaviour{}, port);
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 2; }, milliseconds(1000)));
  EXPECT_EQ(handler.disconnects.size(), 1u);
}

TEST_F(WsClientLoopback, PongTimeoutDetectsAServerThatStoppedReading) {
  TestWsServer server(loop, {.read_messages = false});
  auto options = fast_options(server.port());
  options.ping_interval = milliseconds(100);
  options.pong_timeout = milliseconds(150);
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  const auto connected_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.disconnects.size() == 1; }, milliseconds(2000)));
  EXPECT_GE(std::chrono::steady_clock::now() - connected_at,
            milliseconds(240));  // ping at 100 + 150
  EXPECT_TRUE(contains(handler.disconnects[0], "pong")) << handler.disconnects[0];
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 2; }, milliseconds(2000)));
}

TEST_F(WsClientLoopback, AnsweredPingsKeepTheConnection) {
  TestWsServer server(loop, {});
  auto options = fast_options(server.port());
  options.ping_interval = milliseconds(40);
  options.pong_timeout = milliseconds(100);
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  loop.run_for(milliseconds(400));
  EXPECT_TRUE(handler.disconnects.empty());
  EXPECT_TRUE(client.connected());
  EXPECT_GE(server.record().pings, 5);
}

TEST_F(WsClientLoopback, PingIntervalChangesAtRunTime) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);  // pings off
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  loop.run_for(milliseconds(150));
  EXPECT_EQ(server.record().pings, 0);
  client.set_ping_interval(milliseconds(30));
  ASSERT_TRUE(run_until(
      loop, [&] { return server.record().pings >= 3; }, milliseconds(1000)));
  client.set_ping_interval(std::chrono::seconds(0));
  loop.run_for(milliseconds(60));
  const auto pings = server.record().pings;
  loop.run_for(milliseconds(150));
  EXPECT_EQ(server.record().pings, pings);
}

TEST_F(WsClientLoopback, ConnectTimeoutCoversAServerThatNeverAnswersTheUpgrade) {
  TestWsServer server(loop, {.complete_handshake = false});
  auto options = fast_options(server.port());
  options.connect_timeout = milliseconds(150);
  WsClient client(loop, options, handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connection_attempts() >= 2; }, milliseconds(2000)));
  EXPECT_EQ(handler.connected, 0);
  EXPECT_GE(server.record().tcp_accepts, 1);
  EXPECT_EQ(server.record().upgrades, 0);
}

TEST_F(WsClientLoopback, StopClosesPolitelyAndStopsReconnecting) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  client.stop();
  EXPECT_FALSE(client.connected());
  ASSERT_EQ(handler.disconnects.size(), 1u);  // reported from inside stop()
  ASSERT_TRUE(run_until(
      loop, [&] { return has(server.record().close_codes, 1000); }, milliseconds(2000)));
  loop.run_for(milliseconds(200));
  EXPECT_EQ(client.connection_attempts(), 1u);
  EXPECT_EQ(handler.disconnects.size(), 1u);

  client.start();  // and it can start again
  ASSERT_TRUE(run_until(
      loop, [&] { return handler.connected == 2; }, milliseconds(2000)));
}

TEST_F(WsClientLoopback, StopFromInsideACallbackIsSafe) {
  TestWsServer server(loop, {});
  WsClient client(loop, fast_options(server.port()), handler);
  handler.on_text_fn = [&](std::string_view) { client.stop(); };
  client.start();
  ASSERT_TRUE(run_until(
      loop, [&] { return client.connected(); }, milliseconds(2000)));
  client.send_text("one");
  client.send_text("two");
  ASSERT_TRUE(run_until(
      loop, [&] { return has(server.record().close_codes, 1000); }, milliseconds(2000)));
  EXPECT_EQ(handler.texts.size(), 1u);
  EXPECT_EQ(handler.disconnects.size(), 1u);
}

TEST_F(WsClientLoopback, DestroyedWhileConnectingOrConnectedLeavesNoDanglingHandlers) {
  TestWsServer server(loop, {});
  {
    WsClient connecting(loop, fast_options(server.port()), handler);
    connecting.start();  // the resolve is in flight
  }
  {
    TestWsServer silent(loop, {.complete_handshake = false});
    WsClient upgrading(loop, fast_options(silent.port()), handler);
    upgrading.start();
    loop.run_for(milliseconds(50));  // TCP up, upgrade pending
  }
  {
    WsClient connected(loop, fast_options(server.port()), handler);
    connected.start();
    ASSERT_TRUE(run_until(
        loop, [&] { return connected.connected(); }, milliseconds(2000)));
    for (int i = 0; i < 20; ++i) connected.send_text(std::string(10000, 'q'));  // writes in flight
  }
  const int before = handler.connected;
  // The polite close goes on without the client; nothing may call back into the destroyed ones.
  ASSERT_TRUE(run_until(
      loop, [&] { return has(server.record().close_codes, 1000); }, milliseconds(2000)));
  loop.run_for(milliseconds(100));
  EXPECT_EQ(handler.connected, before);
  EXPECT_TRUE(handler.disconnects.empty());
}

TEST_F(WsClientLoopback, InvalidUrlIsRejectedAtConstruction) {
  WsClientOptions options;
  options.endpoint_url = "http://127.0.0.1/ocpp";
  options.charge_point_id = "CP1";
  EXPECT_THROW(WsClient(loop, options, handler), std::invalid_argument);
}

}  // namespace
}  // namespace chargepoint::net::testing
