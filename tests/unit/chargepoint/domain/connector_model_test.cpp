#include "domain/connector_model.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace chargepoint {
namespace {

using hal::VehicleState;
using ocpp::messages::ChargePointStatus;

class ConnectorModelTest : public ::testing::Test {
 protected:
  ConnectorModelTest() {
    model_.on_change = [this](int id, const ConnectorStatus& status) {
      changes_.emplace_back(id, status.status);
    };
  }
  ConnectorModel model_;
  std::vector<std::pair<int, ChargePointStatus>> changes_;
};

TEST_F(ConnectorModelTest, StartsUnavailableUntilTheBoardReportsAState) {
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Unavailable);
  EXPECT_EQ(model_.status(0).status, ChargePointStatus::Available);
  model_.set_vehicle(VehicleState::no_vehicle);
  ASSERT_EQ(changes_.size(), 1U);
  EXPECT_EQ(changes_[0], std::make_pair(1, ChargePointStatus::Available));
}

TEST_F(ConnectorModelTest, ReportsOnlyChanges) {
  model_.set_vehicle(VehicleState::no_vehicle);
  model_.set_vehicle(VehicleState::no_vehicle);
  model_.set_offering_current(true);
  EXPECT_EQ(changes_.size(), 1U);
}

TEST_F(ConnectorModelTest, ASessionFromPlugInToUnplug) {
  model_.set_vehicle(VehicleState::no_vehicle);
  model_.set_vehicle(VehicleState::connected);
  model_.set_transaction(TransactionPhase::active);
  model_.set_vehicle(VehicleState::charging);
  model_.set_vehicle(VehicleState::ev_finished);
  model_.set_transaction(TransactionPhase::finishing);
  model_.set_vehicle(VehicleState::no_vehicle);
  const std::vector<std::pair<int, ChargePointStatus>> expected{
      {1, ChargePointStatus::Available},   {1, ChargePointStatus::Preparing},
      {1, ChargePointStatus::SuspendedEV}, {1, ChargePointStatus::Charging},
      {1, ChargePointStatus::SuspendedEV}, {1, ChargePointStatus::Finishing},
      {1, ChargePointStatus::Available}};
  EXPECT_EQ(changes_, expected);
  EXPECT_EQ(model_.transaction(), TransactionPhase::none);
}

TEST_F(ConnectorModelTest, FaultsOverlayAndClear) {
  model_.set_vehicle(VehicleState::no_vehicle);
  model_.raise_fault({hal::FaultCode::mains, "no supply"});
  EXPECT_EQ(model_.status(0).status, ChargePointStatus::Faulted);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Faulted);
  model_.raise_fault({hal::FaultCode::mains, "still no supply"});
  EXPECT_EQ(model_.faults().size(), 1U);
  EXPECT_EQ(model_.status(1).info, "still no supply");
  model_.clear_fault(hal::FaultCode::mains);
  EXPECT_EQ(model_.status(0).status, ChargePointStatus::Available);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Available);
}

TEST_F(ConnectorModelTest, InoperativeChargePointIsScheduledDuringATransaction) {
  model_.set_vehicle(VehicleState::charging);
  model_.set_transaction(TransactionPhase::active);
  model_.set_operative(0, false);
  EXPECT_EQ(model_.status(0).status, ChargePointStatus::Available);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Charging);
  model_.set_transaction(TransactionPhase::finishing);
  EXPECT_EQ(model_.status(0).status, ChargePointStatus::Unavailable);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Unavailable);
}

TEST_F(ConnectorModelTest, FinishingWithoutAVehicleIsNone) {
  model_.set_vehicle(VehicleState::no_vehicle);
  model_.set_transaction(TransactionPhase::finishing);
  EXPECT_EQ(model_.transaction(), TransactionPhase::none);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Available);
}

TEST_F(ConnectorModelTest, LostBoardLinkFaultsBoth) {
  model_.set_vehicle(VehicleState::no_vehicle);
  model_.set_board_link(false);
  EXPECT_EQ(model_.status(0).status, ChargePointStatus::Faulted);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Faulted);
  model_.set_board_link(true);
  EXPECT_EQ(model_.status(1).status, ChargePointStatus::Available);
}

}  // namespace
}  // namespace chargepoint

namespace chargepoint {
namespace {

TEST(ConnectorModelBatch, ReportsOnlyTheNetChange) {
  ConnectorModel model;
  std::vector<ocpp::messages::ChargePointStatus> seen;
  model.on_change = [&seen](int id, const ConnectorStatus& status) {
    if (id == 1) seen.push_back(status.status);
  };
  model.set_vehicle(hal::VehicleState::connected);
  model.set_transaction(TransactionPhase::active);
  seen.clear();
  {
    const ConnectorModel::Batch batch(model);
    model.set_vehicle(hal::VehicleState::no_vehicle);  // alone: SuspendedEV
    model.set_transaction(TransactionPhase::finishing);
    EXPECT_TRUE(seen.empty());
  }
  EXPECT_EQ(seen, std::vector<ocpp::messages::ChargePointStatus>{ocpp::messages::ChargePointStatus::Available});
}

}  // namespace
}  // namespace chargepoint
