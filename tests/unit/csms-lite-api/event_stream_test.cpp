// Server-Sent Events: framing, heartbeats on a manual clock, Last-Event-ID, slow clients.
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

TEST(SseFrame, SplitsEveryLineEnding) {
  EXPECT_EQ(sse_frame(7, "charger", R"({"id":"CP1"})"),
            "id: 7\nevent: charger\ndata: {\"id\":\"CP1\"}\n\n");
  EXPECT_EQ(sse_frame(1, "x", "a\nb\r\nc\rd"),
            "id: 1\nevent: x\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(sse_frame(2, "x", ""), "id: 2\nevent: x\ndata: \n\n");
}

class EventHubTest : public ::testing::Test {
 protected:
  void publish(std::string type, nlohmann::json data) {
    ASSERT_TRUE(port_.subscriber);
    port_.subscriber(LiveEvent{std::move(type), std::move(data), false});
  }
  common::ManualTimers timers_;
  FakeCentralSystem port_;
  EventHub hub_{port_, timers_, EventStreamOptions{15'000ms, 3, 1024, 2, 5'000ms}};
};

TEST_F(EventHubTest, DeliversEventsAndHeartbeats) {
  auto client = std::make_shared<FakeStream>();
  hub_.attach(client, std::nullopt);
  EXPECT_EQ(client->received, "retry: 5000\n\n");
  publish("connector", {{"id", "CP1"}, {"status", "Charging"}});
  EXPECT_EQ(
      client->received,
      "retry: 5000\n\nid: 1\nevent: connector\ndata: {\"id\":\"CP1\",\"status\":\"Charging\"}\n\n");
  client->received.clear();
  timers_.advance(14'999ms);
  EXPECT_EQ(client->received, "");
  timers_.advance(1ms);
  EXPECT_EQ(client->received, ": heartbeat\n\n");
  timers_.advance(15s);
  EXPECT_EQ(client->received, ": heartbeat\n\n: heartbeat\n\n");
}

TEST_F(EventHubTest, DropsClientsThatLeftOrFellBehind) {
  auto slow = std::make_shared<FakeStream>(100);  // stops reading after 100 bytes
  auto fast = std::make_shared<FakeStream>();
  auto gone = std::make_shared<FakeStream>();
  hub_.attach(slow, std::nullopt);
  hub_.attach(fast, std::nullopt);
  EXPECT_FALSE(hub_.has_room());  // max_clients = 2
  EXPECT_EQ(hub_.client_count(), 2u);
  for (int i = 0; i < 5; ++i) publish("meter", {{"powerW", 7000 + i}});
  EXPECT_EQ(hub_.client_count(), 1u);
  EXPECT_FALSE(slow->is_open());
  EXPECT_LE(slow->received.size(), 100u);  // bounded, not buffered
  hub_.attach(gone, std::nullopt);
  gone->disconnect();
  timers_.advance(15s);  // the heartbeat finds it
  EXPECT_EQ(hub_.client_count(), 1u);
  fast->disconnect();
  timers_.advance(15s);
  EXPECT_EQ(hub_.client_count(), 0u);
  EXPECT_EQ(timers_.armed_count(), 0u);  // no clients, no timer
}

TEST_F(EventHubTest, ReplaysFromLastEventIdOrAsksForAResync) {
  for (int i = 1; i <= 5; ++i) publish("meter", {{"n", i}});  // history keeps 3, 4, 5
  auto caught_up = std::make_shared<FakeStream>();
  hub_.attach(caught_up, 3);
  EXPECT_EQ(caught_up->received,
            "retry: 5000\n\nid: 4\nevent: meter\ndata: {\"n\":4}\n\nid: 5\nevent: meter\ndata: "
            "{\"n\":5}\n\n");
  auto too_old = std::make_shared<FakeStream>();
  hub_.attach(too_old, 1);
  EXPECT_NE(too_old->received.find("event: resync"), std::string::npos);
  EXPECT_EQ(too_old->received.find("event: meter"), std::string::npos);
  auto current = std::make_shared<FakeStream>();
  hub_.attach(current, 5);
  EXPECT_EQ(current->received, "retry: 5000\n\n");
}

TEST_F(EventHubTest, PassingReadingsGoToOpenPagesButAreNotReplayed) {
  auto open = std::make_shared<FakeStream>();
  hub_.attach(open, std::nullopt);
  publish("connector", {{"n", 1}});
  port_.subscriber(LiveEvent{"charger", {{"n", 2}}, true});
  publish("connector", {{"n", 3}});
  EXPECT_NE(open->received.find("id: 2\nevent: charger"), std::string::npos);
  auto resumed = std::make_shared<FakeStream>();
  hub_.attach(resumed, 1);
  EXPECT_EQ(resumed->received, "retry: 5000\n\nid: 3\nevent: connector\ndata: {\"n\":3}\n\n");
}

TEST_F(ApiTest, EventsEndpointStreamsToALoggedInUser) {
  const auto login = set_up_and_log_in();
  net::HttpRequest request;
  request.method = "GET";
  request.target = "/api/events";
  request.headers = {{"Cookie", login.cookie}, {"Last-Event-ID", "0"}};
  std::shared_ptr<RecordingResponder> responder;
  const auto head = send_async(request, responder);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->content_type, "text/event-stream; charset=utf-8");
  EXPECT_EQ(events_.client_count(), 1u);
  port_.subscriber(LiveEvent{"charger", {{"id", "CP1"}}, false});
  EXPECT_EQ(events_.last_id(), 1u);
}

}  // namespace
}  // namespace csms::api::testing
