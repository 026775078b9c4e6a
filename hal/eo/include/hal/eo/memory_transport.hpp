#pragma once
// A Transport for tests: what the driver writes is recorded and handed to a responder (a fake
// board); the responder's answer is delivered after `reply_delay` on the injected timers, so
// nothing is delivered from inside write().
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "common/event_loop.hpp"
#include "hal/eo/transport.hpp"

namespace hal::eo {

class MemoryTransport final : public Transport {
 public:
  using Responder = std::function<std::string(std::string_view written)>;
  explicit MemoryTransport(common::TimerFactory& timers,
                           std::chrono::milliseconds reply_delay = std::chrono::milliseconds(5));
  ~MemoryTransport() override;

  std::error_code open(TransportCallbacks callbacks) override;
  void close() override;
  bool is_open() const override { return open_; }
  void write(std::string bytes) override;
  std::string name() const override { return "memory"; }
  std::error_code set_baud_rate(unsigned baud) override;

  // The test's side.
  void set_responder(Responder responder) { responder_ = std::move(responder); }
  // Bytes that arrive unasked (noise, a late reply), after reply_delay.
  void inject(std::string bytes);
  // Makes the next open() fail with this error (then succeed again).
  void fail_next_open(std::error_code error) { next_open_error_ = error; }
  // Reports a link error after reply_delay (a USB adapter unplugged).
  void inject_error(std::error_code error);
  const std::vector<std::string>& written() const { return written_; }
  int open_count() const { return open_count_; }
  // The line speed now (115200 after each open); the responder may answer by it.
  unsigned baud_rate() const { return baud_rate_; }
  std::size_t baud_switches() const { return baud_switches_; }

 private:
  void schedule();
  std::unique_ptr<common::Timer> timer_;
  std::chrono::milliseconds reply_delay_;
  TransportCallbacks callbacks_;
  Responder responder_;
  std::deque<std::string> pending_;
  std::error_code pending_error_;
  std::error_code next_open_error_;
  std::vector<std::string> written_;
  bool open_ = false;
  int open_count_ = 0;
  unsigned baud_rate_ = 115200;
  std::size_t baud_switches_ = 0;
};

}  // namespace hal::eo
