#include "hal/eo/ade7858_meter.hpp"

#include <spdlog/spdlog.h>

#include "hal/eo/linux_devices.hpp"

namespace hal::eo {

namespace {

constexpr unsigned spi_mode_3 = 3;  // CPOL 1, CPHA 1 (notes §5)

AdeDevices open_linux_devices(const Ade7858Settings& settings) {
  AdeDevices devices;
  auto spi = open_spidev(settings.spi_path, settings.speed_hz, spi_mode_3);
  if (spi.error) {
    devices.error = spi.error;
    return devices;
  }
  devices.spi = std::move(spi.device);
  // PM1 low from the moment it is requested: normal power mode.
  auto pm1 = open_gpio_output(settings.gpio_chip_path, settings.pm1_gpio, false);
  auto reset = open_gpio_output(settings.gpio_chip_path, settings.reset_gpio, true);
  // Without the lines the chip may still be running in normal mode; configure() checks it.
  if (!pm1.error) devices.pm1 = std::move(pm1.line);
  if (!reset.error) devices.reset = std::move(reset.line);
  return devices;
}

}  // namespace

Ade7858Meter::Ade7858Meter(common::TimerFactory& timers, Ade7858Settings settings, Opener opener)
    : settings_(std::move(settings)),
      opener_(opener ? std::move(opener) : Opener(open_linux_devices)),
      timer_(timers.make_timer()) {}

Ade7858Meter::~Ade7858Meter() = default;

void Ade7858Meter::start() {
  if (state_ != State::stopped) return;
  open();
}

void Ade7858Meter::stop() {
  timer_->cancel();
  chip_.reset();
  devices_ = {};
  state_ = State::stopped;
}

void Ade7858Meter::open() {
  chip_.reset();
  devices_ = opener_(settings_);
  if (devices_.error || !devices_.spi)
    return fail("cannot open " + settings_.spi_path + ": " +
                (devices_.error ? devices_.error.message() : std::string("no device")));
  state_ = State::resetting;
  if (devices_.pm1) (void)devices_.pm1->set(false);
  if (!devices_.reset) return configure();
  // Notes §5: high, low for 1 ms, high, then 20 ms for the chip to come out of reset.
  if (devices_.reset->set(true) || devices_.reset->set(false)) return fail("reset line failed");
  timer_->start(std::chrono::milliseconds(1), [this] {
    if (devices_.reset->set(true)) return fail("reset line failed");
    timer_->start(std::chrono::milliseconds(20), [this] { configure(); });
  });
}

void Ade7858Meter::configure() {
  chip_ = std::make_unique<Ade7858>(*devices_.spi);
  if (auto error = chip_->wake()) return fail("SPI: " + error.message());
  const auto result = chip_->configure();
  for (const auto& mismatch : result.mismatches) {
    ++mismatches_;
    spdlog::warn("EO board: {}: {} reads back 0x{:08X}, 0x{:08X} was written", name(),
                 mismatch.register_name, mismatch.read, mismatch.written);
  }
  if (result.error)
    return fail(result.error == std::errc::no_such_device
                    ? std::string("no ADE7858 answers (no register kept its value)")
                    : "SPI: " + result.error.message());
  state_ = State::ready;
  last_error_.clear();
  spdlog::info("EO board: {} configured", name());
}

void Ade7858Meter::fail(const std::string& why) {
  ++failures_;
  if (why != last_error_)
    spdlog::warn("EO board: {}: {}; retrying every {} s", name(), why,
                 settings_.retry_interval.count() / 1000);
  last_error_ = why;
  state_ = State::failed;
  chip_.reset();
  devices_ = {};
  timer_->start(settings_.retry_interval, [this] { open(); });
}

CtMeterReading Ade7858Meter::read(CtChannel channel) {
  switch (state_) {
    case State::stopped:
    case State::resetting:
      return {std::nullopt, "starting", true};
    case State::failed:
      return {std::nullopt, last_error_, false};
    case State::ready:
      break;
  }
  auto reading = chip_->read_current(channel);
  if (reading.current_a) return {reading.current_a, {}, false};
  if (reading.error.rfind("SPI:", 0) == 0) fail(reading.error);  // the device went away
  return {std::nullopt, reading.error, false};
}

}  // namespace hal::eo
