// Registration on a manual clock: BootNotification outcomes (OCPP 1.6 §4.2) and the heartbeat
// (§4.6).
#include <gtest/gtest.h>

#include "common/manual_timers.hpp"
#include "fake_session_io.hpp"
#include "features/core/registration.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::ConfigurationStore;
using chargepoint::core::Registration;
using chargepoint::core::RegistrationState;

class RegistrationTest : public ::testing::Test {
 protected:
  RegistrationTest()
      : io(timers), session(router, io, {}), registration(timers, config, identity()) {
    io.attach(session);
  }

  static ocpp::messages::BootNotificationRequest identity() {
    ocpp::messages::BootNotificationRequest request;
    request.chargePointVendor = "EO Charging";
    request.chargePointModel = "EO Mini Pro 2";
    return request;
  }

  std::string last_action() const { return io.last().at(2).get<std::string>(); }
  void answer_boot(const std::string& status, int interval) {
    io.answer_last(
        {{"status", status}, {"currentTime", "2026-11-22T05:00:00Z"}, {"interval", interval}});
  }

  common::ManualTimers timers;
  test_support::FakeSessionIo io;
  ocpp::Router router;
  ocpp::Session session;
  ConfigurationStore config;
  Registration registration;
};

TEST_F(RegistrationTest, AcceptedSetsTheHeartbeatIntervalAndHeartbeats) {
  registration.connected(session);
  EXPECT_EQ(registration.state(), RegistrationState::Booting);
  EXPECT_EQ(last_action(), "BootNotification");
  EXPECT_EQ(io.last().at(3).at("chargePointVendor"), "EO Charging");
  answer_boot("Accepted", 120);
  EXPECT_TRUE(registration.accepted());
  EXPECT_EQ(config.get_int("HeartbeatInterval"), 120);

  const auto sent_before = io.sent.size();
  timers.advance(119s);
  EXPECT_EQ(io.sent.size(), sent_before);
  timers.advance(1s);
  EXPECT_EQ(last_action(), "Heartbeat");
  io.answer_last({{"currentTime", "2026-11-22T05:02:00Z"}});
  timers.advance(120s);
  EXPECT_EQ(io.sent.size(), sent_before + 2);
}

TEST_F(RegistrationTest, PendingRetriesAfterTheIntervalAndSendsNothingElse) {
  registration.connected(session);
  answer_boot("Pending", 30);
  EXPECT_EQ(registration.state(), RegistrationState::Pending);
  const auto sent = io.sent.size();
  timers.advance(29s);
  EXPECT_EQ(io.sent.size(), sent);  // no heartbeat while pending
  timers.advance(1s);
  EXPECT_EQ(last_action(), "BootNotification");
  answer_boot("Accepted", 60);
  EXPECT_TRUE(registration.accepted());
}

TEST_F(RegistrationTest, RejectedWaitsTheIntervalAndAZeroIntervalFallsBackToTheDefault) {
  registration.connected(session);
  answer_boot("Rejected", 0);
  EXPECT_EQ(registration.state(), RegistrationState::Rejected);
  const auto sent = io.sent.size();
  timers.advance(Registration::k_retry_default - 1s);
  EXPECT_EQ(io.sent.size(), sent);
  timers.advance(1s);
  EXPECT_EQ(last_action(), "BootNotification");
}

TEST_F(RegistrationTest, ATimedOutBootIsRetried) {
  registration.connected(session);
  timers.advance(30s);  // the session's call timeout
  EXPECT_EQ(registration.state(), RegistrationState::Booting);
  timers.advance(Registration::k_retry_default);
  EXPECT_EQ(last_action(), "BootNotification");
  EXPECT_EQ(io.sent.size(), 2U);
}

TEST_F(RegistrationTest, AReconnectAfterAcceptanceNeedsNoNewBoot) {
  registration.connected(session);
  answer_boot("Accepted", 60);
  registration.disconnected();
  session.close();
  EXPECT_EQ(registration.state(), RegistrationState::Disconnected);
  EXPECT_EQ(timers.armed_count(), 0U);
  const auto sent = io.sent.size();
  ocpp::Session second(router, io, {});
  io.attach(second);
  registration.connected(second);
  EXPECT_TRUE(registration.accepted());
  EXPECT_EQ(io.sent.size(), sent);
  timers.advance(60s);
  EXPECT_EQ(last_action(), "Heartbeat");
}

TEST_F(RegistrationTest, ADisconnectBeforeAnAnswerMeansBootingAgain) {
  registration.connected(session);
  registration.disconnected();
  session.close();
  // Each connection has its own session, as in the daemon.
  ocpp::Session second(router, io, {});
  io.attach(second);
  registration.connected(second);
  EXPECT_EQ(last_action(), "BootNotification");
  EXPECT_EQ(io.sent.size(), 2U);
}

TEST_F(RegistrationTest, ChangingHeartbeatIntervalReschedules) {
  registration.connected(session);
  answer_boot("Accepted", 300);
  config.change("HeartbeatInterval", "10");
  timers.advance(10s);
  EXPECT_EQ(last_action(), "Heartbeat");
  config.change("HeartbeatInterval", "0");  // 0 switches heartbeats off
  io.answer_last({{"currentTime", "2026-11-22T05:02:00Z"}});
  const auto sent = io.sent.size();
  timers.advance(3600s);
  EXPECT_EQ(io.sent.size(), sent);
}

}  // namespace
