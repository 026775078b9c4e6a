#pragma once
// The Mini Pro 2's CT meter: the ADE7858 on /dev/spidev0.1 (SPI mode 3, 1 MHz), reset on BCM
// GPIO22, PM1 on GPIO17 held low (normal power mode), notes §5. The reset (high, low 1 ms, high,
// wait 20 ms) runs on timers, so start() returns at once and nothing blocks the event loop; then
// the SPI port is woken, the configuration written and read back (mismatches logged once each).
// An SPI error or a chip that keeps nothing closes the devices and retries after
// `retry_interval`; until then every reading is an error (the tracker logs that once).
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/event_loop.hpp"
#include "hal/eo/ade7858.hpp"
#include "hal/eo/ct_meter.hpp"
#include "hal/eo/devices.hpp"

namespace hal::eo {

struct Ade7858Settings {
  std::string spi_path = "/dev/spidev0.1";
  std::string gpio_chip_path = "/dev/gpiochip0";
  unsigned reset_gpio = 22;
  unsigned pm1_gpio = 17;
  unsigned speed_hz = 1'000'000;
  std::chrono::milliseconds retry_interval{30000};
};

struct AdeDevices {
  std::unique_ptr<SpiDevice> spi;
  std::unique_ptr<GpioLine> reset;  // may be null (tests)
  std::unique_ptr<GpioLine> pm1;    // may be null
  std::error_code error;
};

class Ade7858Meter final : public CtMeter {
 public:
  using Opener = std::function<AdeDevices(const Ade7858Settings&)>;
  // `opener` defaults to spidev and the GPIO character device; tests pass a fake chip.
  Ade7858Meter(common::TimerFactory& timers, Ade7858Settings settings, Opener opener = {});
  ~Ade7858Meter() override;

  void start() override;
  void stop() override;
  CtMeterReading read(CtChannel channel) override;
  std::string name() const override { return "ADE7858 on " + settings_.spi_path; }

  bool ready() const { return state_ == State::ready; }
  std::size_t configure_mismatches() const { return mismatches_; }
  std::size_t failures() const { return failures_; }

 private:
  enum class State { stopped, resetting, ready, failed };
  void open();
  void configure();
  void fail(const std::string& why);

  Ade7858Settings settings_;
  Opener opener_;
  std::unique_ptr<common::Timer> timer_;
  AdeDevices devices_;
  std::unique_ptr<Ade7858> chip_;
  State state_ = State::stopped;
  std::string last_error_;
  std::size_t mismatches_ = 0;
  std::size_t failures_ = 0;
};

}  // namespace hal::eo
