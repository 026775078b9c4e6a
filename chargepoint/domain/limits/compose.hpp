#pragma once
// The one function that decides the current offered to the car: offered = min(caps, max(plan,
// solar)) (issue #5), pointwise over time, keeping the source of the winning limit. The governor
// and GetCompositeSchedule both call it.
#include <chrono>
#include <span>

#include "common/clock.hpp"
#include "domain/limits/limit.hpp"

namespace chargepoint::limits {

enum class LayerRole {
  Cap,    // nothing exceeds it: ChargePointMax, site load, a manual cap
  Plan,   // what the car should get: the prevailing TxProfile / TxDefault, a local schedule
  Solar,  // surplus that may raise the offer above the plan, never above a cap
};

struct Layer {
  LayerRole role = LayerRole::Cap;
  Schedule schedule;  // a gap means "no limit from this layer here"
};

// Pointwise over [from, from + horizon), at every instant:
//   plan    = the lowest Plan layer with a limit there (none: no plan limit),
//   raised  = max(plan, the highest Solar layer) when both exist; with no plan limit there is
//             nothing to raise (no plan limit already means "as much as the caps allow"),
//   offered = min(hardware, every Cap layer with a limit, raised).
// Ties go to the plan/solar limit (the cap did not bind), then to the earlier Cap layer, the
// hardware last; so a gap everywhere yields the hardware maximum with source Hardware. The phase
// count is the smallest of the plan/solar winner's, the caps' present there and the hardware's: a
// one-phase limit anywhere means one phase. The result starts at `from` (one
// period even for a zero horizon), has a limit in every period, and merges equal neighbours with
// MergeRule::SameLimitAndSource.
Schedule compose(std::span<const Layer> layers, const Limit& hardware, common::WallTime from,
                 std::chrono::seconds horizon);

// IEC 61851-1 Annex A: the lowest current a PWM duty may offer is 6 A; below that the car is
// paused.
inline constexpr double k_min_offer_a = 6.0;

// What the board is told: below 6 A → 0 A (pause, the source kept so the log says who paused);
// otherwise truncated to 0.1 A and capped at the hardware maximum (source Hardware when that cap
// bites). Hysteresis and damping are the governor's, not this function's.
Limit board_limit(const Limit& offered, double hardware_max_a);

}  // namespace chargepoint::limits
