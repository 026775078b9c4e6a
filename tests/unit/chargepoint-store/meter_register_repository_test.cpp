#include "store/meter_register_repository.hpp"
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace {

using chargepoint::store::Database;
using chargepoint::store::ErrorKind;
using chargepoint::store::MeterRegisterRepository;

class MeterRegisterTest : public ::testing::Test {
 protected:
  Database db_ = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  MeterRegisterRepository registers_{db_};
};

TEST_F(MeterRegisterTest, NothingStoredAtFirst) {
  auto loaded = registers_.load(1);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, std::nullopt);
  EXPECT_TRUE(registers_.all()->empty());
}

TEST_F(MeterRegisterTest, SaveAndLoad) {
  auto saved = registers_.save(1, 123'456, 1000);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_TRUE(*saved);
  auto loaded = *registers_.load(1);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->connector_id, 1);
  EXPECT_EQ(loaded->energy_wh, 123'456);
  EXPECT_EQ(loaded->updated_unix_ms, 1000);
  EXPECT_TRUE(*registers_.save(1, 123'457, 2000));
  EXPECT_EQ((*registers_.load(1))->energy_wh, 123'457);
}

TEST_F(MeterRegisterTest, TheSameValueIsNotWrittenAgain) {
  ASSERT_TRUE(registers_.save(1, 500, 1000));
  const auto writes = db_.writes();
  auto again = registers_.save(1, 500, 2000);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(db_.writes(), writes);
  EXPECT_EQ((*registers_.load(1))->updated_unix_ms, 1000);
}

TEST_F(MeterRegisterTest, TheRegisterNeverGoesBackwards) {
  ASSERT_TRUE(registers_.save(1, 500, 1000));
  auto lower = registers_.save(1, 499, 2000);
  ASSERT_FALSE(lower);
  EXPECT_EQ(lower.error().kind, ErrorKind::InvalidState);
  EXPECT_NE(lower.error().message.find("from 500 Wh to 499 Wh"), std::string::npos)
      << lower.error().message;
  EXPECT_EQ((*registers_.load(1))->energy_wh, 500);
  // Only an explicit reset (a replaced meter) starts it again.
  EXPECT_TRUE(*registers_.reset(1));
  EXPECT_FALSE(*registers_.reset(1));
  EXPECT_TRUE(*registers_.save(1, 10, 3000));
}

TEST_F(MeterRegisterTest, ConnectorsAreIndependent) {
  ASSERT_TRUE(registers_.save(2, 20, 1));
  ASSERT_TRUE(registers_.save(0, 1000, 1));
  ASSERT_TRUE(registers_.save(1, 10, 1));
  auto all = *registers_.all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].connector_id, 0);
  EXPECT_EQ(all[1].energy_wh, 10);
  EXPECT_EQ(all[2].energy_wh, 20);
}

TEST_F(MeterRegisterTest, BadInputIsRefused) {
  EXPECT_EQ(registers_.save(-1, 1, 1).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(registers_.save(1, -1, 1).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(registers_.load(-1).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(registers_.reset(-1).error().kind, ErrorKind::InvalidArgument);
}

}  // namespace
