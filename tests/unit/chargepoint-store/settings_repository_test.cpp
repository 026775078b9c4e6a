#include "db/settings_repository.hpp"
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace {

using chargepoint::store::Database;
using chargepoint::store::ErrorKind;
using chargepoint::store::SettingsRepository;

class SettingsTest : public ::testing::Test {
 protected:
  Database db_ = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  SettingsRepository settings_{db_};
};

TEST_F(SettingsTest, AMissingKeyHasNoValue) {
  auto value = settings_.get("HeartbeatInterval");
  ASSERT_TRUE(value) << value.error().message;
  EXPECT_EQ(*value, std::nullopt);
}

TEST_F(SettingsTest, PutThenGet) {
  auto written = settings_.put("HeartbeatInterval", "300");
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_TRUE(*written);
  EXPECT_EQ(*settings_.get("HeartbeatInterval"), "300");
  EXPECT_EQ(*settings_.get("heartbeatinterval"), std::nullopt);  // keys are exact
}

TEST_F(SettingsTest, AnUnchangedValueIsNotWritten) {
  ASSERT_TRUE(settings_.put("availability.1", "Inoperative"));
  const auto writes = db_.writes();
  const auto commits = db_.commits();
  auto again = settings_.put("availability.1", "Inoperative");
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(db_.writes(), writes);
  EXPECT_EQ(db_.commits(), commits);

  auto changed = settings_.put("availability.1", "Operative");
  ASSERT_TRUE(changed);
  EXPECT_TRUE(*changed);
  EXPECT_EQ(db_.writes(), writes + 1);
  EXPECT_EQ(*settings_.get("availability.1"), "Operative");
}

TEST(SettingsOnDisk, AnUnchangedValueDoesNotGrowTheWal) {
  store_test::TempDir dir;
  const auto path = dir.file("state.db");
  auto db = store_test::open_or_fail(path);
  SettingsRepository settings(db);
  ASSERT_TRUE(settings.put("MeterValueSampleInterval", "60"));
  const auto wal_bytes = store_test::file_size_or_zero(path + "-wal");
  ASSERT_GT(wal_bytes, 0u);
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(*settings.put("MeterValueSampleInterval", "60"));
  EXPECT_EQ(store_test::file_size_or_zero(path + "-wal"), wal_bytes);
  ASSERT_TRUE(*settings.put("MeterValueSampleInterval", "30"));
  EXPECT_GT(store_test::file_size_or_zero(path + "-wal"), wal_bytes);  // the check can fail
}

TEST_F(SettingsTest, AllIsSortedByKey) {
  ASSERT_TRUE(settings_.put("b", "2"));
  ASSERT_TRUE(settings_.put("a", "1"));
  ASSERT_TRUE(settings_.put("c", ""));
  auto all = settings_.all();
  ASSERT_TRUE(all);
  const std::map<std::string, std::string> expected{{"a", "1"}, {"b", "2"}, {"c", ""}};
  EXPECT_EQ(*all, expected);
}

TEST_F(SettingsTest, Erase) {
  ASSERT_TRUE(settings_.put("a", "1"));
  EXPECT_TRUE(*settings_.erase("a"));
  EXPECT_FALSE(*settings_.erase("a"));
  EXPECT_EQ(*settings_.get("a"), std::nullopt);
}

TEST_F(SettingsTest, BadKeysAndValuesAreRefused) {
  for (const auto& key : {std::string(), std::string(256, 'k')}) {
    EXPECT_EQ(settings_.put(key, "v").error().kind, ErrorKind::InvalidArgument);
    EXPECT_EQ(settings_.get(key).error().kind, ErrorKind::InvalidArgument);
    EXPECT_EQ(settings_.erase(key).error().kind, ErrorKind::InvalidArgument);
  }
  auto too_long = settings_.put("k", std::string(SettingsRepository::kMaxValueBytes + 1, 'v'));
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find(std::to_string(SettingsRepository::kMaxValueBytes + 1) +
                                          " bytes"),
            std::string::npos);
  EXPECT_TRUE(settings_.put(std::string(255, 'k'), std::string(4096, 'v')));
}

}  // namespace
