// is_decimal_multiple: multipleOf decided on the decimal text the sender wrote, not on binary
// floats (fmod(8.1, 0.1) is 0.0999…, so a float check would reject a perfectly good charging
// limit).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ocpp/schema/validator.hpp"

namespace {

using ocpp::schema::is_decimal_multiple;

struct Case {
  double value;
  double step;
  bool multiple;
};

class DecimalMultiple : public testing::TestWithParam<Case> {};

TEST_P(DecimalMultiple, Decides) {
  const auto& c = GetParam();
  EXPECT_EQ(is_decimal_multiple(c.value, c.step), c.multiple)
      << c.value << " multipleOf " << c.step;
}

INSTANTIATE_TEST_SUITE_P(
    OneTenth, DecimalMultiple,
    testing::Values(Case{8.1, 0.1, true}, Case{0.1, 0.1, true}, Case{0.0, 0.1, true},
                    Case{32, 0.1, true}, Case{10, 0.1, true}, Case{0.3, 0.1, true},
                    Case{2.7, 0.1, true}, Case{1234.5, 0.1, true}, Case{-8.1, 0.1, true},
                    Case{-0.0, 0.1, true}, Case{99999.9, 0.1, true}, Case{1e15, 0.1, true},
                    Case{1e300, 0.1, true}, Case{8.15, 0.1, false}, Case{0.01, 0.1, false},
                    Case{8.1000001, 0.1, false}, Case{1e-5, 0.1, false}, Case{0.05, 0.1, false},
                    Case{1e-300, 0.1, false}, Case{5e-324, 0.1, false}));

INSTANTIATE_TEST_SUITE_P(
    OtherSteps, DecimalMultiple,
    testing::Values(Case{7.5, 0.5, true}, Case{7, 0.5, true}, Case{7.25, 0.5, false},
                    Case{0.75, 0.25, true}, Case{1.5, 0.25, true}, Case{0.3, 0.25, false},
                    Case{0.125, 0.25, false}, Case{9, 3, true}, Case{-9, 3, true},
                    Case{10, 3, false}, Case{3e5, 3, true}, Case{1e20, 3, false},
                    Case{0.3, 3, false}, Case{6, 1.5, true}, Case{0.01, 0.01, true},
                    Case{0.07, 0.01, true}, Case{0.075, 0.01, false}, Case{100, 1e2, true},
                    Case{150, 1e2, false}, Case{1e22, 1e21, true}, Case{1, 1e-20, true},
                    Case{1.23456789012345, 1e-14, true}, Case{1.23456789012345, 1e-13, false}));

INSTANTIATE_TEST_SUITE_P(Degenerate, DecimalMultiple,
                         testing::Values(Case{1, 0, false}, Case{0, 0, false},
                                         Case{std::numeric_limits<double>::infinity(), 0.1, false},
                                         Case{std::numeric_limits<double>::quiet_NaN(), 0.1, false},
                                         Case{1, std::numeric_limits<double>::quiet_NaN(), false},
                                         Case{1, std::numeric_limits<double>::infinity(), false},
                                         Case{std::numeric_limits<double>::max(), 0.1, true},
                                         Case{std::numeric_limits<double>::max(), 7, false},
                                         Case{std::numeric_limits<double>::denorm_min(),
                                              std::numeric_limits<double>::denorm_min(), true},
                                         Case{1, -0.5, true}));

}  // namespace
