// The statuses a transaction start reports, wired like the daemon (the offer follows
// energy_allowed()). Found by the integration tests (session_vs_ocpp_rpc): a RemoteStartTransaction
// with the vehicle already plugged in reported a passing SuspendedEVSE before SuspendedEV, and the
// status went out before its StartTransaction.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "fake_session_io.hpp"
#include "features/core/transactions.hpp"
#include "memory_ports.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::ConnectorModel;
using chargepoint::core::Authorizer;
using chargepoint::core::TransactionOutbox;
using chargepoint::core::Transactions;
using hal::VehicleState;
using nlohmann::json;
using ocpp::messages::ChargePointStatus;

class TransactionStatusTest : public ::testing::Test {
 protected:
  TransactionStatusTest() {
    io.attach(session);
    transactions.register_handlers(router);
    transactions.on_energy_allowed_changed = [this] {
      model.set_offering_current(transactions.energy_allowed());
    };
    model.on_change = [this](int connector_id, const chargepoint::ConnectorStatus& status) {
      if (connector_id != ConnectorModel::k_connector_id) return;
      reported.push_back(status.status);
      last_call_when_reported.push_back(io.sent.empty() ? "" : io.last().at(2).get<std::string>());
    };
    model.set_vehicle(VehicleState::no_vehicle);
    model.set_offering_current(false);  // as after any transaction: nothing offered in between
    authorizer.attach(&session);
    outbox.attach(&session);
    reported.clear();  // the first Available
    last_call_when_reported.clear();
  }

  common::ManualTimers timers;
  common::ManualClock clock{timers, std::chrono::sys_days{std::chrono::year{2026} / 11 / 22}};
  test_support::FakeSessionIo io{timers};
  ocpp::Router router;
  ocpp::Session session{router, io, {}};
  chargepoint::ConfigurationStore config;
  test_support::MemoryAuthCache cache;
  test_support::MemoryJournal journal;
  test_support::MemoryOutbox store;
  ConnectorModel model;
  Authorizer authorizer{config, cache, clock};
  TransactionOutbox outbox{store, config, timers};
  Transactions transactions{
      {journal, outbox, authorizer, model}, config, timers, clock, {""}, [] { return 0; }};
  std::vector<ChargePointStatus> reported;
  std::vector<std::string> last_call_when_reported;  // the last CALL sent when each was reported
};

TEST_F(TransactionStatusTest,
       TC_010_RemoteStartWithTheVehiclePluggedReportsOneStatusAfterTheStart) {
  model.set_vehicle(VehicleState::connected);
  transactions.vehicle_changed(VehicleState::connected);
  ASSERT_EQ(reported, std::vector<ChargePointStatus>{ChargePointStatus::Preparing});

  ASSERT_TRUE(router.dispatch("RemoteStartTransaction", json{{"idTag", "TAG1"}}).ok());
  timers.advance(0ms);  // the start runs after the answer
  ASSERT_TRUE(transactions.active());
  EXPECT_EQ(reported, (std::vector<ChargePointStatus>{ChargePointStatus::Preparing,
                                                      ChargePointStatus::SuspendedEV}))
      << "the start and its offer are one change, with no SuspendedEVSE in between";
  EXPECT_EQ(last_call_when_reported.back(), "StartTransaction");
}

TEST_F(TransactionStatusTest, RemoteStartBeforePlugInReportsTheStartAfterStartTransaction) {
  ASSERT_TRUE(router.dispatch("RemoteStartTransaction", json{{"idTag", "TAG1"}}).ok());
  timers.advance(0ms);
  EXPECT_EQ(reported, std::vector<ChargePointStatus>{ChargePointStatus::Preparing});
  model.set_vehicle(VehicleState::connected);
  transactions.vehicle_changed(VehicleState::connected);
  ASSERT_TRUE(transactions.active());
  EXPECT_EQ(reported, (std::vector<ChargePointStatus>{ChargePointStatus::Preparing,
                                                      ChargePointStatus::SuspendedEV}));
  EXPECT_EQ(last_call_when_reported.back(), "StartTransaction");
}

}  // namespace
