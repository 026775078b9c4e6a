// kill -9 at any moment: a child process writes to a file database and dies by SIGKILL; whatever it
// committed is there when the file is opened again, and nothing it had not committed is.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "store/migrations.hpp"
#include "store/outbox_repository.hpp"
#include "store/sqlite.hpp"
#include "store/transaction_repository.hpp"
#include "store_test_support.hpp"

namespace {

using namespace chargepoint::store;
using store_test::TempDir;

NewOutboxMessage numbered(std::int64_t n, std::optional<std::int64_t> local_tx) {
  return {"MeterValues", nlohmann::json{{"n", n}, {"pad", std::string(200, 'p')}}.dump(), local_tx,
          n};
}

// Fails the test unless the outbox holds exactly the messages numbered 1..count, in seq order.
void expect_numbered_messages(Database& db, std::int64_t count) {
  auto messages = OutboxRepository(db).list(static_cast<std::size_t>(count) + 100);
  ASSERT_TRUE(messages) << messages.error().message;
  ASSERT_EQ(static_cast<std::int64_t>(messages->size()), count);
  for (std::int64_t i = 0; i < count; ++i) {
    const auto& message = (*messages)[static_cast<std::size_t>(i)];
    const auto payload = nlohmann::json::parse(message.payload_json, nullptr, false);
    ASSERT_FALSE(payload.is_discarded()) << "seq " << message.seq << " is half written";
    EXPECT_EQ(payload["n"], i + 1) << "seq " << message.seq;
  }
}

void expect_killed(pid_t child) {
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

TEST(Crash, CommittedWorkSurvivesSigkillAndOpenWorkVanishes) {
  TempDir dir;
  const auto path = dir.file("state.db");
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    auto db = Database::open(path, chargepoint::store::chargepoint_open_options());
    if (!db) _exit(2);
    TransactionRepository transactions(*db);
    OutboxRepository outbox(*db);
    auto tx = transactions.begin({1, "TAG", 0, 0, std::nullopt});
    if (!tx) _exit(3);
    for (std::int64_t n = 1; n <= 20; ++n) {
      if (!outbox.push(numbered(n, *tx))) _exit(4);
    }
    std::vector<NewOutboxMessage> batch;
    for (std::int64_t n = 21; n <= 30; ++n) batch.push_back(numbered(n, *tx));
    if (!outbox.push_many(batch)) _exit(5);
    // Half-done work: the stop and its message in a transaction that never commits.
    auto open = Transaction::begin(*db);
    if (!open) _exit(6);
    if (!transactions.mark_stopping(*tx, {10, 10, "Local", std::nullopt})) _exit(7);
    for (std::int64_t n = 31; n <= 35; ++n) {
      if (!outbox.push(numbered(n, *tx))) _exit(8);
    }
    raise(SIGKILL);
    _exit(9);
  }
  expect_killed(child);
  ASSERT_TRUE(std::filesystem::exists(path + "-wal"));  // recovery has work to do

  auto db = store_test::open_or_fail(path);
  expect_numbered_messages(db, 30);
  auto active = TransactionRepository(db).find_active();
  ASSERT_TRUE(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ(active->front().state, TransactionState::Active);
}

// The parent kills the writer at whatever moment it happens to be in: between statements, inside
// sqlite3_step, in the middle of appending to the WAL.
TEST(Crash, SigkillAtAnArbitraryMomentLosesNothingAcknowledged) {
  for (const std::int64_t kill_after : {1, 37, 150}) {
    SCOPED_TRACE("killed after " + std::to_string(kill_after) + " acknowledgements");
    TempDir dir;
    const auto path = dir.file("state.db");
    int acks[2];
    ASSERT_EQ(pipe(acks), 0);
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
      close(acks[0]);
      auto db = Database::open(path, chargepoint::store::chargepoint_open_options());
      if (!db) _exit(2);
      OutboxRepository outbox(*db);
      // Alternates single pushes and batches of three; acknowledges after each commit.
      for (std::int64_t n = 1;;) {
        if (n % 2 == 0) {
          const std::vector<NewOutboxMessage> batch{numbered(n, std::nullopt),
                                                    numbered(n + 1, std::nullopt),
                                                    numbered(n + 2, std::nullopt)};
          if (!outbox.push_many(batch)) _exit(3);
          n += 3;
        } else {
          if (!outbox.push(numbered(n, std::nullopt))) _exit(4);
          n += 1;
        }
        const std::int64_t committed = n - 1;
        if (write(acks[1], &committed, sizeof committed) != sizeof committed) _exit(5);
      }
    }
    close(acks[1]);
    std::int64_t acknowledged = 0;
    for (std::int64_t reads = 0; reads < kill_after; ++reads) {
      ASSERT_EQ(read(acks[0], &acknowledged, sizeof acknowledged),
                static_cast<ssize_t>(sizeof acknowledged))
          << "the writer stopped early";
    }
    ASSERT_EQ(kill(child, SIGKILL), 0);
    expect_killed(child);
    close(acks[0]);

    auto db = store_test::open_or_fail(path);
    auto size = OutboxRepository(db).size();
    ASSERT_TRUE(size) << size.error().message;
    const auto count = static_cast<std::int64_t>(*size);
    EXPECT_GE(count, acknowledged);  // the writer may have committed more before dying
    expect_numbered_messages(db, count);
  }
}

}  // namespace
