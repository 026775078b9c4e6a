// The OfferedLimit DataTransfer: its exact data text, at most one a second with the newest state,
// one in flight, nothing queued while offline, quiet towards a central system that does not know
// it, and the vendor key that switches it off.
#include <gtest/gtest.h>

#include "features/smart_charging/offer_report.hpp"
#include "ocpp_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::Limit;
using chargepoint::limits::LimitSource;
using chargepoint::smart_charging::offered_limit_data;
using chargepoint::smart_charging::OfferReport;
using chargepoint::smart_charging::OfferReporter;

OfferReport report(double amps, LimitSource source) {
  return {1, Limit{amps, 1, source}, std::nullopt, {}};
}

TEST(OfferedLimitData, ExactWireFormat) {
  auto r = report(16, LimitSource::TxDefault);
  EXPECT_EQ(offered_limit_data(r),
            R"({"connectorId":1,"limit_a":16.0,"phases":1,"source":"TxDefault"})");
  r.limit = Limit{9.96, 3, LimitSource::Solar};
  r.next_change = test_support::k_test_start + 17h + 1500ms;  // rounded up to the second
  r.detail = "site limit: no site CT reading for 5 s";
  EXPECT_EQ(offered_limit_data(r),
            R"({"connectorId":1,"detail":"site limit: no site CT reading for 5 s",)"
            R"("limit_a":9.9,"next_change":"2026-11-22T17:00:02Z","phases":3,"source":"Solar"})");
}

class Reporter : public ::testing::Test, protected test_support::OcppWorld {
 protected:
  Reporter() { reporter.attach(&session); }
  // The DataTransfer frames sent so far, as their data objects.
  std::vector<nlohmann::json> reports() const { return vendor_reports("OfferedLimit"); }
  void answer(const std::string& status) { io.answer_last({{"status", status}}); }

  OfferReporter reporter{config, timers, clock, "org.eo-ocpp"};
};

TEST_F(Reporter, AtMostOneASecondAndTheNewestWins) {
  reporter.offer_changed(report(16, LimitSource::TxDefault));
  ASSERT_EQ(reports().size(), 1U);
  answer("Accepted");
  timers.advance(200ms);
  reporter.offer_changed(report(12, LimitSource::SiteLoad));
  reporter.offer_changed(report(10, LimitSource::SiteLoad));
  EXPECT_EQ(reports().size(), 1U);
  timers.advance(799ms);
  EXPECT_EQ(reports().size(), 1U);
  timers.advance(1ms);
  ASSERT_EQ(reports().size(), 2U);
  EXPECT_EQ(reports()[1]["limit_a"], 10.0);
  EXPECT_EQ(reports()[1]["source"], "SiteLoad");
  EXPECT_EQ(reporter.sent(), 2U);
}

TEST_F(Reporter, OneInFlightThenTheNewest) {
  reporter.offer_changed(report(16, LimitSource::TxDefault));
  timers.advance(2s);
  reporter.offer_changed(report(8, LimitSource::Solar));
  EXPECT_EQ(reports().size(), 1U);  // the first is not answered yet
  answer("Accepted");
  ASSERT_EQ(reports().size(), 2U);
  EXPECT_EQ(reports()[1]["source"], "Solar");
}

TEST_F(Reporter, NothingQueuedWhileOfflineOnlyThePresentOnConnecting) {
  reporter.attach(nullptr);
  reporter.offer_changed(report(16, LimitSource::TxDefault));
  reporter.offer_changed(report(6, LimitSource::SiteLoad));
  EXPECT_TRUE(reports().empty());
  reporter.attach(&session);
  ASSERT_EQ(reports().size(), 1U);
  EXPECT_EQ(reports()[0]["limit_a"], 6.0);
}

TEST_F(Reporter, TheIdleStateIsNotSentOnConnectingButAChangeToItIs) {
  reporter.attach(nullptr);
  reporter.offer_changed(report(0, LimitSource::None));
  reporter.attach(&session);
  EXPECT_TRUE(reports().empty());
  reporter.offer_changed(report(16, LimitSource::Hardware));
  answer("Accepted");
  timers.advance(1s);
  reporter.offer_changed(report(0, LimitSource::None));
  ASSERT_EQ(reports().size(), 2U);
  EXPECT_EQ(reports()[1]["source"], "None");
}

TEST_F(Reporter, QuietTowardsACentralSystemThatDoesNotKnowIt) {
  reporter.offer_changed(report(16, LimitSource::TxDefault));
  answer("UnknownVendorId");
  timers.advance(5s);
  reporter.offer_changed(report(8, LimitSource::TxDefault));
  EXPECT_EQ(reports().size(), 1U);
  // A new connection (perhaps a new central system) is asked again.
  reporter.attach(nullptr);
  reporter.attach(&session);
  EXPECT_EQ(reports().size(), 2U);
}

TEST_F(Reporter, TheVendorKeySwitchesItOffAndOn) {
  ASSERT_EQ(config.change("EO_OfferedLimitReport", "false"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("EO_OfferedLimitReport");
  reporter.offer_changed(report(16, LimitSource::TxDefault));
  EXPECT_TRUE(reports().empty());
  ASSERT_EQ(config.change("EO_OfferedLimitReport", "true"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("EO_OfferedLimitReport");
  ASSERT_EQ(reports().size(), 1U);
  EXPECT_EQ(reports()[0]["limit_a"], 16.0);
}

TEST_F(Reporter, AFailedCallIsNotRetriedTheNextChangeCarriesThePresent) {
  reporter.offer_changed(report(16, LimitSource::TxDefault));
  timers.advance(1h);  // the call times out
  EXPECT_EQ(reports().size(), 1U);
  reporter.offer_changed(report(10, LimitSource::TxDefault));
  EXPECT_EQ(reports().size(), 2U);
}

}  // namespace
