// What a crash at any moment of handling StartTransaction.conf leaves behind (OCPP 1.6 §4.10): the
// Start row may only leave the store once the central system's transactionId is in every queued
// message of its transaction and has been handed on (the journal), so that no crash point leaves a
// StopTransaction to go out with -1 for a transaction the central system knows by its id.
#include <gtest/gtest.h>

#include "common/manual_timers.hpp"
#include "fake_session_io.hpp"
#include "features/core/transaction_outbox.hpp"
#include "memory_ports.hpp"

namespace {

using chargepoint::core::TransactionOutbox;
using nlohmann::json;

// The store as a crash would find it at the moment a row is deleted.
class ObservedOutbox final : public chargepoint::Outbox {
 public:
  std::int64_t push(const std::string& action, const json& payload,
                    std::optional<std::int64_t> local_id) override {
    return inner.push(action, payload, local_id);
  }
  void push_batch(const std::vector<chargepoint::OutboxEntry>& entries) override {
    inner.push_batch(entries);
  }
  std::optional<chargepoint::OutboxEntry> front() override { return inner.front(); }
  void remove(std::int64_t seq) override {
    if (on_remove) on_remove(seq);
    inner.remove(seq);
  }
  void record_attempt(std::int64_t seq, int attempts) override {
    inner.record_attempt(seq, attempts);
  }
  void patch_transaction_id(std::int64_t local_id, int transaction_id) override {
    inner.patch_transaction_id(local_id, transaction_id);
  }
  std::size_t size() override { return inner.size(); }
  bool contains(std::int64_t local_id, const std::string& action) override {
    return inner.contains(local_id, action);
  }

  test_support::MemoryOutbox inner;
  std::function<void(std::int64_t seq)> on_remove;
};

TEST(OutboxCrashTest, TheStartLeavesTheStoreOnlyAfterItsIdIsEverywhere) {
  common::ManualTimers timers;
  test_support::FakeSessionIo io{timers};
  ocpp::Router router;
  ocpp::Session session{router, io, {}};
  io.attach(session);
  chargepoint::ConfigurationStore config;
  ObservedOutbox store;
  TransactionOutbox outbox{store, config, timers};
  std::optional<int> journal_id;
  outbox.on_start_confirmed = [&](std::int64_t, const auto& conf) {
    journal_id = conf.transactionId;
  };

  outbox.enqueue("StartTransaction",
                 {{"connectorId", 1},
                  {"idTag", "TAG1"},
                  {"meterStart", 100},
                  {"timestamp", "2026-11-22T08:00:00Z"}},
                 4);
  outbox.enqueue("StopTransaction",
                 {{"meterStop", 200},
                  {"timestamp", "2026-11-22T08:02:00Z"},
                  {"transactionId", nullptr},
                  {"reason", "EVDisconnected"}},
                 4);
  const auto start_seq = store.inner.entries.front().seq;
  bool checked = false;
  store.on_remove = [&](std::int64_t seq) {
    if (seq != start_seq) return;
    checked = true;
    EXPECT_EQ(journal_id, 4711) << "a crash now would lose the id the journal needs for PowerLoss";
    EXPECT_EQ(store.inner.entries.back().payload.at("transactionId"), 4711)
        << "a crash now would send the StopTransaction with -1";
  };
  outbox.attach(&session);
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 4711}});
  EXPECT_TRUE(checked);
  ASSERT_EQ(io.sent.size(), 2U);
  EXPECT_EQ(io.last().at(2), "StopTransaction");
  EXPECT_EQ(io.last().at(3).at("transactionId"), 4711);
}

}  // namespace
