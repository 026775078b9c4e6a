#include <gtest/gtest.h>

#include <cmath>

#include "csms_domain/weekly_plan.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::london;
using testing::utc;

const std::vector<weekday> every_day = {Monday, Tuesday,  Wednesday, Thursday,
                                        Friday, Saturday, Sunday};
const std::vector<weekday> weekdays = {Monday, Tuesday, Wednesday, Thursday, Friday};

WeeklyPlan nightly(minutes start, minutes end, double current_a = 32) {
  return {"Europe/London", {{every_day, start, end, current_a}}, 0};
}

TEST(WeeklyPlanErrors, AValidPlanHasNone) {
  const WeeklyPlan plan{
      "Europe/London",
      {{weekdays, 30min, 5h + 30min, 32}, {{Saturday}, 10h, 14h, 16}, {{Sunday}, 20h, 23h, 0}},
      6};
  EXPECT_TRUE(plan_shape_errors(plan).empty());
}

TEST(WeeklyPlanErrors, EachFieldIsNamed) {
  const WeeklyPlan plan{"Europe/London",
                        {{{}, 1h, 2h, 16},
                         {{Monday, Monday}, 1h, 2h, 16},
                         {{Tuesday}, 3h, 3h, 16},
                         {{Wednesday}, 24h, 25h, 16},
                         {{Thursday}, 1h, 2h, 5},
                         {{Friday}, 1h, 2h, 33},
                         {{weekday{9}}, 1h, 2h, 16},
                         {{Saturday}, 1h, 2h, 6.55}},
                        std::nan("")};
  const std::vector<std::string> expected = {
      "windows[0]: no days",
      "windows[1]: Mon listed twice",
      "windows[2]: zero length (start equals end 03:00)",
      "windows[3]: start must be 00:00..23:59",
      "windows[3]: end must be 00:01..24:00",
      "windows[4]: current 5 A is not 0 or 6–32 A in steps of 0.1 A",
      "windows[5]: current 33 A is not 0 or 6–32 A in steps of 0.1 A",
      "windows[6]: invalid weekday",
      "windows[7]: current 6.55 A is not 0 or 6–32 A in steps of 0.1 A",
      "otherwise: current nan A is not 0 or 6–32 A in steps of 0.1 A",
  };
  EXPECT_EQ(plan_shape_errors(plan), expected);
}

TEST(WeeklyPlanErrors, OverlapsNameBothWindowsAndWhere) {
  // windows[0] on Monday night runs into Tuesday 05:00–06:00; windows[2] (Sunday 22:00 to Monday
  // 01:00) meets nothing: windows[0] starts on weekdays only, at 23:00.
  const WeeklyPlan plan{"Europe/London",
                        {{weekdays, 23h, 7h, 32}, {{Tuesday}, 5h, 6h, 16}, {{Sunday}, 22h, 1h, 16}},
                        0};
  const std::vector<std::string> expected = {
      "windows[0] (Mon,Tue,Wed,Thu,Fri 23:00–07:00) and windows[1] (Tue 05:00–06:00) overlap on "
      "Tue 05:00–06:00",
  };
  EXPECT_EQ(plan_shape_errors(plan), expected);
}

TEST(WeeklyPlanErrors, OverlapAcrossTheEndOfTheWeek) {
  // Sunday 22:00–02:00 runs into Monday 00:30–05:30.
  const WeeklyPlan plan{
      "Europe/London", {{{Monday}, 30min, 5h + 30min, 32}, {{Sunday}, 22h, 2h, 16}}, 0};
  const auto errors = plan_shape_errors(plan);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(
      errors[0],
      "windows[0] (Mon 00:30–05:30) and windows[1] (Sun 22:00–02:00) overlap on Mon 00:30–02:00");
}

TEST(WeeklyPlanErrors, CurrentsInTenthsOfAnAmp) {
  for (const double ok : {0.0, 6.0, 6.1, 8.1, 16.5, 31.9, 32.0}) {
    EXPECT_TRUE(plan_shape_errors(WeeklyPlan{"Europe/London", {{{Monday}, 1h, 2h, ok}}, 0}).empty())
        << ok;
  }
  for (const double bad : {5.9, 6.05, 6.10000001, 32.1, -6.0, 1e300, std::nan(""), HUGE_VAL}) {
    EXPECT_EQ(plan_shape_errors(WeeklyPlan{"Europe/London", {{{Monday}, 1h, 2h, bad}}, 0}).size(),
              1u)
        << bad;
  }
}

TEST(WeeklyPlanErrors, TouchingWindowsDoNotOverlap) {
  const WeeklyPlan plan{"Europe/London", {{every_day, 0h, 6h, 32}, {every_day, 6h, 24h, 16}}, 0};
  EXPECT_TRUE(plan_shape_errors(plan).empty());
}

TEST(WeeklyPlanErrors, UnknownZone) {
  auto plan = nightly(30min, 5h + 30min);
  plan.time_zone = "Europe/Atlantis";
  const auto errors = plan_errors(plan, ZoneDb());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "unknown time zone \"Europe/Atlantis\"");
}

TEST(WeekSpans, MidnightAndEndOfWeekSplit) {
  const WeeklyPlan plan{"Europe/London", {{{Sunday}, 23h, 7h, 32}, {{Saturday}, 10h, 14h, 16}}, 0};
  const std::vector<WeekSpan> expected = {
      {0, 7 * 3600, 32, 0},
      {5 * 86400 + 10 * 3600, 5 * 86400 + 14 * 3600, 16, 1},
      {6 * 86400 + 23 * 3600, week_s, 32, 0},
  };
  EXPECT_EQ(week_spans(plan), expected);
}

TEST(WindowsBetween, AnOrdinaryWinterWeek) {
  const WeeklyPlan plan{
      "Europe/London", {{weekdays, 30min, 5h + 30min, 32}, {{Saturday}, 10h, 14h, 16}}, 0};
  // Monday 2026-11-23 .. Monday 2026-11-30, GMT = UTC.
  const auto got = windows_between(plan, london(), utc(2026, 11, 23), utc(2026, 11, 30));
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 11, 23, 0, 30), utc(2026, 11, 23, 5, 30), 32, 0}));
  EXPECT_EQ(got[4], (ChargingInterval{utc(2026, 11, 27, 0, 30), utc(2026, 11, 27, 5, 30), 32, 0}));
  EXPECT_EQ(got[5], (ChargingInterval{utc(2026, 11, 28, 10), utc(2026, 11, 28, 14), 16, 1}));
}

TEST(WindowsBetween, SummerTimeIsAnHourEarlierInUtc) {
  const auto got = windows_between(nightly(30min, 5h + 30min), london(), utc(2026, 6, 30, 12),
                                   utc(2026, 7, 1, 12));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 6, 30, 23, 30), utc(2026, 7, 1, 4, 30), 32, 0}));
}

TEST(WindowsBetween, ClipsToTheRange) {
  const auto got = windows_between(nightly(30min, 5h + 30min), london(), utc(2026, 11, 23, 2),
                                   utc(2026, 11, 23, 3));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 11, 23, 2), utc(2026, 11, 23, 3), 32, 0}));
  EXPECT_TRUE(windows_between(nightly(1h, 2h), london(), utc(2026, 11, 23, 3), utc(2026, 11, 23, 3))
                  .empty());
}

TEST(WindowsBetween, CrossingMidnightAndTheWeekIsOneInterval) {
  const WeeklyPlan plan{"Europe/London", {{{Sunday}, 23h, 7h, 32}}, 0};
  const auto got = windows_between(plan, london(), utc(2026, 11, 20), utc(2026, 12, 1));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 11, 22, 23), utc(2026, 11, 23, 7), 32, 0}));
  EXPECT_EQ(got[1], (ChargingInterval{utc(2026, 11, 29, 23), utc(2026, 11, 30, 7), 32, 0}));
}

// Issue 6's DST cases, Europe/London 2026: clocks go forward at 01:00 UTC on 29 March and back at
// 01:00 UTC on 25 October.
TEST(WindowsBetweenDst, SpringNightIsFourHoursLong) {
  const auto got = windows_between(nightly(30min, 5h + 30min), london(), utc(2026, 3, 28, 12),
                                   utc(2026, 3, 29, 12));
  ASSERT_EQ(got.size(), 1u);
  // 00:30 GMT = 00:30 UTC; 05:30 BST = 04:30 UTC.
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 4, 30), 32, 0}));
}

TEST(WindowsBetweenDst, AutumnNightIsSixHoursLong) {
  const auto got = windows_between(nightly(30min, 5h + 30min), london(), utc(2026, 10, 24, 12),
                                   utc(2026, 10, 25, 12));
  ASSERT_EQ(got.size(), 1u);
  // 00:30 BST = 23:30 UTC the day before; 05:30 GMT = 05:30 UTC.
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 5, 30), 32, 0}));
}

TEST(WindowsBetweenDst, TheMissingHourNeverHappens) {
  const auto got = windows_between(nightly(1h, 2h), london(), utc(2026, 3, 28), utc(2026, 3, 31));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 3, 28, 1), utc(2026, 3, 28, 2), 32, 0}));
  EXPECT_EQ(got[1], (ChargingInterval{utc(2026, 3, 30, 0), utc(2026, 3, 30, 1), 32, 0}));
}

TEST(WindowsBetweenDst, TheRepeatedHourHappensTwice) {
  const auto got =
      windows_between(nightly(1h, 2h), london(), utc(2026, 10, 24, 12), utc(2026, 10, 25, 12));
  ASSERT_EQ(got.size(), 1u);
  // 01:00 BST (00:00 UTC) to the second 02:00, GMT (02:00 UTC): both 01:00–02:00s, back to back.
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 10, 25, 0), utc(2026, 10, 25, 2), 32, 0}));
}

TEST(WindowsBetweenDst, AWindowEndingInTheMissingHourEndsAtTheChange) {
  const auto got = windows_between(nightly(0h, 1h + 30min), london(), utc(2026, 3, 28, 12),
                                   utc(2026, 3, 29, 12));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], (ChargingInterval{utc(2026, 3, 29, 0), utc(2026, 3, 29, 1), 32, 0}));
}

TEST(CurrentAt, FollowsLocalTimeAndOtherwise) {
  WeeklyPlan plan = nightly(30min, 5h + 30min, 32);
  plan.otherwise_a = 6;
  const auto zone = london();
  EXPECT_EQ(current_at(plan, zone, utc(2026, 11, 23, 0, 30)), 32);
  EXPECT_EQ(current_at(plan, zone, utc(2026, 11, 23, 5, 29, 59)), 32);
  EXPECT_EQ(current_at(plan, zone, utc(2026, 11, 23, 5, 30)), 6);
  EXPECT_EQ(current_at(plan, zone, utc(2026, 7, 1, 4, 29)), 32);
  EXPECT_EQ(current_at(plan, zone, utc(2026, 7, 1, 4, 30)), 6);
}

TEST(NextWindow, InProgressOrNext) {
  const WeeklyPlan plan{
      "Europe/London", {{weekdays, 30min, 5h + 30min, 32}, {{Saturday}, 10h, 14h, 0}}, 0};
  const auto zone = london();
  // Friday 2026-11-27 03:00: in progress, unclipped.
  EXPECT_EQ(next_window(plan, zone, utc(2026, 11, 27, 3)),
            (ChargingInterval{utc(2026, 11, 27, 0, 30), utc(2026, 11, 27, 5, 30), 32, 0}));
  // Friday after 05:30: the 0 A Saturday window is not a charge; Monday's is.
  EXPECT_EQ(next_window(plan, zone, utc(2026, 11, 27, 5, 30)),
            (ChargingInterval{utc(2026, 11, 30, 0, 30), utc(2026, 11, 30, 5, 30), 32, 0}));
  EXPECT_EQ(next_window(WeeklyPlan{}, zone, utc(2026, 11, 27)), std::nullopt);
}

TEST(NextWindow, AWindowOnlyInTheMissingHourSkipsThatWeek) {
  const WeeklyPlan plan{"Europe/London", {{{Sunday}, 1h, 2h, 16}}, 0};
  EXPECT_EQ(next_window(plan, london(), utc(2026, 3, 28)),
            (ChargingInterval{utc(2026, 4, 5, 0), utc(2026, 4, 5, 1), 16, 0}));
}

}  // namespace
}  // namespace csms::domain
