#include "domain/limits/profile_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace chargepoint::limits {
namespace {

using namespace ocpp::messages;
using Duration = common::WallTime::duration;

common::WallTime wall_time(const ocpp::DateTime& time) {
  return common::WallTime{time.time_point()};
}

// OCPP 1.6 §7.12 RecurrencyKindType: Daily restarts "every 24 hours", Weekly "every 7 days", at the
// time (and weekday) of startSchedule. Fixed lengths in UTC: no daylight-saving days of 23 or 25 h.
Duration recurrence_length(RecurrencyKind kind) {
  return kind == RecurrencyKind::Daily ? Duration{std::chrono::hours{24}}
                                       : Duration{std::chrono::hours{24 * 7}};
}

// The largest anchor + k × step that is at or before `at` (k may be negative).
common::WallTime recurrence_at_or_before(common::WallTime anchor, Duration step,
                                         common::WallTime at) {
  auto k = (at - anchor) / step;  // truncates toward zero
  if (anchor + k * step > at) --k;
  return anchor + k * step;
}

}  // namespace

std::optional<std::string> profile_error(const ChargingProfile& profile) {
  const auto& schedule = profile.chargingSchedule;
  const auto& periods = schedule.chargingSchedulePeriod;
  if (periods.empty()) return "chargingSchedulePeriod is empty";
  if (periods.front().startPeriod != 0) return "the first startPeriod must be 0";
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& period = periods[i];
    if (i > 0 && period.startPeriod <= periods[i - 1].startPeriod) {
      return "startPeriod values must be strictly increasing (period " + std::to_string(i) + ")";
    }
    if (!std::isfinite(period.limit) || period.limit < 0.0) {
      return "limit must be a non-negative number (period " + std::to_string(i) + ")";
    }
    if (period.numberPhases && (*period.numberPhases < 1 || *period.numberPhases > 3)) {
      return "numberPhases must be 1, 2 or 3 (period " + std::to_string(i) + ")";
    }
  }
  if (schedule.duration && *schedule.duration < 0) return "duration must not be negative";
  const bool recurring = profile.chargingProfileKind == ChargingProfileKind::Recurring;
  if (recurring != profile.recurrencyKind.has_value()) {
    return "recurrencyKind must be given for a Recurring profile and only then";
  }
  if (profile.validFrom && profile.validTo && !(*profile.validFrom < *profile.validTo)) {
    return "validFrom must be before validTo";
  }
  return std::nullopt;
}

Limit period_limit(const ChargingSchedulePeriod& period, ChargingRateUnit unit,
                   const BoxRating& box, LimitSource source) {
  const int phases = std::max(1, std::min(period.numberPhases.value_or(3), box.phases));
  double current_a = std::max(0.0, period.limit);
  if (unit == ChargingRateUnit::W) {
    const double volts = box.nominal_voltage_v * phases;
    current_a = volts > 0.0 ? current_a / volts : 0.0;
  }
  return {current_a, phases, source};
}

LimitSource source_of(ChargingProfilePurpose purpose) {
  switch (purpose) {
    case ChargingProfilePurpose::ChargePointMaxProfile:
      return LimitSource::ChargePointMax;
    case ChargingProfilePurpose::TxDefaultProfile:
      return LimitSource::TxDefault;
    case ChargingProfilePurpose::TxProfile:
      return LimitSource::Tx;
  }
  return LimitSource::None;
}

Schedule expand_profile(const InstalledProfile& installed, const ExpandContext& context,
                        common::WallTime from, std::chrono::seconds horizon) {
  const auto& profile = installed.profile;
  const auto& schedule = profile.chargingSchedule;
  if (schedule.chargingSchedulePeriod.empty() || horizon.count() < 0) return {};
  const auto end = from + horizon;
  const auto source = source_of(profile.chargingProfilePurpose);

  // The schedule as runs of periods, each run ending in an explicit gap when it has a length; a
  // later entry at the same instant overrides an earlier one (the next recurrence over the gap).
  Schedule raw;
  const auto emit_run = [&](common::WallTime run_start, std::optional<Duration> run_length) {
    for (const auto& period : schedule.chargingSchedulePeriod) {
      const Duration offset = std::chrono::seconds{period.startPeriod};
      // OCPP 1.6 §7.13 duration: nothing of the schedule exists past it.
      if (run_length && offset >= *run_length) break;
      raw.push_back({run_start + offset,
                     period_limit(period, schedule.chargingRateUnit, context.box, source)});
    }
    if (run_length) raw.push_back({run_start + *run_length, std::nullopt});
  };
  std::optional<Duration> length;
  if (schedule.duration) length = std::chrono::seconds{std::max(0, *schedule.duration)};

  switch (profile.chargingProfileKind) {
    case ChargingProfileKind::Absolute:
      emit_run(schedule.startSchedule ? wall_time(*schedule.startSchedule) : installed.received_at,
               length);
      break;
    case ChargingProfileKind::Relative:
      emit_run(context.transaction_start.value_or(context.now), length);
      break;
    case ChargingProfileKind::Recurring: {
      if (!profile.recurrencyKind) return {};
      const Duration step = recurrence_length(*profile.recurrencyKind);
      const auto anchor =
          schedule.startSchedule ? wall_time(*schedule.startSchedule) : installed.received_at;
      const auto run_length = length ? std::min(*length, step) : step;
      auto run_start = recurrence_at_or_before(anchor, step, from);
      do {
        emit_run(run_start, run_length);
        run_start += step;
      } while (run_start < end);
      break;
    }
  }
  std::stable_sort(raw.begin(), raw.end(),
                   [](const Period& a, const Period& b) { return a.start < b.start; });

  const auto valid_from =
      profile.validFrom ? wall_time(*profile.validFrom) : common::WallTime::min();
  const auto valid_to = profile.validTo ? wall_time(*profile.validTo) : common::WallTime::max();
  std::vector<common::WallTime> breakpoints{from};
  for (const auto& period : raw) breakpoints.push_back(period.start);
  breakpoints.push_back(valid_from);
  breakpoints.push_back(valid_to);
  std::sort(breakpoints.begin(), breakpoints.end());
  breakpoints.erase(std::unique(breakpoints.begin(), breakpoints.end()), breakpoints.end());

  Schedule result;
  for (const auto at : breakpoints) {
    if (at < from || (at >= end && at != from)) continue;
    // OCPP 1.6 §7.8: validFrom/validTo bound when the profile counts at all.
    const bool valid = valid_from <= at && at < valid_to;
    result.push_back({at, valid ? limit_at(raw, at) : std::nullopt});
  }
  return merge_adjacent(result, MergeRule::SameLimitAndSource);
}

}  // namespace chargepoint::limits
