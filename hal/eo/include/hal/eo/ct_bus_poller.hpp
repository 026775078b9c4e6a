#pragma once
// The Hub's CT device shares the board's RS-485 bus but talks at 9600 baud (notes §5). One cycle,
// run by EoBoard between two board exchanges, on the event loop, never blocking it:
//
//   switch the tty to 9600 → a query whose answer is dropped (the first one after a switch comes
//   back garbled) → one query per CT channel present → switch back to 115200 → done.
//
// The dropped answer ends when the line has been quiet for `idle_gap` (a garbled answer has no
// reliable length); a real answer ends after its 14 bytes. A board command that comes due during
// a cycle ends the cycle after the exchange in flight (finish_early), so a pause waits at most one
// CT exchange, never a whole cycle.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/event_loop.hpp"
#include "hal/eo/ct_codec.hpp"
#include "hal/eo/ct_tracker.hpp"
#include "hal/eo/transport.hpp"

namespace hal::eo {

struct CtBusSettings {
  // 14 bytes out and 14 back take 29 ms at 9600 baud; the rest is the device's turnaround and a
  // USB adapter's latency.
  std::chrono::milliseconds reply_timeout{100};
  std::chrono::milliseconds idle_gap{5};  // 5 byte times at 9600 baud
};

struct CtBusCounters {
  std::size_t cycles = 0;
  std::size_t cycles_cut_short = 0;  // ended early for a board command
  std::size_t dropped_answers = 0;   // first answers after a switch that carried bytes
  std::size_t extra_bytes = 0;       // bytes beyond a 14-byte answer
  std::size_t baud_switch_errors = 0;
};

class CtBusPoller {
 public:
  CtBusPoller(Transport& transport, common::TimerFactory& timers, CtTracker& tracker,
              CtBusSettings settings);
  ~CtBusPoller();
  CtBusPoller(const CtBusPoller&) = delete;
  CtBusPoller& operator=(const CtBusPoller&) = delete;

  // Starts a cycle over the tracker's present channels. False (and every channel missed) when the
  // line speed cannot be changed; otherwise `done` runs from a later callback, never inside this
  // call.
  bool start(std::function<void()> done);
  void on_bytes(std::string_view bytes);
  // A board command is waiting: end after the exchange in flight.
  void finish_early();
  // Ends a cycle without calling `done` (transport failed, driver stopping); the line goes back
  // to 115200 baud if the transport is still open.
  void abandon();
  bool active() const { return active_; }
  const CtBusCounters& counters() const { return counters_; }

 private:
  struct Step {
    CtChannel channel;
    bool drop;  // the throw-away query after the switch
  };
  void send_step();
  void step_done();
  void on_timeout();
  void finish();

  Transport& transport_;
  CtTracker& tracker_;
  CtBusSettings settings_;
  std::unique_ptr<common::Timer> reply_timer_;
  std::unique_ptr<common::Timer> idle_timer_;
  std::function<void()> done_;
  std::vector<Step> steps_;
  std::size_t step_ = 0;
  std::string buffer_;
  bool active_ = false;
  bool finish_early_ = false;
  CtBusCounters counters_;
};

}  // namespace hal::eo
