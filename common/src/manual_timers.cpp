#include "common/manual_timers.hpp"

namespace common {

class ManualTimer final : public Timer {
 public:
  ManualTimer(ManualTimers& owner, std::uint64_t id) : owner_(owner), id_(id) {}
  ~ManualTimer() override { cancel(); }

  void start(std::chrono::milliseconds after, std::function<void()> fn) override {
    cancel();
    key_ = owner_.arm(id_, after, [this, fn = std::move(fn)] {
      key_ = 0;
      fn();
    });
  }
  void cancel() override {
    if (key_ != 0) owner_.disarm(key_);
    key_ = 0;
  }
  bool armed() const override { return key_ != 0; }

 private:
  ManualTimers& owner_;
  std::uint64_t id_;
  std::uint64_t key_ = 0;
};

std::unique_ptr<Timer> ManualTimers::make_timer() { return std::make_unique<ManualTimer>(*this, next_owner_++); }

std::uint64_t ManualTimers::arm(std::uint64_t owner, Duration after, std::function<void()> fn) {
  const auto key = next_key_++;
  due_.emplace(std::pair{now_ + after, key}, Entry{owner, std::move(fn)});
  return key;
}

void ManualTimers::disarm(std::uint64_t key) {
  for (auto it = due_.begin(); it != due_.end(); ++it) {
    if (it->first.second == key) {
      due_.erase(it);
      return;
    }
  }
}

void ManualTimers::advance(Duration duration) {
  const auto until = now_ + duration;
  while (!due_.empty() && due_.begin()->first.first <= until) {
    auto node = due_.extract(due_.begin());
    now_ = node.key().first;
    node.mapped().fn();
  }
  now_ = until;
}

ManualTimers::Duration ManualTimers::next_due_in() const {
  if (due_.empty()) return Duration{-1};
  return due_.begin()->first.first - now_;
}

}  // namespace common
