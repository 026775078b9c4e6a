// WAL checkpoints on their own thread (store/wal_checkpointer.hpp): the event loop's connection
// stops checkpointing, a second connection copies the WAL into the file, and the store nudges it
// after each flush of the write buffer.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "csms_store_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace csms::store;
using csms_test::World;
using namespace std::chrono_literals;

MeterSample sample(std::int64_t at_ms) {
  return MeterSample{"CP1", 1, std::nullopt, "Current.Import", "L1", "A", 0, at_ms, 16000, 1};
}

// The checkpoint thread runs on real time: wait for it, bounded, without sleeping a fixed time.
bool eventually(const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::yield();
  }
  return true;
}

TEST(WalCheckpointer, AnInMemoryDatabaseHasNone) {
  auto db = csms_test::open_db();
  EXPECT_EQ(WalCheckpointer::start(db, 0ms), nullptr);
  World world;
  EXPECT_EQ(world.store->checkpointer, nullptr);
}

TEST(WalCheckpointer, TakesTheCheckpointsOverAndGivesThemBack) {
  test_support::TempDir dir;
  auto db = csms_test::open_db(dir.file("csms.db"));
  EXPECT_EQ(csms_test::query_int(db, "PRAGMA wal_autocheckpoint"), 1000);
  {
    auto checkpointer = WalCheckpointer::start(db, 0ms);
    ASSERT_NE(checkpointer, nullptr);
    EXPECT_EQ(csms_test::query_int(db, "PRAGMA wal_autocheckpoint"), 8192);  // the backstop
  }
  EXPECT_EQ(csms_test::query_int(db, "PRAGMA wal_autocheckpoint"), 1000);
}

TEST(WalCheckpointer, CopiesEveryCommittedFrameIntoTheFile) {
  test_support::TempDir dir;
  auto db = csms_test::open_db(dir.file("csms.db"));
  auto checkpointer = WalCheckpointer::start(db, 1h);  // the thread stays out of the way
  ASSERT_NE(checkpointer, nullptr);
  ASSERT_TRUE(db.exec("CREATE TABLE t (x INTEGER)"));
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)"));
  const auto counts = checkpointer->checkpoint_now();
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_GT(counts->wal_frames, 0);
  EXPECT_EQ(counts->checkpointed, counts->wal_frames);
  EXPECT_EQ(checkpointer->checkpoints(), 1U);
  // The next commit starts the WAL from the top again, so it holds only that commit's frames.
  ASSERT_TRUE(db.exec("INSERT INTO t VALUES (2)"));
  const auto after = checkpointer->checkpoint_now();
  ASSERT_TRUE(after);
  EXPECT_LT(after->wal_frames, counts->wal_frames);
}

TEST(WalCheckpointer, SleepsUntilNudgedThenCheckpointsOnItsThread) {
  test_support::TempDir dir;
  auto db = csms_test::open_db(dir.file("csms.db"));
  auto checkpointer = WalCheckpointer::start(db, 0ms);
  ASSERT_NE(checkpointer, nullptr);
  ASSERT_TRUE(db.exec("CREATE TABLE t (x INTEGER)"));
  std::this_thread::yield();
  EXPECT_EQ(checkpointer->checkpoints(), 0U);  // a commit alone does not wake it
  checkpointer->nudge();
  EXPECT_TRUE(eventually([&] { return checkpointer->checkpoints() >= 1; }));
}

TEST(WalCheckpointer, TheStoreNudgesItAfterEachFlush) {
  test_support::TempDir dir;
  World world(dir.file("csms.db"), BatchOptions{60s, 2, 100});
  ASSERT_NE(world.store->checkpointer, nullptr);
  EXPECT_EQ(csms_test::query_int(world.db, "PRAGMA wal_autocheckpoint"), 8192);
  ASSERT_TRUE(world.store->charge_points.insert_if_missing("CP1", "Accepted", std::nullopt, 0));
  world.store->buffer.add_samples({sample(1), sample(2)});  // max_rows: flushed at once
  EXPECT_EQ(world.store->buffer.flushes(), 1U);
  // k_checkpoint_interval (1 s) after the nudge.
  EXPECT_TRUE(eventually([&] { return world.store->checkpointer->checkpoints() >= 1; }));
  const auto counts = world.store->checkpointer->checkpoint_now();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->checkpointed, counts->wal_frames);
}

}  // namespace
