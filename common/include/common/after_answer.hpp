#pragma once
// Work a CALL handler must not do before its answer is on the wire (OCPP 1.6 §5.17 for
// TriggerMessage; a StatusNotification caused by ChangeAvailability; a transaction started by
// RemoteStartTransaction): queued here, run on the next turn of the loop, in order, none lost.
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "common/event_loop.hpp"

namespace common {

class AfterAnswer {
 public:
  explicit AfterAnswer(TimerFactory& timers) : timer_(timers.make_timer()) {}

  void run(std::function<void()> fn) {
    pending_.push_back(std::move(fn));
    if (timer_->armed()) return;
    // A 0 ms timer: it fires after the handler has returned and the session has written its answer.
    timer_->start(std::chrono::milliseconds(0), [this] {
      auto due = std::exchange(pending_, {});
      for (auto& action : due) action();
    });
  }

 private:
  std::unique_ptr<Timer> timer_;
  std::vector<std::function<void()>> pending_;
};

}  // namespace common
