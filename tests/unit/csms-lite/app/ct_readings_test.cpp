// The CtReadings DataTransfer in csms-lite: parsed with precise errors, the newest reading per
// channel in the charger view (with the Inlet MeterValues path still working), a series per channel
// through the write buffer, a live event per report, and the series endpoint's CT fields.
#include <gtest/gtest.h>

#include "api/json_views.hpp"
#include "features/ct_readings.hpp"
#include "port_fixture.hpp"

namespace {

using namespace csms_test;

ocpp::messages::DataTransferRequest transfer(const std::string& data,
                                             const std::string& message_id = "CtReadings") {
  ocpp::messages::DataTransferRequest request;
  request.vendorId = "org.eo-ocpp";
  request.messageId = message_id;
  request.data = data;
  return request;
}

std::string error_of(const std::string& data) {
  const auto parsed = parse_ct_readings(transfer(data));
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return "";
  EXPECT_FALSE(parsed->report.has_value()) << data;
  return parsed->error;
}

TEST(ParseCtReadings, TakesTheChargePointsFormat) {
  const auto parsed = parse_ct_readings(transfer(
      R"({"timestamp":"2026-11-22T12:00:01.234Z","channels":[{"channel":"site","current_a":23.5,)"
      R"("raw_a":22.38},{"channel":"solar","current_a":0}]})"));
  ASSERT_TRUE(parsed && parsed->report);
  const auto& report = *parsed->report;
  EXPECT_EQ(report.timestamp.to_string(), "2026-11-22T12:00:01.234Z");
  ASSERT_EQ(report.channels.size(), 2U);
  EXPECT_EQ(report.channels[0].channel, "site");
  EXPECT_DOUBLE_EQ(report.channels[0].current_a, 23.5);
  EXPECT_DOUBLE_EQ(report.channels[0].raw_a.value_or(0), 22.38);
  EXPECT_FALSE(report.channels[1].raw_a);
  EXPECT_FALSE(parse_ct_readings(transfer("{}", "OfferedLimit")));
}

TEST(ParseCtReadings, NamesWhatIsWrong) {
  EXPECT_EQ(error_of("not json"), "data is not a JSON object");
  EXPECT_EQ(error_of(R"({"channels":[]})"), "timestamp must be an RFC 3339 date and time");
  EXPECT_EQ(error_of(R"({"timestamp":"yesterday","channels":[]})"),
            "timestamp must be an RFC 3339 date and time");
  EXPECT_EQ(error_of(R"({"timestamp":"2026-11-22T12:00:00Z"})"),
            "channels must be an array of at most 3 readings");
  EXPECT_EQ(error_of(R"({"timestamp":"2026-11-22T12:00:00Z","channels":[{"channel":"garage",)"
                     R"("current_a":1}]})"),
            R"(channels[0].channel must be "site", "solar" or "vehicle")");
  EXPECT_EQ(error_of(R"({"timestamp":"2026-11-22T12:00:00Z","channels":[{"channel":"site",)"
                     R"("current_a":-1}]})"),
            "channels[0].current_a must be a number of amperes from 0 to 1000");
  EXPECT_EQ(error_of(R"({"timestamp":"2026-11-22T12:00:00Z","channels":[{"channel":"site",)"
                     R"("current_a":1,"raw_a":"2"}]})"),
            "channels[0].raw_a must be a number of amperes from 0 to 1000 when given");
  EXPECT_EQ(error_of(R"({"timestamp":"2026-11-22T12:00:00Z","channels":[{"channel":"site",)"
                     R"("current_a":1},{"channel":"site","current_a":2}]})"),
            R"(channel "site" is given twice)");
  EXPECT_EQ(error_of(R"({"timestamp":"2026-11-22T12:00:00Z","channels":[1]})"),
            "channels[0] is not a JSON object");
}

class CtReadingsPort : public PortTest {
 protected:
  json report(double site_a, double site_raw_a, const std::string& at) {
    return ok(
        "DataTransfer",
        {{"vendorId", "org.eo-ocpp"},
         {"messageId", "CtReadings"},
         {"data",
          json{{"timestamp", at},
               {"channels",
                json::array({{{"channel", "site"}, {"current_a", site_a}, {"raw_a", site_raw_a}}})}}
              .dump()}});
  }
  std::string now_text() const {
    return ocpp::DateTime(
               std::chrono::time_point_cast<std::chrono::milliseconds>(world.clock.now()))
        .to_string();
  }
  const api::CtReading* ct_of(const api::ChargerView& view, const std::string& channel) {
    for (const auto& reading : view.ct) {
      if (reading.channel == channel) return &reading;
    }
    return nullptr;
  }
};

TEST_F(CtReadingsPort, TheNewestReadingPerChannelIsInTheView) {
  connect("CP1");
  std::vector<api::LiveEvent> live;
  const auto subscription =
      port.subscribe([&](const api::LiveEvent& e) { live.push_back(e); }, [] { return true; });
  const auto first_at = now_text();
  EXPECT_EQ(report(23.5, 22.38, first_at).at("status"), "Accepted");
  ASSERT_FALSE(live.empty());  // the page updates live
  EXPECT_EQ(live.back().type, "charger");
  EXPECT_TRUE(live.back().passing);  // not replayed to a resuming page
  const auto ct_json = live.back().data.at("ct");
  ASSERT_EQ(ct_json.size(), 1U);
  EXPECT_EQ(ct_json[0],
            (json{{"channel", "site"}, {"currentA", 23.5}, {"rawA", 22.38}, {"at", first_at}}));

  world.timers.advance(10s);
  report(24.0, 23.0, now_text());
  report(1.0, 1.0, first_at);  // late: older than what is shown
  const auto view = value_of(port.charger("CP1")).charger;
  const auto* site = ct_of(view, "site");
  ASSERT_NE(site, nullptr);
  EXPECT_DOUBLE_EQ(site->current_a, 24.0);
  EXPECT_DOUBLE_EQ(site->raw_a.value_or(0), 23.0);

  const auto rejected = ok(
      "DataTransfer",
      {{"vendorId", "org.eo-ocpp"}, {"messageId", "CtReadings"}, {"data", R"({"channels":[]})"}});
  EXPECT_EQ(rejected.at("status"), "Rejected");
  EXPECT_EQ(rejected.at("data"), "timestamp must be an RFC 3339 date and time");
}

TEST_F(CtReadingsPort, InletMeterValuesStillShowAsPhases) {
  connect("CP1");
  ok("MeterValues",
     {{"connectorId", 0},
      {"meterValue", json::array({{{"timestamp", now_text()},
                                   {"sampledValue", json::array({{{"value", "17.5"},
                                                                  {"measurand", "Current.Import"},
                                                                  {"phase", "L2"},
                                                                  {"location", "Inlet"},
                                                                  {"unit", "A"}}})}}})}});
  report(23.5, 22.0, now_text());
  const auto view = value_of(port.charger("CP1")).charger;
  ASSERT_NE(ct_of(view, "L2"), nullptr);
  EXPECT_DOUBLE_EQ(ct_of(view, "L2")->current_a, 17.5);
  EXPECT_FALSE(ct_of(view, "L2")->raw_a);
  ASSERT_NE(ct_of(view, "site"), nullptr);
}

TEST_F(CtReadingsPort, SeriesPerChannelThroughTheWriteBuffer) {
  connect("CP1");
  const auto from = world.clock.now();
  const auto flushes = world.store->buffer.flushes();
  const auto pending = world.store->buffer.pending_samples().size();
  report(20.0, 19.0, now_text());
  world.timers.advance(10s);
  report(22.0, 21.0, now_text());
  // Batched: nothing was committed per report (the SD card); two rows a report wait.
  EXPECT_EQ(world.store->buffer.flushes(), flushes);
  ASSERT_EQ(world.store->buffer.pending_samples().size(), pending + 4);
  EXPECT_EQ(world.store->buffer.pending_samples().back().measurand, "ct.site.raw");
  EXPECT_EQ(world.store->buffer.pending_samples().back().connector_id, 0);
  EXPECT_EQ(world.store->buffer.pending_samples().back().value_milli, 21000);
  world.timers.advance(60s);
  report(30.0, 29.0, now_text());

  // The CT series is site-wide: there whatever connector is asked for.
  const auto points =
      value_of(port.series({"CP1", from, from + 10min, std::chrono::seconds(60), 1}));
  ASSERT_EQ(points.size(), 2U);
  EXPECT_DOUBLE_EQ(points[0].ct_site_a.value_or(0), 21.0);
  EXPECT_DOUBLE_EQ(points[0].ct_site_raw_a.value_or(0), 20.0);
  EXPECT_FALSE(points[0].ct_solar_a);
  EXPECT_FALSE(points[0].current_a);
  EXPECT_DOUBLE_EQ(points[1].ct_site_a.value_or(0), 30.0);

  // Stored (flushed) rows read the same.
  ASSERT_TRUE(world.store->buffer.flush());
  const auto stored =
      value_of(port.series({"CP1", from, from + 10min, std::chrono::seconds(600), std::nullopt}));
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_NEAR(stored[0].ct_site_a.value_or(0), 24.0, 1e-9);

  const auto json = api::to_json(points[0]);
  EXPECT_EQ(json.at("ctSiteA"), 21.0);
  EXPECT_EQ(json.at("ctSiteRawA"), 20.0);
  EXPECT_FALSE(json.contains("ctSolarA"));  // no reading: left out
}

}  // namespace
