#include "ocpp/types/datetime.hpp"

#include <array>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace ocpp {
namespace {

// Reads exactly `count` decimal digits at `pos`, advancing it; nullopt if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<DateTime> DateTime::parse(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  const auto year = read_digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) return std::nullopt;
  const auto month = read_digits(text, pos, 2);
  if (!month || !expect(text, pos, '-')) return std::nullopt;
  const auto day = read_digits(text, pos, 2);
  if (!day) return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
  ++pos;
  const auto hour = read_digits(text, pos, 2);
  if (!hour || !expect(text, pos, ':')) return std::nullopt;
  const auto minute = read_digits(text, pos, 2);
  if (!minute || !expect(text, pos, ':')) return std::nullopt;
  const auto second = read_digits(text, pos, 2);
  if (!second) return std::nullopt;

  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (std::size_t i = digits; i < 3; ++i) millis *= 10;
  }

  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const auto off_h = read_digits(text, pos, 2);
    if (!off_h || !expect(text, pos, ':')) return std::nullopt;
    const auto off_m = read_digits(text, pos, 2);
    if (!off_m || *off_h > 23 || *off_m > 59) return std::nullopt;
    offset_minutes = sign * (*off_h * 60 + *off_m);
  } else {
    return std::nullopt;  // RFC 3339 requires an offset
  }
  if (pos != text.size()) return std::nullopt;

  // RFC 3339 §5.6 allows second 60 (leap second); we fold it into the next second.
  if (*hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  const year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                           std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  const auto time = sys_days{ymd} + hours{*hour} + minutes{*minute} + seconds{*second} +
                    milliseconds{millis} - minutes{offset_minutes};
  // An offset can push the UTC value out of the four-digit years (`0000-01-01T00:00:00+01:00`);
  // such a time could not be written back as RFC 3339, so it is not accepted either.
  constexpr auto k_first = sys_days{std::chrono::year{0} / 1 / 1};
  constexpr auto k_end = sys_days{std::chrono::year{10000} / 1 / 1};
  if (time < k_first || time >= k_end) return std::nullopt;
  return DateTime(time_point_cast<milliseconds>(time));
}

std::string DateTime::to_string() const {
  using namespace std::chrono;
  const auto day_point = floor<days>(time_);
  const year_month_day ymd{day_point};
  const hh_mm_ss<milliseconds> tod{time_ - day_point};
  std::array<char, 40> buffer{};
  const auto ms = static_cast<int>(tod.subseconds().count());
  int n = 0;
  if (ms == 0) {
    n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), static_cast<int>(tod.hours().count()),
                      static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()));
  } else {
    n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), static_cast<int>(tod.hours().count()),
                      static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
                      ms);
  }
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

void to_json(nlohmann::json& j, const DateTime& value) { j = value.to_string(); }

void from_json(const nlohmann::json& j, DateTime& value) {
  const auto parsed = DateTime::parse(j.get_ref<const std::string&>());
  if (!parsed) {
    throw nlohmann::json::other_error::create(501, "not an RFC 3339 date-time: " + j.get<std::string>(), &j);
  }
  value = *parsed;
}

}  // namespace ocpp
