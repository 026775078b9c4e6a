#include "features/smart_charging/contactor_guard.hpp"

#include <algorithm>
#include <vector>

namespace chargepoint::smart_charging {

// The window is (now − 1 h, now]: a switch exactly one hour ago no longer counts.
//
// Why "+ 2" keeps every rolling hour within the maximum: opens are never held, but each one follows
// a close. Take any hour-long window and the last close in it, at t: every switch in the window
// before t lies within the hour before t, so there were at most max − 2 of them when the close was
// allowed; after t the window holds at most the one open that follows. (A transaction's first
// offer, which the governor never holds, is the exception; docs/smart-charging.md.)
common::WallTime ContactorGuard::close_allowed_at(int max_switches_per_hour,
                                                  common::WallTime now) const {
  if (max_switches_per_hour <= 0) return now;
  const int max = std::max(2, max_switches_per_hour);
  std::vector<common::WallTime> recent;
  for (const auto at : switches_)
    if (at > now - k_window && at <= now) recent.push_back(at);
  const int excess = static_cast<int>(recent.size()) + 2 - max;
  if (excess <= 0) return now;
  // The excess oldest switches must leave the window first.
  return recent[static_cast<std::size_t>(excess - 1)] + k_window;
}

void ContactorGuard::record(common::WallTime now) {
  while (!switches_.empty() && switches_.front() <= now - k_window) switches_.pop_front();
  switches_.push_back(now);
}

int ContactorGuard::switches_in_window(common::WallTime now) const {
  return static_cast<int>(std::count_if(switches_.begin(), switches_.end(), [now](auto at) {
    return at > now - k_window && at <= now;
  }));
}

}  // namespace chargepoint::smart_charging
