// csms_net over loopback: a handler that answers later, and a streamed (SSE) response with a byte
// budget. Real sockets on the one event loop; the loop runs until the expected bytes arrived.
#include <gtest/gtest.h>

#include "csms/net/listener.hpp"
#include "http_session_queue.hpp"
#include "net_test_support.hpp"

namespace csms::net::testing {
namespace {

class LaterHandler final : public HttpHandler {
 public:
  HttpResponse handle(const HttpRequest&) override { return {}; }
  void handle_async(const HttpRequest& request, std::shared_ptr<HttpResponder> responder) override {
    targets.push_back(request.target);
    if (request.target == "/stream") {
      HttpResponse head;
      head.content_type = "text/event-stream";
      stream = responder->stream(std::move(head), 64);
      return;
    }
    if (request.target == "/drop") return;  // forgets it: the responder sends 500
    pending = std::move(responder);
  }
  std::vector<std::string> targets;
  std::shared_ptr<HttpResponder> pending;
  std::shared_ptr<HttpStream> stream;
};

class DeferredTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ListenerOptions options;
    options.port = 0;
    listener_ = std::make_unique<Listener>(loop_, options, ocpp_, gate_, handler_);
    listener_->start();
  }
  bool run_until(const std::function<bool()>& done) { return testing::run_until(loop_, done); }

  common::EventLoop loop_;
  RecordingHandler ocpp_;
  FakeGate gate_;
  LaterHandler handler_;
  std::unique_ptr<Listener> listener_;
};

TEST_F(DeferredTest, AnswersWhenTheHandlerIsReady) {
  RawClient client(loop_);
  client.connect(listener_->port());
  client.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return handler_.pending != nullptr; }));
  loop_.run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(client.received(), "");  // nothing until the handler answers
  HttpResponse reply;
  reply.body = "done";
  handler_.pending->respond(reply);
  handler_.pending->respond(reply);  // a second answer is ignored
  ASSERT_TRUE(run_until([&] { return parse_responses(client.received()).size() == 1; }));
  EXPECT_EQ(parse_responses(client.received())[0].body, "done");
  // Keep-alive still works after a deferred answer.
  handler_.pending.reset();
  client.send("GET /drop HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  const auto responses = parse_responses(client.received());
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[1].status, 500);
}

TEST_F(DeferredTest, ALateAnswerForAClientThatLeftIsHarmless) {
  {
    RawClient client(loop_);
    client.connect(listener_->port());
    client.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(run_until([&] { return handler_.pending != nullptr; }));
  }
  loop_.run_for(std::chrono::milliseconds(20));
  handler_.pending->respond(HttpResponse{});
  listener_->stop();
  HttpResponse reply;
  handler_.pending->respond(reply);
  handler_.pending.reset();
  loop_.run_for(std::chrono::milliseconds(20));
}

TEST_F(DeferredTest, StreamsUntilTheBudgetIsExceeded) {
  RawClient client(loop_);
  client.connect(listener_->port());
  client.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return handler_.stream != nullptr; }));
  auto stream = handler_.stream;
  EXPECT_TRUE(stream->write("data: one\n\n"));
  ASSERT_TRUE(run_until([&] { return client.received().find("data: one") != std::string::npos; }));
  const auto& raw = client.received();
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_NE(raw.find("Content-Type: text/event-stream\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(raw.find("Content-Length"), std::string::npos);
  // More than the 64-byte budget in one go: dropped, not buffered.
  EXPECT_FALSE(stream->write(std::string(100, 'x')));
  EXPECT_FALSE(stream->is_open());
  ASSERT_TRUE(run_until([&] { return client.closed(); }));
  EXPECT_EQ(client.received().find("xxx"), std::string::npos);
}

TEST_F(DeferredTest, AStreamNoticesTheClientLeaving) {
  auto client = std::make_unique<RawClient>(loop_);
  client->connect(listener_->port());
  client->send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(run_until([&] { return handler_.stream != nullptr; }));
  EXPECT_TRUE(handler_.stream->is_open());
  client.reset();
  ASSERT_TRUE(run_until([&] { return !handler_.stream->is_open(); }));
  EXPECT_FALSE(handler_.stream->write("data: late\n\n"));
}

TEST(BoundedByteQueue, CountsTheChunkInFlightUntilPopped) {
  detail::BoundedByteQueue queue(10);
  EXPECT_TRUE(queue.push("12345"));
  EXPECT_TRUE(queue.push("6789"));
  EXPECT_FALSE(queue.push("ab"));
  EXPECT_EQ(queue.queued_bytes(), 9u);
  queue.pop();
  EXPECT_TRUE(queue.push("ab"));
  EXPECT_EQ(queue.front(), "6789");
}

}  // namespace
}  // namespace csms::net::testing
