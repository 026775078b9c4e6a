#include <gtest/gtest.h>

#include "csms_domain/json_forms.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using nlohmann::json;

TEST(PlanJson, RoundTrip) {
  const auto text = R"({"time_zone": "Europe/London", "otherwise_a": 6,
    "windows": [{"days": ["Mon", "tue", "FRI"], "start": "23:00", "end": "07:00", "current_a": 32},
                {"days": ["Sun"], "start": "00:00", "end": "24:00", "current_a": 0}]})";
  const auto plan = plan_from_json(json::parse(text));
  ASSERT_TRUE(plan) << plan.error();
  EXPECT_EQ(plan->time_zone, "Europe/London");
  EXPECT_EQ(plan->otherwise_a, 6);
  ASSERT_EQ(plan->windows.size(), 2u);
  EXPECT_EQ(plan->windows[0].days, (std::vector<weekday>{Monday, Tuesday, Friday}));
  EXPECT_EQ(plan->windows[0].start, 23h);
  EXPECT_EQ(plan->windows[0].end, 7h);
  EXPECT_EQ(plan->windows[1].end, 24h);
  const auto back = plan_to_json(*plan);
  EXPECT_EQ(back["windows"][0]["days"], json::parse(R"(["Mon", "Tue", "Fri"])"));
  EXPECT_EQ(back["windows"][1]["end"], "24:00");
  const auto again = plan_from_json(back);
  ASSERT_TRUE(again);
  EXPECT_EQ(plan_to_json(*again), back);
}

TEST(PlanJson, DefaultsAndErrors) {
  const auto empty = plan_from_json(json::object());
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->time_zone, "Europe/London");
  EXPECT_TRUE(empty->windows.empty());
  EXPECT_EQ(plan_from_json(json::array()).error(), "plan: expected an object");
  EXPECT_EQ(plan_from_json(json::parse(R"({"windows": {}})")).error(),
            "windows: expected an array");
  EXPECT_EQ(
      plan_from_json(
          json::parse(
              R"({"windows": [{"days": ["Mon"], "start": "7:00", "end": "08:00", "current_a": 6}]})"))
          .error(),
      "windows[0].start: expected \"HH:MM\" (00:00..24:00), got \"7:00\"");
  EXPECT_EQ(
      plan_from_json(
          json::parse(
              R"({"windows": [{"days": ["Monday"], "start": "07:00", "end": "08:00", "current_a": 6}]})"))
          .error(),
      "windows[0].days[0]: expected Mon..Sun");
  EXPECT_EQ(
      plan_from_json(
          json::parse(R"({"windows": [{"days": ["Mon"], "start": "07:00", "end": "08:00"}]})"))
          .error(),
      "windows[0].current_a: missing");
  EXPECT_EQ(
      plan_from_json(
          json::parse(
              R"({"windows": [{"days": ["Mon"], "start": "07:00", "end": "24:30", "current_a": 6}]})"))
          .error(),
      "windows[0].end: expected \"HH:MM\" (00:00..24:00), got \"24:30\"");
  EXPECT_EQ(plan_from_json(json::parse(R"({"otherwise_a": "6"})")).error(),
            "otherwise_a: expected a number");
  EXPECT_EQ(plan_from_json(json::parse(R"({"windows": [{"start": "07:00"}]})")).error(),
            "windows[0].days: missing");
}

TEST(TariffJson, RoundTripWithExactPrices) {
  const auto text = R"({"id": "home", "version": 3, "effective_from": "2026-01-01T00:00:00Z",
    "currency": "GBP", "minor_digits": 2, "default_price_per_kwh": "0.30",
    "periods": [{"start": "00:30", "end": "07:30", "price_per_kwh": 0.075, "label": "Night"},
                {"days": ["Sat"], "start": "12:00", "end": "18:00", "price_per_kwh": "0"}]})";
  const auto tariff = tariff_from_json(json::parse(text));
  ASSERT_TRUE(tariff) << tariff.error();
  EXPECT_EQ(tariff->id, "home");
  EXPECT_EQ(tariff->version, 3);
  EXPECT_EQ(tariff->effective_from, testing::utc(2026, 1, 1));
  EXPECT_EQ(tariff->default_price_micros_per_kwh, 300000);
  ASSERT_EQ(tariff->periods.size(), 2u);
  EXPECT_TRUE(tariff->periods[0].days.empty());
  EXPECT_EQ(tariff->periods[0].price_micros_per_kwh, 75000);
  EXPECT_EQ(tariff->periods[0].label, "Night");
  const auto back = tariff_to_json(*tariff);
  EXPECT_EQ(back["default_price_per_kwh"], "0.3");
  EXPECT_EQ(back["periods"][0]["price_per_kwh"], "0.075");
  EXPECT_EQ(back["periods"][1]["price_per_kwh"], "0");
  EXPECT_EQ(back["effective_from"], "2026-01-01T00:00:00Z");
  const auto again = tariff_from_json(back);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(tariff_to_json(*again), back);
}

TEST(TariffJson, Errors) {
  EXPECT_EQ(tariff_from_json(json::object()).error(), "id: missing");
  EXPECT_EQ(tariff_from_json(json::parse(R"({"id": "x", "version": 1.5})")).error(),
            "version: expected an integer");
  EXPECT_EQ(tariff_from_json(json::parse(R"({"id": "x", "effective_from": "yesterday"})")).error(),
            "effective_from: expected an RFC 3339 date-time");
  EXPECT_EQ(tariff_from_json(
                json::parse(R"({"id": "x", "periods": [{"start": "01:00", "end": "02:00"}]})"))
                .error(),
            "periods[0].price_per_kwh: missing");
  EXPECT_EQ(
      tariff_from_json(json::parse(R"({"id": "x", "default_price_per_kwh": "-1"})")).error(),
      "default_price_per_kwh: price \"-1\" must be a decimal like 0.245 (at most 6 decimals)");
  EXPECT_EQ(tariff_from_json(json::parse(R"({"id": "x", "default_price_per_kwh": true})")).error(),
            "default_price_per_kwh: expected a decimal string such as \"0.245\"");
}

}  // namespace
}  // namespace csms::domain
