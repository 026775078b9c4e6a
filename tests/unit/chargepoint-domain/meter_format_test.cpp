#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <limits>

#include "domain/meter_format.hpp"

namespace {

using chargepoint::format_decimal;

TEST(MeterFormat, FixedDecimalsWithoutExponent) {
  EXPECT_EQ(format_decimal(0.0, 0), "0");
  EXPECT_EQ(format_decimal(0.0, 1), "0.0");
  EXPECT_EQ(format_decimal(16.0, 1), "16.0");
  EXPECT_EQ(format_decimal(230.44, 1), "230.4");
  EXPECT_EQ(format_decimal(1000.0, 0), "1000");
  EXPECT_EQ(format_decimal(1234567890123.0, 0), "1234567890123");
  EXPECT_EQ(format_decimal(1e15, 1), "1000000000000000.0");
  EXPECT_EQ(format_decimal(0.0001, 1), "0.0");
  EXPECT_EQ(format_decimal(-12.5, 1), "-12.5");
}

TEST(MeterFormat, RoundsToNearest) {
  EXPECT_EQ(format_decimal(0.05, 1), "0.1");  // 0.05 is a little above 0.05 in binary
  EXPECT_EQ(format_decimal(0.04, 1), "0.0");
  EXPECT_EQ(format_decimal(7399.6, 0), "7400");
  EXPECT_EQ(format_decimal(15.96, 1), "16.0");
  EXPECT_EQ(format_decimal(2.0 / 3.0, 3), "0.667");
}

TEST(MeterFormat, NoNegativeZero) {
  EXPECT_EQ(format_decimal(-0.0, 1), "0.0");
  EXPECT_EQ(format_decimal(-0.04, 1), "0.0");
  EXPECT_EQ(format_decimal(-0.4, 0), "0");
  EXPECT_EQ(format_decimal(-0.06, 1), "-0.1");
}

TEST(MeterFormat, NotFiniteIsNoValue) {
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::quiet_NaN(), 1), std::nullopt);
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::infinity(), 0), std::nullopt);
  EXPECT_EQ(format_decimal(-std::numeric_limits<double>::infinity(), 1), std::nullopt);
  EXPECT_EQ(format_decimal(1.0, -1), std::nullopt);
  EXPECT_EQ(format_decimal(1.0, 7), std::nullopt);
}

TEST(MeterFormat, ExtremesFitTheBuffer) {
  const auto text = format_decimal(std::numeric_limits<double>::max(), 6);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->size(), 309u + 7u);
  EXPECT_EQ(format_decimal(-std::numeric_limits<double>::max(), 6)->size(), 309u + 8u);
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::denorm_min(), 6), "0.000000");
}

TEST(MeterFormat, IgnoresTheCLocale) {
  // A decimal comma locale, when the machine has one; the C locale otherwise (the test then still
  // runs).
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  if (std::setlocale(LC_NUMERIC, "de_DE.UTF-8") == nullptr) std::setlocale(LC_NUMERIC, "C");
  EXPECT_EQ(format_decimal(230.4, 1), "230.4");
  std::setlocale(LC_NUMERIC, saved.c_str());
}

}  // namespace
