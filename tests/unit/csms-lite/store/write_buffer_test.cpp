// The write buffer: rows wait in memory and go to the database in one commit per interval or per
// `max_rows`, and at destruction (shutdown).
#include <gtest/gtest.h>

#include "csms_store_support.hpp"

namespace {

using namespace csms::store;
using csms_test::World;
using namespace std::chrono_literals;

MeterSample sample(std::int64_t at_ms) {
  return MeterSample{"CP1", 1, std::nullopt, "Current.Import", "L1", "A", 0, at_ms, 16000, 1};
}

class WriteBufferTest : public ::testing::Test {
 protected:
  WriteBufferTest() : world(":memory:", BatchOptions{60s, 10, 100}) {
    EXPECT_TRUE(world.store->charge_points.insert_if_missing("CP1", "Accepted", std::nullopt, 0));
  }
  World world;
};

TEST_F(WriteBufferTest, NothingIsWrittenBeforeTheInterval) {
  const auto commits = world.db.commits();
  world.store->buffer.add_samples({sample(1), sample(2)});
  world.store->buffer.seen("CP1", 5);
  world.store->buffer.seen("CP1", 3);  // older: coalesced away
  world.timers.advance(59s);
  EXPECT_EQ(world.db.commits(), commits);
  EXPECT_EQ(world.store->buffer.pending_rows(), 3U);
  world.timers.advance(1s);
  EXPECT_EQ(world.db.commits(), commits + 1);
  EXPECT_EQ(world.store->buffer.pending_rows(), 0U);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT count(*) FROM meter_samples"), 2);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT last_seen_ms FROM charge_points"), 5);
  // Idle: the timer is not re-armed, nothing wakes up.
  EXPECT_EQ(world.timers.armed_count(), 0U);
}

TEST_F(WriteBufferTest, ReachingMaxRowsFlushesAtOnce) {
  const auto commits = world.db.commits();
  for (int i = 0; i < 9; ++i) world.store->buffer.add_samples({sample(i)});
  EXPECT_EQ(world.db.commits(), commits);
  world.store->buffer.add_samples({sample(9)});
  EXPECT_EQ(world.db.commits(), commits + 1);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT count(*) FROM meter_samples"), 10);
}

TEST_F(WriteBufferTest, ConnectorStatusesAreCoalescedAndEverythingIsWrittenAtShutdown) {
  world.store->buffer.connector_status(
      "CP1", StoredConnector{1, "Preparing", "NoError", std::nullopt, std::nullopt, 1});
  world.store->buffer.connector_status(
      "CP1", StoredConnector{1, "Charging", "NoError", std::nullopt, std::nullopt, 2});
  world.store->buffer.event(ChargePointEvent{0, "CP1", "DataTransfer", "{}", 3});
  EXPECT_EQ(world.store->buffer.pending_rows(), 2U);
  const auto writes = world.db.writes();
  world.store.reset();  // shutdown
  EXPECT_EQ(world.db.writes(), writes + 2);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT status_at_ms FROM connectors"), 2);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT count(*) FROM charge_point_events"), 1);
}

TEST_F(WriteBufferTest, AFailedFlushKeepsTheRowsForTheNextTry) {
  // A buffered status for a charge point that is not stored breaks the foreign key: the whole batch
  // is rolled back and kept.
  world.store->buffer.connector_status(
      "ghost", StoredConnector{1, "Available", "NoError", std::nullopt, std::nullopt, 1});
  world.store->buffer.add_samples({sample(1)});
  EXPECT_FALSE(world.store->buffer.flush());
  EXPECT_EQ(world.store->buffer.pending_rows(), 2U);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT count(*) FROM meter_samples"), 0);
  // While failing, reaching max_rows does not try again at once: only the timer does.
  const auto flushes = world.store->buffer.flushes();
  for (int i = 0; i < 20; ++i) world.store->buffer.add_samples({sample(i)});
  EXPECT_EQ(world.store->buffer.pending_rows(), 22U);
  EXPECT_EQ(world.store->buffer.flushes(), flushes);
  world.store->buffer.forget("ghost");
  world.timers.advance(60s);
  EXPECT_EQ(world.store->buffer.pending_rows(), 0U);
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT count(*) FROM meter_samples"), 21);
  world.store->buffer.add_samples({sample(1)});
  EXPECT_TRUE(world.store->buffer.flush());
  EXPECT_EQ(csms_test::query_int(world.db, "SELECT count(*) FROM meter_samples"), 22);
}

TEST_F(WriteBufferTest, TellsTheHookAfterEachFlushThatWroteRows) {
  int flushed = 0;
  world.store->buffer.on_flushed([&] { ++flushed; });
  ASSERT_TRUE(world.store->buffer.flush());  // nothing buffered: nothing written, no call
  EXPECT_EQ(flushed, 0);
  world.store->buffer.add_samples({sample(1)});
  world.timers.advance(60s);
  EXPECT_EQ(flushed, 1);
}

}  // namespace
