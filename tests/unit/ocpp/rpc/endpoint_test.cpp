// The sans-I/O endpoint: text in, actions out. No sockets, no clock: timers are fired by hand.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <set>
#include <string>

#include "ocpp/rpc/endpoint.hpp"
#include "rpc_test_support.hpp"

namespace {

using nlohmann::json;
using namespace ocpp::rpc;
using ocpp::test::actions_of;
using ocpp::test::sent_texts;

json only_sent(const Actions& actions) {
  const auto texts = sent_texts(actions);
  EXPECT_EQ(texts.size(), 1U);
  return texts.empty() ? json() : json::parse(texts.front());
}

class EndpointTest : public testing::Test {
 protected:
  RequestId call(const std::string& action, json payload = json::object()) {
    Actions out;
    const auto request = endpoint_.call(action, std::move(payload), out);
    last_ = std::move(out);
    return request;
  }
  // The id our last sent CALL carried.
  std::string last_call_id() const { return only_sent(last_).at(1).get<std::string>(); }

  Endpoint endpoint_{EndpointOptions{std::chrono::milliseconds(5000), 3, 0}};
  Actions last_;
};

TEST_F(EndpointTest, CallSendsTheFrameAndStartsItsTimer) {
  const auto request = call("Heartbeat");
  ASSERT_EQ(last_.size(), 2U);
  const auto& send = std::get<act::Send>(last_[0]);
  EXPECT_EQ(json::parse(send.text), json::parse(R"([2,"1","Heartbeat",{}])"));
  const auto& timer = std::get<act::StartTimer>(last_[1]);
  EXPECT_EQ(timer.token, request);
  EXPECT_EQ(timer.after, std::chrono::milliseconds(5000));
  EXPECT_TRUE(endpoint_.call_outstanding());
  EXPECT_EQ(endpoint_.stats().frames_out, 1U);
}

TEST_F(EndpointTest, SecondCallWaitsForTheFirstAndGoesOutWhenItResolves) {
  const auto first = call("Heartbeat");
  const auto first_id = last_call_id();
  const auto second = call("StatusNotification", {{"connectorId", 1}});
  EXPECT_TRUE(last_.empty()) << "one outstanding CALL at a time (OCPP-J 1.6 §4.1.1)";
  EXPECT_EQ(endpoint_.queued_calls(), 1U);
  EXPECT_NE(first, second);

  const auto out =
      endpoint_.receive(R"([3,")" + first_id + R"(",{"currentTime":"2026-11-22T05:00:00Z"}])");
  ASSERT_EQ(out.size(), 4U);
  EXPECT_EQ(std::get<act::CancelTimer>(out[0]).token, first);
  const auto& resolved = std::get<act::Resolve>(out[1]);
  EXPECT_EQ(resolved.request, first);
  EXPECT_EQ(resolved.action, "Heartbeat");
  EXPECT_EQ(std::get<json>(resolved.outcome), json({{"currentTime", "2026-11-22T05:00:00Z"}}));
  const auto next = json::parse(std::get<act::Send>(out[2]).text);
  EXPECT_EQ(next.at(2), "StatusNotification");
  EXPECT_EQ(next.at(3), json({{"connectorId", 1}}));
  EXPECT_NE(next.at(1), first_id);
  EXPECT_EQ(std::get<act::StartTimer>(out[3]).token, second);
  EXPECT_EQ(endpoint_.queued_calls(), 0U);
}

TEST_F(EndpointTest, CallErrorResolvesAsErrorReceived) {
  const auto request = call("Authorize", {{"idTag", "ABC"}});
  const auto out =
      endpoint_.receive(R"([4,")" + last_call_id() + R"(","NotSupported","no auth here",{"a":1}])");
  const auto resolved = actions_of<act::Resolve>(out);
  ASSERT_EQ(resolved.size(), 1U);
  EXPECT_EQ(resolved[0].request, request);
  const auto& failure = std::get<CallFailure>(resolved[0].outcome);
  EXPECT_EQ(failure.kind, FailureKind::ErrorReceived);
  EXPECT_EQ(failure.error, (CallError{ErrorCode::NotSupported, "no auth here", {{"a", 1}}}));
  EXPECT_TRUE(sent_texts(out).empty()) << "a CALLERROR is never answered";
  EXPECT_FALSE(endpoint_.call_outstanding());
}

TEST_F(EndpointTest, TimeoutResolvesAndTheLateResultIsDropped) {
  const auto request = call("Heartbeat");
  const auto id = last_call_id();
  call("Heartbeat");  // queued behind it
  const auto out = endpoint_.timer_fired(request);
  const auto resolved = actions_of<act::Resolve>(out);
  ASSERT_EQ(resolved.size(), 1U);
  EXPECT_EQ(std::get<CallFailure>(resolved[0].outcome).kind, FailureKind::Timeout);
  EXPECT_EQ(endpoint_.stats().timeouts, 1U);
  EXPECT_EQ(sent_texts(out).size(), 1U) << "the queued call goes out after the timeout";

  const auto late =
      endpoint_.receive(R"([3,")" + id + R"(",{"currentTime":"2026-11-22T05:00:00Z"}])");
  EXPECT_TRUE(late.empty());
  EXPECT_EQ(endpoint_.stats().unmatched_results, 1U);
  EXPECT_TRUE(endpoint_.call_outstanding()) << "the late answer must not resolve the next call";
}

TEST_F(EndpointTest, StaleTimerTokensAreIgnored) {
  const auto first = call("Heartbeat");
  endpoint_.receive(R"([3,")" + last_call_id() + R"(",{}])");
  const auto second = call("Heartbeat");
  EXPECT_TRUE(endpoint_.timer_fired(first).empty());
  EXPECT_TRUE(endpoint_.timer_fired(9999).empty());
  EXPECT_TRUE(endpoint_.call_outstanding());
  EXPECT_EQ(endpoint_.stats().timeouts, 0U);
  EXPECT_EQ(actions_of<act::Resolve>(endpoint_.timer_fired(second)).size(), 1U);
}

TEST_F(EndpointTest, CrossingCallsAreBothServed) {
  // Our call is outstanding when the peer's CALL arrives, with the same id text even.
  const auto request = call("MeterValues", {{"connectorId", 1}});
  const auto our_id = last_call_id();
  const auto delivered = endpoint_.receive(R"([2,")" + our_id + R"(","Reset",{"type":"Soft"}])");
  const auto deliveries = actions_of<act::Deliver>(delivered);
  ASSERT_EQ(deliveries.size(), 1U);
  EXPECT_EQ(deliveries[0].action, "Reset");
  EXPECT_EQ(deliveries[0].message_id, our_id);
  EXPECT_EQ(deliveries[0].payload, json({{"type", "Soft"}}));

  const auto reply = endpoint_.reply(our_id, {{"status", "Accepted"}});
  EXPECT_EQ(only_sent(reply), json::parse(R"([3,")" + our_id + R"(",{"status":"Accepted"}])"));
  EXPECT_TRUE(endpoint_.call_outstanding());

  const auto resolved =
      actions_of<act::Resolve>(endpoint_.receive(R"([3,")" + our_id + R"(",{}])"));
  ASSERT_EQ(resolved.size(), 1U);
  EXPECT_EQ(resolved[0].request, request);
}

TEST_F(EndpointTest, ResultsForUnknownIdsAreDroppedWithoutAReply) {
  call("Heartbeat");
  EXPECT_TRUE(endpoint_.receive(R"([3,"999",{}])").empty());
  EXPECT_TRUE(endpoint_.receive(R"([4,"999","GenericError","",{}])").empty());
  EXPECT_EQ(endpoint_.stats().unmatched_results, 2U);
  EXPECT_TRUE(endpoint_.call_outstanding());
  // And with nothing outstanding at all.
  Endpoint idle;
  EXPECT_TRUE(idle.receive(R"([3,"1",{}])").empty());
  EXPECT_EQ(idle.stats().unmatched_results, 1U);
}

TEST_F(EndpointTest, MalformedAnswerToOurCallResolvesItAsInvalidResponse) {
  const auto request = call("Heartbeat");
  const auto id = last_call_id();
  call("Heartbeat");
  EXPECT_TRUE(endpoint_.receive(R"([3,"other",[]])").empty()) << "not ours: nothing happens";
  const auto out = endpoint_.receive(R"([3,")" + id + R"(",[]])");
  const auto resolved = actions_of<act::Resolve>(out);
  ASSERT_EQ(resolved.size(), 1U);
  EXPECT_EQ(resolved[0].request, request);
  EXPECT_EQ(std::get<CallFailure>(resolved[0].outcome).kind, FailureKind::InvalidResponse);
  const auto texts = sent_texts(out);
  ASSERT_EQ(texts.size(), 1U) << "no reply to a result, but the queued call goes out";
  EXPECT_EQ(json::parse(texts[0]).at(0), 2);
  EXPECT_EQ(endpoint_.stats().malformed_in, 2U);
}

TEST_F(EndpointTest, MalformedFramesAreAnsweredWithACallError) {
  const auto out = endpoint_.receive(R"([2,"42","Heartbeat",[]])");
  const auto reply = only_sent(out);
  EXPECT_EQ(reply.at(0), 4);
  EXPECT_EQ(reply.at(1), "42");
  EXPECT_EQ(reply.at(2), "FormationViolation");
  EXPECT_EQ(endpoint_.stats().malformed_in, 1U);
  EXPECT_TRUE(actions_of<act::Deliver>(out).empty());
  // And a malformed result is not answered.
  EXPECT_TRUE(endpoint_.receive(R"([3,"42"])").empty());
}

TEST_F(EndpointTest, SecondIncomingCallBeforeTheFirstIsAnsweredIsAProtocolError) {
  ASSERT_EQ(
      actions_of<act::Deliver>(endpoint_.receive(R"([2,"a","Reset",{"type":"Hard"}])")).size(), 1U);
  const auto out = endpoint_.receive(R"([2,"b","Reset",{"type":"Soft"}])");
  EXPECT_TRUE(actions_of<act::Deliver>(out).empty());
  const auto reply = only_sent(out);
  EXPECT_EQ(reply.at(1), "b");
  EXPECT_EQ(reply.at(2), "ProtocolError");
  // The first one is still open and can be answered.
  EXPECT_EQ(only_sent(endpoint_.reply("a", {{"status", "Accepted"}})).at(1), "a");
  // Then the next CALL is delivered again.
  EXPECT_EQ(
      actions_of<act::Deliver>(endpoint_.receive(R"([2,"c","Reset",{"type":"Soft"}])")).size(), 1U);
}

TEST_F(EndpointTest, RepliesToUnknownOrAnsweredIdsAreDropped) {
  EXPECT_TRUE(endpoint_.reply("nope", json::object()).empty());
  endpoint_.receive(R"([2,"a","Reset",{"type":"Hard"}])");
  EXPECT_TRUE(endpoint_.reply("b", json::object()).empty());
  EXPECT_TRUE(endpoint_.reply_error("b", {}).empty());
  EXPECT_EQ(sent_texts(endpoint_.reply("a", json::object())).size(), 1U);
  EXPECT_TRUE(endpoint_.reply("a", json::object()).empty()) << "answered once only";
  EXPECT_TRUE(endpoint_.reply_error("a", {}).empty());
}

TEST_F(EndpointTest, ErrorRepliesAlwaysCarryAnObjectAsDetails) {
  endpoint_.receive(R"([2,"a","Reset",{"type":"Hard"}])");
  const auto reply = only_sent(
      endpoint_.reply_error("a", CallError{ErrorCode::InternalError, "oops", json::array()}));
  EXPECT_EQ(reply, json::parse(R"([4,"a","InternalError","oops",{}])"));
}

TEST_F(EndpointTest, CloseResolvesEverythingAndLaterCallsFailAtOnce) {
  const auto a = call("Heartbeat");
  const auto b = call("Heartbeat");
  const auto c = call("StatusNotification");
  endpoint_.receive(R"([2,"x","Reset",{"type":"Hard"}])");

  const auto out = endpoint_.close();
  ASSERT_EQ(actions_of<act::CancelTimer>(out).size(), 1U);
  EXPECT_EQ(actions_of<act::CancelTimer>(out)[0].token, a);
  const auto resolved = actions_of<act::Resolve>(out);
  ASSERT_EQ(resolved.size(), 3U);
  EXPECT_EQ(resolved[0].request, a);
  EXPECT_EQ(resolved[1].request, b);
  EXPECT_EQ(resolved[2].request, c);
  EXPECT_EQ(resolved[2].action, "StatusNotification");
  for (const auto& r : resolved)
    EXPECT_EQ(std::get<CallFailure>(r.outcome).kind, FailureKind::ConnectionClosed);
  EXPECT_TRUE(sent_texts(out).empty());
  EXPECT_FALSE(endpoint_.call_outstanding());
  EXPECT_EQ(endpoint_.queued_calls(), 0U);

  const auto later = call("Heartbeat");
  ASSERT_EQ(last_.size(), 1U);
  EXPECT_EQ(std::get<act::Resolve>(last_[0]).request, later);
  EXPECT_EQ(std::get<CallFailure>(std::get<act::Resolve>(last_[0]).outcome).kind,
            FailureKind::ConnectionClosed);

  EXPECT_TRUE(endpoint_.receive(R"([2,"y","Reset",{"type":"Hard"}])").empty());
  EXPECT_TRUE(endpoint_.reply("x", json::object()).empty())
      << "the open CALL died with the connection";
  EXPECT_TRUE(endpoint_.timer_fired(a).empty());
  EXPECT_TRUE(endpoint_.close().empty());
}

TEST_F(EndpointTest, QueueLimitRefusesCallsAsNotSent) {
  call("Heartbeat");  // outstanding: not counted
  for (int i = 0; i < 3; ++i) {
    call("Heartbeat");
    EXPECT_TRUE(last_.empty());
  }
  const auto refused = call("Heartbeat");
  ASSERT_EQ(last_.size(), 1U);
  const auto& resolve = std::get<act::Resolve>(last_[0]);
  EXPECT_EQ(resolve.request, refused);
  EXPECT_EQ(std::get<CallFailure>(resolve.outcome).kind, FailureKind::NotSent);
  EXPECT_EQ(endpoint_.queued_calls(), 3U);
}

TEST(Endpoint, QueueLimitOfZeroStillSendsWhenNothingIsOutstanding) {
  Endpoint endpoint(EndpointOptions{std::chrono::milliseconds(1000), 0, 0});
  Actions out;
  endpoint.call("Heartbeat", json::object(), out);
  EXPECT_EQ(sent_texts(out).size(), 1U);
  out.clear();
  endpoint.call("Heartbeat", json::object(), out);
  ASSERT_EQ(actions_of<act::Resolve>(out).size(), 1U);
  EXPECT_EQ(std::get<CallFailure>(actions_of<act::Resolve>(out)[0].outcome).kind,
            FailureKind::NotSent);
}

TEST(Endpoint, MessageIdsAreUniqueAndShort) {
  for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{123456789},
                                    std::numeric_limits<std::uint64_t>::max() - 500}) {
    Endpoint endpoint(EndpointOptions{std::chrono::milliseconds(1000), 10, first});
    std::set<std::string> ids;
    std::set<RequestId> requests;
    for (int i = 0; i < 1000; ++i) {
      Actions out;
      requests.insert(endpoint.call("Heartbeat", json::object(), out));
      const auto frame = json::parse(sent_texts(out).at(0));
      const auto id = frame.at(1).get<std::string>();
      EXPECT_FALSE(id.empty());
      EXPECT_LE(id.size(), k_max_message_id_length);
      ids.insert(id);
      endpoint.receive(R"([3,")" + id + R"(",{}])");
    }
    EXPECT_EQ(ids.size(), 1000U) << "first id after " << first;
    EXPECT_EQ(requests.size(), 1000U);
  }
}

TEST(Endpoint, StatsCountFramesBothWays) {
  Endpoint endpoint;
  Actions out;
  endpoint.call("Heartbeat", json::object(), out);
  endpoint.receive(R"([3,"1",{}])");
  endpoint.receive("garbage");
  endpoint.receive(R"([2,"p","Reset",{"type":"Hard"}])");
  endpoint.reply("p", json::object());
  EXPECT_EQ(endpoint.stats().frames_in, 3U);
  EXPECT_EQ(endpoint.stats().frames_out, 3U);  // CALL, CALLERROR for the garbage, CALLRESULT
  EXPECT_EQ(endpoint.stats().malformed_in, 1U);
}

TEST(Endpoint, FailureKindsHaveNames) {
  for (const auto kind :
       {FailureKind::ErrorReceived, FailureKind::Timeout, FailureKind::ConnectionClosed,
        FailureKind::InvalidResponse, FailureKind::NotSent}) {
    EXPECT_NE(to_string(kind), "unknown");
  }
}

}  // namespace
