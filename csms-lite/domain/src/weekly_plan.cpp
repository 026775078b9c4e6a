#include "csms_domain/weekly_plan.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace csms::domain {
namespace {

using namespace std::chrono;

int day_index(weekday day) {
  return static_cast<int>(day.iso_encoding()) - 1;
}  // Monday = 0

std::string current_text(double current_a) {
  char text[64];
  std::snprintf(text, sizeof text, "%g A", current_a);
  return text;
}

// OCPP 1.6 schema, ChargingSchedulePeriod.limit: "multipleOf": 0.1.
bool valid_current(double current_a) {
  // Judged on the shortest decimal text that reads back as the same double, as the ocpp
  // validator does: 6.1 passes, 6.10000001 does not.
  if (!std::isfinite(current_a)) return false;
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, current_a).ptr;
  const std::string_view shortest(text, static_cast<std::size_t>(end - text));
  const auto point = shortest.find('.');
  const bool tenths = shortest.find('e') == std::string_view::npos &&
                      (point == std::string_view::npos || shortest.size() - point - 1 <= 1);
  return tenths && (current_a == 0.0 || (current_a >= min_offer_a && current_a <= max_offer_a));
}

// "Tue 05:00" for a second of the week.
std::string week_text(int second_of_week) {
  const int day = (second_of_week / 86400) % 7;
  return day_name(weekday{static_cast<unsigned>(day + 1)}) + " " +
         clock_text(duration_cast<minutes>(seconds{second_of_week % 86400}));
}

local_days week_start(LocalTime at) {
  const auto day = floor<days>(at);
  return day - days{day_index(weekday{day})};
}

}  // namespace

std::string day_name(weekday day) {
  static constexpr std::array<const char*, 7> names = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
  return day.ok() ? names[static_cast<std::size_t>(day_index(day))] : "?";
}

std::string clock_text(minutes time_of_day) {
  char text[64];
  const auto total = time_of_day.count();
  std::snprintf(text, sizeof text, "%02lld:%02lld", static_cast<long long>(total / 60),
                static_cast<long long>(total % 60));
  return text;
}

std::string describe_slot(const std::vector<weekday>& days, minutes start, minutes end) {
  std::string names;
  for (const auto day : days) names += (names.empty() ? "" : ",") + day_name(day);
  return names + " " + clock_text(start) + "–" + clock_text(end);
}

std::vector<std::string> slot_errors(const std::vector<weekday>& days, minutes start, minutes end,
                                     const std::string& where) {
  std::vector<std::string> errors;
  if (days.empty()) errors.push_back(where + "no days");
  std::array<bool, 7> seen{};
  for (const auto day : days) {
    if (!day.ok()) {
      errors.push_back(where + "invalid weekday");
      continue;
    }
    auto& flag = seen[static_cast<std::size_t>(day_index(day))];
    if (flag) errors.push_back(where + day_name(day) + " listed twice");
    flag = true;
  }
  if (start < minutes{0} || start >= minutes{1440})
    errors.push_back(where + "start must be 00:00..23:59");
  if (end <= minutes{0} || end > minutes{1440})
    errors.push_back(where + "end must be 00:01..24:00");
  if (start == end)
    errors.push_back(where + "zero length (start equals end " + clock_text(end) + ")");
  return errors;
}

std::vector<std::string> overlap_errors(const std::vector<WeekSpan>& spans,
                                        const std::function<std::string(std::size_t)>& describe) {
  std::vector<std::string> errors;
  std::vector<std::pair<std::size_t, std::size_t>> reported;
  for (std::size_t a = 0; a < spans.size(); ++a) {
    for (std::size_t b = a + 1; b < spans.size() && spans[b].begin_s < spans[a].end_s; ++b) {
      const std::pair<std::size_t, std::size_t> pair{std::min(spans[a].window, spans[b].window),
                                                     std::max(spans[a].window, spans[b].window)};
      if (std::find(reported.begin(), reported.end(), pair) != reported.end()) continue;
      reported.push_back(pair);
      const int overlap_end = std::min(spans[a].end_s, spans[b].end_s);
      errors.push_back(describe(pair.first) + " and " + describe(pair.second) + " overlap on " +
                       week_text(spans[b].begin_s) + "–" +
                       clock_text(duration_cast<minutes>(seconds{(overlap_end - 1) % 86400 + 1})));
    }
  }
  return errors;
}

std::vector<std::string> plan_shape_errors(const WeeklyPlan& plan) {
  std::vector<std::string> errors;
  bool windows_ok = true;
  for (std::size_t i = 0; i < plan.windows.size(); ++i) {
    const auto& window = plan.windows[i];
    const std::string where = "windows[" + std::to_string(i) + "]: ";
    auto found = slot_errors(window.days, window.start, window.end, where);
    if (!valid_current(window.current_a)) {
      found.push_back(where + "current " + current_text(window.current_a) +
                      " is not 0 or 6–32 A in steps of 0.1 A");
    }
    if (!found.empty()) windows_ok = false;
    errors.insert(errors.end(), found.begin(), found.end());
  }
  if (!valid_current(plan.otherwise_a)) {
    errors.push_back("otherwise: current " + current_text(plan.otherwise_a) +
                     " is not 0 or 6–32 A in steps of 0.1 A");
  }
  if (!windows_ok) return errors;  // overlaps are only meaningful between well-formed windows
  const auto overlaps = overlap_errors(week_spans(plan), [&](std::size_t i) {
    const auto& w = plan.windows[i];
    return "windows[" + std::to_string(i) + "] (" + describe_slot(w.days, w.start, w.end) + ")";
  });
  errors.insert(errors.end(), overlaps.begin(), overlaps.end());
  return errors;
}

std::vector<std::string> plan_errors(const WeeklyPlan& plan, const ZoneDb& zones) {
  auto errors = plan_shape_errors(plan);
  if (auto zone = zones.load(plan.time_zone); !zone) errors.insert(errors.begin(), zone.error());
  return errors;
}

void append_week_spans(std::vector<WeekSpan>& spans, const std::vector<weekday>& days,
                       minutes start, minutes end, double value, std::size_t index) {
  const int start_s = static_cast<int>(start.count()) * 60;
  int end_s = static_cast<int>(end.count()) * 60;
  if (end_s <= start_s) end_s += 86400;  // crosses midnight
  for (const auto day : days) {
    if (!day.ok()) continue;
    const int begin = day_index(day) * 86400 + start_s;
    const int finish = day_index(day) * 86400 + end_s;
    if (finish <= week_s) {
      spans.push_back({begin, finish, value, index});
    } else {  // past Sunday 24:00: the rest belongs to Monday morning
      spans.push_back({begin, week_s, value, index});
      spans.push_back({0, finish - week_s, value, index});
    }
  }
}

void sort_week_spans(std::vector<WeekSpan>& spans) {
  std::sort(spans.begin(), spans.end(), [](const WeekSpan& a, const WeekSpan& b) {
    return a.begin_s != b.begin_s ? a.begin_s < b.begin_s : a.window < b.window;
  });
}

std::vector<WeekSpan> week_spans(const WeeklyPlan& plan) {
  std::vector<WeekSpan> spans;
  for (std::size_t i = 0; i < plan.windows.size(); ++i) {
    const auto& w = plan.windows[i];
    append_week_spans(spans, w.days, w.start, w.end, w.current_a, i);
  }
  sort_week_spans(spans);
  return spans;
}

double current_at(const WeeklyPlan& plan, const TimeZone& zone, UtcTime at) {
  const LocalTime local = zone.to_local(at);
  const auto second = static_cast<int>((local - LocalTime{week_start(local)}).count());
  for (const auto& span : week_spans(plan)) {
    if (second >= span.begin_s && second < span.end_s) return span.current_a;
  }
  return plan.otherwise_a;
}

std::vector<ChargingInterval> spans_between(const std::vector<WeekSpan>& spans,
                                            const TimeZone& zone, UtcTime from_utc,
                                            UtcTime to_utc) {
  std::vector<ChargingInterval> pieces;
  // Local time is UTC + a constant offset between two offset changes: map each such stretch.
  for (UtcTime segment = from_utc; segment < to_utc;) {
    const auto change = zone.next_change(segment);
    const UtcTime segment_end = change && *change < to_utc ? *change : to_utc;
    const seconds offset = zone.utc_offset(segment);
    const LocalTime local_begin{segment.time_since_epoch() + offset};
    const LocalTime local_end{segment_end.time_since_epoch() + offset};
    for (local_days week = week_start(local_begin); LocalTime{week} < local_end; week += days{7}) {
      for (const auto& span : spans) {
        const LocalTime begin = std::max(LocalTime{week} + seconds{span.begin_s}, local_begin);
        const LocalTime end = std::min(LocalTime{week} + seconds{span.end_s}, local_end);
        if (begin >= end) continue;
        pieces.push_back({UtcTime{begin.time_since_epoch() - offset},
                          UtcTime{end.time_since_epoch() - offset}, span.current_a, span.window});
      }
    }
    segment = segment_end;
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const ChargingInterval& a, const ChargingInterval& b) { return a.start < b.start; });
  std::vector<ChargingInterval> merged;
  for (const auto& piece : pieces) {
    if (!merged.empty() && merged.back().end == piece.start &&
        merged.back().window == piece.window && merged.back().current_a == piece.current_a) {
      merged.back().end = piece.end;
    } else {
      merged.push_back(piece);
    }
  }
  return merged;
}

std::vector<ChargingInterval> windows_between(const WeeklyPlan& plan, const TimeZone& zone,
                                              UtcTime from_utc, UtcTime to_utc) {
  return spans_between(week_spans(plan), zone, from_utc, to_utc);
}

std::optional<ChargingInterval> next_window(const WeeklyPlan& plan, const TimeZone& zone,
                                            UtcTime now) {
  // A window lasts under 25 h even across a fall-back change, so two days back finds the one in
  // progress; a window can skip a week only when it lies wholly in a spring-forward gap.
  for (const auto& interval : windows_between(plan, zone, now - days{2}, now + days{15})) {
    if (interval.current_a > 0.0 && interval.end > now) return interval;
  }
  return std::nullopt;
}

}  // namespace csms::domain
