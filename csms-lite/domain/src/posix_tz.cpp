#include "csms_domain/posix_tz.hpp"

#include <algorithm>
#include <cctype>

namespace csms::domain {
namespace {

using namespace std::chrono;

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  std::size_t pos() const { return pos_; }
  std::string_view text() const { return text_; }
  void advance() { ++pos_; }
  Error error(std::string_view what) const {
    return Error{"time zone rule \"" + std::string(text_) + "\": " + std::string(what) +
                 " at position " + std::to_string(pos_)};
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// POSIX: at least three alphabetic characters, or <...> holding alphanumerics, '+' and '-'.
std::optional<std::string> read_name(Cursor& in) {
  std::string name;
  if (in.eat('<')) {
    while (!in.done() && in.peek() != '>') {
      const char c = in.peek();
      if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-') return std::nullopt;
      name.push_back(c);
      in.advance();
    }
    if (!in.eat('>')) return std::nullopt;
  } else {
    while (is_alpha(in.peek())) {
      name.push_back(in.peek());
      in.advance();
    }
  }
  if (name.size() < 3) return std::nullopt;
  return name;
}

std::optional<int> read_number(Cursor& in, int max) {
  if (!is_digit(in.peek())) return std::nullopt;
  int value = 0;
  while (is_digit(in.peek())) {
    value = value * 10 + (in.peek() - '0');
    if (value > max) return std::nullopt;
    in.advance();
  }
  return value;
}

// [+-]hh[:mm[:ss]] in seconds; hours up to max_hours.
std::optional<int> read_hms(Cursor& in, int max_hours) {
  int sign = 1;
  if (in.eat('-')) {
    sign = -1;
  } else {
    in.eat('+');
  }
  const auto hours = read_number(in, max_hours);
  if (!hours) return std::nullopt;
  int seconds = *hours * 3600;
  if (in.eat(':')) {
    const auto minutes = read_number(in, 59);
    if (!minutes) return std::nullopt;
    seconds += *minutes * 60;
    if (in.eat(':')) {
      const auto secs = read_number(in, 59);
      if (!secs) return std::nullopt;
      seconds += *secs;
    }
  }
  return sign * seconds;
}

std::optional<PosixDate> read_date(Cursor& in) {
  PosixDate date;
  if (in.eat('J')) {
    date.kind = PosixDate::Kind::JulianNoLeap;
    const auto day = read_number(in, 365);
    if (!day || *day < 1) return std::nullopt;
    date.day = *day;
  } else if (in.eat('M')) {
    date.kind = PosixDate::Kind::MonthWeekDay;
    const auto month = read_number(in, 12);
    if (!month || *month < 1 || !in.eat('.')) return std::nullopt;
    const auto week = read_number(in, 5);
    if (!week || *week < 1 || !in.eat('.')) return std::nullopt;
    const auto weekday = read_number(in, 6);
    if (!weekday) return std::nullopt;
    date.month = *month;
    date.week = *week;
    date.day = *weekday;
  } else {
    date.kind = PosixDate::Kind::JulianZero;
    const auto day = read_number(in, 365);
    if (!day) return std::nullopt;
    date.day = *day;
  }
  return date;
}

bool is_leap(int y) {
  return year{y}.is_leap();
}

sys_days date_in_year(const PosixDate& date, int y) {
  const sys_days jan1 = sys_days{year{y} / January / 1};
  switch (date.kind) {
    case PosixDate::Kind::JulianNoLeap: {
      // J60 is 1 March in every year: 29 February cannot be named.
      const int offset = date.day - 1 + ((is_leap(y) && date.day >= 60) ? 1 : 0);
      return jan1 + days{offset};
    }
    case PosixDate::Kind::JulianZero:
      return jan1 + days{date.day};
    case PosixDate::Kind::MonthWeekDay:
      break;
  }
  const auto m = month{static_cast<unsigned>(date.month)};
  const auto wd = weekday{static_cast<unsigned>(date.day)};
  if (date.week == 5) return sys_days{year{y} / m / wd[last]};
  return sys_days{year{y} / m / wd[static_cast<unsigned>(date.week)]};
}

}  // namespace

Result<PosixTz> parse_posix_tz(std::string_view text) {
  Cursor in(text);
  PosixTz tz;
  auto std_name = read_name(in);
  if (!std_name) return in.error("expected a zone abbreviation (3+ letters or <...>)");
  tz.std_name = *std_name;
  const auto std_offset = read_hms(in, 167);
  if (!std_offset) return in.error("expected the standard offset [+-]hh[:mm[:ss]]");
  tz.std_utc_offset_s = -*std_offset;  // POSIX counts west of Greenwich as positive
  if (in.done()) return tz;

  PosixDst dst;
  auto dst_name = read_name(in);
  if (!dst_name) return in.error("expected a daylight-saving abbreviation");
  dst.name = *dst_name;
  dst.utc_offset_s = tz.std_utc_offset_s + 3600;  // POSIX: one hour ahead unless given
  if (in.done()) return in.error("daylight saving without rules is not supported; expected ','");
  if (in.peek() != ',') {
    const auto offset = read_hms(in, 167);
    if (!offset) return in.error("expected the daylight-saving offset or ','");
    dst.utc_offset_s = -*offset;
  }
  if (!in.eat(',')) return in.error("daylight saving without rules is not supported; expected ','");
  const auto start = read_date(in);
  if (!start) return in.error("expected a start date (Jn, n or Mm.w.d)");
  dst.start = *start;
  if (in.eat('/')) {
    const auto time = read_hms(in, 167);
    if (!time) return in.error("expected a start time");
    dst.start_time_s = *time;
  }
  if (!in.eat(',')) return in.error("expected ',' before the end date");
  const auto end = read_date(in);
  if (!end) return in.error("expected an end date (Jn, n or Mm.w.d)");
  dst.end = *end;
  if (in.eat('/')) {
    const auto time = read_hms(in, 167);
    if (!time) return in.error("expected an end time");
    dst.end_time_s = *time;
  }
  if (!in.done()) return in.error("unexpected text");
  tz.dst = dst;
  return tz;
}

std::vector<OffsetChange> posix_changes_in_year(const PosixTz& tz, int year_number) {
  if (!tz.dst) return {};
  const PosixDst& dst = *tz.dst;
  // Each change is computed in the year it is written for; an instant pushed into the neighbouring
  // UTC year by its time of day or offset belongs to that year's list instead.
  std::vector<OffsetChange> all;
  for (int y = year_number - 1; y <= year_number + 1; ++y) {
    const auto start =
        sys_seconds{date_in_year(dst.start, y)} + seconds{dst.start_time_s - tz.std_utc_offset_s};
    const auto end =
        sys_seconds{date_in_year(dst.end, y)} + seconds{dst.end_time_s - dst.utc_offset_s};
    all.push_back({start, dst.utc_offset_s});
    all.push_back({end, tz.std_utc_offset_s});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const OffsetChange& a, const OffsetChange& b) { return a.at < b.at; });
  // A change that coincides with the one after it (DST all year) never takes effect on its own.
  std::vector<OffsetChange> changes;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i + 1 < all.size() && all[i + 1].at <= all[i].at) continue;
    changes.push_back(all[i]);
  }
  std::vector<OffsetChange> in_year;
  int before = changes.empty() ? tz.std_utc_offset_s : changes.front().utc_offset_s;
  const auto first = sys_seconds{sys_days{year{year_number} / January / 1}};
  const auto next = sys_seconds{sys_days{year{year_number + 1} / January / 1}};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const bool effective = i == 0 || changes[i].utc_offset_s != before;
    before = changes[i].utc_offset_s;
    if (i == 0 || !effective) continue;
    if (changes[i].at >= first && changes[i].at < next) in_year.push_back(changes[i]);
  }
  return in_year;
}

int posix_offset_at(const PosixTz& tz, UtcTime at) {
  if (!tz.dst) return tz.std_utc_offset_s;
  const int y = static_cast<int>(year_month_day{floor<days>(at)}.year());
  // The last change at or before `at` among this year's and last year's; a southern-hemisphere
  // rule starts the year in daylight saving, so last year's changes are needed.
  std::optional<OffsetChange> last;
  for (int candidate_year = y - 1; candidate_year <= y; ++candidate_year) {
    for (const auto& change : posix_changes_in_year(tz, candidate_year)) {
      if (change.at <= at) last = change;
    }
  }
  if (last) return last->utc_offset_s;
  // No change within two years: DST all year (or a rule that never fires).
  const auto changes = posix_changes_in_year(tz, y);
  return changes.empty() ? tz.dst->utc_offset_s : tz.std_utc_offset_s;
}

}  // namespace csms::domain
