// Live values reach the web UI: each MeterValues becomes a `charger` event with the new readings
// and the running session's start (the UI redraws from those events only; before this, its values
// moved only on a status change).
#include <gtest/gtest.h>

#include "ocpp/types/datetime.hpp"
#include "port_fixture.hpp"

namespace csms_test {
namespace {

TEST_F(PortTest, EachMeterValuesSendsTheChargerWithItsNewReadings) {
  connect("CP1");
  start("TAG1", 1000);
  std::vector<api::LiveEvent> events;
  bool watching = true;
  auto subscription = port.subscribe([&events](const api::LiveEvent& e) { events.push_back(e); },
                                     [&watching] { return watching; });
  meter(1500, 31.5, 0);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "charger");
  const auto& connector = events[0].data.at("connectors").at(0);
  EXPECT_EQ(connector.at("powerW"), 7200.0);
  EXPECT_EQ(connector.at("currentA"), 31.5);
  EXPECT_EQ(connector.at("sessionEnergyWh"), 500.0);
  // The session's start, for "Started" and "Duration" on the Now page.
  const auto started =
      ocpp::DateTime::parse(connector.at("transactionStartedAt").get<std::string>());
  ASSERT_TRUE(started.has_value());
  EXPECT_EQ(started->time_point(), k_start);
  world.timers.advance(1s);
  meter(1502, 31.4, 0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].data.at("connectors").at(0).at("currentA"), 31.4);
  // With no page open, new readings build nothing.
  watching = false;
  meter(1504, 31.3, 0);
  EXPECT_EQ(events.size(), 2u);
}

}  // namespace
}  // namespace csms_test
