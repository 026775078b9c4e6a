#pragma once
// When clock-aligned and periodic meter values are due (OCPP 1.6 §9.1 ClockAlignedDataInterval and
// MeterValueSampleInterval). Pure: the caller arms a timer for the returned instant.
#include <chrono>
#include <optional>

#include "common/clock.hpp"

namespace chargepoint {

// OCPP 1.6 §9.1 ClockAlignedDataInterval: "the size (in seconds) of the set of evenly spaced
// aggregation intervals per day, starting at 00:00:00 (midnight)". So boundaries are midnight + k ×
// interval and start again at every midnight: an interval that does not divide a day (7 s, 7000 s)
// leaves a shorter last interval before midnight, and one of a day or more means midnight only.
//
// Whose midnight: OCPP 1.6 does not say (the OCPP TC's "CR Time" for 2.0 notes that 1.x left time
// zones undefined and then made all exchanged times UTC). We default to UTC, the time base of every
// timestamp we send, and take a fixed offset east of UTC for a CSMS that wants local days. A fixed
// offset has no daylight-saving rules: a caller that wants them passes the offset in force at
// `now`.
//
// Timestamps: the spec has per-period aggregates (Energy.*.Interval, averages) sent at the end of
// an interval "bearing the interval start time timestamp". This box reports registers and
// instantaneous values only, which stand for the instant they are read, so a reading taken at a
// boundary carries the boundary itself (MeterSnapshot::time = the boundary).
//
// The first boundary strictly after `now`; nullopt when the interval is 0 (off, by the spec's
// convention) or negative. Sub-second parts of `now` are kept: 12:14:59.999 → 12:15:00.
std::optional<common::WallTime> next_aligned_boundary(
    common::WallTime now, std::chrono::seconds interval,
    std::chrono::seconds utc_offset = std::chrono::seconds{0});

// The last boundary at or before `now` (the start of the interval `now` falls in); nullopt as
// above.
std::optional<common::WallTime> aligned_interval_start(
    common::WallTime now, std::chrono::seconds interval,
    std::chrono::seconds utc_offset = std::chrono::seconds{0});

// OCPP 1.6 §9.1 MeterValueSampleInterval: for a transaction, "samples are acquired and transmitted
// periodically at this interval from the start of the charging transaction". The first instant
// transaction_start + k × interval (k ≥ 1) strictly after `now`; nullopt when the interval is 0 or
// negative. A `now` before the start (wall clock set back) gives the first sample, start +
// interval.
std::optional<common::WallTime> next_periodic_sample(common::WallTime transaction_start,
                                                     common::WallTime now,
                                                     std::chrono::seconds interval);

}  // namespace chargepoint
