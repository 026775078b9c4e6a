#include "csms_domain/money.hpp"

#include <cmath>
#include <numeric>

namespace csms::domain {

std::int64_t pow10(int digits) {
  std::int64_t value = 1;
  for (int i = 0; i < digits; ++i) value *= 10;
  return value;
}

std::int64_t round_half_even(long double value) {
  constexpr std::int64_t scale = 1'000'000;
  // llround is unspecified outside int64: saturate instead (no amount gets near it).
  constexpr long double limit = 9.0e12L;
  if (!(value < limit)) return static_cast<std::int64_t>(limit);
  if (!(value > -limit)) return -static_cast<std::int64_t>(limit);
  const std::int64_t micros = std::llround(value * static_cast<long double>(scale));
  std::int64_t whole = micros / scale;
  std::int64_t rest = micros % scale;
  if (rest < 0) {  // floor division for negatives
    rest += scale;
    whole -= 1;
  }
  if (rest > scale / 2 || (rest == scale / 2 && whole % 2 != 0)) whole += 1;
  return whole;
}

std::vector<std::int64_t> split_largest_remainder(std::int64_t total,
                                                  const std::vector<long double>& exact_parts) {
  std::vector<std::int64_t> parts(exact_parts.size(), 0);
  if (parts.empty()) return parts;
  const long double sum = std::accumulate(exact_parts.begin(), exact_parts.end(), 0.0L);
  std::vector<long double> scaled = exact_parts;
  if (sum != 0.0L) {
    for (auto& part : scaled) part = part * static_cast<long double>(total) / sum;
  } else {  // nothing to weigh by: everything to the first part
    scaled.assign(scaled.size(), 0.0L);
    scaled[0] = static_cast<long double>(total);
  }
  std::int64_t assigned = 0;
  std::vector<long double> remainders(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    parts[i] = static_cast<std::int64_t>(std::floor(scaled[i]));
    remainders[i] = scaled[i] - static_cast<long double>(parts[i]);
    assigned += parts[i];
  }
  // Hand out what floor() left over, largest remainder first.
  for (std::int64_t left = total - assigned; left > 0; --left) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (remainders[i] > remainders[best]) best = i;
    }
    parts[best] += 1;
    remainders[best] = -1.0L;
  }
  return parts;
}

std::string format_minor(std::int64_t minor, int minor_digits) {
  const bool negative = minor < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
  const auto scale = static_cast<std::uint64_t>(pow10(minor_digits));
  std::string text = std::to_string(magnitude / scale);
  if (minor_digits > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    fraction.insert(0, static_cast<std::size_t>(minor_digits) - fraction.size(), '0');
    text += "." + fraction;
  }
  return negative ? "-" + text : text;
}

Result<std::int64_t> parse_price_micros(std::string_view text) {
  const auto bad = [&] {
    return Error{"price \"" + std::string(text) +
                 "\" must be a decimal like 0.245 (at most 6 decimals)"};
  };
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (const char c : text) {
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_point) {
        if (++fraction_digits > 6) return bad();
        fraction = fraction * 10 + (c - '0');
      } else {
        whole = whole * 10 + (c - '0');
        if (whole > 1'000'000) return Error{"price \"" + std::string(text) + "\" is above 1000000"};
      }
    } else {
      return bad();
    }
  }
  if (!seen_digit) return bad();
  const std::int64_t micros = whole * 1'000'000 + fraction * pow10(6 - fraction_digits);
  if (micros > 1'000'000LL * 1'000'000)
    return Error{"price \"" + std::string(text) + "\" is above 1000000"};
  return micros;
}

}  // namespace csms::domain
