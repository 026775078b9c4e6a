// Plain HTTP through the listener over loopback.
#include <gtest/gtest.h>

#include <stdexcept>

#include "listener_fixture.hpp"

namespace csms::net::testing {
namespace {

TEST_F(ListenerTest, ServesAStaticFileAnd404) {
  start();
  auto responses =
      parse_responses(exchange("GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].body, "<h1>csms-lite</h1>");
  EXPECT_EQ(responses[0].headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(responses[0].headers["cache-control"], "no-cache");
  EXPECT_EQ(responses[0].headers["server"], "csms-lite");

  responses =
      parse_responses(exchange("GET /missing.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 404);
}

TEST_F(ListenerTest, KeepsTheConnectionAliveBetweenRequests) {
  start();
  RawClient client(loop_);
  client.connect(port());
  client.send("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return parse_responses(client.received()).size() == 1; }));
  EXPECT_FALSE(client.closed());
  // Two more, pipelined in one write; the last asks to close.
  client.send(
      "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  const auto responses = parse_responses(client.received());
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[1].body, "body{}");
  EXPECT_EQ(responses[2].status, 404);
}

TEST_F(ListenerTest, RefusesTraversalOverTheWire) {
  start();
  for (const auto* target : {"/../secret.txt", "/%2e%2e/secret.txt",
                             "/sub/%2E%2E/%2E%2E/secret.txt", "//etc/passwd", "/leak.txt"}) {
    const auto raw = exchange(std::string("GET ") + target +
                              " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto responses = parse_responses(raw);
    ASSERT_EQ(responses.size(), 1u) << target;
    EXPECT_GE(responses[0].status, 400) << target;
    EXPECT_EQ(raw.find("TOP SECRET"), std::string::npos) << target;
  }
}

TEST_F(ListenerTest, AnswersHeadWithoutBodyAndOtherMethodsWith405) {
  start();
  auto responses = parse_responses(
      exchange("HEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), true);
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].headers["content-length"], "18");
  EXPECT_TRUE(responses[0].body.empty());

  const auto raw = exchange(
      "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
  responses = parse_responses(raw);
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 405);
  EXPECT_EQ(responses[0].headers["allow"], "GET, HEAD");
}

TEST_F(ListenerTest, GarbageGets400AndTheServerCarriesOn) {
  start();
  // A TLS ClientHello on the plain port: what a charger configured for wss:// sends.
  const std::string tls_hello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15);
  for (const auto& garbage :
       {tls_hello, std::string("HELLO THERE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
        std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n")}) {
    const auto responses = parse_responses(exchange(garbage));
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].status, 400);
  }
  const auto responses =
      parse_responses(exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
}

TEST_F(ListenerTest, OversizedBodyAndHeadersAreRefused) {
  ListenerOptions options;
  options.max_http_body_bytes = 1024;
  start(options);
  auto responses = parse_responses(exchange(
      "POST /api HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'x')));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 413);

  responses = parse_responses(
      exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'y') + "\r\n\r\n"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 431);
}

TEST_F(ListenerTest, IdleHttpConnectionsTimeOut) {
  ListenerOptions options;
  options.http_timeout = 1s;
  start(options);
  RawClient client(loop_);
  client.connect(port());
  client.send("GET / HTT");  // and then nothing
  ASSERT_TRUE(run_until([&] { return client.closed(); }, 2500ms));
  EXPECT_TRUE(client.received().empty());
  EXPECT_TRUE(run_until([&] { return listener_->connection_count() == 0; }));
}

TEST_F(ListenerTest, ConnectionsOverTheLimitAreClosedAtOnce) {
  ListenerOptions options;
  options.max_connections = 2;
  start(options);
  RawClient first(loop_), second(loop_), third(loop_);
  first.connect(port());
  second.connect(port());
  ASSERT_TRUE(run_until([&] { return listener_->connection_count() == 2; }));
  third.connect(port());
  ASSERT_TRUE(run_until([&] { return third.closed(); }));
  EXPECT_FALSE(first.closed());
  EXPECT_EQ(listener_->connection_count(), 2u);
}

TEST_F(ListenerTest, StartNamesAddressPortAndReasonWhenThePortIsTaken) {
  start();
  ListenerOptions options;
  options.port = port();
  Listener second(loop_, options, handler_, gate_, files_);
  try {
    second.start();
    FAIL() << "start() should have thrown";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("127.0.0.1:" + std::to_string(port())), std::string::npos) << message;
    EXPECT_NE(message.find("in use"), std::string::npos) << message;
  }

  options.address = "not-an-ip";
  Listener third(loop_, options, handler_, gate_, files_);
  EXPECT_THROW(third.start(), std::runtime_error);
}

}  // namespace
}  // namespace csms::net::testing
