#include <gtest/gtest.h>

#include "csms_domain/totals.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::london;
using testing::utc;

SessionRecord session(UtcTime start, UtcTime stop, double energy_wh,
                      std::optional<std::int64_t> cost_minor,
                      std::vector<EnergySample> samples = {}) {
  SessionRecord record;
  record.session_id = "s";
  record.start = start;
  record.stop = stop;
  record.energy_wh = energy_wh;
  record.cost_minor = cost_minor;
  record.currency = "GBP";
  record.samples = std::move(samples);
  return record;
}

TEST(IsoWeek, Labels) {
  EXPECT_EQ(iso_week_label(2026y / March / 29),
            "2026-W13");  // a Sunday: the week began on the 23rd
  EXPECT_EQ(iso_week_label(2026y / March / 30), "2026-W14");
  EXPECT_EQ(iso_week_label(2027y / January / 1), "2026-W53");  // 2026 has 53 ISO weeks
  EXPECT_EQ(iso_week_label(2024y / December / 30), "2025-W01");
  EXPECT_EQ(iso_week_label(2026y / January / 1), "2026-W01");
}

TEST(Totals, MidnightSessionSplitBySamples) {
  // 22:00 → 02:00 GMT, 2 kWh per hour: 4 kWh on the 23rd, 4 kWh on the 24th; 101p split 51/50
  // (largest remainder; the tie goes to the earlier day).
  const std::vector<SessionRecord> sessions = {session(
      utc(2026, 11, 23, 22), utc(2026, 11, 24, 2), 8000, 101,
      {{utc(2026, 11, 23, 22), 0}, {utc(2026, 11, 24, 0), 4000}, {utc(2026, 11, 24, 2), 8000}})};
  const auto days = totals(sessions, london(), TotalsPeriod::Day);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].label, "2026-11-23");
  EXPECT_DOUBLE_EQ(days[0].energy_wh, 4000);
  EXPECT_EQ(days[0].cost_minor.at("GBP"), 51);
  EXPECT_EQ(days[0].sessions, 1);
  EXPECT_EQ(days[1].label, "2026-11-24");
  EXPECT_DOUBLE_EQ(days[1].energy_wh, 4000);
  EXPECT_EQ(days[1].cost_minor.at("GBP"), 50);
  EXPECT_EQ(days[1].sessions, 0);
}

TEST(Totals, WithoutSamplesTheStartDayTakesAll) {
  const std::vector<SessionRecord> sessions = {
      session(utc(2026, 11, 23, 22), utc(2026, 11, 24, 2), 8000, 100)};
  const auto days = totals(sessions, london(), TotalsPeriod::Day);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].label, "2026-11-23");
  EXPECT_DOUBLE_EQ(days[0].energy_wh, 8000);
  EXPECT_EQ(days[0].cost_minor.at("GBP"), 100);
}

TEST(Totals, LocalDaysInSummerTime) {
  // 23:30 UTC on 30 June is 00:30 BST on 1 July.
  const std::vector<SessionRecord> sessions = {
      session(utc(2026, 6, 30, 23, 30), utc(2026, 7, 1, 1), 1000, std::nullopt)};
  const auto days = totals(sessions, london(), TotalsPeriod::Day);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].label, "2026-07-01");
  EXPECT_TRUE(days[0].cost_minor.empty());
  const auto months = totals(sessions, london(), TotalsPeriod::Month);
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0].label, "2026-07");
  EXPECT_EQ(months[0].first_day, 2026y / July / 1);
}

TEST(Totals, FallBackNightIsSplitAtLocalMidnight) {
  // 23:00 UTC 24 Oct = 00:00 BST 25 Oct: the whole 23:00–01:00 UTC session is on the 25th locally.
  const std::vector<SessionRecord> sessions = {
      session(utc(2026, 10, 24, 22), utc(2026, 10, 25, 1), 3000, 30,
              {{utc(2026, 10, 24, 22), 0}, {utc(2026, 10, 25, 1), 3000}})};
  const auto days = totals(sessions, london(), TotalsPeriod::Day);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].label, "2026-10-24");
  EXPECT_DOUBLE_EQ(days[0].energy_wh, 1000);
  EXPECT_EQ(days[0].cost_minor.at("GBP"), 10);
  EXPECT_EQ(days[1].label, "2026-10-25");
  EXPECT_DOUBLE_EQ(days[1].energy_wh, 2000);
  EXPECT_EQ(days[1].cost_minor.at("GBP"), 20);
}

TEST(Totals, IsoWeeksAndMonthsAndCurrencies) {
  std::vector<SessionRecord> sessions = {
      session(utc(2026, 3, 29, 10), utc(2026, 3, 29, 11), 1000, 10),  // Sunday, W13
      session(utc(2026, 3, 30, 10), utc(2026, 3, 30, 11), 2000, 20),  // Monday, W14
      session(utc(2026, 4, 1, 10), utc(2026, 4, 1, 11), 3000, 30),    // Wednesday, W14, April
  };
  sessions[2].currency = "EUR";
  const auto weeks = totals(sessions, london(), TotalsPeriod::Week);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].label, "2026-W13");
  EXPECT_EQ(weeks[0].first_day, 2026y / March / 23);
  EXPECT_EQ(weeks[1].label, "2026-W14");
  EXPECT_DOUBLE_EQ(weeks[1].energy_wh, 5000);
  EXPECT_EQ(weeks[1].sessions, 2);
  EXPECT_EQ(weeks[1].cost_minor.at("GBP"), 20);
  EXPECT_EQ(weeks[1].cost_minor.at("EUR"), 30);
  const auto months = totals(sessions, london(), TotalsPeriod::Month);
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].label, "2026-03");
  EXPECT_DOUBLE_EQ(months[0].energy_wh, 3000);
  EXPECT_EQ(months[1].label, "2026-04");
  EXPECT_TRUE(totals({}, london(), TotalsPeriod::Day).empty());
}

}  // namespace
}  // namespace csms::domain
