// The SetChargingProfile / ClearChargingProfile rules beyond the OCA cases (OCPP 1.6 §3.13, §5.5,
// §5.16, issue #5), and persistence across a restart, through the router.
#include <gtest/gtest.h>

#include "governor_world.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ProfileRules : public ::testing::Test, protected test_support::GovernorWorld {};

TEST_F(ProfileRules, PurposesAndConnectors) {
  EXPECT_EQ(set(1, profile(1, "ChargePointMaxProfile", 0, {{0, 10}})), "Rejected");
  EXPECT_EQ(set(2, profile(1, "TxDefaultProfile", 0, {{0, 10}})), "Rejected");
  EXPECT_EQ(set(0, profile(1, "TxProfile", 0, {{0, 10}})), "Rejected");
  auto with_tx_id = profile(1, "TxDefaultProfile", 0, {{0, 10}});
  with_tx_id["transactionId"] = 42;
  EXPECT_EQ(set(0, with_tx_id), "Rejected");
  EXPECT_EQ(set(0, profile(1, "ChargePointMaxProfile", 0, {{0, 10}})), "Accepted");
  EXPECT_EQ(set(1, profile(2, "TxDefaultProfile", 0, {{0, 10}})), "Accepted");
}

TEST_F(ProfileRules, BadSchedulesAreRejected) {
  EXPECT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{5, 10}})), "Rejected");  // first not 0
  EXPECT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 10}, {0, 8}})), "Rejected");
  std::vector<std::pair<int, double>> many;
  for (int i = 0; i < 49; ++i) many.emplace_back(i * 60, 10);  // ChargingScheduleMaxPeriods 48
  EXPECT_EQ(set(0, profile(1, "TxDefaultProfile", 0, many)), "Rejected");
  many.pop_back();
  EXPECT_EQ(set(0, profile(1, "TxDefaultProfile", 0, many)), "Accepted");
  auto expired = profile(2, "TxDefaultProfile", 1, {{0, 10}});
  expired["validTo"] = iso(clock.now() - 1s);
  EXPECT_EQ(set(0, expired), "Rejected");
}

TEST_F(ProfileRules, ReplacementByIdOrByPurposeAndStackLevel) {
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 10}})), "Accepted");
  ASSERT_EQ(set(0, profile(2, "TxDefaultProfile", 0, {{0, 12}})), "Accepted");  // replaces id 1
  EXPECT_EQ(stored.profiles.count(1), 0U);
  ASSERT_EQ(set(1, profile(3, "TxDefaultProfile", 0, {{0, 14}})), "Accepted");  // other connector
  ASSERT_EQ(set(0, profile(3, "TxDefaultProfile", 2, {{0, 16}})), "Accepted");  // same id moves
  EXPECT_EQ(governor->profiles().size(), 2U);
  EXPECT_EQ(stored.profiles.at(3).connector_id, 0);
}

TEST_F(ProfileRules, MaxChargingProfilesInstalledCountsAfterTheReplacement) {
  for (int level = 0; level <= 8; ++level)
    ASSERT_EQ(set(0, profile(100 + level, "ChargePointMaxProfile", level, {{0, 32}})), "Accepted");
  for (int level = 0; level <= 8; ++level)
    ASSERT_EQ(set(0, profile(200 + level, "TxDefaultProfile", level, {{0, 32}})), "Accepted");
  ASSERT_EQ(set(1, profile(300, "TxDefaultProfile", 0, {{0, 32}})), "Accepted");
  ASSERT_EQ(set(1, profile(301, "TxDefaultProfile", 1, {{0, 32}})), "Accepted");
  ASSERT_EQ(governor->profiles().size(), 20U);  // MaxChargingProfilesInstalled
  EXPECT_EQ(set(1, profile(302, "TxDefaultProfile", 2, {{0, 32}})), "Rejected");
  EXPECT_EQ(set(1, profile(301, "TxDefaultProfile", 1, {{0, 20}})), "Accepted");  // same id
  EXPECT_EQ(set(1, profile(303, "TxDefaultProfile", 1, {{0, 20}})), "Accepted");  // same level
  EXPECT_EQ(governor->profiles().size(), 20U);
  EXPECT_EQ(stored.profiles.size(), 20U);
}

TEST_F(ProfileRules, ClearFiltersMustAllMatchAndStackLevelZeroIsAFilter) {
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 10}})), "Accepted");
  ASSERT_EQ(set(0, profile(2, "TxDefaultProfile", 1, {{0, 12}})), "Accepted");
  ASSERT_EQ(set(0, profile(3, "ChargePointMaxProfile", 0, {{0, 16}})), "Accepted");
  EXPECT_EQ(clear({{"connectorId", 1}}), "Unknown");
  EXPECT_EQ(clear({{"chargingProfilePurpose", "TxProfile"}}), "Unknown");
  EXPECT_EQ(clear({{"chargingProfilePurpose", "TxDefaultProfile"}, {"stackLevel", 0}}), "Accepted");
  EXPECT_EQ(stored.profiles.count(1), 0U);
  EXPECT_EQ(stored.profiles.count(2), 1U);
  EXPECT_EQ(stored.profiles.count(3), 1U);
  // An id overrides the other fields.
  EXPECT_EQ(clear({{"id", 3}, {"connectorId", 1}, {"stackLevel", 5}}), "Accepted");
  EXPECT_EQ(clear(json::object()), "Accepted");  // no fields: everything
  EXPECT_TRUE(stored.profiles.empty());
  EXPECT_EQ(clear(json::object()), "Unknown");
}

TEST_F(ProfileRules, CompositeUnitsAndWatts) {
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 10}})), "Accepted");
  EXPECT_EQ(composite(1, 60, "W"), "0:2300");  // one phase at 230 V
  ASSERT_EQ(config.change("EO_NominalVoltageV", "240"), chargepoint::ChangeResult::Accepted);
  EXPECT_EQ(composite(1, 60, "W"), "0:2400");
  auto watts = profile(2, "TxDefaultProfile", 1, {{0, 4000}});
  watts["chargingSchedule"]["chargingRateUnit"] = "W";
  ASSERT_EQ(set(0, watts), "Accepted");
  EXPECT_EQ(composite(1, 60), "0:16.6");  // 4000 W / 240 V = 16.66 A, truncated
}

TEST_F(ProfileRules, ProfilesSurviveARestartWithTheirReceiptTime) {
  ASSERT_EQ(set(0, profile(8, "ChargePointMaxProfile", 8, {{0, 13}})), "Accepted");
  // Absolute without startSchedule: starts when received, and keeps that start after a restart.
  ASSERT_EQ(set(0, profile(2, "TxDefaultProfile", 0, {{0, 6}, {600, 10}}, "Absolute")), "Accepted");
  timers.advance(300s);
  const auto before = composite(1, 600);
  EXPECT_EQ(before, "0:6 300:10");
  boot();  // a new governor on the same store
  EXPECT_EQ(governor->profiles().size(), 2U);
  EXPECT_EQ(composite(1, 600), before);
  start_transaction();
  EXPECT_EQ(offered_a(), 6);
  timers.advance(300s);
  EXPECT_EQ(offered_a(), 10);
}

TEST_F(ProfileRules, ExpiredProfilesArePurged) {
  auto limited = profile(1, "TxDefaultProfile", 0, {{0, 10}});
  limited["validTo"] = iso(clock.now() + 60s);
  ASSERT_EQ(set(0, limited), "Accepted");
  auto ending = absolute(2, "TxDefaultProfile", 1, {{0, 8}});
  ending["chargingSchedule"]["duration"] = 120;
  ASSERT_EQ(set(0, ending), "Accepted");
  timers.advance(60s);  // the governor's boundary timer fires at validTo
  EXPECT_EQ(stored.profiles.count(1), 0U);
  EXPECT_EQ(stored.profiles.count(2), 1U);
  timers.advance(60s);
  EXPECT_TRUE(stored.profiles.empty());
}

}  // namespace
