// What the board is offered: period boundaries on the governor's own timer, the transactions' gate,
// the site limit from the mains CT and the solar surplus, each with its delays, on manual time.
#include <gtest/gtest.h>

#include "governor_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::LimitSource;
using ocpp::messages::ChargePointStatus;

class Offer : public ::testing::Test, protected test_support::GovernorWorld {
 protected:
  void sample(std::optional<double> site_a, double vehicle_a, std::optional<double> solar_a) {
    hal::MeterSample s;
    s.current_a = vehicle_a;
    s.ct.site_a = site_a;
    s.ct.vehicle_a = vehicle_a;
    s.ct.solar_a = solar_a;
    governor->on_sample(s);
  }
  LimitSource source() const { return governor->offered().source; }
};

TEST_F(Offer, PeriodBoundaryTimerChangesTheOffer) {
  ASSERT_EQ(set(0, absolute(1, "TxDefaultProfile", 0, {{0, 16}, {60, 9}, {90, 0}})), "Accepted");
  start_transaction();
  EXPECT_EQ(offered_a(), 16);
  timers.advance(59s);
  EXPECT_EQ(offered_a(), 16);
  timers.advance(1s);
  EXPECT_EQ(offered_a(), 9);
  timers.advance(30s);
  EXPECT_EQ(offered_a(), 0);  // 0 A from the plan pauses the car
  EXPECT_EQ(source(), LimitSource::TxDefault);
  EXPECT_EQ(model.status(1).status, ChargePointStatus::SuspendedEVSE);
  EXPECT_EQ(charger.offers, std::vector<double>({16, 9, 0}));
}

TEST_F(Offer, NoCurrentWithoutATransactionThatMayDrawEnergy) {
  std::vector<chargepoint::limits::Limit> changes;
  governor->on_offer_changed = [&](const auto& limit) { changes.push_back(limit); };
  start_transaction();
  EXPECT_EQ(offered_a(), 32);
  EXPECT_EQ(source(), LimitSource::Hardware);
  unplug();
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::None);
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0].source, LimitSource::Hardware);
  EXPECT_EQ(charger.offers, std::vector<double>({32, 0}));
}

TEST_F(Offer, OnlyAChangedValueIsCommandedButEveryChangeOfSourceIsReported) {
  std::vector<LimitSource> sources;
  governor->on_offer_changed = [&](const auto& limit) { sources.push_back(limit.source); };
  start_transaction();
  ASSERT_EQ(set(0, profile(1, "ChargePointMaxProfile", 0, {{0, 32}})), "Accepted");
  EXPECT_EQ(source(), LimitSource::ChargePointMax);  // the same 32 A, now from the profile
  ASSERT_EQ(set(0, profile(2, "TxDefaultProfile", 0, {{0, 32}})), "Accepted");
  EXPECT_EQ(source(), LimitSource::TxDefault);  // ties go to the plan
  governor->recompute();
  EXPECT_EQ(charger.offers, std::vector<double>({32}));
  EXPECT_EQ(sources, std::vector<LimitSource>({LimitSource::Hardware, LimitSource::ChargePointMax,
                                               LimitSource::TxDefault}));
}

// (Samples only where the test says; readings count as fresh for 300 s here, stale_ct_test.cpp
// covers the timeout.)
TEST_F(Offer, SiteLimitCutsOnTheNextSampleAndResumesWithHysteresis) {
  ASSERT_EQ(config.change("EO_CtReadingTimeoutS", "300"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SiteLimitA", "25"), chargepoint::ChangeResult::Accepted);
  start_transaction();
  EXPECT_EQ(offered_a(), 0);  // no site reading yet: the site counts as at its limit
  EXPECT_EQ(source(), LimitSource::SiteLoad);
  EXPECT_EQ(governor->report().detail, "site limit: no site CT reading yet");
  sample(20, 16, std::nullopt);  // the first reading applies at once: 4 A in the house, 21 A left
  EXPECT_EQ(offered_a(), 21);
  EXPECT_EQ(source(), LimitSource::SiteLoad);
  sample(35, 16, std::nullopt);  // the house draws 19 A: a cut, at once
  EXPECT_EQ(offered_a(), 6);
  sample(38, 6, std::nullopt);  // 32 A in the house: pause
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::SiteLoad);
  sample(18, 0, std::nullopt);  // 7 A left: above 6 A but inside the 2 A resume margin
  timers.advance(20s);
  sample(18, 0, std::nullopt);
  EXPECT_EQ(offered_a(), 0);
  sample(15, 0, std::nullopt);  // 10 A left: resumes once that has held for 10 s
  EXPECT_EQ(offered_a(), 0);
  timers.advance(10s);
  sample(15, 0, std::nullopt);
  EXPECT_EQ(offered_a(), 10);
  sample(10, 10, std::nullopt);  // the house is gone: the increase waits too
  EXPECT_EQ(offered_a(), 10);
  timers.advance(10s);
  sample(10, 10, std::nullopt);
  EXPECT_EQ(offered_a(), 25);
  ASSERT_EQ(config.change("EO_SiteLimitA", "0"), chargepoint::ChangeResult::Accepted);
  EXPECT_EQ(offered_a(), 32);
}

TEST_F(Offer, SiteLimitShowsInTheCompositeSchedule) {
  ASSERT_EQ(config.change("EO_SiteLimitA", "20"), chargepoint::ChangeResult::Accepted);
  sample(8, 0, std::nullopt);
  EXPECT_EQ(composite(1, 60), "0:12");
}

// Sun only: a TxDefault of 0 A (what csms-lite writes) that the solar surplus raises.
TEST_F(Offer, SolarSurplusStartsAndStopsAfterItsDelays) {
  ASSERT_EQ(config.change("EO_CtReadingTimeoutS", "300"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SolarEnabled", "true"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SolarReserveA", "2"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 0}})), "Accepted");
  start_transaction();
  EXPECT_EQ(offered_a(), 0);
  for (int s = 0; s < 6; ++s) {  // 10.5 − 2 = 8.5 A of surplus, for 50 s
    sample(std::nullopt, 0, 10.5);
    timers.advance(10s);
  }
  EXPECT_EQ(offered_a(), 0);
  sample(std::nullopt, 0, 10.5);  // 60 s (EO_SolarStartDelayS)
  EXPECT_EQ(offered_a(), 8);
  EXPECT_EQ(source(), LimitSource::Solar);
  sample(std::nullopt, 8, 5);  // a cloud: 3 A of surplus, held at the 6 A minimum
  EXPECT_EQ(offered_a(), 6);
  timers.advance(299s);
  sample(std::nullopt, 6, 5);
  EXPECT_EQ(offered_a(), 6);
  timers.advance(1s);
  sample(std::nullopt, 6, 5);  // below 6 A for 300 s (EO_SolarStopDelayS)
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::TxDefault);
}

TEST_F(Offer, SolarNeverStopsWhenSoConfiguredAndNeverExceedsACap) {
  ASSERT_EQ(config.change("EO_SolarEnabled", "true"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SolarStartDelayS", "0"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SolarNeverStop", "true"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 0}})), "Accepted");
  ASSERT_EQ(set(0, profile(2, "ChargePointMaxProfile", 0, {{0, 20}})), "Accepted");
  start_transaction();
  sample(std::nullopt, 0, 30);
  EXPECT_EQ(offered_a(), 20);
  EXPECT_EQ(source(), LimitSource::ChargePointMax);
  sample(std::nullopt, 20, 0);
  timers.advance(1h);
  sample(std::nullopt, 6, 0);
  EXPECT_EQ(offered_a(), 6);
  EXPECT_EQ(source(), LimitSource::Solar);
  ASSERT_EQ(config.change("EO_SolarEnabled", "false"), chargepoint::ChangeResult::Accepted);
  EXPECT_EQ(offered_a(), 0);
}

class Report : public ::testing::Test, protected test_support::GovernorWorld {};

TEST_F(Report, CarriesTheOfferItsSourceAndTheNextChangeOfTheSchedule) {
  std::vector<chargepoint::smart_charging::OfferReport> reports;
  governor->on_report_changed = [&](const auto& report) { reports.push_back(report); };
  ASSERT_EQ(set(0, absolute(1, "TxDefaultProfile", 0, {{0, 16}, {60, 9}})), "Accepted");
  EXPECT_TRUE(reports.empty());  // no transaction: still 0 A (None), nothing new to say
  start_transaction();
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].limit.current_a, 16);
  EXPECT_EQ(reports[0].limit.source, chargepoint::limits::LimitSource::TxDefault);
  EXPECT_EQ(reports[0].next_change, test_support::k_test_start + 60s);
  EXPECT_EQ(reports[0].detail, "");
  timers.advance(60s);
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[1].limit.current_a, 9);
  EXPECT_EQ(reports[1].next_change, std::nullopt);  // the last period holds
  unplug();
  ASSERT_EQ(reports.size(), 3U);
  EXPECT_EQ(reports[2].limit.source, chargepoint::limits::LimitSource::None);
  EXPECT_EQ(reports[2].next_change, std::nullopt);
}

}  // namespace
