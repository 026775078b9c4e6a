#include <gtest/gtest.h>

#include "csms_domain/posix_tz.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using testing::utc;

TEST(PosixTz, ParsesLondon) {
  const auto tz = parse_posix_tz("GMT0BST,M3.5.0/1,M10.5.0");
  ASSERT_TRUE(tz) << tz.error();
  EXPECT_EQ(tz->std_name, "GMT");
  EXPECT_EQ(tz->std_utc_offset_s, 0);
  ASSERT_TRUE(tz->dst);
  EXPECT_EQ(tz->dst->name, "BST");
  EXPECT_EQ(tz->dst->utc_offset_s, 3600);
  EXPECT_EQ(tz->dst->start, (PosixDate{PosixDate::Kind::MonthWeekDay, 0, 3, 5}));
  EXPECT_EQ(tz->dst->start_time_s, 3600);
  EXPECT_EQ(tz->dst->end_time_s, 7200);  // the POSIX default 02:00
}

TEST(PosixTz, WestIsPositiveInPosixAndNegativeHere) {
  const auto ny = parse_posix_tz("EST5EDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(ny) << ny.error();
  EXPECT_EQ(ny->std_utc_offset_s, -5 * 3600);
  EXPECT_EQ(ny->dst->utc_offset_s, -4 * 3600);
  // 2026: second Sunday of March (8th) 02:00 EST = 07:00 UTC; first Sunday of November (1st)
  // 02:00 EDT = 06:00 UTC.
  const auto changes = posix_changes_in_year(*ny, 2026);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], (OffsetChange{utc(2026, 3, 8, 7), -4 * 3600}));
  EXPECT_EQ(changes[1], (OffsetChange{utc(2026, 11, 1, 6), -5 * 3600}));
}

TEST(PosixTz, QuotedNamesOffsetsWithMinutesAndNoDst) {
  const auto kolkata = parse_posix_tz("IST-5:30");
  ASSERT_TRUE(kolkata) << kolkata.error();
  EXPECT_EQ(kolkata->std_utc_offset_s, 5 * 3600 + 1800);
  EXPECT_FALSE(kolkata->dst);
  EXPECT_TRUE(posix_changes_in_year(*kolkata, 2026).empty());
  const auto quoted = parse_posix_tz("<+0330>-3:30");
  ASSERT_TRUE(quoted) << quoted.error();
  EXPECT_EQ(quoted->std_name, "+0330");
  EXPECT_EQ(posix_offset_at(*quoted, utc(2026, 6, 1)), 3 * 3600 + 1800);
}

TEST(PosixTz, SouthernHemisphereStartsTheYearInDaylightSaving) {
  const auto sydney = parse_posix_tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(sydney) << sydney.error();
  EXPECT_EQ(posix_offset_at(*sydney, utc(2026, 1, 10)), 11 * 3600);
  EXPECT_EQ(posix_offset_at(*sydney, utc(2026, 4, 4, 15, 59, 59)), 11 * 3600);
  EXPECT_EQ(posix_offset_at(*sydney, utc(2026, 4, 4, 16)), 10 * 3600);
  EXPECT_EQ(posix_offset_at(*sydney, utc(2026, 10, 3, 16)), 11 * 3600);
}

TEST(PosixTz, JulianDayForms) {
  // Jn never counts 29 February: J60 is 1 March in 2028 (leap) and 2026 alike; n counts it.
  const auto julian = parse_posix_tz("AAA0BBB,J60/0,J300/0");
  const auto zero = parse_posix_tz("AAA0BBB,59/0,300/0");
  ASSERT_TRUE(julian && zero);
  EXPECT_EQ(posix_changes_in_year(*julian, 2028).front().at, utc(2028, 3, 1));
  EXPECT_EQ(posix_changes_in_year(*julian, 2026).front().at, utc(2026, 3, 1));
  EXPECT_EQ(posix_changes_in_year(*zero, 2028).front().at, utc(2028, 2, 29));
}

TEST(PosixTz, DaylightSavingAllYearHasNoChanges) {
  // RFC 8536 §3.3.1's example of DST all year.
  const auto tz = parse_posix_tz("EST5EDT,0/0,J365/25");
  ASSERT_TRUE(tz) << tz.error();
  EXPECT_TRUE(posix_changes_in_year(*tz, 2026).empty());
  EXPECT_EQ(posix_offset_at(*tz, utc(2026, 1, 1, 5)), -4 * 3600);
  EXPECT_EQ(posix_offset_at(*tz, utc(2026, 7, 1)), -4 * 3600);
}

TEST(PosixTz, ErrorsSayWhere) {
  EXPECT_EQ(
      parse_posix_tz("").error(),
      "time zone rule \"\": expected a zone abbreviation (3+ letters or <...>) at position 0");
  EXPECT_EQ(parse_posix_tz("GMT").error(),
            "time zone rule \"GMT\": expected the standard offset [+-]hh[:mm[:ss]] at position 3");
  EXPECT_EQ(parse_posix_tz("GMT0BST").error(),
            "time zone rule \"GMT0BST\": daylight saving without rules is not supported; expected "
            "',' at position 7");
  EXPECT_EQ(
      parse_posix_tz("GMT0BST,M13.5.0,M10.5.0").error(),
      "time zone rule \"GMT0BST,M13.5.0,M10.5.0\": expected a start date (Jn, n or Mm.w.d) at "
      "position 10");
  EXPECT_FALSE(parse_posix_tz("GMT0BST,M3.6.0,M10.5.0"));
  EXPECT_FALSE(parse_posix_tz("GMT0BST,M3.5.7,M10.5.0"));
  EXPECT_FALSE(parse_posix_tz("GMT0BST,J0,M10.5.0"));
  EXPECT_FALSE(parse_posix_tz("GMT0BST,M3.5.0/1"));
  EXPECT_FALSE(parse_posix_tz("GMT0BST,M3.5.0/1,M10.5.0x"));
  EXPECT_FALSE(parse_posix_tz("GMT168"));
  EXPECT_FALSE(parse_posix_tz("GMT0:60"));
  EXPECT_FALSE(parse_posix_tz("<AB>0"));
  EXPECT_FALSE(parse_posix_tz("<ABC0"));
}

}  // namespace
}  // namespace csms::domain
