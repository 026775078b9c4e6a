// The outbox sender on a fake session and a manual clock (OCPP 1.6 §4.10,
// TransactionMessageAttempts).
#include <gtest/gtest.h>

#include "common/manual_timers.hpp"
#include "features/core/transaction_outbox.hpp"
#include "memory_ports.hpp"
#include "ocpp_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::core::TransactionOutbox;
using nlohmann::json;

json start_payload() {
  return {{"connectorId", 1},
          {"idTag", "TAG1"},
          {"meterStart", 100},
          {"timestamp", "2026-11-22T08:00:00Z"}};
}
json meter_payload() {
  return {{"connectorId", 1},
          {"transactionId", nullptr},
          {"meterValue", json::array({{{"timestamp", "2026-11-22T08:01:00Z"},
                                       {"sampledValue", json::array({{{"value", "110"}}})}}})}};
}
json stop_payload() {
  return {{"meterStop", 200},
          {"timestamp", "2026-11-22T08:02:00Z"},
          {"transactionId", nullptr},
          {"reason", "Local"}};
}
json start_conf(int id) {
  return {{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", id}};
}

class OutboxTest : public ::testing::Test, protected test_support::OcppWorld {
 protected:
  OutboxTest() {
    config.set_internal("TransactionMessageAttempts", "3");
    config.set_internal("TransactionMessageRetryInterval", "10");
    outbox.on_drained = [this] { ++drained; };
    outbox.on_start_confirmed = [this](std::int64_t local, const auto& conf) {
      confirmed.emplace_back(local, conf.transactionId);
    };
  }
  std::string last_action() const { return io.last().at(2).get<std::string>(); }

  test_support::MemoryOutbox store;
  TransactionOutbox outbox{store, config, timers};
  int drained = 0;
  std::vector<std::pair<std::int64_t, int>> confirmed;
};

TEST_F(OutboxTest, QueuesWhileOfflineAndDeliversInOrderWithThePatchedId) {
  outbox.enqueue("StartTransaction", start_payload(), 7);
  outbox.enqueue("MeterValues", meter_payload(), 7);
  outbox.enqueue("StopTransaction", stop_payload(), 7);
  EXPECT_TRUE(io.sent.empty());
  outbox.attach(&session);
  ASSERT_EQ(io.sent.size(), 1U);
  EXPECT_EQ(last_action(), "StartTransaction");
  io.answer_last(start_conf(4711));
  EXPECT_EQ(confirmed, (std::vector<std::pair<std::int64_t, int>>{{7, 4711}}));
  EXPECT_EQ(last_action(), "MeterValues");
  EXPECT_EQ(io.last().at(3).at("transactionId"), 4711);
  io.answer_last(json::object());
  EXPECT_EQ(last_action(), "StopTransaction");
  EXPECT_EQ(io.last().at(3).at("transactionId"), 4711);
  EXPECT_EQ(drained, 0);
  io.answer_last(json::object());
  EXPECT_EQ(store.size(), 0U);
  EXPECT_EQ(drained, 1);
  EXPECT_EQ(io.sent.size(), 3U);
}

TEST_F(OutboxTest, ALostConnectionIsNoAttemptAndTheMessageIsSentAgainOnReconnect) {
  outbox.attach(&session);
  outbox.enqueue("StartTransaction", start_payload(), 1);
  ASSERT_EQ(io.sent.size(), 1U);
  outbox.attach(nullptr);
  session.close();  // resolves the call as ConnectionClosed
  EXPECT_EQ(store.size(), 1U);
  EXPECT_EQ(store.entries[0].attempts, 0);

  test_support::FakeSessionIo io2{timers};
  ocpp::Session session2{router, io2, {}};
  io2.attach(session2);
  outbox.attach(&session2);
  ASSERT_EQ(io2.sent.size(), 1U);
  EXPECT_EQ(io2.last().at(2), "StartTransaction");
}

TEST_F(OutboxTest, RetriesAfterIntervalTimesAttemptsWithANewMessageIdThenGivesUp) {
  outbox.attach(&session);
  outbox.enqueue("StartTransaction", start_payload(), 3);
  outbox.enqueue("StopTransaction", stop_payload(), 3);
  const auto first_id = io.last().at(1);
  session.receive(json::array({4, first_id, "InternalError", "db down", json::object()}).dump());
  EXPECT_EQ(io.sent.size(), 1U);
  timers.advance(9s);
  EXPECT_EQ(io.sent.size(), 1U);
  timers.advance(1s);  // 10 s × 1 attempt
  ASSERT_EQ(io.sent.size(), 2U);
  EXPECT_NE(io.last().at(1), first_id);
  session.receive(
      json::array({4, io.last().at(1), "InternalError", "db down", json::object()}).dump());
  timers.advance(19s);
  EXPECT_EQ(io.sent.size(), 2U);
  timers.advance(1s);  // 10 s × 2 attempts
  ASSERT_EQ(io.sent.size(), 3U);
  session.receive(
      json::array({4, io.last().at(1), "InternalError", "db down", json::object()}).dump());
  // Third failure = TransactionMessageAttempts: dropped; the StopTransaction goes with
  // transactionId -1.
  ASSERT_EQ(io.sent.size(), 4U);
  EXPECT_EQ(last_action(), "StopTransaction");
  EXPECT_EQ(io.last().at(3).at("transactionId"), -1);
  EXPECT_TRUE(confirmed.empty());
}

TEST_F(OutboxTest, ATimeoutCountsAsAnAttempt) {
  outbox.attach(&session);
  outbox.enqueue("MeterValues", meter_payload(), std::nullopt);
  timers.advance(std::chrono::milliseconds(ocpp::rpc::EndpointOptions{}.call_timeout));
  EXPECT_EQ(store.entries.at(0).attempts, 1);
}

TEST_F(OutboxTest, DrainedFiresOnAttachWhenNothingIsQueued) {
  outbox.attach(&session);
  EXPECT_EQ(drained, 1);
  EXPECT_TRUE(outbox.drained());
}

}  // namespace

namespace {

using Durability = TransactionOutbox::Durability;

TEST_F(OutboxTest, VolatileMessagesDeliveredOnlineNeverTouchTheStore) {
  outbox.attach(&session);
  outbox.enqueue("MeterValues", meter_payload(), std::nullopt, Durability::volatile_batched);
  EXPECT_EQ(store.size(), 0U);
  ASSERT_EQ(last_action(), "MeterValues");
  io.answer_last(json::object());
  EXPECT_TRUE(outbox.drained());
  EXPECT_EQ(store.batches, 0);
}

TEST_F(OutboxTest, VolatileMessagesAreWrittenInBatchesAndBeforeTheNextDurableOne) {
  outbox.enqueue("StartTransaction", start_payload(), 1);
  for (int i = 0; i < 3; ++i)
    outbox.enqueue("MeterValues", meter_payload(), 1, Durability::volatile_batched);
  EXPECT_EQ(store.size(), 1U);
  EXPECT_EQ(outbox.queued(), 4U);
  outbox.enqueue("StopTransaction", stop_payload(), 1);  // flushes the three first, in one batch
  EXPECT_EQ(store.batches, 1);
  ASSERT_EQ(store.size(), 5U);
  EXPECT_EQ(store.entries[1].action, "MeterValues");
  EXPECT_EQ(store.entries[4].action, "StopTransaction");
  for (std::size_t i = 0; i < TransactionOutbox::k_volatile_batch; ++i) {
    outbox.enqueue("MeterValues", meter_payload(), std::nullopt, Durability::volatile_batched);
  }
  EXPECT_EQ(store.batches, 2);
  EXPECT_EQ(store.size(), 5U + TransactionOutbox::k_volatile_batch);
}

TEST_F(OutboxTest, VolatileMessagesFollowTheStoreAndGetThePatchedId) {
  outbox.enqueue("StartTransaction", start_payload(), 9);
  outbox.enqueue("MeterValues", meter_payload(), 9, Durability::volatile_batched);
  outbox.attach(&session);
  ASSERT_EQ(last_action(), "StartTransaction");
  io.answer_last(start_conf(77));
  ASSERT_EQ(last_action(), "MeterValues");
  EXPECT_EQ(io.last().at(3).at("transactionId"), 77);
  // A flush writes the one in flight too, in its place; its answer removes the stored copy, so it
  // is sent once.
  outbox.flush();
  EXPECT_EQ(store.size(), 1U);
  io.answer_last(json::object());
  EXPECT_EQ(store.size(), 0U);
  EXPECT_EQ(io.sent.size(), 2U);
  EXPECT_TRUE(outbox.drained());
  EXPECT_TRUE(outbox.contains(9, "MeterValues") == false);
}

}  // namespace
