#include <gtest/gtest.h>

#include <cmath>

#include "csms_domain/tariff.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::london;
using testing::utc;

// An Economy-7-like tariff: 7.5p at night (00:30–07:30), 30p otherwise; Saturday afternoons free.
Tariff night_tariff() {
  Tariff tariff;
  tariff.id = "home";
  tariff.version = 3;
  tariff.currency = "GBP";
  tariff.minor_digits = 2;
  tariff.default_price_micros_per_kwh = 300000;
  tariff.periods = {{{}, 30min, 7h + 30min, 75000, "Night"}, {{Saturday}, 12h, 18h, 0, "Free"}};
  return tariff;
}

TEST(TariffErrors, NamesEachField) {
  Tariff tariff = night_tariff();
  EXPECT_TRUE(tariff_errors(tariff).empty());
  tariff.id = "";
  tariff.version = 0;
  tariff.currency = "gbp";
  tariff.minor_digits = 7;
  tariff.default_price_micros_per_kwh = -1;
  tariff.periods.push_back({{Monday}, 1h, 1h, -5, "Bad"});
  const std::vector<std::string> expected = {
      "id: empty",
      "version: must be 1 or more",
      "currency: \"gbp\" is not an ISO 4217 code",
      "minor_digits: must be 0..4",
      "default price: must be 0..1000000 per kWh",
      "periods[2]: zero length (start equals end 01:00)",
      "periods[2]: price must be 0..1000000 per kWh",
  };
  EXPECT_EQ(tariff_errors(tariff), expected);
}

TEST(TariffErrors, Overlaps) {
  Tariff tariff = night_tariff();
  tariff.periods.push_back({{Sunday}, 6h, 9h, 100000, "Morning"});
  const std::vector<std::string> expected = {
      "periods[0] (Mon,Tue,Wed,Thu,Fri,Sat,Sun 00:30–07:30) and periods[2] (Sun 06:00–09:00) "
      "overlap "
      "on Sun 06:00–07:30"};
  EXPECT_EQ(tariff_errors(tariff), expected);
}

TEST(TariffInForce, TheVersionEffectiveAtTheSessionStart) {
  std::vector<Tariff> versions(3, night_tariff());
  versions[0].version = 1;
  versions[0].effective_from = utc(2026, 1, 1);
  versions[1].version = 2;
  versions[1].effective_from = utc(2026, 6, 1);
  versions[2].id = "other";
  EXPECT_EQ(tariff_in_force(versions, "home", utc(2025, 12, 31)), nullptr);
  EXPECT_EQ(tariff_in_force(versions, "home", utc(2026, 5, 31))->version, 1);
  EXPECT_EQ(tariff_in_force(versions, "home", utc(2026, 6, 1))->version, 2);
  EXPECT_EQ(tariff_in_force(versions, "nope", utc(2026, 6, 1)), nullptr);
}

TEST(SessionCost, SplitsAndProratesAcrossAPeriodBoundary) {
  // Monday 23 November 2026 (GMT): 06:00 → 09:00, 3 kWh per hour, one sample an hour; 07:00–08:00
  // straddles 07:30: half its energy at night price.
  const std::vector<EnergySample> samples = {{utc(2026, 11, 23, 6), 10000},
                                             {utc(2026, 11, 23, 7), 13000},
                                             {utc(2026, 11, 23, 8), 16000},
                                             {utc(2026, 11, 23, 9), 19000}};
  const auto cost = session_cost(samples, night_tariff(), london());
  ASSERT_TRUE(cost) << cost.error();
  EXPECT_EQ(cost->tariff_id, "home");
  EXPECT_EQ(cost->tariff_version, 3);
  EXPECT_EQ(cost->currency, "GBP");
  EXPECT_DOUBLE_EQ(cost->energy_wh, 9000);
  ASSERT_EQ(cost->lines.size(), 2u);
  EXPECT_EQ(cost->lines[0].label, "Night");
  EXPECT_EQ(cost->lines[0].period, 0u);
  EXPECT_DOUBLE_EQ(cost->lines[0].energy_wh, 4500);
  EXPECT_EQ(cost->lines[0].cost_minor, 34);  // 4.5 kWh × 7.5p = 33.75p
  EXPECT_EQ(cost->lines[1].label, "Standard");
  EXPECT_EQ(cost->lines[1].period, std::nullopt);
  EXPECT_DOUBLE_EQ(cost->lines[1].energy_wh, 4500);
  EXPECT_EQ(cost->lines[1].cost_minor, 135);  // 4.5 kWh × 30p
  EXPECT_EQ(cost->total_minor, 169);          // 168.75p rounded once
}

TEST(SessionCost, RoundsTheTotalOnceHalfToEven) {
  // 2.5 kWh at 1p = 2.5p → 2p; 3.5 kWh → 4p.
  Tariff flat{"flat", 1, {}, "GBP", 2, 10000, {}};
  const std::vector<EnergySample> a = {{utc(2026, 11, 23, 12), 0}, {utc(2026, 11, 23, 13), 2500}};
  const std::vector<EnergySample> b = {{utc(2026, 11, 23, 12), 0}, {utc(2026, 11, 23, 13), 3500}};
  EXPECT_EQ(session_cost(a, flat, london())->total_minor, 2);
  EXPECT_EQ(session_cost(b, flat, london())->total_minor, 4);
}

TEST(SessionCost, LinesAddUpToTheTotal) {
  // Three lines of 0.5p each: exact total 1.5p → 2p; the lines must show 1 + 1 + 0, not 0 + 0 + 0.
  Tariff tariff{"t", 1, {}, "GBP", 2, 10000, {{{}, 1h, 2h, 10000, "A"}, {{}, 2h, 3h, 10000, "B"}}};
  const std::vector<EnergySample> samples = {{utc(2026, 11, 23, 1), 0},
                                             {utc(2026, 11, 23, 4), 1500}};
  const auto cost = session_cost(samples, tariff, london());
  ASSERT_TRUE(cost) << cost.error();
  ASSERT_EQ(cost->lines.size(), 3u);
  EXPECT_EQ(cost->total_minor, 2);
  EXPECT_EQ(cost->lines[0].cost_minor + cost->lines[1].cost_minor + cost->lines[2].cost_minor, 2);
}

TEST(SessionCost, MidnightCrossingPeriod) {
  Tariff tariff{"t", 1, {}, "GBP", 2, 300000, {{{}, 23h, 5h, 100000, "Night"}}};
  // 22:00 → 02:00, 1 kWh per hour: 1 kWh standard, 3 kWh night.
  const std::vector<EnergySample> samples = {{utc(2026, 11, 23, 22), 0},
                                             {utc(2026, 11, 24, 2), 4000}};
  const auto cost = session_cost(samples, tariff, london());
  ASSERT_TRUE(cost) << cost.error();
  ASSERT_EQ(cost->lines.size(), 2u);
  EXPECT_EQ(cost->lines[0].label, "Standard");
  EXPECT_DOUBLE_EQ(cost->lines[0].energy_wh, 1000);
  EXPECT_EQ(cost->lines[1].label, "Night");
  EXPECT_DOUBLE_EQ(cost->lines[1].energy_wh, 3000);
  EXPECT_EQ(cost->total_minor, 60);
}

TEST(SessionCost, SpringForwardNightHasOneNightHourLess) {
  // Night 00:30–07:30 local on 29 March 2026 is 00:30–06:30 UTC. Session 00:00–08:00 UTC, 1 kWh/h:
  // 6 kWh at night, 2 kWh standard.
  const std::vector<EnergySample> samples = {{utc(2026, 3, 29, 0), 0}, {utc(2026, 3, 29, 8), 8000}};
  const auto cost = session_cost(samples, night_tariff(), london());
  ASSERT_TRUE(cost) << cost.error();
  ASSERT_EQ(cost->lines.size(), 2u);
  EXPECT_DOUBLE_EQ(cost->lines[0].energy_wh + cost->lines[1].energy_wh, 8000);
  EXPECT_DOUBLE_EQ(cost->lines[1].energy_wh, 6000);  // Night (first used at 00:30, after Standard)
  EXPECT_EQ(cost->total_minor, 105);                 // 6 × 7.5 + 2 × 30
}

TEST(SessionCost, FallBackNightHasOneNightHourMore) {
  // Night on 25 October 2026: 00:30 BST (23:30 UTC on the 24th) to 07:30 GMT (07:30 UTC): 8 h.
  const std::vector<EnergySample> samples = {{utc(2026, 10, 24, 23), 0},
                                             {utc(2026, 10, 25, 8), 9000}};
  const auto cost = session_cost(samples, night_tariff(), london());
  ASSERT_TRUE(cost) << cost.error();
  ASSERT_EQ(cost->lines.size(), 2u);
  EXPECT_DOUBLE_EQ(cost->lines[1].energy_wh, 8000);
  EXPECT_EQ(cost->total_minor, 90);  // 8 × 7.5 + 1 × 30
}

TEST(SessionCost, BadSamples) {
  const auto tariff = night_tariff();
  const std::vector<EnergySample> backwards = {{utc(2026, 11, 23, 1), 100},
                                               {utc(2026, 11, 23, 2), 50}};
  EXPECT_EQ(session_cost(backwards, tariff, london()).error(),
            "samples[1]: energy register went down from 100.000000 to 50.000000 Wh");
  const std::vector<EnergySample> same_time = {{utc(2026, 11, 23, 1), 100},
                                               {utc(2026, 11, 23, 1), 150}};
  EXPECT_EQ(session_cost(same_time, tariff, london()).error(), "samples[1]: not after samples[0]");
  const std::vector<EnergySample> nan = {{utc(2026, 11, 23, 1), std::nan("")}};
  EXPECT_EQ(session_cost(nan, tariff, london()).error(), "samples[0]: energy is not a number");
  const std::vector<EnergySample> absurd = {{utc(2026, 11, 23, 1), 0},
                                            {utc(2026, 11, 23, 2), 1e300}};
  EXPECT_EQ(session_cost(absurd, tariff, london()).error(),
            "cost out of range: check the energy samples");
  const std::vector<EnergySample> one = {{utc(2026, 11, 23, 1), 100}};
  EXPECT_EQ(session_cost(one, tariff, london())->total_minor, 0);
  Tariff broken = tariff;
  broken.currency = "";
  EXPECT_EQ(session_cost(one, broken, london()).error(),
            "tariff currency: \"\" is not an ISO 4217 code");
}

}  // namespace
}  // namespace csms::domain
