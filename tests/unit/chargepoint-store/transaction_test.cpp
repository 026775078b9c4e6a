// The transaction helper and the write accounting the SD-card budget relies on.
#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "db/settings_repository.hpp"
#include "store/sqlite.hpp"
#include "store_test_support.hpp"

namespace {

using chargepoint::store::Database;
using chargepoint::store::ErrorKind;
using chargepoint::store::Result;
using chargepoint::store::SettingsRepository;
using chargepoint::store::Statement;
using chargepoint::store::Transaction;
using chargepoint::store::with_transaction;

class TransactionTest : public ::testing::Test {
 protected:
  Database db_ =
      std::move(*Database::open_in_memory(chargepoint::store::chargepoint_open_options()));
  SettingsRepository settings_{db_};

  std::optional<std::string> get(std::string_view key) { return *settings_.get(key); }
};

TEST_F(TransactionTest, CommitKeepsAndCountsTheWrites) {
  const auto writes_before = db_.writes();
  const auto commits_before = db_.commits();
  auto transaction = Transaction::begin(db_);
  ASSERT_TRUE(transaction) << transaction.error().message;
  ASSERT_TRUE(settings_.put("a", "1"));
  ASSERT_TRUE(settings_.put("b", "2"));
  EXPECT_EQ(db_.writes(), writes_before);  // not committed yet
  ASSERT_TRUE(transaction->commit());
  EXPECT_EQ(db_.writes(), writes_before + 2);
  EXPECT_EQ(db_.commits(), commits_before + 1);
  EXPECT_EQ(get("a"), "1");
  EXPECT_EQ(get("b"), "2");
}

TEST_F(TransactionTest, RollbackUndoesAndDoesNotCount) {
  const auto writes_before = db_.writes();
  {
    auto transaction = Transaction::begin(db_);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(settings_.put("a", "1"));
    ASSERT_TRUE(transaction->rollback());
  }
  EXPECT_EQ(get("a"), std::nullopt);
  EXPECT_EQ(db_.writes(), writes_before);
}

TEST_F(TransactionTest, DestructorRollsBack) {
  {
    auto transaction = Transaction::begin(db_);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(settings_.put("a", "1"));
  }
  EXPECT_EQ(get("a"), std::nullopt);
  // The database is usable again: no transaction was left open.
  ASSERT_TRUE(settings_.put("a", "2"));
  EXPECT_EQ(get("a"), "2");
}

TEST_F(TransactionTest, AutocommitStatementsCountAsTheirOwnCommit) {
  const auto writes_before = db_.writes();
  const auto commits_before = db_.commits();
  ASSERT_TRUE(settings_.put("a", "1"));
  ASSERT_TRUE(settings_.put("b", "1"));
  EXPECT_EQ(db_.writes(), writes_before + 2);
  EXPECT_EQ(db_.commits(), commits_before + 2);
}

TEST_F(TransactionTest, AnInnerRollbackKeepsTheOuterWork) {
  const auto writes_before = db_.writes();
  auto outer = Transaction::begin(db_);
  ASSERT_TRUE(outer);
  ASSERT_TRUE(settings_.put("outer", "1"));
  {
    auto inner = Transaction::begin(db_);
    ASSERT_TRUE(inner) << inner.error().message;
    ASSERT_TRUE(settings_.put("inner", "1"));
    ASSERT_TRUE(inner->rollback());
  }
  ASSERT_TRUE(outer->commit());
  EXPECT_EQ(get("outer"), "1");
  EXPECT_EQ(get("inner"), std::nullopt);
  EXPECT_EQ(db_.writes(), writes_before + 1);
}

TEST_F(TransactionTest, AnInnerCommitIsUndoneByAnOuterRollback) {
  auto outer = Transaction::begin(db_);
  ASSERT_TRUE(outer);
  {
    auto inner = Transaction::begin(db_);
    ASSERT_TRUE(inner);
    ASSERT_TRUE(settings_.put("inner", "1"));
    ASSERT_TRUE(inner->commit());
  }
  ASSERT_TRUE(outer->rollback());
  EXPECT_EQ(get("inner"), std::nullopt);
}

TEST_F(TransactionTest, TransactionsEndInnermostFirst) {
  auto outer = Transaction::begin(db_);
  ASSERT_TRUE(outer);
  auto inner = Transaction::begin(db_);
  ASSERT_TRUE(inner);
  auto wrong = outer->commit();
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::Internal);
  ASSERT_TRUE(inner->commit());
  ASSERT_TRUE(outer->commit());
  EXPECT_FALSE(outer->commit());  // already finished
}

TEST_F(TransactionTest, AfterSqliteRollsBackByItselfNothingRunsOutsideTheTransaction) {
  const auto writes_before = db_.writes();
  auto outer = Transaction::begin(db_);
  ASSERT_TRUE(outer);
  ASSERT_TRUE(settings_.put("a", "1"));
  // What SQLite does on its own after some FULL, IOERR and NOMEM errors.
  ASSERT_TRUE(db_.exec("ROLLBACK"));
  auto put = settings_.put("b", "1");  // would otherwise autocommit, alone
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().kind, ErrorKind::InvalidState);
  EXPECT_NE(put.error().message.find("rolled back"), std::string::npos) << put.error().message;
  EXPECT_FALSE(outer->commit());
  EXPECT_EQ(get("a"), std::nullopt);
  EXPECT_EQ(get("b"), std::nullopt);
  EXPECT_EQ(db_.writes(), writes_before);
  ASSERT_TRUE(settings_.put("c", "1"));  // usable again
  EXPECT_EQ(db_.writes(), writes_before + 1);
}

TEST_F(TransactionTest, WithTransactionCommitsOnSuccessAndRollsBackOnError) {
  auto committed = with_transaction(db_, [&]() -> Result<int> {
    if (auto put = settings_.put("a", "1"); !put) return put.error();
    return 7;
  });
  ASSERT_TRUE(committed);
  EXPECT_EQ(*committed, 7);
  EXPECT_EQ(get("a"), "1");

  auto failed = with_transaction(db_, [&]() -> Result<void> {
    if (auto put = settings_.put("b", "1"); !put) return put.error();
    return settings_.put("", "empty key is refused").error();
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(get("b"), std::nullopt);
}

TEST(TransactionBusy, ASecondWriterGetsBusyInsteadOfWaitingForever) {
  store_test::TempDir dir;
  const auto path = dir.file("state.db");
  auto first = store_test::open_or_fail(path);
  auto options = chargepoint::store::chargepoint_open_options();
  options.busy_timeout = std::chrono::milliseconds(0);
  auto second = Database::open(path, options);
  ASSERT_TRUE(second) << second.error().message;

  auto holding = Transaction::begin(first);
  ASSERT_TRUE(holding);
  auto blocked = Transaction::begin(*second);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, ErrorKind::Busy);
  EXPECT_NE(blocked.error().message.find(path), std::string::npos) << blocked.error().message;
  SettingsRepository settings(*second);
  auto put = settings.put("a", "1");
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().kind, ErrorKind::Busy);
  ASSERT_TRUE(holding->commit());
  EXPECT_TRUE(settings.put("a", "1"));
}

TEST(Statement, BindAndReadEveryType) {
  auto db = std::move(*Database::open_in_memory(chargepoint::store::chargepoint_open_options()));
  ASSERT_TRUE(db.exec("CREATE TABLE t (i INTEGER, s TEXT, n INTEGER)"));
  auto insert = Statement::prepare(db, "INSERT INTO t VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(insert);
  insert->bind(1, std::int64_t{-5}).bind(2, std::string("a\0b", 3)).bind(3, std::nullopt);
  auto inserted = insert->run();
  ASSERT_TRUE(inserted) << inserted.error().message;
  EXPECT_EQ(*inserted, 1);

  auto select = Statement::prepare(db, "SELECT i, s, n FROM t");
  ASSERT_TRUE(select);
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_int64(0), -5);
  EXPECT_EQ(select->column_text(1), std::string("a\0b", 3));
  EXPECT_TRUE(select->is_null(2));
  EXPECT_EQ(select->column_optional_int64(2), std::nullopt);
  EXPECT_EQ(select->column_optional_text(1), std::string("a\0b", 3));
  EXPECT_FALSE(*select->step());
}

TEST(Statement, ErrorsArePreciseValues) {
  auto db = std::move(*Database::open_in_memory(chargepoint::store::chargepoint_open_options()));
  auto bad = Statement::prepare(db, "SELEC 1");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("syntax error"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("SELEC 1"), std::string::npos);

  auto empty = Statement::prepare(db, "  ");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, ErrorKind::InvalidArgument);

  auto out_of_range = Statement::prepare(db, "SELECT ?1");
  ASSERT_TRUE(out_of_range);
  out_of_range->bind(2, std::int64_t{1});
  auto stepped = out_of_range->step();
  ASSERT_FALSE(stepped);
  EXPECT_NE(stepped.error().message.find("binding parameter 2"), std::string::npos)
      << stepped.error().message;
}

}  // namespace
