#include "store/transaction_repository.hpp"
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "store/outbox_repository.hpp"
#include "store_test_support.hpp"

namespace {

using chargepoint::store::Database;
using chargepoint::store::ErrorKind;
using chargepoint::store::TransactionRecord;
using chargepoint::store::TransactionRepository;
using chargepoint::store::TransactionStart;
using chargepoint::store::TransactionState;
using chargepoint::store::TransactionStop;

TransactionStart start(int connector, std::int64_t meter_wh = 1000, std::int64_t at_ms = 10'000) {
  return TransactionStart{connector, "04A1B2C3", meter_wh, at_ms, std::nullopt};
}

TransactionStop stop(std::int64_t meter_wh = 5000, std::string reason = "Local") {
  return TransactionStop{meter_wh, 20'000, std::move(reason), std::nullopt};
}

std::vector<std::int64_t> ids(const std::vector<TransactionRecord>& records) {
  std::vector<std::int64_t> result;
  for (const auto& record : records) result.push_back(record.local_id);
  return result;
}

class TransactionsTest : public ::testing::Test {
 protected:
  std::int64_t begin(int connector) {
    auto id = transactions_.begin(start(connector));
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : -1;
  }
  std::int64_t stopped(int connector) {
    const auto id = begin(connector);
    EXPECT_TRUE(transactions_.mark_stopping(id, stop()));
    EXPECT_TRUE(transactions_.mark_stopped(id));
    return id;
  }

  Database db_ = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  TransactionRepository transactions_{db_};
};

TEST_F(TransactionsTest, BeginStoresAnActiveTransaction) {
  auto id = transactions_.begin(TransactionStart{2, "TAG", 12345, 1'700'000'000'000, 42});
  ASSERT_TRUE(id) << id.error().message;
  auto found = *transactions_.find(*id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->local_id, *id);
  EXPECT_EQ(found->connector_id, 2);
  EXPECT_EQ(found->id_tag, "TAG");
  EXPECT_EQ(found->meter_start_wh, 12345);
  EXPECT_EQ(found->start_unix_ms, 1'700'000'000'000);
  EXPECT_EQ(found->reservation_id, 42);
  EXPECT_EQ(found->remote_id, std::nullopt);
  EXPECT_EQ(found->id_tag_status, std::nullopt);
  EXPECT_EQ(found->state, TransactionState::Active);
  EXPECT_EQ(found->meter_stop_wh, std::nullopt);
  EXPECT_EQ(found->last_meter_wh, std::nullopt);
}

TEST_F(TransactionsTest, BeginIsOneWrite) {
  const auto writes = db_.writes();
  begin(1);
  EXPECT_EQ(db_.writes(), writes + 1);
}

TEST_F(TransactionsTest, LocalIdsIncreaseAndAreNeverReused) {
  const auto first = stopped(1);
  const auto second = stopped(1);
  EXPECT_GT(second, first);
  ASSERT_EQ(*transactions_.prune(0), 2u);
  EXPECT_GT(begin(1), second);
}

TEST_F(TransactionsTest, AConnectorHasOneActiveTransaction) {
  const auto first = begin(1);
  auto second = transactions_.begin(start(1));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, ErrorKind::Constraint);
  EXPECT_NE(second.error().message.find("connector 1 already has an active transaction"),
            std::string::npos)
      << second.error().message;
  EXPECT_TRUE(transactions_.begin(start(2)));  // another connector is free
  // Once stopping, the next car may start while the StopTransaction is still queued.
  ASSERT_TRUE(transactions_.mark_stopping(first, stop()));
  EXPECT_TRUE(transactions_.begin(start(1)));
}

TEST_F(TransactionsTest, RemoteIdAndStatus) {
  const auto id = begin(1);
  ASSERT_TRUE(transactions_.set_remote_id(id, 987654, "Accepted"));
  auto found = *transactions_.find(id);
  EXPECT_EQ(found->remote_id, 987654);
  EXPECT_EQ(found->id_tag_status, "Accepted");
  auto missing = transactions_.set_remote_id(id + 100, 1, "Accepted");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
  EXPECT_NE(missing.error().message.find(std::to_string(id + 100)), std::string::npos);
}

TEST_F(TransactionsTest, CheckpointKeepsTheLatestReading) {
  const auto id = begin(1);
  ASSERT_TRUE(transactions_.checkpoint_meter(id, 1500, 11'000));
  ASSERT_TRUE(transactions_.checkpoint_meter(id, 2500, 12'000));
  auto found = *transactions_.find(id);
  EXPECT_EQ(found->last_meter_wh, 2500);
  EXPECT_EQ(found->last_meter_unix_ms, 12'000);
  ASSERT_TRUE(transactions_.mark_stopping(id, stop()));
  EXPECT_TRUE(transactions_.checkpoint_meter(id, 2600, 13'000));
  ASSERT_TRUE(transactions_.mark_stopped(id));
  auto closed = transactions_.checkpoint_meter(id, 2700, 14'000);
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().kind, ErrorKind::InvalidState);
  EXPECT_NE(closed.error().message.find("it is stopped, expected active or stopping"),
            std::string::npos)
      << closed.error().message;
  EXPECT_EQ(transactions_.checkpoint_meter(id + 1, 1, 1).error().kind, ErrorKind::NotFound);
}

TEST_F(TransactionsTest, StopGoesThroughStoppingToStopped) {
  const auto id = begin(1);
  ASSERT_TRUE(transactions_.mark_stopping(
      id, TransactionStop{7777, 30'000, "EVDisconnected", std::string("STOPPER")}));
  auto stopping = *transactions_.find(id);
  EXPECT_EQ(stopping->state, TransactionState::Stopping);
  EXPECT_EQ(stopping->meter_stop_wh, 7777);
  EXPECT_EQ(stopping->stop_unix_ms, 30'000);
  EXPECT_EQ(stopping->stop_reason, "EVDisconnected");
  EXPECT_EQ(stopping->stop_id_tag, "STOPPER");
  ASSERT_TRUE(transactions_.mark_stopped(id));
  EXPECT_EQ((*transactions_.find(id))->state, TransactionState::Stopped);
}

TEST_F(TransactionsTest, TransitionsOutOfOrderAreRefused) {
  const auto id = begin(1);
  auto early = transactions_.mark_stopped(id);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().kind, ErrorKind::InvalidState);
  EXPECT_NE(early.error().message.find("it is active, expected stopping"), std::string::npos);
  ASSERT_TRUE(transactions_.mark_stopping(id, stop(5000)));
  auto twice = transactions_.mark_stopping(id, stop(6000, "PowerLoss"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().kind, ErrorKind::InvalidState);
  EXPECT_EQ((*transactions_.find(id))->meter_stop_wh, 5000);  // the first stop data stays
  EXPECT_EQ(transactions_.mark_stopping(id + 1, stop()).error().kind, ErrorKind::NotFound);
}

TEST_F(TransactionsTest, FindActiveReturnsEveryUnfinishedTransactionOldestFirst) {
  const auto done = stopped(1);
  const auto stopping = begin(1);
  ASSERT_TRUE(transactions_.mark_stopping(stopping, stop()));
  const auto active_1 = begin(1);
  const auto active_2 = begin(2);
  auto active = transactions_.find_active();
  ASSERT_TRUE(active) << active.error().message;
  EXPECT_EQ(ids(*active), (std::vector<std::int64_t>{stopping, active_1, active_2}));
  EXPECT_EQ(*transactions_.find(done + 1000), std::nullopt);
}

TEST_F(TransactionsTest, RecentIsNewestFirst) {
  const auto a = stopped(1);
  const auto b = stopped(1);
  const auto c = begin(1);
  EXPECT_EQ(ids(*transactions_.recent(2)), (std::vector<std::int64_t>{c, b}));
  EXPECT_EQ(ids(*transactions_.recent(10)), (std::vector<std::int64_t>{c, b, a}));
  EXPECT_TRUE(transactions_.recent(0)->empty());
}

TEST_F(TransactionsTest, PruneKeepsTheNewestStoppedAndEverythingUnfinished) {
  std::vector<std::int64_t> done;
  for (int i = 0; i < 5; ++i) done.push_back(stopped(1));
  const auto active = begin(1);
  auto pruned = transactions_.prune(2);
  ASSERT_TRUE(pruned) << pruned.error().message;
  EXPECT_EQ(*pruned, 3u);
  EXPECT_EQ(ids(*transactions_.recent(10)), (std::vector<std::int64_t>{active, done[4], done[3]}));
  EXPECT_EQ(*transactions_.prune(2), 0u);
}

TEST_F(TransactionsTest, PruneKeepsTransactionsTheOutboxStillNeeds) {
  const auto old = stopped(1);
  stopped(1);
  chargepoint::store::OutboxRepository outbox(db_);
  ASSERT_TRUE(outbox.push(
      {"MeterValues", R"({"connectorId":1,"transactionId":-1,"meterValue":[]})", old, 1}));
  EXPECT_EQ(*transactions_.prune(0), 1u);
  EXPECT_NE(*transactions_.find(old), std::nullopt);
}

TEST_F(TransactionsTest, BadInputIsRefused) {
  EXPECT_EQ(transactions_.begin(start(0)).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(transactions_.begin(start(1, -1)).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(transactions_.begin(TransactionStart{1, std::string(21, 'X'), 0, 0, std::nullopt})
                .error()
                .kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(transactions_.begin(TransactionStart{1, "", 0, 0, std::nullopt}).error().kind,
            ErrorKind::InvalidArgument);
  const auto id = begin(1);
  EXPECT_EQ(transactions_.mark_stopping(id, stop(1, "")).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(transactions_.mark_stopping(id, TransactionStop{1, 1, "Local", std::string(21, 'X')})
                .error()
                .kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ((*transactions_.find(id))->state, TransactionState::Active);
}

TEST(TransactionState, NamesRoundTrip) {
  for (auto state :
       {TransactionState::Active, TransactionState::Stopping, TransactionState::Stopped}) {
    EXPECT_EQ(chargepoint::store::parse_transaction_state(chargepoint::store::to_string(state)),
              state);
  }
  EXPECT_EQ(chargepoint::store::parse_transaction_state("Active"), std::nullopt);
}

}  // namespace
