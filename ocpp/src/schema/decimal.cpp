// Exact decimal multipleOf. A double is turned into its shortest round-trip decimal text (std::to_chars),
// which recovers what the sender wrote for any literal of up to 15 significant digits; the check is then
// done on integers.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "ocpp/schema/validator.hpp"

namespace ocpp::schema {
namespace {

struct Decimal {
  std::uint64_t mantissa = 0;  // at most 17 significant digits: fits
  int exponent = 0;            // value = mantissa × 10^exponent
};

std::optional<Decimal> to_decimal(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value));
  if (ec != std::errc{}) return std::nullopt;
  Decimal d;
  bool in_fraction = false;
  const char* p = buffer;
  for (; p != end && *p != 'e'; ++p) {
    if (*p == '.') {
      in_fraction = true;
      continue;
    }
    d.mantissa = d.mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
    if (in_fraction) --d.exponent;
  }
  if (p != end) {  // exponent part: e+NN or e-NN
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exp);
    d.exponent += exp;
  }
  return d;
}

}  // namespace

bool is_decimal_multiple(double value, double step) {
  const auto v = to_decimal(value);
  const auto s = to_decimal(step);
  if (!v || !s || s->mantissa == 0) return false;
  if (v->mantissa == 0) return true;
  // value / step = (mv / ms) × 10^(ev − es): an integer iff ms divides mv × 10^(ev − es).
  // 64 bits suffice (32-bit ARM has no __int128): both mantissas are below 10^17, a remainder
  // is below the step's mantissa, and the divisor grows only while it is at most the value's
  // mantissa, so nothing multiplied by 10 here exceeds 10^18 < 2^64.
  const int shift = v->exponent - s->exponent;
  if (shift >= 0) {
    std::uint64_t remainder = v->mantissa % s->mantissa;
    for (int i = 0; i < shift && remainder != 0; ++i) remainder = (remainder * 10) % s->mantissa;
    return remainder == 0;
  }
  std::uint64_t divisor = s->mantissa;
  for (int i = 0; i < -shift; ++i) {
    divisor *= 10;
    // A non-zero mantissa smaller than the divisor cannot be a multiple of it (and this bounds the loop
    // long before the divisor could overflow).
    if (divisor > v->mantissa) return false;
  }
  return v->mantissa % divisor == 0;
}

}  // namespace ocpp::schema
