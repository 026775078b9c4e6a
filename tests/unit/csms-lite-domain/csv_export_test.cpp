#include <gtest/gtest.h>

#include "csms_domain/csv_export.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::london;
using testing::utc;

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
}

TEST(CsvField, FormulaInjectionIsNeutralised) {
  EXPECT_EQ(csv_text_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_text_field("+1"), "'+1");
  EXPECT_EQ(csv_text_field("-1"), "'-1");
  EXPECT_EQ(csv_text_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_text_field("\tx"), "'\tx");
  EXPECT_EQ(csv_text_field("a=b"), "a=b");
}

TEST(LocalIso8601, CarriesTheOffsetInForce) {
  const auto zone = london();
  EXPECT_EQ(local_iso8601(zone, utc(2026, 3, 29, 0, 30)), "2026-03-29T00:30:00+00:00");
  EXPECT_EQ(local_iso8601(zone, utc(2026, 3, 29, 1, 30)), "2026-03-29T02:30:00+01:00");
  const auto new_york = TimeZone::from_posix("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(local_iso8601(*new_york, utc(2026, 11, 22, 3, 4, 5)), "2026-11-21T22:04:05-05:00");
  const auto kolkata = TimeZone::from_posix("Asia/Kolkata", "IST-5:30");
  EXPECT_EQ(local_iso8601(*kolkata, utc(2026, 11, 22)), "2026-11-22T05:30:00+05:30");
}

TEST(SessionCsv, StreamsHeaderAndRows) {
  std::vector<std::string> chunks;
  const auto zone = london();
  SessionCsvWriter writer([&](std::string_view chunk) { chunks.emplace_back(chunk); }, zone);
  ASSERT_EQ(chunks.size(), 1u);  // the header is out before any session
  EXPECT_EQ(
      chunks[0],
      "session_id,charge_point,connector,id_tag,start_local,stop_local,duration_s,energy_kwh,cost,"
      "currency,stop_reason\r\n");

  SessionRecord done;
  done.session_id = "42";
  done.charge_point_id = "EO-1,garage";
  done.connector_id = 1;
  done.id_tag = "=cmd|' /C calc'!A0";
  done.start = utc(2026, 3, 29, 0, 30);
  done.stop = utc(2026, 3, 29, 4, 30);
  done.energy_wh = 12345.5;  // half to even: 12346 Wh
  done.cost_minor = 1234;
  done.currency = "GBP";
  done.stop_reason = "EVDisconnected";
  writer.write(done);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[1],
            "42,\"EO-1,garage\",1,'=cmd|' /C "
            "calc'!A0,2026-03-29T00:30:00+00:00,2026-03-29T05:30:00+01:00,"
            "14400,12.346,12.34,GBP,EVDisconnected\r\n");

  SessionRecord running;
  running.session_id = "43";
  running.charge_point_id = "EO \"mini\"";
  running.id_tag = "line1\nline2";
  running.start = utc(2026, 11, 22, 10);
  running.energy_wh = 500;
  writer.write(running);
  EXPECT_EQ(chunks[2],
            "43,\"EO \"\"mini\"\"\",1,\"line1\nline2\",2026-11-22T10:00:00+00:00,,,0.500,,,\r\n");
}

TEST(SessionCsv, EnergyRoundsHalfToEven) {
  std::string out;
  const auto zone = london();
  SessionCsvWriter writer([&](std::string_view chunk) { out += chunk; }, zone);
  SessionRecord record;
  record.start = utc(2026, 1, 1);
  record.energy_wh = 0.5;
  writer.write(record);
  record.energy_wh = 1.5;
  writer.write(record);
  EXPECT_NE(out.find(",0.000,"), std::string::npos);
  EXPECT_NE(out.find(",0.002,"), std::string::npos);
}

}  // namespace
}  // namespace csms::domain
