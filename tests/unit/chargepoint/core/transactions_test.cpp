// Transactions end to end on the domain level: fake session, in-memory journal and outbox, manual
// clock. Names follow the OCA 1.6 test cases where one applies (TC_003 plug-and-charge session,
// TC_010-TC_012 remote start/stop, TC_032 power failure).
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "features/core/transactions.hpp"
#include "memory_ports.hpp"
#include "transaction_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::ConnectorModel;
using chargepoint::TransactionPhase;
using chargepoint::core::Authorizer;
using chargepoint::core::TransactionOutbox;
using chargepoint::core::Transactions;
using hal::VehicleState;
using nlohmann::json;
using ocpp::messages::ChargePointStatus;

class TransactionsTest : public ::testing::Test, protected test_support::TransactionWorld {
 protected:
  TransactionsTest() { model.set_vehicle(VehicleState::no_vehicle); }

  void go_online() {
    authorizer.attach(&session);
    outbox.attach(&session);
  }
  void plug_in() {
    model.set_vehicle(VehicleState::connected);
    transactions.vehicle_changed(VehicleState::connected);
  }
  void unplug() {
    model.set_vehicle(VehicleState::no_vehicle);
    transactions.vehicle_changed(VehicleState::no_vehicle);
  }
  json last() const { return io.last(); }
  std::string last_action() const {
    return io.sent.empty() ? "" : io.last().at(2).get<std::string>();
  }
  json remote(const std::string& action, const json& payload) { return dispatch(action, payload); }

  int registered = [this] {
    transactions.register_handlers(router);
    return 0;
  }();
};

TEST_F(TransactionsTest, TC_003_PlugAndChargeSessionOnline) {
  go_online();
  plug_in();
  EXPECT_EQ(last_action(), "Authorize");
  EXPECT_EQ(last().at(3), json({{"idTag", "EO-PLUG"}}));
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}});
  ASSERT_EQ(last_action(), "StartTransaction");
  EXPECT_EQ(last().at(3).at("meterStart"), 1000);
  EXPECT_EQ(last().at(3).at("connectorId"), 1);
  EXPECT_EQ(model.status(1).status, ChargePointStatus::SuspendedEV);
  EXPECT_TRUE(transactions.energy_allowed());
  EXPECT_EQ(transactions.transaction_id(), -1);
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 42}});
  EXPECT_EQ(transactions.transaction_id(), 42);
  EXPECT_EQ(journal.open.begin()->second.transaction_id, 42);

  energy_wh = 8500;
  unplug();
  ASSERT_EQ(last_action(), "StopTransaction");
  EXPECT_EQ(last().at(3).at("transactionId"), 42);
  EXPECT_EQ(last().at(3).at("meterStop"), 8500);
  EXPECT_EQ(last().at(3).at("reason"), "EVDisconnected");
  EXPECT_FALSE(last().at(3).contains("idTag"));
  EXPECT_FALSE(transactions.active());
  EXPECT_FALSE(transactions.energy_allowed());
  EXPECT_TRUE(journal.open.empty());
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Available);
}

TEST_F(TransactionsTest, OfflineStartIsQueuedAndDeliveredOnReconnect) {
  config.change("AllowOfflineTxForUnknownId", "true");
  plug_in();
  EXPECT_TRUE(io.sent.empty());
  EXPECT_TRUE(transactions.active());
  energy_wh = 1500;
  transactions.stop(ocpp::messages::StopReason::Local);
  EXPECT_EQ(store.size(), 2U);
  go_online();
  ASSERT_EQ(last_action(), "StartTransaction");
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 7}});
  ASSERT_EQ(last_action(), "StopTransaction");
  EXPECT_EQ(last().at(3).at("transactionId"), 7);
  EXPECT_EQ(last().at(3).at("meterStop"), 1500);
}

TEST_F(TransactionsTest, OfflineUnknownIdIsNotStartedByDefault) {
  plug_in();
  EXPECT_FALSE(transactions.active());
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Preparing);
}

TEST_F(TransactionsTest, TC_010_RemoteStartWithTheVehicleAlreadyPlugged) {
  go_online();
  config.change("LocalPreAuthorize", "false");
  transactions.vehicle_changed(VehicleState::unknown);  // board still starting: nothing decided
  model.set_vehicle(VehicleState::connected);
  EXPECT_EQ(remote("RemoteStartTransaction", {{"connectorId", 0}, {"idTag", "APP"}}),
            json({{"status", "Rejected"}}));
  EXPECT_EQ(remote("RemoteStartTransaction", {{"connectorId", 2}, {"idTag", "APP"}}),
            json({{"status", "Rejected"}}));
  EXPECT_EQ(remote("RemoteStartTransaction", {{"connectorId", 1}, {"idTag", "APP"}}),
            json({{"status", "Accepted"}}));
  EXPECT_TRUE(io.sent.empty());  // the answer goes out first
  timers.advance(0ms);
  ASSERT_EQ(last_action(), "StartTransaction");  // AuthorizeRemoteTxRequests false: no Authorize
  EXPECT_EQ(last().at(3).at("idTag"), "APP");
  EXPECT_EQ(remote("RemoteStartTransaction", {{"idTag", "APP2"}}), json({{"status", "Rejected"}}));
}

TEST_F(TransactionsTest, TC_011_RemoteStartBeforePlugInTimesOut) {
  go_online();
  EXPECT_EQ(remote("RemoteStartTransaction", {{"idTag", "APP"}}), json({{"status", "Accepted"}}));
  timers.advance(0ms);
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Preparing);
  timers.advance(std::chrono::seconds(config.get_int("ConnectionTimeOut")));
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Available);
  plug_in();  // plug-and-charge takes over now
  EXPECT_EQ(last_action(), "Authorize");
}

TEST_F(TransactionsTest, RemoteStartWaitsForTheVehicle) {
  go_online();
  remote("RemoteStartTransaction", {{"idTag", "APP"}});
  timers.advance(0ms);
  timers.advance(10s);
  plug_in();
  ASSERT_EQ(last_action(), "StartTransaction");
  EXPECT_EQ(last().at(3).at("idTag"), "APP");
}

TEST_F(TransactionsTest, AuthorizeRemoteTxRequestsAsksFirst) {
  go_online();
  config.change("AuthorizeRemoteTxRequests", "true");
  model.set_vehicle(VehicleState::connected);
  remote("RemoteStartTransaction", {{"idTag", "APP"}});
  timers.advance(0ms);
  ASSERT_EQ(last_action(), "Authorize");
  io.answer_last({{"idTagInfo", {{"status", "Invalid"}}}});
  EXPECT_FALSE(transactions.active());
}

TEST_F(TransactionsTest, TC_012_RemoteStop) {
  go_online();
  config.change("LocalPreAuthorize", "true");
  cache.put("EO-PLUG", {"Accepted", std::nullopt, std::nullopt});
  plug_in();
  ASSERT_EQ(last_action(), "StartTransaction");
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 99}});
  EXPECT_EQ(remote("RemoteStopTransaction", {{"transactionId", 98}}),
            json({{"status", "Rejected"}}));
  EXPECT_EQ(remote("RemoteStopTransaction", {{"transactionId", 99}}),
            json({{"status", "Accepted"}}));
  EXPECT_TRUE(transactions.active());
  timers.advance(0ms);
  ASSERT_EQ(last_action(), "StopTransaction");
  EXPECT_EQ(last().at(3).at("reason"), "Remote");
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Finishing);
  unplug();
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Available);
}

TEST_F(TransactionsTest, InvalidIdInStartTransactionConfStopsWithDeAuthorized) {
  go_online();
  config.change("LocalPreAuthorize", "true");
  cache.put("EO-PLUG", {"Accepted", std::nullopt, std::nullopt});
  plug_in();
  io.answer_last({{"idTagInfo", {{"status", "Blocked"}}}, {"transactionId", 5}});
  ASSERT_EQ(last_action(), "StopTransaction");
  EXPECT_EQ(last().at(3).at("reason"), "DeAuthorized");
  EXPECT_EQ(last().at(3).at("transactionId"), 5);
  EXPECT_EQ(cache.entries.at("EO-PLUG").status, "Blocked");
}

TEST_F(TransactionsTest, InvalidIdWithoutStopSuspendsAfterMaxEnergyOnInvalidId) {
  go_online();
  config.change("LocalPreAuthorize", "true");
  config.change("StopTransactionOnInvalidId", "false");
  config.change("MaxEnergyOnInvalidId", "500");
  cache.put("EO-PLUG", {"Accepted", std::nullopt, std::nullopt});
  plug_in();
  io.answer_last({{"idTagInfo", {{"status", "Invalid"}}}, {"transactionId", 5}});
  EXPECT_TRUE(transactions.active());
  EXPECT_TRUE(transactions.energy_allowed());
  energy_wh += 500;
  transactions.checkpoint();
  EXPECT_FALSE(transactions.energy_allowed());
}

TEST_F(TransactionsTest, UnplugKeepsTheTransactionWhenConfigured) {
  config.change("AllowOfflineTxForUnknownId", "true");
  config.change("StopTransactionOnEVSideDisconnect", "false");
  plug_in();
  unplug();
  EXPECT_TRUE(transactions.active());
  EXPECT_EQ(model.status(1).status, ChargePointStatus::SuspendedEV);
}

TEST_F(TransactionsTest, TC_032_PowerLossClosesInterruptedTransactions) {
  energy_wh = 50;  // the register restored after the cut is below these checkpoints (a fresh box)
  chargepoint::TransactionRecord interrupted;
  interrupted.id_tag = "EO-PLUG";
  interrupted.meter_start_wh = 100;
  interrupted.started_at = clock.now() - 1h;
  interrupted.transaction_id = 31;
  const auto known = journal.begin(interrupted);
  journal.checkpoint(known, 900, clock.now() - 10min);
  interrupted.transaction_id.reset();
  const auto unconfirmed = journal.begin(interrupted);
  const auto already_stopping = journal.begin(interrupted);
  store.push("StopTransaction",
             {{"meterStop", 1}, {"timestamp", "2026-11-22T00:00:00Z"}, {"transactionId", nullptr}},
             already_stopping);

  transactions.recover();
  EXPECT_TRUE(journal.open.empty());
  ASSERT_EQ(store.size(), 3U);
  EXPECT_EQ(store.entries[1].payload.at("reason"), "PowerLoss");
  EXPECT_EQ(store.entries[1].payload.at("transactionId"), 31);
  EXPECT_EQ(store.entries[1].payload.at("meterStop"), 900);
  EXPECT_EQ(store.entries[2].local_transaction_id, unconfirmed);
  EXPECT_TRUE(store.entries[2].payload.at("transactionId").is_null());
  EXPECT_EQ(store.entries[2].payload.at("meterStop"), 100);
}

TEST_F(TransactionsTest, LocalIdTagStopsItsOwnTransaction) {
  config.change("AllowOfflineTxForUnknownId", "true");
  plug_in();
  transactions.present_id_tag("SOMEONE-ELSE");
  EXPECT_TRUE(transactions.active());
  transactions.present_id_tag("EO-PLUG");
  EXPECT_FALSE(transactions.active());
  EXPECT_EQ(store.entries.back().payload.at("idTag"), "EO-PLUG");
  EXPECT_EQ(store.entries.back().payload.at("reason"), "Local");
}

TEST_F(TransactionsTest, InoperativeConnectorStartsNothing) {
  config.change("AllowOfflineTxForUnknownId", "true");
  model.set_operative(1, false);
  plug_in();
  EXPECT_FALSE(transactions.active());
  EXPECT_EQ(remote("RemoteStartTransaction", {{"idTag", "APP"}}), json({{"status", "Rejected"}}));
}

}  // namespace

namespace {

TEST_F(TransactionsTest, PowerLossStopIsNeverBelowTheRestoredRegister) {
  chargepoint::TransactionRecord interrupted;
  interrupted.meter_start_wh = 100;
  interrupted.started_at = clock.now() - 1h;
  const auto id = journal.begin(interrupted);
  journal.checkpoint(id, 300, clock.now() - 30min);
  energy_wh = 5200;  // meter values up to here went out after the last checkpoint
  transactions.recover();
  ASSERT_EQ(store.size(), 1U);
  EXPECT_EQ(store.entries[0].payload.at("meterStop"), 5200);
}

}  // namespace

namespace {

TEST_F(TransactionsTest, PowerLossStopIsStampedNoEarlierThanTheLastStoredReading) {
  chargepoint::TransactionRecord interrupted;
  interrupted.meter_start_wh = 100;
  interrupted.started_at = clock.now() - 1h;
  journal.begin(interrupted);
  transactions.recover(clock.now() - 5min);
  ASSERT_EQ(store.size(), 1U);
  EXPECT_EQ(store.entries[0].payload.at("timestamp"), "2026-11-21T23:55:00Z");
}

}  // namespace

namespace {

TEST_F(TransactionsTest, ARemoteStartProfileDoesNotOutliveItsRemoteStart) {
  go_online();
  const json profile = {
      {"chargingProfileId", 1},
      {"stackLevel", 0},
      {"chargingProfilePurpose", "TxProfile"},
      {"chargingProfileKind", "Relative"},
      {"chargingSchedule",
       {{"chargingRateUnit", "A"},
        {"chargingSchedulePeriod", json::array({{{"startPeriod", 0}, {"limit", 8.0}}})}}}};
  EXPECT_EQ(remote("RemoteStartTransaction", {{"idTag", "APP"}, {"chargingProfile", profile}}),
            json({{"status", "Accepted"}}));
  timers.advance(0ms);
  EXPECT_TRUE(transactions.remote_start_profile());
  timers.advance(std::chrono::seconds(config.get_int("ConnectionTimeOut")));
  EXPECT_FALSE(transactions.remote_start_profile());
}

}  // namespace
