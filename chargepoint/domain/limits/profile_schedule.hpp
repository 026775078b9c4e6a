#pragma once
// One OCPP 1.6 ChargingProfile as a Schedule of limits in amps per phase (OCPP 1.6 §3.13,
// §7.7–7.14). Pure: every instant that matters ("now", the transaction start, the receipt time) is
// a parameter.
#include <chrono>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "domain/limits/limit.hpp"
#include "ocpp/messages/charging_profile.hpp"

namespace chargepoint::limits {

// What the box can do electrically.
struct BoxRating {
  double max_current_a = 32.0;     // per phase: rotary switch and cable rating, whichever is lower
  int phases = 3;                  // phases wired to the box (1 or 3)
  double nominal_voltage_v = 230;  // phase-to-neutral, for W ↔ A (configuration, default 230 V)
  friend bool operator==(const BoxRating&, const BoxRating&) = default;
};

// A profile as the charge point holds it.
struct InstalledProfile {
  int connector_id =
      0;  // 0: the box as a whole (ChargePointMaxProfile, TxDefault for every connector)
  ocpp::messages::ChargingProfile profile;
  // When SetChargingProfile (or RemoteStartTransaction) brought it: an Absolute or Recurring
  // schedule without startSchedule starts here (issue #5: "a missing startSchedule means now", and
  // "now" must not move on every recomputation). The governor persists it with the profile.
  common::WallTime received_at;
};

struct ExpandContext {
  common::WallTime now;  // a Relative profile without a transaction starts here
  // Start of the transaction the profile applies to; a Relative profile starts here (OCPP 1.6
  // §7.10: "relative to a situation-specific start point (such as the start of a Transaction)").
  std::optional<common::WallTime> transaction_start;
  BoxRating box;
};

// Why a profile cannot be expanded as sent, or nullopt when it can: first startPeriod 0, strictly
// increasing startPeriods (OCPP 1.6 §7.13 / issue #5), non-negative finite limits and duration,
// numberPhases 1..3, recurrencyKind exactly for Recurring, validFrom before validTo. The governor
// rejects such a profile; expand_profile never crashes on one anyway.
std::optional<std::string> profile_error(const ocpp::messages::ChargingProfile& profile);

// Converts one period's limit to amps per phase. A is per phase already; W is the total over the
// phases used: amps = W / (nominal voltage × phases). Phases = numberPhases (absent means 3,
// OCPP 1.6 §7.14) capped by the box's phases. Not truncated here: truncation happens once, where a
// value leaves the composer (composite_schedule, board_limit), so W → A → W round-trips exactly.
Limit period_limit(const ocpp::messages::ChargingSchedulePeriod& period,
                   ocpp::messages::ChargingRateUnit unit, const BoxRating& box, LimitSource source);

// The source a profile's limits carry: ChargePointMax, TxDefault or Tx by purpose.
LimitSource source_of(ocpp::messages::ChargingProfilePurpose purpose);

// The profile's limits over [from, from + horizon), gaps explicit. Schedule start by kind:
// Absolute = startSchedule (else received_at); Relative = transaction start (else context.now);
// Recurring = startSchedule (else received_at) + k × 24 h / 7 d for every integer k, the past
// included, so an instant before this week's start falls in last week's recurrence. `duration`
// ends the schedule (per recurrence for Recurring; a recurrence never runs into the next one);
// outside [validFrom, validTo) the profile sets no limit.
Schedule expand_profile(const InstalledProfile& installed, const ExpandContext& context,
                        common::WallTime from, std::chrono::seconds horizon);

}  // namespace chargepoint::limits
