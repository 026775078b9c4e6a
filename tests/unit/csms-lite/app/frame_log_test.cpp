// The OCPP message log: what FrameLog keeps of each frame, and that Connections logs every frame
// both ways so that the port answers GET /api/chargers/{id}/log newest first.
#include <gtest/gtest.h>

#include <deque>
#include <functional>

#include "../store/csms_store_support.hpp"
#include "app/central_system_port.hpp"
#include "app/connections.hpp"
#include "registry/frame_log.hpp"

namespace {

using namespace csms;
using namespace std::chrono_literals;

const auto k_at = csms_test::k_start;

TEST(FrameLog, NamesTheMessageTypeAndGivesAnswersTheActionOfTheirCall) {
  FrameLog log;
  log.record(FrameDirection::In, k_at, R"([2,"19","Heartbeat",{}])");
  log.record(FrameDirection::Out, k_at + 1s, R"([3,"19",{"currentTime":"2026-11-22T06:00:01Z"}])");
  log.record(FrameDirection::Out, k_at + 2s, R"([2,"7","Reset",{"type":"Soft"}])");
  log.record(FrameDirection::In, k_at + 3s, R"([4,"7","NotSupported","no",{}])");
  // An answer to a CALL never seen (sent before csms-lite started): no action, still logged.
  log.record(FrameDirection::In, k_at + 4s, R"([3,"unknown",{}])");

  const auto& frames = log.frames();
  ASSERT_EQ(frames.size(), 5u);
  EXPECT_EQ(frames[0].type, "CALL");
  EXPECT_EQ(frames[0].direction, FrameDirection::In);
  EXPECT_EQ(frames[0].message_id, "19");
  EXPECT_EQ(frames[0].action, "Heartbeat");
  EXPECT_EQ(frames[0].at, k_at);
  EXPECT_EQ(frames[1].type, "CALLRESULT");
  EXPECT_EQ(frames[1].action, "Heartbeat");
  EXPECT_EQ(frames[1].text, R"([3,"19",{"currentTime":"2026-11-22T06:00:01Z"}])");
  EXPECT_EQ(frames[2].action, "Reset");
  EXPECT_EQ(frames[3].type, "CALLERROR");
  EXPECT_EQ(frames[3].action, "Reset");
  EXPECT_EQ(frames[4].type, "CALLRESULT");
  EXPECT_EQ(frames[4].action, std::nullopt);
  for (const auto& f : frames) EXPECT_FALSE(f.truncated);
}

TEST(FrameLog, AnAnswerMatchesOnlyACallFromTheOtherSide) {
  FrameLog log;
  // Both sides may use the same message id (OCPP-J §4.1.1: unique per sender only).
  log.record(FrameDirection::Out, k_at, R"([2,"1","GetConfiguration",{}])");
  log.record(FrameDirection::Out, k_at, R"([3,"1",{}])");  // answers nothing of ours
  log.record(FrameDirection::In, k_at, R"([3,"1",{"configurationKey":[]}])");
  EXPECT_EQ(log.frames()[1].action, std::nullopt);
  EXPECT_EQ(log.frames()[2].action, "GetConfiguration");
  // Answered once: a second answer with the same id is not named again.
  log.record(FrameDirection::In, k_at, R"([3,"1",{}])");
  EXPECT_EQ(log.frames()[3].action, std::nullopt);
}

TEST(FrameLog, KeepsMalformedTextAsInvalid) {
  FrameLog log;
  for (const auto* text : {"not json", "{}", "[]", R"([9,"1","X",{}])", R"([2,5,"Heartbeat",{}])",
                           R"([2,"5",7,{}])", ""}) {
    log.record(FrameDirection::In, k_at, text);
  }
  const auto& frames = log.frames();
  ASSERT_EQ(frames.size(), 7u);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (i == 5) continue;  // a CALL whose action is no string: a CALL without action
    EXPECT_EQ(frames[i].type, "invalid") << i;
    EXPECT_EQ(frames[i].action, std::nullopt) << i;
  }
  EXPECT_EQ(frames[0].text, "not json");
  EXPECT_EQ(frames[5].type, "CALL");
  EXPECT_EQ(frames[5].action, std::nullopt);
}

TEST(FrameLog, DropsTheOldestBeyondItsCapacity) {
  FrameLog log(3);
  for (int i = 0; i < 5; ++i) {
    log.record(FrameDirection::In, k_at + std::chrono::seconds(i),
               R"([2,")" + std::to_string(i) + R"(","Heartbeat",{}])");
  }
  ASSERT_EQ(log.frames().size(), 3u);
  EXPECT_EQ(log.frames().front().message_id, "2");
  EXPECT_EQ(log.frames().back().message_id, "4");
  EXPECT_EQ(log.capacity(), 3u);
}

TEST(FrameLog, KeepsWithinItsByteBudgetButAlwaysTheNewestFrame) {
  FrameLog log;
  const std::string frame =
      R"([2,"1","DataTransfer",{"vendorId":")" + std::string(90, 'x') + R"("}])";
  ASSERT_EQ(frame.size(), 128u);
  for (int i = 0; i < 20; ++i) log.record(FrameDirection::In, k_at, frame, 1024);
  EXPECT_EQ(log.frames().size(), 8u);  // 8 × 128 bytes
  log.record(FrameDirection::In, k_at, frame, 100);
  EXPECT_EQ(log.frames().size(), 1u);  // over budget on its own, and still kept
}

TEST(FrameLog, ShareOfTheMemoryShrinksWithTheNumberOfChargePoints) {
  EXPECT_EQ(frame_log_budget_bytes(0), FrameLog::k_max_budget_bytes);
  EXPECT_EQ(frame_log_budget_bytes(1), FrameLog::k_max_budget_bytes);
  EXPECT_EQ(frame_log_budget_bytes(100), k_all_frame_logs_bytes / 100);
  EXPECT_EQ(frame_log_budget_bytes(1000), k_all_frame_logs_bytes / 1000);
  EXPECT_EQ(frame_log_budget_bytes(10000), 2u * 1024);  // a floor of a few frames
}

TEST(FrameLog, CutsHugeFramesOnACharacterBoundary) {
  FrameLog log(10, 17);
  // 12 bytes, then "é" four times, two bytes each (C3 A9): byte 17 is the second half of the
  // third "é", so the cut is before it, at 16.
  const std::string text =
      R"([2,"1","X",")" + std::string("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9") + R"("])";
  log.record(FrameDirection::In, k_at, text);
  const auto& frame = log.frames().back();
  EXPECT_TRUE(frame.truncated);
  EXPECT_EQ(frame.size_bytes, text.size());
  EXPECT_EQ(frame.text, text.substr(0, 16));
  EXPECT_EQ(frame.action, "X");  // parsed from the whole frame before the cut
}

TEST(FrameLog, HidesTheAuthorizationKeyTheCentralSystemSets) {
  FrameLog log;
  log.record(FrameDirection::Out, k_at,
             R"([2,"3","ChangeConfiguration",{"key":"AuthorizationKey","value":"s3cret-hex"}])");
  log.record(FrameDirection::Out, k_at,
             R"([2,"4","ChangeConfiguration",{"key":"HeartbeatInterval","value":"60"}])");
  EXPECT_EQ(log.frames()[0].text.find("s3cret"), std::string::npos) << log.frames()[0].text;
  EXPECT_NE(log.frames()[0].text.find("(hidden)"), std::string::npos);
  EXPECT_NE(log.frames()[1].text.find("\"60\""), std::string::npos);
}

TEST(FrameLog, ForgetsUnansweredCallsBeyondItsCapacity) {
  FrameLog log(2);
  log.record(FrameDirection::Out, k_at, R"([2,"a","Reset",{"type":"Soft"}])");
  log.record(FrameDirection::Out, k_at, R"([2,"b","Reset",{"type":"Soft"}])");
  log.record(FrameDirection::Out, k_at, R"([2,"c","Reset",{"type":"Soft"}])");
  log.record(FrameDirection::In, k_at, R"([3,"a",{"status":"Accepted"}])");
  log.record(FrameDirection::In, k_at, R"([3,"c",{"status":"Accepted"}])");
  EXPECT_EQ(log.frames()[0].action, std::nullopt);  // "a" was forgotten
  EXPECT_EQ(log.frames()[1].action, "Reset");
}

// One charge point's WebSocket as Connections sees it: what it sent is kept.
class FakeConnection final : public net::OcppConnection {
 public:
  const std::string& charge_point_id() const override { return id_; }
  const std::string& remote_address() const override { return address_; }
  void send_text(std::string text) override { sent.push_back(std::move(text)); }
  void close(std::string_view) override {}
  std::vector<std::string> sent;

 private:
  std::string id_ = "CP1";
  std::string address_ = "127.0.0.1:40000";
};

TEST(ConnectionsFrameLog, EveryFrameBothWaysReachesTheLogNewestFirst) {
  csms_test::World world;
  ChargePointRegistry registry(UnknownChargePoints::Accept);
  CentralSystem central(registry, *world.store, world.timers, world.clock, CentralSystemOptions{});
  CentralSystemPortAdapter port(central, *world.store);
  std::deque<std::function<void()>> posted;
  Connections connections(
      world.timers, [&posted](std::function<void()> fn) { posted.push_back(std::move(fn)); },
      central, 30s);
  ASSERT_EQ(central.admit("CP1", std::nullopt), Admission::Accepted);

  auto connection = std::make_shared<FakeConnection>();
  connections.on_open(connection);
  connections.on_text(
      *connection,
      R"([2,"boot-1","BootNotification",{"chargePointVendor":"EO","chargePointModel":"EO Mini Pro 2"}])");
  while (!posted.empty()) {  // the configuration is read once the boot was answered
    auto fn = std::move(posted.front());
    posted.pop_front();
    fn();
  }
  ASSERT_EQ(connection->sent.size(), 2u);  // BootNotification.conf, GetConfiguration
  const auto get_configuration = nlohmann::json::parse(connection->sent[1]);
  connections.on_text(*connection, R"([3,")" + get_configuration[1].get<std::string>() +
                                       R"(",{"configurationKey":[]}])");

  const auto result = port.frame_log("CP1");
  ASSERT_TRUE(std::holds_alternative<api::FrameLogView>(result));
  const auto& log = std::get<api::FrameLogView>(result);
  EXPECT_EQ(log.capacity, FrameLog::k_default_capacity);
  ASSERT_EQ(log.frames.size(), 4u);
  EXPECT_EQ(log.frames[3].direction, "in");
  EXPECT_EQ(log.frames[3].type, "CALL");
  EXPECT_EQ(log.frames[3].action, "BootNotification");
  EXPECT_EQ(log.frames[3].at, k_at);
  EXPECT_EQ(log.frames[2].direction, "out");
  EXPECT_EQ(log.frames[2].type, "CALLRESULT");
  EXPECT_EQ(log.frames[2].action, "BootNotification");
  EXPECT_EQ(log.frames[2].frame, connection->sent[0]);
  EXPECT_EQ(log.frames[1].action, "GetConfiguration");
  EXPECT_EQ(log.frames[1].direction, "out");
  EXPECT_EQ(log.frames[0].type, "CALLRESULT");
  EXPECT_EQ(log.frames[0].action, "GetConfiguration");
  EXPECT_EQ(log.frames[0].direction, "in");

  // The log outlives the connection (it is about the charge point, not one socket).
  connections.on_close(*connection, "gone");
  while (!posted.empty()) {
    auto fn = std::move(posted.front());
    posted.pop_front();
    fn();
  }
  EXPECT_EQ(std::get<api::FrameLogView>(port.frame_log("CP1")).frames.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<api::PortError>(port.frame_log("NOPE")));
}

}  // namespace
