#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ocpp/types/datetime.hpp"

namespace {
using ocpp::DateTime;

TEST(DateTime, ParsesUtcAndFormatsWithZ) {
  const auto t = DateTime::parse("2026-11-22T05:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->to_string(), "2026-11-22T05:00:00Z");
}

TEST(DateTime, AcceptsOffsetsAndFractions) {
  const auto t = DateTime::parse("2026-11-22T06:30:00.123456+01:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->to_string(), "2026-11-22T05:00:00.123Z");
  EXPECT_EQ(DateTime::parse("2026-11-21T23:00:00-06:00")->to_string(), "2026-11-22T05:00:00Z");
  EXPECT_EQ(DateTime::parse("2026-11-22t05:00:00.5z")->to_string(), "2026-11-22T05:00:00.500Z");
}

TEST(DateTime, RejectsWhatRfc3339Rejects) {
  for (const char* bad : {"", "2026-11-22", "2026-11-22T05:00:00", "2026-11-22 05:00:00Z",
                          "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T05:00:00.Z",
                          "2026-11-22T05:00:00+0100", "2026-11-22T05:00:00Zjunk", "26-11-22T05:00:00Z"}) {
    EXPECT_FALSE(DateTime::parse(bad)) << bad;
  }
}

TEST(DateTime, JsonRoundTrip) {
  const nlohmann::json j = "2024-02-29T23:59:59.999Z";
  const auto value = j.get<DateTime>();
  EXPECT_EQ(nlohmann::json(value), j);
  EXPECT_THROW(nlohmann::json("yesterday").get<DateTime>(), nlohmann::json::exception);
}

}  // namespace
