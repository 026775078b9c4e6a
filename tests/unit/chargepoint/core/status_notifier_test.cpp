// StatusNotification on a fake session (OCPP 1.6 §4.9): changes while registered, all statuses on
// attach.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "features/core/status_notifier.hpp"
#include "ocpp_world.hpp"

namespace {

using chargepoint::ConnectorModel;
using chargepoint::core::StatusNotifier;
using hal::VehicleState;

class StatusNotifierTest : public ::testing::Test, protected test_support::OcppWorld {
 protected:
  // Answers every call still outstanding (the session sends one at a time) and returns them all.
  std::vector<nlohmann::json> drain() {
    std::vector<nlohmann::json> calls;
    while (io.sent.size() > seen_) {
      seen_ = io.sent.size();
      calls.push_back(io.last());
      io.answer_last(nlohmann::json::object());
    }
    return calls;
  }

  std::size_t seen_ = 0;
  ConnectorModel model;
  StatusNotifier notifier{model, clock, config, timers};
};

TEST_F(StatusNotifierTest, NothingIsSentBeforeRegistration) {
  model.set_vehicle(VehicleState::no_vehicle);
  EXPECT_TRUE(io.sent.empty());
}

TEST_F(StatusNotifierTest, AttachReportsBothConnectors) {
  model.set_vehicle(VehicleState::no_vehicle);
  notifier.attach(&session);
  const auto calls = drain();
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0].at(2), "StatusNotification");
  EXPECT_EQ(calls[0].at(3).at("connectorId"), 0);
  EXPECT_EQ(calls[0].at(3).at("status"), "Available");
  EXPECT_EQ(calls[1].at(3).at("connectorId"), 1);
  EXPECT_EQ(calls[1].at(3).at("status"), "Available");
  EXPECT_EQ(calls[1].at(3).at("errorCode"), "NoError");
  EXPECT_EQ(calls[1].at(3).at("timestamp"), "2026-11-22T00:00:00Z");
  EXPECT_FALSE(calls[1].at(3).contains("info"));
}

TEST_F(StatusNotifierTest, EveryChangeIsSentWhileAttachedAndNoneAfterDetach) {
  model.set_vehicle(VehicleState::no_vehicle);
  notifier.attach(&session);
  drain();
  model.set_vehicle(VehicleState::connected);
  model.raise_fault({hal::FaultCode::ground_failure, "RCD tripped"});
  auto calls = drain();
  ASSERT_EQ(calls.size(), 3U);  // connector 1 Preparing, connector 0 Faulted, connector 1 Faulted
  EXPECT_EQ(calls[0].at(3).at("status"), "Preparing");
  EXPECT_EQ(calls[2].at(3).at("status"), "Faulted");
  EXPECT_EQ(calls[2].at(3).at("errorCode"), "GroundFailure");
  EXPECT_EQ(calls[2].at(3).at("info"), "RCD tripped");
  notifier.attach(nullptr);
  model.clear_fault(hal::FaultCode::ground_failure);
  EXPECT_TRUE(drain().empty());
}

TEST_F(StatusNotifierTest, ReportSendsEvenWithoutAChange) {
  model.set_vehicle(VehicleState::no_vehicle);
  notifier.attach(&session);
  drain();
  notifier.report(1);
  const auto calls = drain();
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].at(3).at("connectorId"), 1);
}

}  // namespace

namespace {

using namespace std::chrono_literals;

TEST_F(StatusNotifierTest, MinimumStatusDurationHoldsBackShortLivedStatuses) {
  config.change("MinimumStatusDuration", "5");
  model.set_vehicle(VehicleState::no_vehicle);
  notifier.attach(&session);
  drain();
  model.set_vehicle(VehicleState::connected);  // Preparing...
  timers.advance(2s);
  model.set_vehicle(VehicleState::no_vehicle);  // ...back to Available within 5 s: nothing to say
  timers.advance(10s);
  EXPECT_TRUE(drain().empty());
  model.set_vehicle(VehicleState::connected);
  timers.advance(4s);
  EXPECT_TRUE(drain().empty());
  timers.advance(1s);
  const auto calls = drain();
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].at(3).at("status"), "Preparing");
}

}  // namespace
