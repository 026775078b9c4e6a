// The CtReadings DataTransfer: its exact data text, one every EO_CtReportIntervalS with the fresh
// channels only, raw readings from the calibration the driver applied, one in flight, nothing while
// offline, quiet towards a central system that does not know it, and the key that switches it off.
#include <gtest/gtest.h>

#include "features/smart_charging/ct_report.hpp"
#include "ocpp_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::smart_charging::ct_readings_data;
using chargepoint::smart_charging::CtCalibration;
using chargepoint::smart_charging::CtChannelReading;
using chargepoint::smart_charging::CtReporter;
using chargepoint::smart_charging::raw_from_calibrated;

hal::CtReadings site(double amps) {
  hal::CtReadings ct;
  ct.site_a = amps;
  return ct;
}
hal::CtReadings solar(double amps) {
  hal::CtReadings ct;
  ct.solar_a = amps;
  return ct;
}

TEST(CtReadingsData, ExactWireFormat) {
  const std::vector<CtChannelReading> channels{{"site", 23.456, 21.3333}, {"solar", 0, 0.4}};
  EXPECT_EQ(ct_readings_data(test_support::k_test_start + 12h + 1234ms, channels),
            R"({"channels":[{"channel":"site","current_a":23.46,"raw_a":21.33},)"
            R"({"channel":"solar","current_a":0.0,"raw_a":0.4}],)"
            R"("timestamp":"2026-11-22T12:00:01.234Z"})");
  EXPECT_EQ(ct_readings_data(test_support::k_test_start, {}),
            R"({"channels":[],"timestamp":"2026-11-22T00:00:00Z"})");
}

TEST(RawFromCalibrated, InvertsScaleAndOffset) {
  EXPECT_DOUBLE_EQ(raw_from_calibrated(21.0, CtCalibration{1.05, 0}), 20.0);
  EXPECT_DOUBLE_EQ(raw_from_calibrated(10.5, CtCalibration{0.5, 0.5}), 20.0);
  EXPECT_DOUBLE_EQ(raw_from_calibrated(0.0, CtCalibration{1.0, 1.0}), 0.0);  // never below 0
}

class CtReports : public ::testing::Test, protected test_support::OcppWorld {
 protected:
  // The data objects of the CtReadings DataTransfers sent so far.
  std::vector<nlohmann::json> reports() const { return vendor_reports("CtReadings"); }
  void answer(const std::string& status) { io.answer_last({{"status", status}}); }
  // A site reading a second before the next report is due (the default interval is 10 s).
  void interval_with(double site_a) {
    timers.advance(9s);
    reporter.on_sample(site(site_a));
    timers.advance(1s);
  }

  CtReporter reporter{config, timers, clock, "org.eo-ocpp", true};
};

TEST_F(CtReports, EveryIntervalWithTheNewestReading) {
  reporter.attach(&session);
  reporter.on_sample(site(23.5));
  timers.advance(9s);
  EXPECT_TRUE(reports().empty());
  reporter.on_sample(site(24.0));
  timers.advance(1s);  // the default interval is 10 s
  ASSERT_EQ(reports().size(), 1U);
  const auto first = reports()[0];
  EXPECT_EQ(first["timestamp"], "2026-11-22T00:00:09Z");
  ASSERT_EQ(first["channels"].size(), 1U);
  EXPECT_EQ(first["channels"][0]["channel"], "site");
  EXPECT_EQ(first["channels"][0]["current_a"], 24.0);
  EXPECT_EQ(first["channels"][0]["raw_a"], 24.0);
  answer("Accepted");
  interval_with(25.0);
  ASSERT_EQ(reports().size(), 2U);
  EXPECT_EQ(reports()[1]["channels"][0]["current_a"], 25.0);
  EXPECT_EQ(reporter.sent(), 2U);
}

TEST_F(CtReports, RawInvertsTheCalibrationInForceWhenSampled) {
  reporter.attach(&session);
  ASSERT_EQ(config.change("EO_CtSiteScale", "1.2"), chargepoint::ChangeResult::Accepted);
  ASSERT_EQ(config.change("EO_CtSiteOffsetA", "-1"), chargepoint::ChangeResult::Accepted);
  timers.advance(6s);
  reporter.on_sample(site(23.0));  // the driver: 20 A raw × 1.2 − 1 A
  // A later change does not alter what the earlier reading was calibrated with.
  ASSERT_EQ(config.change("EO_CtSiteScale", "1"), chargepoint::ChangeResult::Accepted);
  timers.advance(2s);
  reporter.on_sample(solar(3.0));  // solar, scale 1
  timers.advance(2s);
  ASSERT_EQ(reports().size(), 1U);
  const auto channels = reports()[0]["channels"];
  ASSERT_EQ(channels.size(), 2U);
  EXPECT_EQ(channels[0]["channel"], "site");
  EXPECT_EQ(channels[0]["current_a"], 23.0);
  EXPECT_EQ(channels[0]["raw_a"], 20.0);
  EXPECT_EQ(channels[1]["channel"], "solar");
  EXPECT_EQ(channels[1]["raw_a"], 3.0);
  EXPECT_EQ(reports()[0]["timestamp"], "2026-11-22T00:00:08Z");  // the newest reading
}

TEST_F(CtReports, TheSimulatorsReadingsAreRaw) {
  CtReporter sim_reporter{config, timers, clock, "org.eo-ocpp", false};
  sim_reporter.attach(&session);
  ASSERT_EQ(config.change("EO_CtSiteScale", "2"), chargepoint::ChangeResult::Accepted);
  sim_reporter.on_sample(site(10.0));
  const auto readings = sim_reporter.fresh_readings();
  ASSERT_EQ(readings.size(), 1U);
  EXPECT_EQ(readings[0].raw_a, 10.0);
}

TEST_F(CtReports, StaleChannelsAreLeftOutAndNothingIsSentWithoutAFreshOne) {
  reporter.attach(&session);
  timers.advance(2s);
  auto both = site(20.0);
  both.solar_a = 2.0;
  reporter.on_sample(both);
  timers.advance(6s);
  reporter.on_sample(site(21.0));  // solar stopped answering: nullopt
  timers.advance(2s);              // solar is 8 s old, over the 5 s EO_CtReadingTimeoutS
  ASSERT_EQ(reports().size(), 1U);
  ASSERT_EQ(reports()[0]["channels"].size(), 1U);
  EXPECT_EQ(reports()[0]["channels"][0]["channel"], "site");
  answer("Accepted");
  timers.advance(10s);  // no sample at all since: nothing live to report
  EXPECT_EQ(reports().size(), 1U);
}

TEST_F(CtReports, NoClampsNoReports) {
  reporter.attach(&session);
  reporter.on_sample(hal::CtReadings{});
  timers.advance(60s);
  EXPECT_TRUE(reports().empty());
}

TEST_F(CtReports, NothingWhileOfflineAndNothingQueued) {
  reporter.on_sample(site(20.0));
  timers.advance(30s);
  EXPECT_TRUE(reports().empty());
  reporter.attach(&session);
  interval_with(20.0);
  EXPECT_EQ(reports().size(), 1U);  // only the present, at the interval
  reporter.attach(nullptr);
  reporter.on_sample(site(20.0));
  timers.advance(60s);
  EXPECT_EQ(reports().size(), 1U);
}

TEST_F(CtReports, OneInFlight) {
  reporter.attach(&session);
  for (int i = 0; i < 3; ++i) interval_with(20.0);
  EXPECT_EQ(reports().size(), 1U);  // never answered: the later intervals are skipped
  answer("Accepted");
  interval_with(20.0);
  EXPECT_EQ(reports().size(), 2U);
}

TEST_F(CtReports, QuietAfterUnknownVendorIdUntilTheNextConnection) {
  reporter.attach(&session);
  interval_with(20.0);
  ASSERT_EQ(reports().size(), 1U);
  answer("UnknownVendorId");
  for (int i = 0; i < 6; ++i) interval_with(20.0);
  EXPECT_EQ(reports().size(), 1U);
  reporter.attach(nullptr);
  reporter.attach(&session);  // a new connection asks again
  interval_with(20.0);
  EXPECT_EQ(reports().size(), 2U);
}

TEST_F(CtReports, TheIntervalKeySwitchesItOffAndOn) {
  reporter.attach(&session);
  ASSERT_EQ(config.change("EO_CtReportIntervalS", "0"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("EO_CtReportIntervalS");
  reporter.on_sample(site(20.0));
  timers.advance(60s);
  EXPECT_TRUE(reports().empty());
  ASSERT_EQ(config.change("EO_CtReportIntervalS", "2"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("EO_CtReportIntervalS");
  reporter.on_sample(site(20.0));
  timers.advance(2s);
  EXPECT_EQ(reports().size(), 1U);
  EXPECT_EQ(config.change("EO_CtReportIntervalS", "3601"), chargepoint::ChangeResult::Rejected);
  EXPECT_EQ(config.change("EO_CtReportIntervalS", "-1"), chargepoint::ChangeResult::Rejected);
}

TEST_F(CtReports, TheSiteClampAsConnectorZeroMeterValuesWhenAskedFor) {
  reporter.attach(&session);
  ASSERT_EQ(config.change("EO_CtReportIntervalS", "0"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("EO_CtReportIntervalS");
  const auto meter_values = [this] {
    std::vector<nlohmann::json> out;
    for (const auto& text : io.sent) {
      const auto frame = nlohmann::json::parse(text);
      if (frame.at(0) == 2 && frame.at(2) == "MeterValues") out.push_back(frame.at(3));
    }
    return out;
  };
  reporter.on_sample(site(23.456));
  timers.advance(60s);  // MeterValueSampleInterval, but off by default
  EXPECT_TRUE(meter_values().empty());

  ASSERT_EQ(config.change("EO_CtSiteMeterValues", "true"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("EO_CtSiteMeterValues");
  ASSERT_EQ(config.change("MeterValueSampleInterval", "5"), chargepoint::ChangeResult::Accepted);
  reporter.configuration_changed("MeterValueSampleInterval");
  reporter.on_sample(site(23.456));
  timers.advance(5s);
  ASSERT_EQ(meter_values().size(), 1U);
  EXPECT_EQ(meter_values()[0], nlohmann::json::parse(R"({"connectorId":0,"meterValue":[{
      "timestamp":"2026-11-22T00:01:00Z","sampledValue":[{"value":"23.46",
      "context":"Sample.Periodic","measurand":"Current.Import","location":"Inlet","unit":"A"}]}]})"));
  io.answer_last(nlohmann::json::object());
  reporter.on_sample(site(23.456));
  timers.advance(5s);  // the reading is 5 s old: still within EO_CtReadingTimeoutS
  EXPECT_EQ(meter_values().size(), 2U);
  io.answer_last(nlohmann::json::object());
  timers.advance(5s);  // 10 s old, stale: nothing
  EXPECT_EQ(meter_values().size(), 2U);
  reporter.on_sample(solar(4.0));  // solar only: no site
  timers.advance(5s);
  EXPECT_EQ(meter_values().size(), 2U);
  EXPECT_TRUE(reports().empty());  // the DataTransfer is off (interval 0)
}

}  // namespace
