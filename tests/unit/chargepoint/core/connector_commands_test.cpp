// ChangeAvailability (TC_034 persistence), UnlockConnector and Reset (TC_013-TC_016) on fakes.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "fake_charger.hpp"
#include "features/core/connector_commands.hpp"
#include "memory_ports.hpp"
#include "transaction_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::ConnectorModel;
using chargepoint::core::Authorizer;
using chargepoint::core::ConnectorCommands;
using chargepoint::core::TransactionOutbox;
using chargepoint::core::Transactions;
using hal::VehicleState;
using nlohmann::json;
using ocpp::messages::ChargePointStatus;

class ConnectorCommandsTest : public ::testing::Test, protected test_support::TransactionWorld {
 protected:
  ConnectorCommandsTest() {
    model.set_vehicle(VehicleState::no_vehicle);
    config.change("AllowOfflineTxForUnknownId", "true");
    commands.register_handlers(router);
    commands.on_reset = [this](ocpp::messages::ResetType type) { resets.push_back(type); };
  }
  json send(const std::string& action, const json& payload) { return dispatch(action, payload); }
  void start_transaction() {
    model.set_vehicle(VehicleState::connected);
    transactions.vehicle_changed(VehicleState::connected);
    ASSERT_TRUE(transactions.active());
  }

  test_support::MemoryKeyValues values;
  test_support::FakeCharger charger;
  ConnectorCommands commands{model, values, transactions, outbox, charger, timers};
  std::vector<ocpp::messages::ResetType> resets;
};

TEST_F(ConnectorCommandsTest, TC_034_UnavailableIsPersistedAndRestored) {
  EXPECT_EQ(send("ChangeAvailability", {{"connectorId", 1}, {"type", "Inoperative"}}),
            json({{"status", "Accepted"}}));
  timers.advance(0ms);  // applied after the answer
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Unavailable);
  EXPECT_EQ(values.values.at("availability.1"), "Inoperative");

  ConnectorModel after_restart;
  ConnectorCommands restored{after_restart, values, transactions, outbox, charger, timers};
  restored.restore();
  after_restart.set_vehicle(VehicleState::no_vehicle);
  EXPECT_EQ(after_restart.status(1).status, ChargePointStatus::Unavailable);

  EXPECT_EQ(send("ChangeAvailability", {{"connectorId", 1}, {"type", "Operative"}}),
            json({{"status", "Accepted"}}));
  timers.advance(0ms);  // applied after the answer
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Available);
  EXPECT_EQ(send("ChangeAvailability", {{"connectorId", 2}, {"type", "Operative"}}),
            json({{"status", "Rejected"}}));
}

TEST_F(ConnectorCommandsTest, InoperativeDuringATransactionIsScheduled) {
  start_transaction();
  EXPECT_EQ(send("ChangeAvailability", {{"connectorId", 0}, {"type", "Inoperative"}}),
            json({{"status", "Scheduled"}}));
  timers.advance(0ms);  // applied after the answer
  EXPECT_NE(model.status(1).status, ChargePointStatus::Unavailable);
  transactions.stop(ocpp::messages::StopReason::Local);
  EXPECT_EQ(model.status(0).status, ChargePointStatus::Unavailable);
  EXPECT_EQ(model.status(1).status, ChargePointStatus::Unavailable);
}

TEST_F(ConnectorCommandsTest, UnlockConnector) {
  EXPECT_EQ(send("UnlockConnector", {{"connectorId", 1}}),
            json({{"status", "NotSupported"}}));  // EO: no lock
  charger.caps().has_connector_lock = true;
  EXPECT_EQ(send("UnlockConnector", {{"connectorId", 2}}), json({{"status", "NotSupported"}}));
  start_transaction();
  EXPECT_EQ(send("UnlockConnector", {{"connectorId", 1}}), json({{"status", "Unlocked"}}));
  EXPECT_FALSE(transactions.active());
  EXPECT_EQ(store.entries.back().payload.at("reason"), "UnlockCommand");
  charger.unlock_result = hal::UnlockResult::failed;
  EXPECT_EQ(send("UnlockConnector", {{"connectorId", 1}}), json({{"status", "UnlockFailed"}}));
}

TEST_F(ConnectorCommandsTest, TC_013_HardResetStopsTheTransactionAndWaitsForItsDelivery) {
  start_transaction();
  outbox.attach(&session);
  io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 3}});
  EXPECT_EQ(send("Reset", {{"type", "Hard"}}), json({{"status", "Accepted"}}));
  EXPECT_TRUE(resets.empty());
  timers.advance(0ms);
  EXPECT_FALSE(transactions.active());
  EXPECT_EQ(io.last().at(2), "StopTransaction");
  EXPECT_EQ(io.last().at(3).at("reason"), "HardReset");
  EXPECT_EQ(charger.offers.back(), 0.0);
  timers.advance(1s);
  EXPECT_TRUE(resets.empty());  // StopTransaction not yet confirmed
  io.answer_last(json::object());
  timers.advance(200ms);
  ASSERT_EQ(resets.size(), 1U);
  EXPECT_EQ(resets[0], ocpp::messages::ResetType::Hard);
}

TEST_F(ConnectorCommandsTest, TC_014_SoftResetOfflineRestartsAfterTheTimeout) {
  start_transaction();
  send("Reset", {{"type", "Soft"}});
  timers.advance(0ms);
  EXPECT_EQ(store.entries.back().payload.at("reason"), "SoftReset");
  timers.advance(ConnectorCommands::k_reset_drain_timeout);
  ASSERT_EQ(resets.size(), 1U);
  EXPECT_EQ(resets[0], ocpp::messages::ResetType::Soft);
  EXPECT_EQ(store.size(), 2U);  // still queued for after the restart
}

}  // namespace

namespace {

TEST_F(ConnectorCommandsTest, BackToOperativeWithACarPluggedInStartsPlugAndCharge) {
  send("ChangeAvailability", {{"connectorId", 1}, {"type", "Inoperative"}});
  timers.advance(0ms);
  model.set_vehicle(VehicleState::connected);
  transactions.vehicle_changed(VehicleState::connected);
  EXPECT_FALSE(transactions.active());
  send("ChangeAvailability", {{"connectorId", 1}, {"type", "Operative"}});
  EXPECT_FALSE(transactions.active());
  timers.advance(0ms);
  EXPECT_TRUE(transactions.active());  // offline with AllowOfflineTxForUnknownId (fixture)
}

}  // namespace

namespace {

TEST_F(ConnectorCommandsTest, TwoAvailabilityChangesInOneTurnAreBothApplied) {
  send("ChangeAvailability", {{"connectorId", 0}, {"type", "Inoperative"}});
  send("ChangeAvailability", {{"connectorId", 1}, {"type", "Inoperative"}});
  timers.advance(0ms);
  EXPECT_FALSE(model.operative(0));
  EXPECT_FALSE(model.operative(1));
}

}  // namespace
