#pragma once
// The two Linux device seams the Mini Pro 2 needs, shared by the SC16IS7xx bridge (spidev0.0,
// reset on GPIO16) and the ADE7858 CT meter (spidev0.1, reset on GPIO22, PM1 on GPIO17). The real
// implementations are in linux_devices.hpp; the tests put fake chips behind them.
#include <cstdint>
#include <span>
#include <system_error>

namespace hal::eo {

// A full-duplex SPI transfer with chip select held for its whole length: rx.size() == tx.size().
class SpiDevice {
 public:
  virtual ~SpiDevice() = default;
  virtual std::error_code transfer(std::span<const std::uint8_t> tx,
                                   std::span<std::uint8_t> rx) = 0;
};

// One output line of the kernel's GPIO character device.
class GpioLine {
 public:
  virtual ~GpioLine() = default;
  virtual std::error_code set(bool high) = 0;
};

}  // namespace hal::eo
