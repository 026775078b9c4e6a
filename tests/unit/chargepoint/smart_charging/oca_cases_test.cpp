// The OCA 1.6 test tool's Smart Charging cases, sent through the router as a central system sends
// them, on the governor with in-memory profiles, a fake charger and manual time. Expectations are
// the published ones (issue #5).
#include <gtest/gtest.h>

#include "governor_world.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using ocpp::messages::ChargePointStatus;

class OcaSmartCharging : public ::testing::Test, protected test_support::GovernorWorld {};

TEST_F(OcaSmartCharging, TC_056_TxDefaultProfile) {
  EXPECT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 10}})), "Accepted");
  EXPECT_EQ(composite(1, 60), "0:10");  // shows without a transaction too
  EXPECT_EQ(offered_a(), 0);            // nothing is offered without a transaction
  start_transaction();
  EXPECT_EQ(offered_a(), 10);
  EXPECT_EQ(governor->offered().source, chargepoint::limits::LimitSource::TxDefault);
  EXPECT_EQ(charger.offers, std::vector<double>({10}));
}

TEST_F(OcaSmartCharging, TC_057_TxProfileForTheRunningTransaction) {
  start_transaction(42);
  EXPECT_EQ(offered_a(), 32);  // nothing installed: the hardware maximum
  auto tx = profile(7, "TxProfile", 0, {{0, 6}});
  tx["transactionId"] = 42;
  EXPECT_EQ(set(1, tx), "Accepted");
  EXPECT_EQ(offered_a(), 6);
  EXPECT_EQ(governor->offered().source, chargepoint::limits::LimitSource::Tx);
  EXPECT_EQ(composite(1, 100), "0:6");
  // Deleted when its transaction ends (OCPP 1.6 §3.13.1).
  unplug();
  EXPECT_EQ(offered_a(), 0);
  EXPECT_TRUE(stored.profiles.empty());
  EXPECT_TRUE(governor->profiles().empty());
}

TEST_F(OcaSmartCharging, TC_058_1_TxProfileWithoutATransactionIsRejected) {
  EXPECT_EQ(set(1, profile(7, "TxProfile", 0, {{0, 6}})), "Rejected");
  EXPECT_TRUE(stored.profiles.empty());
}

TEST_F(OcaSmartCharging, TC_058_2_TxProfileWithAWrongTransactionIdIsRejected) {
  start_transaction(42);
  auto tx = profile(7, "TxProfile", 0, {{0, 6}});
  tx["transactionId"] = 43;
  EXPECT_EQ(set(1, tx), "Rejected");
  EXPECT_EQ(offered_a(), 32);
  EXPECT_TRUE(stored.profiles.empty());
}

TEST_F(OcaSmartCharging, TC_059_RemoteStartWithAChargingProfile) {
  authorizer.attach(&session);
  outbox.attach(&session);
  const auto answer =
      dispatch("RemoteStartTransaction",
               {{"connectorId", 1},
                {"idTag", "APP"},
                {"chargingProfile", profile(5, "TxProfile", 0, {{0, 8}, {60, 12}})}});
  EXPECT_EQ(answer, json({{"status", "Accepted"}}));
  timers.advance(0ms);  // no vehicle yet: waiting for one
  model.set_vehicle(hal::VehicleState::connected);
  transactions.vehicle_changed(hal::VehicleState::connected);
  ASSERT_TRUE(transactions.active());
  // The profile applies from the first offer on: never a moment of full current.
  EXPECT_EQ(charger.offers, std::vector<double>({8}));
  EXPECT_EQ(composite(1, 120), "0:8 60:12");
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 9}});
  timers.advance(60s);
  EXPECT_EQ(offered_a(), 12);  // Relative: from the transaction start
  unplug();
  EXPECT_TRUE(stored.profiles.empty());
}

TEST_F(OcaSmartCharging, TC_060_RemoteStartWithAProfileOfTheWrongPurposeIsRejected) {
  const auto answer = dispatch("RemoteStartTransaction",
                               {{"connectorId", 1},
                                {"idTag", "APP"},
                                {"chargingProfile", profile(5, "TxDefaultProfile", 0, {{0, 8}})}});
  EXPECT_EQ(answer, json({{"status", "Rejected"}}));
  EXPECT_TRUE(stored.profiles.empty());
}

// ChargePointMax 10 A; TxDefault 0/60/120/180/260 s → 6/10/8/15/8 A, duration 300; TxProfile
// 0/50/140/200/240 → 8/11/16/6/12 A, duration 260; 400 s requested.
class Tc066 : public OcaSmartCharging {
 protected:
  void install() {
    start_transaction(42);
    auto max = absolute(1, "ChargePointMaxProfile", 0, {{0, 10}});
    max["chargingSchedule"]["duration"] = 86400;
    auto tx_default =
        absolute(2, "TxDefaultProfile", 0, {{0, 6}, {60, 10}, {120, 8}, {180, 15}, {260, 8}});
    tx_default["chargingSchedule"]["duration"] = 300;
    auto tx = absolute(3, "TxProfile", 0, {{0, 8}, {50, 11}, {140, 16}, {200, 6}, {240, 12}});
    tx["chargingSchedule"]["duration"] = 260;
    tx["transactionId"] = 42;
    ASSERT_EQ(set(0, max), "Accepted");
    ASSERT_EQ(set(1, tx_default), "Accepted");
    ASSERT_EQ(set(1, tx), "Accepted");
  }
};

TEST_F(Tc066, TC_066_CompositeScheduleTxProfileKeepsOverruling) {
  install();
  EXPECT_EQ(composite(1, 400), "0:8 50:10 200:6 240:10");
  EXPECT_EQ(composite(0, 400), "0:8 50:10 200:6 240:10");
  EXPECT_EQ(offered_a(), 8);
}

TEST_F(Tc066, TC_066_CompositeScheduleWithTheFallbackSetting) {
  ASSERT_EQ(config.change("EO_TxProfileEndFallsBack", "true"), chargepoint::ChangeResult::Accepted);
  install();
  EXPECT_EQ(composite(1, 400), "0:8 50:10 200:6 240:10 260:8 300:10");
}

TEST_F(OcaSmartCharging, TC_066_UnknownConnectorIsRejected) {
  EXPECT_EQ(composite(2, 400), "Rejected");
  EXPECT_EQ(composite(1, 0), "0:32");  // duration 0: what holds now
}

TEST_F(OcaSmartCharging, TC_067_ClearChargingProfile) {
  ASSERT_EQ(set(1, profile(1, "TxDefaultProfile", 0, {{0, 10}})), "Accepted");
  EXPECT_EQ(clear({{"id", 1}}), "Accepted");
  EXPECT_EQ(clear({{"id", 1}}), "Unknown");
  EXPECT_TRUE(stored.profiles.empty());
  EXPECT_EQ(composite(1, 60), "0:32");
}

TEST_F(OcaSmartCharging, TC_072_StackingWithinAPurpose) {
  auto low = absolute(1, "TxDefaultProfile", 0, {{0, 6}, {100, 8}, {200, 10}});
  low["chargingSchedule"]["duration"] = 400;
  auto high = absolute(2, "TxDefaultProfile", 1, {{0, 7}, {100, 9}});
  high["chargingSchedule"]["duration"] = 150;
  ASSERT_EQ(set(1, low), "Accepted");
  ASSERT_EQ(set(1, high), "Accepted");
  EXPECT_EQ(composite(1, 350), "0:7 100:9 150:8 200:10");
}

TEST_F(OcaSmartCharging, TC_082_TxDefaultChangedDuringATransactionApplies) {
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 16}})), "Accepted");
  start_transaction();
  EXPECT_EQ(offered_a(), 16);
  EXPECT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 9}})), "Accepted");
  EXPECT_EQ(offered_a(), 9);
  EXPECT_EQ(charger.offers, std::vector<double>({16, 9}));
  EXPECT_EQ(governor->profiles().size(), 1U);
}

// Home Assistant's OCPP integration sets the current with a Relative ChargePointMaxProfile on
// connector 0 at the highest stack level; a charger refusing it does not work with Home Assistant.
TEST_F(OcaSmartCharging, HomeAssistantRelativeChargePointMaxAtTheMaxStackLevel) {
  start_transaction();
  auto ha = profile(8, "ChargePointMaxProfile", 8, {{0, 13}});
  EXPECT_EQ(set(0, ha), "Accepted");
  EXPECT_EQ(offered_a(), 13);
  EXPECT_EQ(governor->offered().source, chargepoint::limits::LimitSource::ChargePointMax);
  ha["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"] = 0;  // HA's "pause"
  EXPECT_EQ(set(0, ha), "Accepted");
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(model.status(1).status, ChargePointStatus::SuspendedEVSE);
  ha["stackLevel"] = 9;  // above ChargeProfileMaxStackLevel
  EXPECT_EQ(set(0, ha), "Rejected");
}

}  // namespace
