// The outbox keeps the order of transaction messages (OCPP 1.6 §4.10) when a volatile MeterValues
// is in flight while a durable message is queued and its answer never comes (connection lost, call
// timed out). Found by the fault-injection integration test: a MeterValues of a transaction reached
// the central system after that transaction's StopTransaction.
#include <gtest/gtest.h>

#include "common/manual_timers.hpp"
#include "fake_session_io.hpp"
#include "features/core/transaction_outbox.hpp"
#include "memory_ports.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::core::TransactionOutbox;
using Durability = TransactionOutbox::Durability;
using nlohmann::json;

json meter_payload(const std::string& value) {
  return {{"connectorId", 1},
          {"transactionId", 5},
          {"meterValue", json::array({{{"timestamp", "2026-11-22T08:01:00Z"},
                                       {"sampledValue", json::array({{{"value", value}}})}}})}};
}
json stop_payload() {
  return {{"meterStop", 200},
          {"timestamp", "2026-11-22T08:02:00Z"},
          {"transactionId", 5},
          {"reason", "EVDisconnected"}};
}

class OutboxOrderTest : public ::testing::Test {
 protected:
  OutboxOrderTest() {
    io.attach(session);
    config.set_internal("TransactionMessageRetryInterval", "10");
    outbox.attach(&session);
  }
  static std::string action_of(const json& frame) { return frame.at(2).get<std::string>(); }

  common::ManualTimers timers;
  test_support::FakeSessionIo io{timers};
  ocpp::Router router;
  ocpp::Session session{router, io, {}};
  chargepoint::ConfigurationStore config;
  test_support::MemoryOutbox store;
  TransactionOutbox outbox{store, config, timers};
};

TEST_F(OutboxOrderTest, AMeterValuesInFlightGoesBeforeTheStopAfterAReconnect) {
  outbox.enqueue("MeterValues", meter_payload("150"), 5, Durability::volatile_batched);
  ASSERT_EQ(action_of(io.last()), "MeterValues");
  outbox.enqueue("StopTransaction", stop_payload(), 5);  // the vehicle is unplugged meanwhile
  outbox.attach(nullptr);
  session.close();  // the answer to the MeterValues never comes

  test_support::FakeSessionIo io2{timers};
  ocpp::Session session2{router, io2, {}};
  io2.attach(session2);
  outbox.attach(&session2);
  ASSERT_EQ(io2.sent.size(), 1U);
  EXPECT_EQ(action_of(io2.last()), "MeterValues");
  io2.answer_last(json::object());
  ASSERT_EQ(io2.sent.size(), 2U);
  EXPECT_EQ(action_of(io2.last()), "StopTransaction");
  io2.answer_last(json::object());
  EXPECT_TRUE(outbox.drained());
  EXPECT_EQ(store.size(), 0U);
}

TEST_F(OutboxOrderTest, AMeterValuesThatTimedOutIsRetriedBeforeTheMessagesWrittenAfterIt) {
  outbox.enqueue("MeterValues", meter_payload("150"), 5, Durability::volatile_batched);
  for (std::size_t i = 1; i < TransactionOutbox::k_volatile_batch; ++i) {
    outbox.enqueue("MeterValues", meter_payload(std::to_string(150 + i)), 5,
                   Durability::volatile_batched);
  }
  ASSERT_EQ(store.size(), TransactionOutbox::k_volatile_batch);  // a batch written, the first too
  ASSERT_EQ(io.sent.size(), 1U);
  timers.advance(std::chrono::milliseconds(ocpp::rpc::EndpointOptions{}.call_timeout) + 10s);
  ASSERT_EQ(io.sent.size(), 2U);
  EXPECT_EQ(io.last().at(3).at("meterValue").at(0).at("sampledValue").at(0).at("value"), "150");
  EXPECT_EQ(store.entries.front().attempts, 1);
  for (std::size_t i = 0; i < TransactionOutbox::k_volatile_batch; ++i)
    io.answer_last(json::object());
  EXPECT_EQ(io.sent.size(), 1U + TransactionOutbox::k_volatile_batch);
  EXPECT_EQ(io.last().at(3).at("meterValue").at(0).at("sampledValue").at(0).at("value"), "169");
  EXPECT_TRUE(outbox.drained());
}

TEST_F(OutboxOrderTest, AMeterValuesInFlightAtAFlushIsSentOnceWhenItsAnswerComes) {
  outbox.enqueue("MeterValues", meter_payload("150"), 5, Durability::volatile_batched);
  outbox.enqueue("StopTransaction", stop_payload(), 5);
  EXPECT_EQ(store.size(), 2U);
  io.answer_last(json::object());
  ASSERT_EQ(io.sent.size(), 2U);
  EXPECT_EQ(action_of(io.last()), "StopTransaction");
  io.answer_last(json::object());
  EXPECT_EQ(io.sent.size(), 2U);
  EXPECT_TRUE(outbox.drained());
}

}  // namespace
