#include "domain/meter_format.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace chargepoint {

std::optional<std::string> format_decimal(double value, int decimals) {
  if (!std::isfinite(value) || decimals < 0 || decimals > 6) return std::nullopt;
  // std::to_chars is locale-independent and never switches to exponent notation with `fixed`.
  // DBL_MAX has 309 integer digits; 330 leaves room for a sign, the point and six decimals.
  std::array<char, 330> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                       std::chars_format::fixed, decimals);
  if (ec != std::errc{}) return std::nullopt;
  std::string text(buffer.data(), end);
  // -0.04 rounded to one decimal prints "-0.0": a sign on zero would read as a reverse flow.
  if (text.front() == '-' && text.find_first_not_of("0.", 1) == std::string::npos) text.erase(0, 1);
  return text;
}

}  // namespace chargepoint
