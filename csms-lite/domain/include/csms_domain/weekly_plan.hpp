#pragma once
// A user's weekly charging plan: local-time windows with a current, in an IANA zone (issue 6).
//
// Meaning, which the compiled OCPP profiles reproduce exactly: at a UTC instant t the plan offers
// the current of the window that contains t's local wall-clock time, else `otherwise_a`. Hence on
// the spring-forward day the local hour that does not exist (01:00–02:00 in Europe/London) is in no
// window, and on the fall-back day the repeated hour is in a window both times: 00:30–05:30 lasts
// 4 h on the night of 28/29 March 2026 and 6 h on the night of 24/25 October 2026.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "csms_domain/result.hpp"
#include "csms_domain/time_zone.hpp"

namespace csms::domain {

struct ChargingWindow {
  std::vector<std::chrono::weekday> days;  // the local days the window starts on
  std::chrono::minutes start{0};           // local time of day, 00:00..23:59
  // 00:01..24:00; at or before `start` the window ends the next day (23:00–07:00). Equal to
  // `start` is an error (zero length), so no window lasts 24 h; use 00:00–24:00 for a whole day.
  std::chrono::minutes end{0};
  double current_a = 0.0;  // 0 (do not charge) or 6..32 A per phase, in steps of 0.1 A
};

struct WeeklyPlan {
  std::string time_zone = "Europe/London";
  std::vector<ChargingWindow> windows;
  double otherwise_a = 0.0;  // outside every window; 0 A = do not charge
};

// IEC 61851-1: 6 A is the lowest current the pilot can offer; 32 A is the EO boxes' maximum.
inline constexpr double min_offer_a = 6.0;
inline constexpr double max_offer_a = 32.0;

// Every problem with the plan, each naming the window and field ("windows[1]: current 5 A is
// not 0 or 6–32 A in steps of 0.1 A"); empty when the plan is valid. The zone is checked by loading
// it.
std::vector<std::string> plan_errors(const WeeklyPlan& plan, const ZoneDb& zones);
// The same without the zone check (for callers holding a loaded TimeZone).
std::vector<std::string> plan_shape_errors(const WeeklyPlan& plan);

// One piece of a window in the local week, seconds from Monday 00:00: [begin_s, end_s) within
// [0, 604800). A window that runs past Sunday 24:00 becomes two pieces.
struct WeekSpan {
  int begin_s = 0;
  int end_s = 0;
  double current_a = 0.0;
  std::size_t window = 0;  // index in plan.windows
  friend bool operator==(const WeekSpan&, const WeekSpan&) = default;
};
inline constexpr int week_s = 7 * 86400;
// Sorted by begin_s. Meaningful for a plan without shape errors.
std::vector<WeekSpan> week_spans(const WeeklyPlan& plan);

// A concrete occurrence of a window in UTC, [start, end).
struct ChargingInterval {
  UtcTime start;
  UtcTime end;
  double current_a = 0.0;
  std::size_t window = 0;  // index in plan.windows (in tariff.periods for spans of a tariff)
  friend bool operator==(const ChargingInterval&, const ChargingInterval&) = default;
};

// Building blocks shared with tariffs, which are local-time periods of the week too.
// Appends the pieces of one local slot (start–end on each of `days`, crossing midnight when end is
// at or before start) with `value` and `index`; the caller sorts.
void append_week_spans(std::vector<WeekSpan>& spans, const std::vector<std::chrono::weekday>& days,
                       std::chrono::minutes start, std::chrono::minutes end, double value,
                       std::size_t index);
void sort_week_spans(std::vector<WeekSpan>& spans);
// One message per overlapping pair of slots; `describe(index)` names a slot ("windows[1] (Tue
// 05:00–06:00)").
std::vector<std::string> overlap_errors(const std::vector<WeekSpan>& sorted_spans,
                                        const std::function<std::string(std::size_t)>& describe);
// The occurrences of sorted spans in UTC within [from_utc, to_utc), merged where one occurrence
// is split by an offset change or the end of the week (see windows_between).
std::vector<ChargingInterval> spans_between(const std::vector<WeekSpan>& sorted_spans,
                                            const TimeZone& zone, UtcTime from_utc, UtcTime to_utc);
// "Mon,Tue 23:00–07:00".
std::string describe_slot(const std::vector<std::chrono::weekday>& days, std::chrono::minutes start,
                          std::chrono::minutes end);
// Problems with one slot's days and times, each prefixed with `where`.
std::vector<std::string> slot_errors(const std::vector<std::chrono::weekday>& days,
                                     std::chrono::minutes start, std::chrono::minutes end,
                                     const std::string& where);

// The current the plan offers at `at` (`zone` is the plan's time_zone, loaded).
double current_at(const WeeklyPlan& plan, const TimeZone& zone, UtcTime at);

// Window occurrences clipped to [from_utc, to_utc), in time order. An occurrence that spans a UTC
// offset change or the week's end is one interval.
std::vector<ChargingInterval> windows_between(const WeeklyPlan& plan, const TimeZone& zone,
                                              UtcTime from_utc, UtcTime to_utc);

// The window with a current above 0 A in progress at `now` (unclipped) or, else, the next one to
// start; nullopt when the plan has none within 15 days (a plan with no charging window).
std::optional<ChargingInterval> next_window(const WeeklyPlan& plan, const TimeZone& zone,
                                            UtcTime now);

// "Mon", "Tue", ... and "HH:MM" (24:00 allowed), for messages and the JSON form.
std::string day_name(std::chrono::weekday day);
std::string clock_text(std::chrono::minutes time_of_day);

}  // namespace csms::domain
