// OCPP-J WebSockets through the listener over loopback.
#include <gtest/gtest.h>

#include "listener_fixture.hpp"

namespace csms::net::testing {
namespace {

TEST_F(ListenerTest, UpgradeWithOcpp16OpensAndEchoesBothWays) {
  start();
  handler_.echo = true;
  WsClient client(loop_);
  open(client);
  EXPECT_EQ(client.accepted_protocol(), "ocpp1.6");
  EXPECT_EQ(handler_.events, std::vector<std::string>{"open:CP1"});
  EXPECT_EQ(listener_->charge_point_count(), 1u);
  const auto connection = handler_.connection("CP1");
  EXPECT_EQ(connection->remote_address().rfind("127.0.0.1:", 0), 0u);

  client.send_text(R"([2,"1","Heartbeat",{}])");
  ASSERT_TRUE(run_until([&] { return client.received().size() == 1; }));
  EXPECT_EQ(client.received()[0], R"([2,"1","Heartbeat",{}])");
  ASSERT_EQ(handler_.texts.size(), 1u);
  EXPECT_EQ(handler_.texts[0].first, "CP1");

  connection->send_text(R"([2,"s1","Reset",{"type":"Soft"}])");
  ASSERT_TRUE(run_until([&] { return client.received().size() == 2; }));
  EXPECT_EQ(client.received()[1], R"([2,"s1","Reset",{"type":"Soft"}])");
}

TEST_F(ListenerTest, ChargePointIdIsPercentDecoded) {
  start();
  WsClient client(loop_);
  open(client, ws_options("/ocpp/EO%20Box%201"));
  EXPECT_EQ(handler_.opened.back()->charge_point_id(), "EO Box 1");
  EXPECT_EQ(gate_.calls.back().first, "EO Box 1");
}

TEST_F(ListenerTest, SubprotocolMayBeOneOfAList) {
  start();
  WsClient client(loop_);
  open(client, ws_options("/ocpp/CP1", "ocpp2.0.1, ocpp1.6"));
  EXPECT_EQ(client.accepted_protocol(), "ocpp1.6");
}

TEST_F(ListenerTest, RefusedUpgradesGetTheirStatus) {
  start();
  struct Case {
    WsClientOptions options;
    int status;
  };
  const std::vector<Case> cases{
      {ws_options("/ocpp/CP1", std::nullopt), 400},
      {ws_options("/ocpp/CP1", "ocpp2.0.1"), 400},
      {ws_options("/ocpp/"), 400},
      {ws_options("/ocpp/CP%zz"), 400},
      {ws_options("/other/CP1"), 404},
      {ws_options("/ocpp/UNKNOWN"), 404},
      {ws_options("/ocpp/LOCKED"), 401},
      {ws_options("/ocpp/LOCKED", "ocpp1.6", basic_auth("LOCKED", "wrong")), 401},
      {ws_options("/ocpp/LOCKED", "ocpp1.6", basic_auth("CP1", "secret")), 401},
  };
  for (const auto& c : cases) {
    WsClient client(loop_);
    client.connect(port(), c.options);
    ASSERT_TRUE(run_until([&] { return client.failed(); })) << c.options.target;
    EXPECT_EQ(client.handshake_status(), c.status) << c.options.target;
  }
  EXPECT_TRUE(handler_.opened.empty());
  // Only the last three got as far as the gate (the mismatched user name does not).
  EXPECT_EQ(gate_.calls.size(), 3u);
}

TEST_F(ListenerTest, UnauthorizedAsksForBasicCredentials) {
  start();
  const auto raw = exchange(
      "GET /ocpp/LOCKED HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Protocol: ocpp1.6\r\n\r\n");
  auto responses = parse_responses(raw);
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 401);
  EXPECT_EQ(responses[0].headers["www-authenticate"], "Basic realm=\"csms-lite\"");
}

TEST_F(ListenerTest, RightPasswordIsAccepted) {
  start();
  WsClient client(loop_);
  open(client, ws_options("/ocpp/LOCKED", "ocpp1.6", basic_auth("LOCKED", "secret")));
  EXPECT_EQ(gate_.calls.back().second, "secret");
}

TEST_F(ListenerTest, SecondConnectionWithTheSameIdReplacesTheFirst) {
  start();
  WsClient first(loop_);
  open(first);
  const auto old_connection = handler_.connection("CP1");
  WsClient second(loop_);
  open(second);
  EXPECT_EQ(handler_.events, (std::vector<std::string>{"open:CP1", "close:CP1", "open:CP1"}));
  ASSERT_TRUE(run_until([&] { return first.closed(); }));
  EXPECT_EQ(first.close_code(), 1000);
  EXPECT_EQ(listener_->charge_point_count(), 1u);

  old_connection->send_text("lost");  // a handle of a closed connection does nothing
  handler_.connection("CP1")->send_text("hello");
  ASSERT_TRUE(run_until([&] { return second.received().size() == 1; }));
  EXPECT_EQ(second.received()[0], "hello");
  EXPECT_TRUE(first.received().empty());
  EXPECT_TRUE(second.open());
}

TEST_F(ListenerTest, OversizedFrameClosesWith1009) {
  ListenerOptions options;
  options.max_message_bytes = 1024;
  start(options);
  WsClient client(loop_);
  open(client);
  client.send_text(std::string(2000, 'x'));
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  EXPECT_EQ(client.close_code(), 1009);
  ASSERT_TRUE(run_until([&] { return handler_.closes.size() == 1; }));
  EXPECT_TRUE(handler_.texts.empty());
}

TEST_F(ListenerTest, BinaryFrameClosesWith1003) {
  start();
  WsClient client(loop_);
  open(client);
  client.send_binary("\x01\x02");
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  EXPECT_EQ(client.close_code(), 1003);
  ASSERT_EQ(handler_.closes.size(), 1u);
  EXPECT_NE(handler_.closes[0].second.find("binary"), std::string::npos);
}

TEST_F(ListenerTest, InvalidUtf8ClosesWith1007) {
  start();
  WsClient client(loop_);
  open(client);
  client.send_text("\xff\xfe");
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  EXPECT_EQ(client.close_code(), 1007);
  ASSERT_TRUE(run_until([&] { return handler_.closes.size() == 1; }));
  EXPECT_TRUE(handler_.texts.empty());
}

TEST_F(ListenerTest, ChargePointClosingIsReportedWithItsCode) {
  start();
  WsClient client(loop_);
  open(client);
  client.close(1001);
  ASSERT_TRUE(run_until([&] { return handler_.closes.size() == 1; }));
  EXPECT_NE(handler_.closes[0].second.find("code 1001"), std::string::npos)
      << handler_.closes[0].second;
  EXPECT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));
  EXPECT_EQ(listener_->charge_point_count(), 0u);
}

TEST_F(ListenerTest, ChargePointThatStopsAnsweringPingsIsClosed) {
  ListenerOptions options;
  options.ping_interval = 1s;
  options.pong_timeout = 1s;
  start(options);
  WsClient alive(loop_);
  open(alive, ws_options("/ocpp/CP2"));
  WsClient hung(loop_);
  const auto opened_at = std::chrono::steady_clock::now();
  open(hung, ws_options("/ocpp/CP1", "ocpp1.6", std::nullopt,
                        false));  // never reads, so never answers a ping

  ASSERT_TRUE(run_until([&] { return !handler_.closes.empty(); }, 4s));
  const auto elapsed = std::chrono::steady_clock::now() - opened_at;
  EXPECT_GE(elapsed, 1900ms);  // ping after 1 s, then 1 s to answer
  EXPECT_LE(elapsed, 3s);
  ASSERT_EQ(handler_.closes.size(), 1u);
  EXPECT_EQ(handler_.closes[0].first, "CP1");
  EXPECT_NE(handler_.closes[0].second.find("ping"), std::string::npos);
  EXPECT_TRUE(alive.open());  // it answered the same pings
}

TEST_F(ListenerTest, BurstsArriveInOrder) {
  start();
  WsClient client(loop_);
  open(client);
  constexpr int count = 2000;
  const auto connection = handler_.connection("CP1");
  for (int i = 0; i < count; ++i) {
    connection->send_text("server " + std::to_string(i));
    client.send_text("client " + std::to_string(i));
  }
  ASSERT_TRUE(run_until(
      [&] { return client.received().size() == count && handler_.texts.size() == count; }));
  for (int i = 0; i < count; ++i) {
    ASSERT_EQ(client.received()[i], "server " + std::to_string(i));
    ASSERT_EQ(handler_.texts[i].second, "client " + std::to_string(i));
  }
}

TEST_F(ListenerTest, AReaderThatFallsBehindIsDroppedNotBuffered) {
  start();
  WsClient client(loop_);
  open(client);
  const auto connection = handler_.connection("CP1");
  // 64 × 128 KiB without running the loop: far over the 4 MiB queue bound.
  for (int i = 0; i < 64; ++i) connection->send_text(std::string(128 * 1024, 'x'));
  EXPECT_TRUE(handler_.closes.empty());  // not from inside send_text()
  ASSERT_TRUE(run_until([&] { return handler_.closes.size() == 1; }));
  EXPECT_NE(handler_.closes[0].second.find("overflow"), std::string::npos);
  EXPECT_TRUE(run_until([&] { return client.closed(); }));
}

TEST_F(ListenerTest, ApplicationCloseReportsFromTheLoop) {
  start();
  WsClient client(loop_);
  open(client);
  handler_.connection("CP1")->close("bye");
  EXPECT_TRUE(handler_.closes.empty());  // never from inside close()
  ASSERT_TRUE(run_until([&] { return client.closed() && handler_.closes.size() == 1; }));
  EXPECT_EQ(client.close_code(), 1000);
  EXPECT_EQ(listener_->charge_point_count(), 0u);
}

TEST_F(ListenerTest, StopClosesEverything) {
  start();
  WsClient one(loop_), two(loop_);
  open(one);
  open(two, ws_options("/ocpp/CP2"));
  RawClient http(loop_);
  http.connect(port());
  http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");  // keep-alive
  ASSERT_TRUE(run_until([&] { return !http.received().empty(); }));

  listener_->stop();
  EXPECT_EQ(handler_.closes.size(), 2u);  // before stop() returns
  ASSERT_TRUE(run_until([&] { return one.closed() && two.closed() && http.closed(); }));
  EXPECT_EQ(one.close_code(), 1001);
  EXPECT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));

  RawClient late(loop_);
  late.connect(port());
  EXPECT_TRUE(run_until([&] { return late.closed(); }));
  EXPECT_FALSE(late.connected());
}

TEST_F(ListenerTest, DestroyingTheListenerWithLiveConnectionsIsSafe) {
  start();
  handler_.echo = true;
  WsClient client(loop_);
  open(client);
  RawClient http(loop_);
  http.connect(port());
  http.send("GET / HT");  // a request half read
  client.send_text("in flight");
  loop_.run_for(std::chrono::milliseconds(1));
  listener_.reset();
  EXPECT_EQ(handler_.closes.size(), 1u);
  ASSERT_TRUE(run_until([&] { return client.closed() && http.closed(); }));
  EXPECT_EQ(handler_.closes.size(), 1u);
}

}  // namespace
}  // namespace csms::net::testing
