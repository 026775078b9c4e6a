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
