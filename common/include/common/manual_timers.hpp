#pragma once
// A TimerFactory whose time only moves when told to: for tests of timer-driven logic without sleeps.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "common/event_loop.hpp"

namespace common {

class ManualTimers final : public TimerFactory {
 public:
  using Duration = std::chrono::milliseconds;

  std::unique_ptr<Timer> make_timer() override;

  // Moves time forward, firing due timers in deadline order (each at its own deadline). A timer
  // re-armed by a callback fires again within the same advance if its new deadline is due.
  void advance(Duration duration);
  Duration now() const { return now_; }
  std::size_t armed_count() const { return due_.size(); }
  // Time until the next armed timer fires, or nullopt-like -1 ms when none is armed.
  Duration next_due_in() const;

 private:
  friend class ManualTimer;
  struct Entry {
    std::uint64_t owner;
    std::function<void()> fn;
  };
  std::uint64_t arm(std::uint64_t owner, Duration after, std::function<void()> fn);
  void disarm(std::uint64_t key);

  Duration now_{0};
  std::uint64_t next_key_ = 1;
  std::uint64_t next_owner_ = 1;
  // key → entry, ordered by (deadline, arming order) through the multimap below
  std::multimap<std::pair<Duration, std::uint64_t>, Entry> due_;
};

}  // namespace common
