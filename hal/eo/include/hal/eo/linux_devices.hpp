#pragma once
// The real devices behind the bridge: spidev (SPI0 CE0, mode 0, 1 MHz, 8-bit words) and one output
// line of the GPIO character device (not sysfs, which newer kernels drop). Linux only.
#include <memory>
#include <string>
#include <system_error>

#include "hal/eo/sc16is7xx.hpp"

namespace hal::eo {

struct SpiOpenResult {
  std::unique_ptr<SpiDevice> device;
  std::error_code error;
};
SpiOpenResult open_spidev(const std::string& path, unsigned speed_hz = 1'000'000,
                          unsigned mode = 0);

struct GpioOpenResult {
  std::unique_ptr<GpioLine> line;
  std::error_code error;
};
// Requests `offset` on `chip_path` (e.g. /dev/gpiochip0, line 16) as an output, initially high.
GpioOpenResult open_gpio_output(const std::string& chip_path, unsigned offset,
                                const std::string& consumer = "eo-chargepoint");

}  // namespace hal::eo
