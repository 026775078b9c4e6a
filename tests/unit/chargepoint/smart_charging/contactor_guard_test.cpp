// The contactor switch limit: closes are held so that no rolling hour sees more switches than
// EO_MaxContactorSwitchesPerHour; opens never wait; a transaction's first offer is never held.
#include <gtest/gtest.h>

#include "features/smart_charging/contactor_guard.hpp"
#include "governor_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::LimitSource;
using chargepoint::smart_charging::ContactorGuard;

const common::WallTime t0 = test_support::k_test_start;

TEST(ContactorGuardRule, ACloseWaitsUntilEnoughSwitchesLeaveTheHour) {
  ContactorGuard guard;
  for (auto at : {0min, 5min, 10min, 15min}) guard.record(t0 + at);
  EXPECT_EQ(guard.switches_in_window(t0 + 20min), 4);
  EXPECT_EQ(guard.close_allowed_at(6, t0 + 20min), t0 + 20min);  // 4 + this close + its open
  EXPECT_EQ(guard.close_allowed_at(5, t0 + 20min), t0 + 60min);  // the 0 min switch must go
  EXPECT_EQ(guard.close_allowed_at(4, t0 + 20min), t0 + 65min);
  EXPECT_EQ(guard.close_allowed_at(0, t0 + 20min), t0 + 20min);  // no limit
  EXPECT_EQ(guard.close_allowed_at(1, t0 + 20min), guard.close_allowed_at(2, t0 + 20min));
  EXPECT_EQ(guard.switches_in_window(t0 + 60min), 3);  // exactly an hour ago no longer counts
}

class Contactor : public ::testing::Test, protected test_support::GovernorWorld {
 protected:
  Contactor() {
    EXPECT_EQ(config.change("EO_MaxContactorSwitchesPerHour", "4"),
              chargepoint::ChangeResult::Accepted);
  }
  // The plan flips between 0 and 16 A; a TxDefault of stack 1 replaced each time.
  void plan(double amps) {
    ASSERT_EQ(set(0, profile(7, "TxDefaultProfile", 1, {{0, amps}})), "Accepted");
  }
  LimitSource source() const { return governor->offered().source; }
};

TEST_F(Contactor, ClosesAreHeldOpensAreNot) {
  start_transaction();  // close 1 (the first offer, never held)
  EXPECT_EQ(offered_a(), 32);
  timers.advance(1min);
  plan(0);  // open 2
  timers.advance(1min);
  plan(16);  // close 3: 2 + 2 ≤ 4
  EXPECT_EQ(offered_a(), 16);
  timers.advance(1min);
  plan(0);  // open 4: never held
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::TxDefault);
  timers.advance(1min);
  plan(16);  // 4 switches in the hour: held until the two oldest have left it
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::Contactor);
  EXPECT_EQ(governor->report().detail, "at most 4 contactor switches per hour");
  ASSERT_TRUE(governor->report().next_change);
  EXPECT_EQ(*governor->report().next_change, t0 + 61min);
  timers.advance(56min);  // t0 + 60 min: the switch at 0 min has left the hour, not yet enough
  EXPECT_EQ(offered_a(), 0);
  timers.advance(1min);  // t0 + 61 min: the one at 1 min has too
  EXPECT_EQ(offered_a(), 16);
  EXPECT_EQ(source(), LimitSource::TxDefault);
  EXPECT_EQ(charger.offers, std::vector<double>({32, 0, 16, 0, 16}));
  EXPECT_LE(governor->contactor_switches_last_hour(), 4);
}

TEST_F(Contactor, ANewTransactionGetsItsFirstOfferAtOnce) {
  start_transaction(1);
  for (int i = 0; i < 3; ++i) {
    plan(0);
    plan(16);
  }
  EXPECT_EQ(source(), LimitSource::Contactor);
  unplug();
  io.answer_last(nlohmann::json::object());  // StopTransaction
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::None);
  start_transaction(2);
  EXPECT_EQ(offered_a(), 16);  // the driver just plugged in: not held
}

}  // namespace
