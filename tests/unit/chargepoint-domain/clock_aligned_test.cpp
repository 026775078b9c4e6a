#include <gtest/gtest.h>

#include "domain/clock_aligned.hpp"

namespace {

using namespace chargepoint;
using namespace std::chrono;
using namespace std::chrono_literals;

// 2026-03-29 is the day Europe moves its clocks forward: UTC alignment must not notice.
const common::WallTime k_midnight = common::WallTime{sys_days{year{2026} / 3 / 29}};

common::WallTime at(nanoseconds since_midnight) {
  return k_midnight + since_midnight;
}

TEST(ClockAligned, QuarterHours) {
  EXPECT_EQ(next_aligned_boundary(at(12h + 14min + 59s + 999ms), 900s), at(12h + 15min));
  EXPECT_EQ(next_aligned_boundary(at(12h + 15min + 1ns), 900s), at(12h + 30min));
  EXPECT_EQ(next_aligned_boundary(at(23h + 50min), 900s), at(24h));
  EXPECT_EQ(aligned_interval_start(at(12h + 29min), 900s), at(12h + 15min));
}

TEST(ClockAligned, ExactlyOnABoundaryGivesTheNextOne) {
  EXPECT_EQ(next_aligned_boundary(at(12h + 15min), 900s), at(12h + 30min));
  EXPECT_EQ(next_aligned_boundary(k_midnight, 900s), at(15min));
  EXPECT_EQ(next_aligned_boundary(k_midnight, 3600s), at(1h));
  EXPECT_EQ(aligned_interval_start(at(12h + 15min), 900s), at(12h + 15min));
  EXPECT_EQ(aligned_interval_start(k_midnight, 86400s), k_midnight);
}

TEST(ClockAligned, Hours) {
  EXPECT_EQ(next_aligned_boundary(at(59min), 3600s), at(1h));
  EXPECT_EQ(next_aligned_boundary(at(23h + 0min + 1s), 3600s), at(24h));
  // Across the European DST change (01:00 UTC) nothing moves in UTC.
  EXPECT_EQ(next_aligned_boundary(at(1h + 30min), 3600s), at(2h));
}

TEST(ClockAligned, WholeDays) {
  EXPECT_EQ(next_aligned_boundary(at(1s), 86400s), at(24h));
  EXPECT_EQ(next_aligned_boundary(k_midnight, 86400s), at(24h));
  EXPECT_EQ(next_aligned_boundary(at(24h - 1ns), 86400s), at(24h));
  EXPECT_EQ(aligned_interval_start(at(23h), 86400s), k_midnight);
}

TEST(ClockAligned, IntervalsThatDoNotDivideADayRestartAtMidnight) {
  // 86400 = 7 × 12342 + 6: the day's last interval starts at 86394 s and lasts 6 s.
  EXPECT_EQ(next_aligned_boundary(at(0s), 7s), at(7s));
  EXPECT_EQ(next_aligned_boundary(at(10s), 7s), at(14s));
  EXPECT_EQ(next_aligned_boundary(at(86390s), 7s), at(86394s));
  EXPECT_EQ(next_aligned_boundary(at(86394s), 7s), at(24h));
  EXPECT_EQ(next_aligned_boundary(at(86399s), 7s), at(24h));
  EXPECT_EQ(next_aligned_boundary(at(24h), 7s), at(24h + 7s));
  EXPECT_EQ(aligned_interval_start(at(86399s), 7s), at(86394s));
  // 7000 s: boundaries at 0, 7000, …, 84000, then midnight.
  EXPECT_EQ(next_aligned_boundary(at(84000s), 7000s), at(24h));
  EXPECT_EQ(next_aligned_boundary(at(83999s), 7000s), at(84000s));
}

TEST(ClockAligned, ZeroOrNegativeIsOff) {
  EXPECT_EQ(next_aligned_boundary(at(1h), 0s), std::nullopt);
  EXPECT_EQ(next_aligned_boundary(at(1h), -900s), std::nullopt);
  EXPECT_EQ(aligned_interval_start(at(1h), 0s), std::nullopt);
}

TEST(ClockAligned, AFixedOffsetAlignsToLocalMidnight) {
  // UTC+05:30: local midnight is 18:30 UTC the day before, so hours fall on half past in UTC.
  EXPECT_EQ(next_aligned_boundary(at(10h + 5min), 3600s, 5h + 30min), at(10h + 30min));
  EXPECT_EQ(next_aligned_boundary(at(18h + 29min), 86400s, 5h + 30min), at(18h + 30min));
  EXPECT_EQ(next_aligned_boundary(at(18h + 30min), 86400s, 5h + 30min), at(24h + 18h + 30min));
  // A 7 s interval restarts at local midnight (18:30 UTC), not at UTC midnight.
  EXPECT_EQ(next_aligned_boundary(at(18h + 29min + 59s), 7s, 5h + 30min), at(18h + 30min));
  EXPECT_EQ(next_aligned_boundary(at(18h + 30min), 7s, 5h + 30min), at(18h + 30min + 7s));
  // West of UTC.
  EXPECT_EQ(next_aligned_boundary(at(4h), 86400s, -5h), at(5h));
  // Whole-hour offsets do not move quarter hours.
  EXPECT_EQ(next_aligned_boundary(at(12h + 1min), 900s, 1h), at(12h + 15min));
}

TEST(ClockAligned, BeforeTheEpochToo) {
  const common::WallTime before = common::WallTime{sys_days{year{1969} / 12 / 31}} + 23h + 59min;
  EXPECT_EQ(next_aligned_boundary(before, 900s), common::WallTime{});
}

TEST(PeriodicSamples, CountFromTheTransactionStart) {
  const auto start = at(10h + 3min + 17s + 500ms);
  EXPECT_EQ(next_periodic_sample(start, start, 60s), start + 60s);
  EXPECT_EQ(next_periodic_sample(start, start + 59s, 60s), start + 60s);
  EXPECT_EQ(next_periodic_sample(start, start + 60s, 60s), start + 120s);
  EXPECT_EQ(next_periodic_sample(start, start + 1h + 1ms, 60s), start + 1h + 60s);
  EXPECT_EQ(next_periodic_sample(start, start - 1h, 60s), start + 60s);
  EXPECT_EQ(next_periodic_sample(start, start + 1h, 0s), std::nullopt);
  EXPECT_EQ(next_periodic_sample(start, start + 1h, -60s), std::nullopt);
}

}  // namespace
