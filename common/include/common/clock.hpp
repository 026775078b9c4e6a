#pragma once
// Wall-clock time behind an interface, so that time-of-day logic (timestamps, clock-aligned meter
// values, schedules, the simulator's physics) runs on a manual clock in tests.
#include <chrono>

#include "common/manual_timers.hpp"

namespace common {

using WallTime = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime now() const = 0;
};

class SystemClock final : public Clock {
 public:
  WallTime now() const override { return std::chrono::system_clock::now(); }
};

// The time the central system keeps: the base clock plus the offset last learned from it (OCPP 1.6
// §4.2: BootNotification.conf and Heartbeat.conf carry currentTime for the charge point to use). The
// Pi may have no real-time clock and no NTP; the system clock itself is never touched.
class AdjustedClock final : public Clock {
 public:
  explicit AdjustedClock(const Clock& base) : base_(base) {}
  WallTime now() const override { return base_.now() + offset_; }
  // Returns how far this clock moved.
  std::chrono::milliseconds set(WallTime central_system_now) {
    const auto before = now();
    offset_ = std::chrono::duration_cast<std::chrono::milliseconds>(central_system_now - base_.now());
    return std::chrono::duration_cast<std::chrono::milliseconds>(now() - before);
  }
  std::chrono::milliseconds offset() const { return offset_; }

 private:
  const Clock& base_;
  std::chrono::milliseconds offset_{0};
};

// A wall clock that moves with a ManualTimers: now() = start + the timers' elapsed time, so that
// timers and timestamps in a test always agree.
class ManualClock final : public Clock {
 public:
  ManualClock(const ManualTimers& timers, WallTime start) : timers_(timers), start_(start) {}
  WallTime now() const override { return start_ + timers_.now(); }

 private:
  const ManualTimers& timers_;
  WallTime start_;
};

}  // namespace common
