#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "csms_domain/time_zone.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::utc;

// Builds TZif bytes as RFC 8536 lays them out, so the parser is tested against the RFC rather than
// against itself.
struct TzifSpec {
  char version = '2';
  std::vector<std::int64_t> times;
  std::vector<std::uint8_t> indices;
  std::vector<std::int32_t> offsets;  // one local time type each, isdst = 0, abbreviation 0
  std::string footer = "GMT0BST,M3.5.0/1,M10.5.0";
  std::uint32_t leapcnt = 0;
};

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}
void put64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

void put_block(std::string& out, const TzifSpec& spec, bool wide) {
  out += "TZif";
  out.push_back(spec.version);
  out.append(15, '\0');
  put32(out, 0);                                                // isutcnt
  put32(out, 0);                                                // isstdcnt
  put32(out, spec.leapcnt);                                     // leapcnt
  put32(out, static_cast<std::uint32_t>(spec.times.size()));    // timecnt
  put32(out, static_cast<std::uint32_t>(spec.offsets.size()));  // typecnt
  put32(out, 4);                                                // charcnt: "XXX\0"
  for (auto t : spec.times) {
    if (wide) {
      put64(out, static_cast<std::uint64_t>(t));
    } else {
      put32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(t)));
    }
  }
  for (auto i : spec.indices) out.push_back(static_cast<char>(i));
  for (auto o : spec.offsets) {
    put32(out, static_cast<std::uint32_t>(o));
    out.push_back('\0');
    out.push_back('\0');
  }
  out += std::string("XXX\0", 4);
  for (std::uint32_t i = 0; i < spec.leapcnt; ++i) {
    if (wide)
      put64(out, 0);
    else
      put32(out, 0);
    put32(out, 0);
  }
}

std::string tzif(const TzifSpec& spec) {
  std::string out;
  put_block(out, spec, false);
  if (spec.version == '\0') return out;
  put_block(out, spec, true);
  return out + "\n" + spec.footer + "\n";
}

const std::int64_t mar_2026 = utc(2026, 3, 29, 1).time_since_epoch().count();
const std::int64_t oct_2026 = utc(2026, 10, 25, 1).time_since_epoch().count();

TEST(Tzif, ReadsTheSixtyFourBitBlockAndTheFooter) {
  const auto data = parse_tzif(
      tzif({'2', {mar_2026, oct_2026}, {1, 0}, {0, 3600}, "GMT0BST,M3.5.0/1,M10.5.0", 0}));
  ASSERT_TRUE(data) << data.error();
  EXPECT_EQ(data->version, 2);
  EXPECT_EQ(data->initial_utc_offset_s, 0);
  ASSERT_EQ(data->changes.size(), 2u);
  EXPECT_EQ(data->changes[0], (OffsetChange{utc(2026, 3, 29, 1), 3600}));
  EXPECT_EQ(data->changes[1], (OffsetChange{utc(2026, 10, 25, 1), 0}));
  EXPECT_EQ(data->footer, "GMT0BST,M3.5.0/1,M10.5.0");
}

TEST(Tzif, VersionZeroFileHasOnlyTheThirtyTwoBitBlock) {
  const auto data = parse_tzif(tzif({'\0', {mar_2026}, {1}, {0, 3600}, "", 0}));
  ASSERT_TRUE(data) << data.error();
  EXPECT_EQ(data->version, 1);
  ASSERT_EQ(data->changes.size(), 1u);
  EXPECT_EQ(data->footer, "");
}

TEST(Tzif, RejectsMalformedFilesWithTheReason) {
  const TzifSpec good{'2', {mar_2026, oct_2026}, {1, 0}, {0, 3600}, "GMT0", 0};
  EXPECT_EQ(parse_tzif("").error(), "TZif: truncated header");
  EXPECT_EQ(parse_tzif(std::string(60, 'x')).error(), "TZif: bad magic (not a TZif file)");
  const std::string bytes = tzif(good);
  EXPECT_EQ(parse_tzif(bytes.substr(0, bytes.size() - 10)).error(), "TZif: truncated data block");
  EXPECT_EQ(parse_tzif(bytes.substr(0, bytes.size() - 1)).error(), "TZif: unterminated footer");
  EXPECT_EQ(parse_tzif(bytes.substr(0, bytes.size() - 6)).error(), "TZif: missing footer");

  auto bad_index = good;
  bad_index.indices = {1, 2};
  EXPECT_EQ(parse_tzif(tzif(bad_index)).error(), "TZif: transition type index out of range");
  auto descending = good;
  descending.times = {oct_2026, mar_2026};
  EXPECT_EQ(parse_tzif(tzif(descending)).error(), "TZif: transition times not ascending");
  auto leap = good;
  leap.leapcnt = 1;
  EXPECT_EQ(parse_tzif(tzif(leap)).error(),
            "TZif: leap-second records are not supported (a \"right/\" zone?)");
  auto no_types = good;
  no_types.offsets.clear();
  no_types.times.clear();
  no_types.indices.clear();
  EXPECT_EQ(parse_tzif(tzif(no_types)).error(), "TZif: no local time types");
  auto wild_offset = good;
  wild_offset.offsets = {0, 100 * 3600};
  EXPECT_EQ(parse_tzif(tzif(wild_offset)).error(), "TZif: UTC offset out of range");
  auto version = tzif(good);
  version[4] = '9';
  EXPECT_EQ(parse_tzif(version).error(), "TZif: unknown version byte");
}

TEST(Tzif, EveryTruncationFailsCleanly) {
  const std::string bytes =
      tzif({'2', {mar_2026, oct_2026}, {1, 0}, {0, 3600}, "GMT0BST,M3.5.0/1,M10.5.0", 0});
  for (std::size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(parse_tzif(bytes.substr(0, n))) << n;
}

TEST(Tzif, CorruptedSystemFilesNeverCrash) {
  std::ifstream file("/usr/share/zoneinfo/Europe/London", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (bytes.empty()) GTEST_SKIP() << "no tzdata installed";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (const unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string broken = bytes;
      broken[i] = static_cast<char>(static_cast<unsigned char>(broken[i]) ^ flip);
      const auto zone = TimeZone::from_tzif("Broken", broken);
      if (!zone) continue;
      // Whatever it says, asking must be safe.
      (void)zone->utc_offset(utc(2026, 3, 29, 1));
      (void)zone->next_change(utc(2026, 11, 22));
      (void)zone->previous_change(utc(2026, 11, 22));
    }
  }
}

TEST(TimeZone, ExplicitTransitionsThenTheFooterRule) {
  // Explicit changes only for 2026, like a "slim" file: 2027 must come from the footer.
  const auto zone = TimeZone::from_tzif(
      "Test/London",
      tzif({'2', {mar_2026, oct_2026}, {1, 0}, {0, 3600}, "GMT0BST,M3.5.0/1,M10.5.0", 0}));
  ASSERT_TRUE(zone) << zone.error();
  EXPECT_EQ(zone->utc_offset(utc(2026, 1, 1)), 0s);
  EXPECT_EQ(zone->utc_offset(utc(2026, 3, 29, 0, 59, 59)), 0s);
  EXPECT_EQ(zone->utc_offset(utc(2026, 3, 29, 1)), 1h);
  EXPECT_EQ(zone->utc_offset(utc(2026, 10, 25, 0, 59, 59)), 1h);
  EXPECT_EQ(zone->utc_offset(utc(2026, 10, 25, 1)), 0s);
  EXPECT_EQ(zone->utc_offset(utc(2027, 3, 28, 1)), 1h);  // footer: last Sunday of March 2027
  EXPECT_EQ(zone->utc_offset(utc(2027, 3, 28, 0, 59)), 0s);
  EXPECT_EQ(zone->next_change(utc(2026, 11, 1)), utc(2027, 3, 28, 1));
  EXPECT_EQ(zone->next_change(utc(2026, 3, 29, 1)), utc(2026, 10, 25, 1));
  EXPECT_EQ(zone->previous_change(utc(2027, 5, 1)), utc(2027, 3, 28, 1));
  EXPECT_EQ(zone->previous_change(utc(2026, 3, 29, 1)), utc(2026, 3, 29, 1));
  EXPECT_EQ(zone->previous_change(utc(2026, 11, 1)), utc(2026, 10, 25, 1));
  EXPECT_EQ(zone->previous_change(utc(2026, 3, 1)), std::nullopt);
}

TEST(TimeZone, TransitionsThatKeepTheOffsetAreNotChanges) {
  // Type 1 has the same offset as type 0 (only the abbreviation would differ in a real file).
  const auto zone =
      TimeZone::from_tzif("Test/Same", tzif({'2', {mar_2026}, {1}, {0, 0}, "UTC0", 0}));
  ASSERT_TRUE(zone) << zone.error();
  EXPECT_EQ(zone->next_change(utc(2026, 1, 1)), std::nullopt);
  EXPECT_EQ(zone->previous_change(utc(2027, 1, 1)), std::nullopt);
}

TEST(TimeZone, SystemLondonFileAgreesWithTheKnownChanges) {
  const auto zone = ZoneDb().load("Europe/London");
  if (!zone) GTEST_SKIP() << "no tzdata installed: " << zone.error();
  EXPECT_EQ(zone->next_change(utc(2026, 1, 1)), utc(2026, 3, 29, 1));
  EXPECT_EQ(zone->next_change(utc(2026, 3, 29, 1)), utc(2026, 10, 25, 1));
  EXPECT_EQ(zone->next_change(utc(2026, 11, 22)), utc(2027, 3, 28, 1));
  EXPECT_EQ(zone->utc_offset(utc(2026, 7, 1)), 1h);
  EXPECT_EQ(zone->utc_offset(utc(1990, 7, 1)), 1h);
  EXPECT_EQ(zone->utc_offset(utc(2045, 7, 1)), 1h);  // beyond any fat file: the footer
  EXPECT_EQ(zone->utc_offset(utc(2045, 12, 1)), 0s);
  EXPECT_EQ(zone->to_local(utc(2026, 10, 24, 23, 30)), local_days{2026y / October / 25} + 30min);
}

TEST(TimeZone, SystemZonesWithoutAndSouthOfDaylightSaving) {
  const ZoneDb zones;
  const auto tokyo = zones.load("Asia/Tokyo");
  const auto sydney = zones.load("Australia/Sydney");
  if (!tokyo || !sydney) GTEST_SKIP() << "no tzdata installed";
  EXPECT_EQ(tokyo->utc_offset(utc(2026, 7, 1)), 9h);
  EXPECT_EQ(tokyo->next_change(utc(2026, 7, 1)), std::nullopt);
  // AEDT ends on the first Sunday of April (03:00 local = 16:00 UTC the day before), starts on the
  // first Sunday of October (02:00 local = 16:00 UTC the day before).
  EXPECT_EQ(sydney->utc_offset(utc(2026, 1, 15)), 11h);
  EXPECT_EQ(sydney->next_change(utc(2026, 1, 15)), utc(2026, 4, 4, 16));
  EXPECT_EQ(sydney->next_change(utc(2026, 4, 4, 16)), utc(2026, 10, 3, 16));
}

TEST(ZoneDb, RefusesNamesThatAreNotZonesBeforeOpeningAnything) {
  const auto dir = std::filesystem::temp_directory_path() / "csms_domain_zone_db_test";
  std::filesystem::create_directories(dir / "Test");
  std::ofstream(dir / "Test" / "London", std::ios::binary)
      << tzif({'2', {mar_2026}, {1}, {0, 3600}, "GMT0BST,M3.5.0/1,M10.5.0", 0});
  std::ofstream(dir / "not_a_zone") << "hello";
  const ZoneDb zones(dir);
  const auto london = zones.load("Test/London");
  ASSERT_TRUE(london) << london.error();
  EXPECT_EQ(london->name(), "Test/London");
  for (const char* name :
       {"", "/etc/passwd", "../etc/passwd", "Test/../Test/London", "Test//London", "Test/", "Test",
        "Europe/Lon don", "Nowhere/City", "not_a_zone", "Test/./London"}) {
    const auto zone = zones.load(name);
    EXPECT_FALSE(zone) << name;
    EXPECT_EQ(zone.error(), "unknown time zone \"" + std::string(name) + "\"");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace csms::domain
