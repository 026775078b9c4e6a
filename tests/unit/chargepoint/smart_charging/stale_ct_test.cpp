// Fail safe when the site CT goes quiet (issue #5): no reading, a silent channel, or no samples at
// all (board link down) make the site count as at its limit, never hold the last value forever;
// the source, the report and the log say so. Manual time only.
#include <gtest/gtest.h>

#include "features/smart_charging/local_limits.hpp"
#include "governor_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::LimitSource;
using chargepoint::smart_charging::SiteLimit;
using chargepoint::smart_charging::SiteSettings;

const common::WallTime t0 = test_support::k_test_start;

SiteSettings settings(double limit_a) {
  return {limit_a, 2, std::chrono::seconds(10), std::chrono::seconds(5)};
}

TEST(SiteLimitStale, NoReadingYetMeansNoCurrentAndTheFirstReadingDecidesAtOnce) {
  SiteLimit site;
  EXPECT_TRUE(site.check_stale(settings(40), t0));
  EXPECT_EQ(site.cap_a(), 0.0);
  EXPECT_TRUE(site.stale());
  EXPECT_TRUE(site.update(settings(40), 10.0, 0.0, t0 + 1s));
  EXPECT_EQ(site.cap_a(), 30.0);  // no resume delay: nothing was offered under this limit yet
  EXPECT_FALSE(site.stale());
}

TEST(SiteLimitStale, AMissingReadingIsToleratedUntilTheTimeout) {
  SiteLimit site;
  site.update(settings(40), 10.0, 0.0, t0);
  EXPECT_FALSE(site.update(settings(40), std::nullopt, 0.0, t0 + 4s));
  EXPECT_EQ(site.cap_a(), 30.0);
  EXPECT_FALSE(site.check_stale(settings(40), t0 + 4999ms));
  EXPECT_TRUE(site.update(settings(40), std::nullopt, 0.0, t0 + 5s));
  EXPECT_EQ(site.cap_a(), 0.0);
  EXPECT_TRUE(site.stale());
}

TEST(SiteLimitStale, AfterASilenceTheCarResumesLikeAfterAnySitePause) {
  SiteLimit site;
  site.update(settings(40), 10.0, 0.0, t0);
  site.check_stale(settings(40), t0 + 6s);
  site.update(settings(40), 10.0, 0.0, t0 + 7s);  // back, 30 A available: the resume waits 10 s
  EXPECT_FALSE(site.stale());
  EXPECT_EQ(site.cap_a(), 0.0);
  site.update(settings(40), 10.0, 0.0, t0 + 17s);
  EXPECT_EQ(site.cap_a(), 30.0);
}

TEST(SiteLimitStale, WithoutASiteLimitNothingIsStale) {
  SiteLimit site;
  EXPECT_FALSE(site.check_stale(settings(0), t0 + 1h));
  EXPECT_EQ(site.cap_a(), std::nullopt);
  EXPECT_FALSE(site.stale());
}

class StaleCt : public ::testing::Test, protected test_support::GovernorWorld {
 protected:
  StaleCt() {
    EXPECT_EQ(config.change("EO_SiteLimitA", "40"), chargepoint::ChangeResult::Accepted);
    start_transaction();
  }
  void sample(std::optional<double> site_a, double vehicle_a) {
    hal::MeterSample s;
    s.current_a = vehicle_a;
    s.ct.site_a = site_a;
    s.ct.vehicle_a = vehicle_a;
    governor->on_sample(s);
  }
  // One sample a second for `seconds`, as the board's polling delivers them.
  void samples(int seconds, std::optional<double> site_a, double vehicle_a) {
    for (int i = 0; i < seconds; ++i) {
      timers.advance(1s);
      sample(site_a, vehicle_a);
    }
  }
  LimitSource source() const { return governor->offered().source; }
};

TEST_F(StaleCt, NoSamplesAtAllPauseTheCarAfterTheTimeout) {
  EXPECT_EQ(offered_a(), 0);  // no reading yet
  sample(5, 0);
  EXPECT_EQ(offered_a(), 32);
  samples(3, 37, 32);  // 5 A in the house, 35 A left
  EXPECT_EQ(offered_a(), 32);
  // The board link is lost: no samples. The site limit must not keep trusting 52 A forever.
  timers.advance(4999ms);
  EXPECT_EQ(offered_a(), 32);
  timers.advance(1ms);
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::SiteLoad);
  EXPECT_EQ(governor->report().detail, "site limit: no site CT reading since 2026-11-22T00:00:03Z");
  EXPECT_EQ(charger.offers.back(), 0);
  timers.advance(1h);  // still nothing: still paused
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(charger.offers, std::vector<double>({32, 0}));
}

TEST_F(StaleCt, ASilentSiteChannelPausesTheCarThoughSamplesArrive) {
  samples(3, 30, 16);  // first reading: 14 A of house, 26 A left
  EXPECT_EQ(offered_a(), 26);
  samples(4, std::nullopt, 16);  // samples without a site reading
  EXPECT_EQ(offered_a(), 26);
  samples(1, std::nullopt, 16);
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::SiteLoad);
  EXPECT_EQ(governor->report().detail, "site limit: no site CT reading since 2026-11-22T00:00:03Z");
  // The channel comes back: the car resumes after the increase delay, as after any site pause.
  samples(10, 14, 0);
  EXPECT_EQ(offered_a(), 0);
  samples(1, 14, 0);
  EXPECT_EQ(offered_a(), 26);
  EXPECT_EQ(governor->report().detail, "");
}

TEST_F(StaleCt, TheTimeoutIsAKey) {
  ASSERT_EQ(config.change("EO_CtReadingTimeoutS", "20"), chargepoint::ChangeResult::Accepted);
  sample(5, 0);
  timers.advance(19s);
  EXPECT_EQ(offered_a(), 32);
  timers.advance(1s);
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(config.change("EO_CtReadingTimeoutS", "0"), chargepoint::ChangeResult::Rejected);
}

TEST_F(StaleCt, SolarStopsAfterItsDelayWhenNoSampleComes) {
  ASSERT_EQ(config.change("EO_SiteLimitA", "0"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SolarEnabled", "true"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_SolarStartDelayS", "0"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(set(0, profile(1, "TxDefaultProfile", 0, {{0, 0}})), "Accepted");
  hal::MeterSample s;
  s.ct.solar_a = 20;
  governor->on_sample(s);
  EXPECT_EQ(offered_a(), 20);
  EXPECT_EQ(source(), LimitSource::Solar);
  // Silence: no surplus known, so solar charging stops after the stop delay (300 s), not never.
  timers.advance(5s + 299s);
  EXPECT_EQ(offered_a(), 6);
  timers.advance(1s);
  EXPECT_EQ(offered_a(), 0);
  EXPECT_EQ(source(), LimitSource::TxDefault);
}

}  // namespace
