#include <gtest/gtest.h>

#include "csms_domain/money.hpp"

namespace csms::domain {
namespace {

TEST(Money, RoundHalfEven) {
  EXPECT_EQ(round_half_even(2.5L), 2);
  EXPECT_EQ(round_half_even(3.5L), 4);
  EXPECT_EQ(round_half_even(2.500001L), 3);
  EXPECT_EQ(round_half_even(2.5000001L), 2);  // within a millionth of the tie: a tie
  EXPECT_EQ(round_half_even(2.499999L), 2);
  EXPECT_EQ(round_half_even(-2.5L), -2);
  EXPECT_EQ(round_half_even(-3.5L), -4);
  EXPECT_EQ(round_half_even(-0.4L), 0);
  EXPECT_EQ(round_half_even(1e30L), 9'000'000'000'000);
  EXPECT_EQ(round_half_even(-1e30L), -9'000'000'000'000);
  // 0.1 + 0.2 is 0.30000000000000004 in binary; × 25 is a tie that binary noise must not decide.
  EXPECT_EQ(round_half_even((0.1L + 0.2L) * 25.0L), 8);          // 7.5 → 8
  EXPECT_EQ(round_half_even((0.1L + 0.2L + 0.2L) * 25.0L), 12);  // 12.5 → 12
}

TEST(Money, LargestRemainderAddsUpToTheTotal) {
  EXPECT_EQ(split_largest_remainder(100, {33.3L, 33.3L, 33.4L}),
            (std::vector<std::int64_t>{33, 33, 34}));
  EXPECT_EQ(split_largest_remainder(10, {1.0L, 1.0L, 1.0L}), (std::vector<std::int64_t>{4, 3, 3}));
  EXPECT_EQ(split_largest_remainder(7, {0.0L, 0.0L}), (std::vector<std::int64_t>{7, 0}));
  EXPECT_EQ(split_largest_remainder(0, {0.4L, 0.4L}), (std::vector<std::int64_t>{0, 0}));
  EXPECT_TRUE(split_largest_remainder(5, {}).empty());
}

TEST(Money, FormatMinor) {
  EXPECT_EQ(format_minor(1234, 2), "12.34");
  EXPECT_EQ(format_minor(5, 2), "0.05");
  EXPECT_EQ(format_minor(-5, 2), "-0.05");
  EXPECT_EQ(format_minor(7, 0), "7");
  EXPECT_EQ(format_minor(12345, 3), "12.345");
  EXPECT_EQ(format_minor(INT64_MIN, 0), "-9223372036854775808");
}

TEST(Money, ParsePrice) {
  EXPECT_EQ(*parse_price_micros("0.245"), 245000);
  EXPECT_EQ(*parse_price_micros("7"), 7000000);
  EXPECT_EQ(*parse_price_micros(".5"), 500000);
  EXPECT_EQ(*parse_price_micros("0.000001"), 1);
  EXPECT_EQ(parse_price_micros("0.0000001").error(),
            "price \"0.0000001\" must be a decimal like 0.245 (at most 6 decimals)");
  EXPECT_FALSE(parse_price_micros(""));
  EXPECT_FALSE(parse_price_micros("."));
  EXPECT_FALSE(parse_price_micros("-1"));
  EXPECT_FALSE(parse_price_micros("1.2.3"));
  EXPECT_FALSE(parse_price_micros("1e3"));
  EXPECT_EQ(parse_price_micros("99999999999999999999").error(),
            "price \"99999999999999999999\" is above 1000000");
}

}  // namespace
}  // namespace csms::domain
