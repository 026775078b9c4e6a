// Session = Endpoint + Router + a SessionIo, still without sockets: a recording io stands in for
// the network edge and the tests fire its timers by hand.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/messages/heartbeat.hpp"
#include "ocpp/session.hpp"
#include "rpc_test_support.hpp"

namespace {

using nlohmann::json;
using ocpp::CallOutcome;
using ocpp::Outcome;
using ocpp::Router;
using ocpp::Session;
using ocpp::rpc::ErrorCode;
using ocpp::rpc::FailureKind;
using ocpp::test::FakeSessionIo;
using namespace ocpp::messages;

const char* k_boot_conf =
    R"({"status":"Accepted","currentTime":"2026-11-22T05:00:00Z","interval":300})";

class SessionTest : public testing::Test {
 protected:
  SessionTest() {
    router_.on<HeartbeatRequest>([](const HeartbeatRequest&) {
      return HeartbeatResponse{*ocpp::DateTime::parse("2026-11-22T05:00:00Z")};
    });
  }

  BootNotificationRequest boot() const {
    BootNotificationRequest request;
    request.chargePointVendor = "EO";
    request.chargePointModel = "EO Mini Pro 3";
    request.firmwareVersion = "1.2.3";
    return request;
  }

  // Sends a BootNotification and returns where its outcome will land.
  std::optional<CallOutcome<BootNotificationResponse>>& call_boot() {
    session_.call<BootNotificationRequest>(boot(),
                                           [this](CallOutcome<BootNotificationResponse> outcome) {
                                             boot_outcome_.emplace(std::move(outcome));
                                           });
    return boot_outcome_;
  }
  std::string last_id() const { return io_.last_sent().at(1).get<std::string>(); }

  Router router_;
  FakeSessionIo io_;
  Session session_{router_, io_,
                   ocpp::SessionOptions{{std::chrono::milliseconds(10000), 10, 0}, "CP-1", {}}};
  std::optional<CallOutcome<BootNotificationResponse>> boot_outcome_;
};

TEST_F(SessionTest, AnswersAHandledCall) {
  session_.receive(R"([2,"a1","Heartbeat",{}])");
  ASSERT_EQ(io_.sent.size(), 1U);
  EXPECT_EQ(io_.last_sent(), json::parse(R"([3,"a1",{"currentTime":"2026-11-22T05:00:00Z"}])"));
}

TEST_F(SessionTest, AnswersTheRouterErrors) {
  session_.receive(R"([2,"a1","FooBar",{}])");
  EXPECT_EQ(io_.last_sent().at(2), "NotImplemented");
  session_.receive(R"([2,"a2","Reset",{"type":"Hard"}])");
  EXPECT_EQ(io_.last_sent().at(2), "NotSupported");
  session_.receive(R"([2,"a3","Heartbeat",{"x":1}])");
  EXPECT_EQ(io_.last_sent(),
            json::parse(R"([4,"a3","FormationViolation","x: unknown field",{"field":"x"}])"));
  ASSERT_EQ(io_.sent.size(), 3U);
  for (const auto& text : io_.sent) EXPECT_TRUE(ocpp::test::is_well_formed_call_error(text));
}

TEST_F(SessionTest, TypedCallResolvesWithTheDecodedResponse) {
  auto& outcome = call_boot();
  ASSERT_EQ(io_.sent.size(), 1U);
  const auto frame = io_.last_sent();
  EXPECT_EQ(frame.at(0), 2);
  EXPECT_EQ(frame.at(2), "BootNotification");
  EXPECT_EQ(frame.at(3),
            json::parse(R"({"chargePointVendor":"EO","chargePointModel":"EO Mini Pro 3",
                                        "firmwareVersion":"1.2.3"})"));
  EXPECT_EQ(io_.timers.size(), 1U);
  EXPECT_FALSE(outcome);

  session_.receive(R"([3,")" + last_id() + R"(",)" + k_boot_conf + "]");
  ASSERT_TRUE(outcome);
  ASSERT_TRUE(outcome->ok());
  EXPECT_EQ(outcome->value().status, RegistrationStatus::Accepted);
  EXPECT_EQ(outcome->value().interval, 300);
  EXPECT_EQ(outcome->value().currentTime.to_string(), "2026-11-22T05:00:00Z");
  EXPECT_TRUE(io_.timers.empty()) << "the call timer is cancelled";
  EXPECT_EQ(io_.sent.size(), 1U) << "a result is never answered";
}

TEST_F(SessionTest, ResponseBreakingTheSchemaIsInvalidResponse) {
  struct Case {
    const char* payload;
    ErrorCode code;
  };
  for (const auto& c :
       {Case{R"({"status":"Accepted","currentTime":"2026-11-22T05:00:00Z","interval":300.5})",
             ErrorCode::TypeConstraintViolation},
        Case{R"({"currentTime":"2026-11-22T05:00:00Z","interval":300})",
             ErrorCode::OccurenceConstraintViolation},
        Case{R"({"status":"Accepted","currentTime":"now","interval":300})",
             ErrorCode::PropertyConstraintViolation}}) {
    boot_outcome_.reset();
    auto& outcome = call_boot();
    session_.receive(R"([3,")" + last_id() + R"(",)" + c.payload + "]");
    ASSERT_TRUE(outcome) << c.payload;
    ASSERT_FALSE(outcome->ok()) << c.payload;
    EXPECT_EQ(outcome->error().kind, FailureKind::InvalidResponse);
    EXPECT_EQ(outcome->error().error.code, c.code) << outcome->error().error.description;
  }
}

TEST_F(SessionTest, MalformedResultFrameForOurCallIsInvalidResponse) {
  auto& outcome = call_boot();
  session_.receive(R"([3,")" + last_id() + R"(","Accepted"])");
  ASSERT_TRUE(outcome);
  ASSERT_FALSE(outcome->ok());
  EXPECT_EQ(outcome->error().kind, FailureKind::InvalidResponse);
  EXPECT_EQ(io_.sent.size(), 1U);
}

TEST_F(SessionTest, InvalidOutgoingRequestIsNotSent) {
  auto request = boot();
  request.chargePointVendor = std::string(51, 'v');
  std::optional<CallOutcome<BootNotificationResponse>> outcome;
  session_.call<BootNotificationRequest>(request,
                                         [&](auto result) { outcome.emplace(std::move(result)); });
  ASSERT_TRUE(outcome) << "resolved at once";
  ASSERT_FALSE(outcome->ok());
  EXPECT_EQ(outcome->error().kind, FailureKind::NotSent);
  EXPECT_EQ(outcome->error().error.code, ErrorCode::PropertyConstraintViolation);
  EXPECT_TRUE(io_.sent.empty());
  EXPECT_TRUE(io_.timers.empty());

  std::optional<CallOutcome<json>> raw;
  session_.call_raw("FooBar", json::object(), [&](auto result) { raw.emplace(std::move(result)); });
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->error().kind, FailureKind::NotSent);
  EXPECT_EQ(raw->error().error.code, ErrorCode::NotImplemented);
  EXPECT_TRUE(io_.sent.empty());
}

TEST_F(SessionTest, CallErrorTimeoutAndCloseReachTheCallback) {
  auto& outcome = call_boot();
  session_.receive(R"([4,")" + last_id() + R"(","SecurityError","go away",{}])");
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->error().kind, FailureKind::ErrorReceived);
  EXPECT_EQ(outcome->error().error.code, ErrorCode::SecurityError);

  boot_outcome_.reset();
  call_boot();
  ASSERT_EQ(io_.timers.size(), 1U);
  const auto token = io_.timers.begin()->first;
  EXPECT_EQ(io_.timers.begin()->second, std::chrono::milliseconds(10000));
  session_.timer_fired(token);
  ASSERT_TRUE(boot_outcome_);
  EXPECT_EQ(boot_outcome_->error().kind, FailureKind::Timeout);

  boot_outcome_.reset();
  call_boot();
  session_.close();
  ASSERT_TRUE(boot_outcome_);
  EXPECT_EQ(boot_outcome_->error().kind, FailureKind::ConnectionClosed);
  EXPECT_TRUE(io_.timers.empty());

  boot_outcome_.reset();
  const auto sent_before = io_.sent.size();
  call_boot();
  ASSERT_TRUE(boot_outcome_) << "a call after close fails at once";
  EXPECT_EQ(boot_outcome_->error().kind, FailureKind::ConnectionClosed);
  EXPECT_EQ(io_.sent.size(), sent_before);
}

TEST_F(SessionTest, CallsGoOutOneAtATimeEvenWhenCallbacksCallAgain) {
  std::vector<std::string> order;
  const auto call = [&](const std::string& name, std::function<void()> then) {
    session_.call<HeartbeatRequest>(HeartbeatRequest{},
                                    [&order, name, then](CallOutcome<HeartbeatResponse> r) {
                                      EXPECT_TRUE(r.ok());
                                      order.push_back(name);
                                      if (then) then();
                                    });
  };
  call("A", [&] { call("C", nullptr); });
  call("B", nullptr);
  const auto answer = [&] {
    session_.receive(R"([3,")" + last_id() + R"(",{"currentTime":"2026-11-22T05:00:00Z"}])");
  };
  EXPECT_EQ(io_.sent.size(), 1U);
  answer();  // A resolves, queues C; B goes out
  EXPECT_EQ(io_.sent.size(), 2U);
  answer();  // B resolves, C goes out
  EXPECT_EQ(io_.sent.size(), 3U);
  answer();
  EXPECT_EQ(order, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_FALSE(session_.endpoint().call_outstanding());
}

TEST_F(SessionTest, ThrowingCallbackIsCalledOnceAndDoesNotStallTheQueue) {
  int calls = 0;
  session_.call<HeartbeatRequest>(HeartbeatRequest{}, [&](CallOutcome<HeartbeatResponse>) {
    ++calls;
    throw json::parse("[]").at(3);  // a json exception, like the decoder's
  });
  std::optional<CallOutcome<HeartbeatResponse>> second;
  session_.call<HeartbeatRequest>(HeartbeatRequest{},
                                  [&](auto r) { second.emplace(std::move(r)); });
  session_.receive(R"([3,")" + last_id() + R"(",{"currentTime":"2026-11-22T05:00:00Z"}])");
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(io_.sent.size(), 2U) << "the queued call still went out";
  session_.receive(R"([3,")" + last_id() + R"(",{"currentTime":"2026-11-22T05:00:00Z"}])");
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->ok());
}

TEST_F(SessionTest, CloseFromACallbackStopsTheRestOfTheBatch) {
  session_.call<BootNotificationRequest>(boot(), [this](auto) { session_.close(); });
  const auto boot_id = last_id();
  std::optional<CallOutcome<json>> queued;
  session_.call_raw("Heartbeat", json::object(), [&](auto r) { queued.emplace(std::move(r)); });
  ASSERT_EQ(io_.sent.size(), 1U);
  // The answer's batch is [cancel timer, resolve (closes), send Heartbeat, start its timer].
  session_.receive(R"([3,")" + boot_id + R"(",)" + k_boot_conf + "]");
  EXPECT_TRUE(session_.endpoint().closed());
  ASSERT_TRUE(queued);
  EXPECT_EQ(queued->error().kind, FailureKind::ConnectionClosed);
  EXPECT_EQ(io_.sent.size(), 1U) << "nothing written after the close";
  EXPECT_TRUE(io_.timers.empty()) << "no timer armed after the close";
}

TEST_F(SessionTest, HandlerMayCallOutWhileAnsweringACall) {
  Router router;
  FakeSessionIo io;
  Session* self = nullptr;
  router.on<HeartbeatRequest>([&](const HeartbeatRequest&) {
    self->call_raw("StatusNotification",
                   json::parse(R"({"connectorId":1,"errorCode":"NoError","status":"Available"})"),
                   [](auto) {});
    return HeartbeatResponse{*ocpp::DateTime::parse("2026-11-22T05:00:00Z")};
  });
  Session session(router, io, {});
  self = &session;
  session.receive(R"([2,"in","Heartbeat",{}])");
  ASSERT_EQ(io.sent.size(), 2U);
  EXPECT_EQ(json::parse(io.sent[0]).at(2), "StatusNotification");
  EXPECT_EQ(json::parse(io.sent[1]).at(1), "in");
  EXPECT_EQ(json::parse(io.sent[1]).at(0), 3);
}

TEST_F(SessionTest, HandlerErrorsAnswerWithTheirCallError) {
  Router router;
  FakeSessionIo io;
  router.on_raw("Reset", [](const json&) -> Outcome<json> { throw std::runtime_error("boom"); });
  router.on_raw("Heartbeat", [](const json&) -> Outcome<json> { return json::object(); });
  Session session(router, io, {});
  session.receive(R"([2,"r","Reset",{"type":"Hard"}])");
  EXPECT_EQ(json::parse(io.sent.back()).at(2), "InternalError");
  session.receive(R"([2,"h","Heartbeat",{}])");
  EXPECT_EQ(json::parse(io.sent.back()).at(2), "InternalError");
  for (const auto& text : io.sent) EXPECT_TRUE(ocpp::test::is_well_formed_call_error(text));
}

}  // namespace

TEST(SessionIgnore, IgnoredCallsGetNoAnswerAndDoNotBlockTheNext) {
  Router router;
  router.on<HeartbeatRequest>([](const HeartbeatRequest&) {
    return HeartbeatResponse{*ocpp::DateTime::parse("2026-11-22T05:00:00Z")};
  });
  FakeSessionIo io;
  bool rejected = true;
  ocpp::SessionOptions options{{std::chrono::milliseconds(10000), 10, 0}, "CP-1", {}};
  options.ignore_incoming = [&rejected](std::string_view) { return rejected; };
  Session session{router, io, options};
  session.receive(R"([2,"a1","Heartbeat",{}])");
  session.receive(R"([2,"a2","Heartbeat",{}])");
  EXPECT_TRUE(io.sent.empty());
  rejected = false;
  session.receive(R"([2,"a3","Heartbeat",{}])");
  ASSERT_EQ(io.sent.size(), 1U);
  EXPECT_EQ(io.last_sent().at(1), "a3");
  EXPECT_EQ(io.last_sent().at(0), 3);
}
