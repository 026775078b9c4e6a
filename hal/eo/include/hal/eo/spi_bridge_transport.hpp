#pragma once
// The Mini Pro 2's link: the SC16IS7xx bridge on /dev/spidev0.0, reset on BCM GPIO16.
//
// Why a thread: the bridge's RX FIFO holds 64 bytes and a status reply is 80 (≈7 ms on the wire),
// so the reader must drain the FIFO while the reply arrives. The old Python software lost frames to
// overruns whenever it was descheduled. Here one worker thread does each exchange — transmit, then
// poll RXLVL every `poll_interval` until the line has been idle for `idle_gap` after data, or
// `receive_window` ends — and posts the bytes to the event loop. Nothing else touches the SPI bus.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "hal/eo/sc16is7xx.hpp"
#include "hal/eo/transport.hpp"

namespace hal::eo {

struct SpiBridgeSettings {
  std::string spi_path = "/dev/spidev0.0";
  std::string gpio_chip_path = "/dev/gpiochip0";
  unsigned reset_gpio = 16;  // BCM numbering; pulsed low 1 ms at open (notes §1)
  std::chrono::microseconds poll_interval{250};  // 64 bytes take 5.6 ms: ample margin
  std::chrono::milliseconds receive_window{100};
  std::chrono::milliseconds idle_gap{3};
};

struct BridgeDevices {
  std::unique_ptr<SpiDevice> spi;
  std::unique_ptr<GpioLine> reset;  // may be null: no reset line (tests, or a box without one)
  std::error_code error;
};

class SpiBridgeTransport final : public Transport {
 public:
  using Post = std::function<void(std::function<void()>)>;
  using Opener = std::function<BridgeDevices(const SpiBridgeSettings&)>;
  // `post` runs a function on the event loop (common::EventLoop::post). `opener` defaults to the
  // Linux spidev and GPIO character device; tests pass a fake chip.
  SpiBridgeTransport(Post post, SpiBridgeSettings settings, Opener opener = {});
  ~SpiBridgeTransport() override;
  SpiBridgeTransport(const SpiBridgeTransport&) = delete;
  SpiBridgeTransport& operator=(const SpiBridgeTransport&) = delete;

  // Opens the devices, pulses reset, runs the init sequence and checks it read back: blocks ~2 ms.
  std::error_code open(TransportCallbacks callbacks) override;
  void close() override;
  bool is_open() const override { return open_; }
  void write(std::string bytes) override;
  std::string name() const override { return "SC16IS7xx on " + settings_.spi_path; }
  // Overruns seen so far (thread-safe snapshot).
  std::size_t overruns() const;

 private:
  void worker_loop();
  void exchange(const std::string& bytes, unsigned generation);
  void deliver(unsigned generation, std::function<void(TransportCallbacks&)> fn);

  Post post_;
  SpiBridgeSettings settings_;
  Opener opener_;
  TransportCallbacks callbacks_;
  bool open_ = false;
  // Loop thread: bumped by close(); posted deliveries from an older generation are dropped.
  std::shared_ptr<unsigned> generation_ = std::make_shared<unsigned>(0);

  // Shared with the worker thread (which lives from open() to close()).
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> jobs_;
  std::atomic<bool> quit_ = false;
  std::atomic<std::size_t> overruns_ = 0;
  unsigned worker_generation_ = 0;  // set before the worker starts, read only by it
  BridgeDevices devices_;
  std::unique_ptr<Sc16is7xx> bridge_;
  std::thread worker_;
};

}  // namespace hal::eo
