#include "store/outbox_repository.hpp"
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite.hpp"
#include "store/transaction_repository.hpp"
#include "store_test_support.hpp"

namespace {

using chargepoint::store::Database;
using chargepoint::store::ErrorKind;
using chargepoint::store::NewOutboxMessage;
using chargepoint::store::OutboxMessage;
using chargepoint::store::OutboxRepository;
using chargepoint::store::Result;
using chargepoint::store::TransactionRepository;
using nlohmann::json;

std::vector<std::string> actions(const std::vector<OutboxMessage>& messages) {
  std::vector<std::string> result;
  for (const auto& message : messages) result.push_back(message.action);
  return result;
}

class OutboxTest : public ::testing::Test {
 protected:
  std::int64_t transaction(int connector) {
    auto id = transactions_.begin({connector, "TAG", 100, 1000, std::nullopt});
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : -1;
  }
  NewOutboxMessage start_message(std::int64_t local_tx) {
    return {
        "StartTransaction",
        R"({"connectorId":1,"idTag":"TAG","meterStart":100,"timestamp":"2024-01-01T00:00:00Z"})",
        local_tx, 1000};
  }
  NewOutboxMessage meter_values(std::int64_t local_tx, int placeholder) {
    return {"MeterValues",
            json{{"connectorId", 1}, {"transactionId", placeholder}, {"meterValue", json::array()}}
                .dump(),
            local_tx, 2000};
  }
  NewOutboxMessage stop_message(std::int64_t local_tx, int placeholder) {
    return {"StopTransaction",
            json{{"transactionId", placeholder}, {"meterStop", 900}, {"timestamp", "x"}}.dump(),
            local_tx, 3000};
  }

  Database db_ = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  TransactionRepository transactions_{db_};
  OutboxRepository outbox_{db_};
};

TEST_F(OutboxTest, MessagesComeOutInTheOrderTheyWentIn) {
  const auto tx = transaction(1);
  auto first = outbox_.push(start_message(tx));
  ASSERT_TRUE(first) << first.error().message;
  auto second = outbox_.push(meter_values(tx, -1));
  auto third = outbox_.push({"StatusNotification", "{}", std::nullopt, 2500});
  ASSERT_TRUE(second && third);
  EXPECT_LT(*first, *second);
  EXPECT_LT(*second, *third);
  EXPECT_EQ(*outbox_.size(), 3u);

  auto front = *outbox_.front();
  ASSERT_TRUE(front);
  EXPECT_EQ(front->seq, *first);
  EXPECT_EQ(front->action, "StartTransaction");
  EXPECT_EQ(front->payload_json, start_message(tx).payload_json);
  EXPECT_EQ(front->local_transaction_id, tx);
  EXPECT_EQ(front->attempts, 0);
  EXPECT_EQ(front->next_attempt_unix_ms, 1000);
  EXPECT_EQ(front->created_unix_ms, 1000);

  EXPECT_EQ(actions(*outbox_.list(2)),
            (std::vector<std::string>{"StartTransaction", "MeterValues"}));
  EXPECT_EQ(actions(*outbox_.list(10)),
            (std::vector<std::string>{"StartTransaction", "MeterValues", "StatusNotification"}));

  EXPECT_TRUE(*outbox_.remove(*first));
  EXPECT_FALSE(*outbox_.remove(*first));
  EXPECT_EQ((*outbox_.front())->seq, *second);
  // A removed seq is never handed out again: a late acknowledgement cannot remove a newer message.
  ASSERT_TRUE(outbox_.remove(*second));
  ASSERT_TRUE(outbox_.remove(*third));
  EXPECT_EQ(*outbox_.front(), std::nullopt);
  EXPECT_GT(*outbox_.push(start_message(tx)), *third);
}

TEST_F(OutboxTest, RecordAttempt) {
  const auto seq = *outbox_.push({"StatusNotification", "{}", std::nullopt, 1000});
  ASSERT_TRUE(outbox_.record_attempt(seq, 3, 65'000));
  auto front = *outbox_.front();
  EXPECT_EQ(front->attempts, 3);
  EXPECT_EQ(front->next_attempt_unix_ms, 65'000);
  EXPECT_EQ(front->created_unix_ms, 1000);
  auto missing = outbox_.record_attempt(seq + 1, 1, 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_F(OutboxTest, AMessageMustNameAStoredTransaction) {
  auto orphan = outbox_.push(stop_message(12345, -1));
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().kind, ErrorKind::Constraint) << orphan.error().message;
  EXPECT_NE(orphan.error().message.find("local transaction 12345, which is not stored"),
            std::string::npos)
      << orphan.error().message;
  EXPECT_EQ(*outbox_.size(), 0u);
}

TEST_F(OutboxTest, BadMessagesAreRefused) {
  for (const auto* payload : {"", "not json", "[1,2]", "{\"a\":", "42"}) {
    auto pushed = outbox_.push({"MeterValues", payload, std::nullopt, 1});
    ASSERT_FALSE(pushed) << payload;
    EXPECT_EQ(pushed.error().kind, ErrorKind::InvalidArgument);
    EXPECT_NE(pushed.error().message.find("not a JSON object"), std::string::npos);
  }
  EXPECT_EQ(outbox_.push({"", "{}", std::nullopt, 1}).error().kind, ErrorKind::InvalidArgument);
  const std::string huge = "{\"a\":\"" + std::string(64 * 1024, 'x') + "\"}";
  EXPECT_EQ(outbox_.push({"DataTransfer", huge, std::nullopt, 1}).error().kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(*outbox_.size(), 0u);
}

TEST_F(OutboxTest, PushManyIsOneCommit) {
  const auto tx = transaction(1);
  const std::vector<NewOutboxMessage> batch{start_message(tx), meter_values(tx, -1),
                                            stop_message(tx, -1)};
  const auto writes = db_.writes();
  const auto commits = db_.commits();
  auto seqs = outbox_.push_many(batch);
  ASSERT_TRUE(seqs) << seqs.error().message;
  ASSERT_EQ(seqs->size(), 3u);
  EXPECT_LT((*seqs)[0], (*seqs)[1]);
  EXPECT_LT((*seqs)[1], (*seqs)[2]);
  EXPECT_EQ(db_.commits(), commits + 1);
  EXPECT_EQ(db_.writes(), writes + 3);
  EXPECT_EQ(actions(*outbox_.list(10)),
            (std::vector<std::string>{"StartTransaction", "MeterValues", "StopTransaction"}));
}

TEST_F(OutboxTest, PushManyIsAllOrNothing) {
  const auto tx = transaction(1);
  // The third names a transaction that does not exist: only SQLite can tell, after two inserts.
  const std::vector<NewOutboxMessage> batch{start_message(tx), meter_values(tx, -1),
                                            stop_message(tx + 1, -1)};
  auto seqs = outbox_.push_many(batch);
  ASSERT_FALSE(seqs);
  EXPECT_EQ(seqs.error().kind, ErrorKind::Constraint);
  EXPECT_EQ(*outbox_.size(), 0u);
  const std::vector<NewOutboxMessage> invalid{start_message(tx), {"X", "nope", std::nullopt, 1}};
  EXPECT_EQ(outbox_.push_many(invalid).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(*outbox_.size(), 0u);
}

TEST_F(OutboxTest, AStateChangeAndItsMessageCommitTogether) {
  const auto tx = transaction(1);
  auto done = chargepoint::store::with_transaction(db_, [&]() -> Result<std::int64_t> {
    if (auto stopping = transactions_.mark_stopping(tx, {900, 3000, "Local", std::nullopt});
        !stopping) {
      return stopping.error();
    }
    return outbox_.push(stop_message(tx, -1));
  });
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(*outbox_.size(), 1u);

  // A failure after the state change takes the state change back with it.
  const auto other = transaction(2);
  auto failed = chargepoint::store::with_transaction(db_, [&]() -> Result<std::int64_t> {
    if (auto stopping = transactions_.mark_stopping(other, {900, 3000, "Local", std::nullopt});
        !stopping) {
      return stopping.error();
    }
    return outbox_.push({"StopTransaction", "broken", other, 3000});
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ((*transactions_.find(other))->state, chargepoint::store::TransactionState::Active);
  EXPECT_EQ(*outbox_.size(), 1u);
}

TEST_F(OutboxTest, PatchingSetsTheTransactionIdOfQueuedMessagesOnly) {
  const auto tx = transaction(1);
  const auto other = transaction(2);
  ASSERT_TRUE(outbox_.push(start_message(tx)));
  ASSERT_TRUE(outbox_.push(meter_values(tx, -7)));
  ASSERT_TRUE(outbox_.push(meter_values(other, -8)));
  ASSERT_TRUE(outbox_.push(stop_message(tx, -7)));

  const auto commits = db_.commits();
  auto patched = outbox_.patch_transaction_id(tx, 4242);
  ASSERT_TRUE(patched) << patched.error().message;
  EXPECT_EQ(*patched, 2u);
  EXPECT_EQ(db_.commits(), commits + 1);

  auto mine = *outbox_.payloads_for(tx);
  ASSERT_EQ(actions(mine),
            (std::vector<std::string>{"StartTransaction", "MeterValues", "StopTransaction"}));
  EXPECT_FALSE(json::parse(mine[0].payload_json).contains("transactionId"));
  EXPECT_EQ(mine[0].payload_json, start_message(tx).payload_json);
  EXPECT_EQ(json::parse(mine[1].payload_json)["transactionId"], 4242);
  EXPECT_EQ(json::parse(mine[1].payload_json)["connectorId"], 1);
  EXPECT_EQ(json::parse(mine[2].payload_json)["transactionId"], 4242);
  EXPECT_EQ(json::parse(mine[2].payload_json)["meterStop"], 900);

  auto theirs = *outbox_.payloads_for(other);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(json::parse(theirs[0].payload_json)["transactionId"], -8);

  EXPECT_EQ(*outbox_.patch_transaction_id(tx + 100, 1), 0u);
  // The order did not change.
  EXPECT_EQ(actions(*outbox_.list(10)),
            (std::vector<std::string>{"StartTransaction", "MeterValues", "MeterValues",
                                      "StopTransaction"}));
}

}  // namespace
