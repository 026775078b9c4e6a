#pragma once
// Money as integer minor units (pence, cents). Amounts are computed exactly as far as a long
// double allows and rounded once, at the end, half to even ("banker's rounding": 2.5p → 2p,
// 3.5p → 4p), so that rounding errors do not drift one way over many sessions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "csms_domain/result.hpp"

namespace csms::domain {

// Rounds to an integer, half to even. The value is first taken to the nearest millionth, so that
// binary noise (2.4999999999999 for an exact 2.5) does not decide a tie. Saturates at ±9e12
// (NaN gives +9e12); callers keep amounts far below.
std::int64_t round_half_even(long double value);

// Integer parts that add up to `total` exactly: each part's floor, then one more unit to the parts
// with the largest remainders (ties: the earlier part). `exact_parts` should sum to about `total`;
// parts are scaled to it when they do not.
std::vector<std::int64_t> split_largest_remainder(std::int64_t total,
                                                  const std::vector<long double>& exact_parts);

// "12.34" for 1234 with 2 digits, "-0.05", "7" with 0 digits.
std::string format_minor(std::int64_t minor, int minor_digits);

// A decimal price such as "0.245" (per kWh, in the major unit) as millionths: 245000. At most six
// decimals, not negative, at most 1 000 000.
Result<std::int64_t> parse_price_micros(std::string_view text);

// 10^digits for 0..9.
std::int64_t pow10(int digits);

}  // namespace csms::domain
