#pragma once
// How often the contactor may switch (issue #5): a pilot duty going from 0 to non-zero makes the
// car close its contactor, and back to 0 open it. Local limits that follow a changing house load
// or passing clouds could switch it every minute, wearing both the car's contactor and the box's
// relay. The guard keeps the switches in any rolling hour at or below a maximum by holding back
// *closing* only: opening (a pause) is a safety action and always goes out at once.
#include <chrono>
#include <deque>

#include "common/clock.hpp"

namespace chargepoint::smart_charging {

class ContactorGuard {
 public:
  static constexpr std::chrono::hours k_window{1};

  // When the contactor may close, at `now` or later, so that this close and the open that will
  // follow it keep the switches in every rolling hour at or below `max_switches_per_hour`.
  // 0 means no limit; 1 is read as 2 (a close needs its open).
  common::WallTime close_allowed_at(int max_switches_per_hour, common::WallTime now) const;
  // A switch happened (either way).
  void record(common::WallTime now);
  // Switches in the hour up to `now` (for logs and tests).
  int switches_in_window(common::WallTime now) const;

 private:
  std::deque<common::WallTime> switches_;  // oldest first, none older than k_window
};

}  // namespace chargepoint::smart_charging
