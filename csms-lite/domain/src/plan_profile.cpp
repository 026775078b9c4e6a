#include "csms_domain/plan_profile.hpp"

#include <algorithm>
#include <limits>

namespace csms::domain {
namespace {

using namespace std::chrono;
namespace msg = ocpp::messages;

ocpp::DateTime to_date_time(UtcTime at) {
  return ocpp::DateTime(time_point_cast<milliseconds>(at));
}

// The week's periods: otherwise_a at 0 unless a window starts there, then each window and the gap
// after it; equal neighbours merged (a window at the "otherwise" current changes nothing).
std::vector<msg::ChargingSchedulePeriod> week_periods(const WeeklyPlan& plan) {
  std::vector<msg::ChargingSchedulePeriod> periods;
  const auto add = [&](int start_s, double current_a) {
    if (!periods.empty() && periods.back().startPeriod == start_s) {
      periods.back().limit = current_a;  // a window starting where the previous one ended
    } else {
      periods.push_back({start_s, current_a, std::nullopt});
    }
    if (periods.size() >= 2 && periods[periods.size() - 2].limit == periods.back().limit) {
      periods.pop_back();
    }
  };
  periods.push_back({0, plan.otherwise_a, std::nullopt});
  for (const auto& span : week_spans(plan)) {
    add(span.begin_s, span.current_a);
    if (span.end_s < week_s) add(span.end_s, plan.otherwise_a);
  }
  return periods;
}

}  // namespace

Result<std::vector<msg::SetChargingProfileRequest>> compile_profiles(
    const WeeklyPlan& plan, const TimeZone& zone, UtcTime now, const ProfileOptions& options) {
  if (const auto errors = plan_shape_errors(plan); !errors.empty()) return Error{errors.front()};
  if (zone.name() != plan.time_zone) {
    return Error{"zone " + zone.name() + " is not the plan's zone " + plan.time_zone};
  }
  // The second era uses id + 1 and stackLevel + 1; OCPP 1.6 §7 ChargingProfile: stackLevel >= 0.
  if (options.charging_profile_id < 1 ||
      options.charging_profile_id == std::numeric_limits<int>::max()) {
    return Error{"charging profile id must be 1.." +
                 std::to_string(std::numeric_limits<int>::max() - 1)};
  }
  if (options.stack_level < 0 || options.stack_level == std::numeric_limits<int>::max()) {
    return Error{"stack level must be 0.." + std::to_string(std::numeric_limits<int>::max() - 1)};
  }
  const auto periods = week_periods(plan);
  if (static_cast<int>(periods.size()) > options.max_periods) {
    return Error{"the plan needs " + std::to_string(periods.size()) +
                 " schedule periods a week; the charge point accepts " +
                 std::to_string(options.max_periods) + " (ChargingScheduleMaxPeriods)"};
  }
  std::vector<msg::SetChargingProfileRequest> requests;
  std::optional<UtcTime> era_start = zone.previous_change(now);
  for (int era = 0; era < 2; ++era) {
    const UtcTime anchor = era == 0 ? now : *era_start;
    const std::optional<UtcTime> era_end = zone.next_change(anchor);
    const seconds offset = zone.utc_offset(anchor);
    const auto local_day = floor<days>(LocalTime{anchor.time_since_epoch() + offset});
    const local_days monday = local_day - days{weekday{local_day}.iso_encoding() - 1};
    msg::ChargingProfile profile;
    profile.chargingProfileId = options.charging_profile_id + era;
    profile.stackLevel = options.stack_level + era;
    profile.chargingProfilePurpose = msg::ChargingProfilePurpose::TxDefaultProfile;
    profile.chargingProfileKind = msg::ChargingProfileKind::Recurring;
    profile.recurrencyKind = msg::RecurrencyKind::Weekly;
    if (era_start) profile.validFrom = to_date_time(*era_start);
    if (era_end) profile.validTo = to_date_time(*era_end);
    profile.chargingSchedule.duration = week_s;
    profile.chargingSchedule.startSchedule =
        to_date_time(UtcTime{LocalTime{monday}.time_since_epoch() - offset});
    profile.chargingSchedule.chargingRateUnit = msg::ChargingRateUnit::A;
    profile.chargingSchedule.chargingSchedulePeriod = periods;
    requests.push_back({0, profile});
    if (!era_end) break;
    era_start = era_end;
  }
  return requests;
}

std::optional<UtcTime> next_reissue_time(const TimeZone& zone, UtcTime now) {
  const auto change = zone.next_change(now);
  if (!change) return std::nullopt;
  return *change + minutes{1};
}

}  // namespace csms::domain
