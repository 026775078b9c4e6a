#pragma once
// A weekly plan as OCPP 1.6 TxDefaultProfiles for connector 0.
//
// OCPP 1.6 schedules are in UTC and a Recurring Weekly profile repeats every 604 800 s exactly
// (§7.12), so it cannot follow a daylight-saving change. Each profile therefore covers one stretch
// of constant UTC offset (an "era"), bounded by validFrom/validTo (§7.8) at the offset changes:
//   * Recurring Weekly, startSchedule = local Monday 00:00 of the era's first week, written in UTC
//     with the era's offset; periods = the windows, otherwise_a between them; duration 604 800 s.
//     A week holds at most 2 × windows + 1 periods, where an Absolute profile for the months until
//     the next change would need hundreds (ChargingScheduleMaxPeriods is often 24..48).
//   * Two profiles: the era containing `now` (stackLevel S, id N, validFrom = the last change,
//     validTo = the next) and the following era (S + 1, id N + 1, from that change to the one
//     after). The charge point then already holds the right profile when the clocks change, even if
//     it is offline at that moment. Distinct stack levels are required: a profile with the same
//     stackLevel and purpose replaces the installed one (OCPP 1.6 §3.13.2 / SetChargingProfile).
//     Their validity windows do not overlap, so the level never decides between them.
//   * A zone without changes gets one profile without validFrom/validTo.
#include <optional>
#include <vector>

#include "csms_domain/weekly_plan.hpp"
#include "ocpp/messages/smart_charging.hpp"

namespace csms::domain {

struct ProfileOptions {
  int charging_profile_id = 1;  // the next era's profile uses id + 1
  int stack_level = 0;          // the next era's profile uses stack_level + 1
  int max_periods = 24;         // the charge point's ChargingScheduleMaxPeriods
};

// SetChargingProfile requests (connectorId 0, TxDefaultProfile, limits in A) in the order to send
// them. Errors: a plan with shape errors, a zone that is not the plan's, too many periods, an id
// below 1 or a negative stack level (or either at INT_MAX: the next era adds one).
Result<std::vector<ocpp::messages::SetChargingProfileRequest>> compile_profiles(
    const WeeklyPlan& plan, const TimeZone& zone, UtcTime now, const ProfileOptions& options);

// When to compile and send the profiles again: one minute after the next offset change (so a timer
// firing a little early still sees the new era), after which the era then in force moves to
// stack level S and the one after it is added. nullopt: the zone never changes again. The caller
// also re-sends on every (re)connection of the charge point and whenever the plan is edited.
std::optional<UtcTime> next_reissue_time(const TimeZone& zone, UtcTime now);

}  // namespace csms::domain
