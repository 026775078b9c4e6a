#pragma once
// The vocabulary of the limit composer: a limit in amps per phase with the source that set it, and
// a schedule of such limits over time (issue #5, ARCHITECTURE.md "Limits"). Pure values, no I/O.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace chargepoint::limits {

// Who set a limit, so that the UI, the logs and GetCompositeSchedule can say why the car gets what
// it gets ("16 A (TxDefault) → 9 A (Solar)").
enum class LimitSource {
  Hardware,        // board rotary switch / cable rating: the last resort when nothing else limits
  ChargePointMax,  // OCPP ChargePointMaxProfile
  TxDefault,       // OCPP TxDefaultProfile
  Tx,              // OCPP TxProfile
  Schedule,        // a local timed schedule that is not an OCPP profile
  Solar,           // solar surplus
  SiteLoad,        // site limit minus the rest of the house (mains CT)
  Manual,          // a local override (web UI, button)
  Contactor,       // the governor holds a resume: the contactor switched too often this hour
  None,            // nothing: only for "no source yet" in callers
};
std::string_view to_string(LimitSource source);
std::optional<LimitSource> limit_source_from_string(std::string_view text);

// Amps per phase is the internal unit: the board's PWM duty offers a current per phase (IEC 61851-1
// Annex A), and watts only make sense together with a voltage and a phase count.
struct Limit {
  double current_a = 0.0;
  int phases = 3;
  LimitSource source = LimitSource::None;
  friend bool operator==(const Limit&, const Limit&) = default;
};

// A step: `limit` holds from `start` until the next period's start. An empty `limit` is an explicit
// gap, "this layer sets no limit here" (before a profile starts, after its duration, outside its
// validity), which is different from a limit of 0 A (pause).
struct Period {
  common::WallTime start;
  std::optional<Limit> limit;
  friend bool operator==(const Period&, const Period&) = default;
};

// Periods in strictly increasing start order. Before the first period there is no limit; the last
// period holds until the end of the window the schedule was computed for.
using Schedule = std::vector<Period>;

// The limit in force at `at`: the last period starting at or before it; nullopt in a gap or before
// the first period.
std::optional<Limit> limit_at(const Schedule& schedule, common::WallTime at);

// The first period start strictly after `after` (for the governor's "next boundary" timer).
std::optional<common::WallTime> next_change_after(const Schedule& schedule, common::WallTime after);

// Drops periods that repeat the previous one. SameLimitAndSource keeps a change of source visible
// (the governor logs it); SameLimit merges equal currents and phase counts whatever their source
// (GetCompositeSchedule has no room for the source).
enum class MergeRule { SameLimitAndSource, SameLimit };
Schedule merge_adjacent(const Schedule& schedule, MergeRule rule);

// Every limit we emit has at most one decimal and is truncated, never rounded up (issue #5): an
// offer above what was asked for is a breach, one 0.09 A below is not. The tiny epsilon keeps a
// value like 16.1, stored as 16.0999…, from truncating to 16.0.
double truncate_to_tenth(double value);

}  // namespace chargepoint::limits
