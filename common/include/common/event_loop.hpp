#pragma once
// The one event loop of a process. Asio stays behind this pimpl so that only the network edge
// translation units pay for its headers; everything else posts work and arms timers through here.
#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace common {

class Timer {
 public:
  virtual ~Timer() = default;
  // Arms the timer; a wait already pending is cancelled first. `fn` runs on the loop thread unless the
  // timer is cancelled, re-armed or destroyed before it fires (then it never runs).
  virtual void start(std::chrono::milliseconds after, std::function<void()> fn) = 0;
  virtual void cancel() = 0;
  virtual bool armed() const = 0;
};

// What domain and feature code depends on instead of the loop, so tests can drive time by hand
// (common/manual_timers.hpp).
class TimerFactory {
 public:
  virtual ~TimerFactory() = default;
  virtual std::unique_ptr<Timer> make_timer() = 0;
};

class EventLoop final : public TimerFactory {
 public:
  EventLoop();
  ~EventLoop() override;
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  void post(std::function<void()> fn);
  std::unique_ptr<Timer> make_timer() override;
  // Calls `fn(signal_number)` on the loop when one of the signals arrives (e.g. SIGINT, SIGTERM).
  void on_signals(std::initializer_list<int> signals, std::function<void(int)> fn);

  // Runs until stop() is called, also when there is no work (the loop keeps a work guard).
  void run();
  // Runs ready handlers and those that become ready within `duration`, then returns (tests).
  void run_for(std::chrono::milliseconds duration);
  void stop();
  // Stops after `grace`, so that close handshakes already started can finish (shutdown on a signal).
  void stop_after(std::chrono::milliseconds grace);
  // A daemon's main loop: runs until SIGINT or SIGTERM, then calls `on_stop` (close connections) and
  // lets the loop run for `grace` more so those closes can complete.
  void run_until_signalled(std::function<void()> on_stop,
                           std::chrono::milliseconds grace = std::chrono::milliseconds(300));

  // For the network edge only (Beast streams need the context).
  boost::asio::io_context& context();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace common
