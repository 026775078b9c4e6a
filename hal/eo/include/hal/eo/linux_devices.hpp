#pragma once
// The real devices behind devices.hpp: spidev (8-bit words; the bridge on SPI0 CE0 in mode 0, the
// ADE7858 on CE1 in mode 3, both at 1 MHz) and output lines of the GPIO character device (not
// sysfs, which newer kernels drop). Linux only.
#include <memory>
#include <string>
#include <system_error>

#include "hal/eo/devices.hpp"

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
// Requests `offset` on `chip_path` (e.g. /dev/gpiochip0, line 16) as an output at `initial_high`.
// Reset lines start high: they are active low and must not be pulsed by merely opening them.
GpioOpenResult open_gpio_output(const std::string& chip_path, unsigned offset,
                                bool initial_high = true,
                                const std::string& consumer = "eo-chargepoint");

}  // namespace hal::eo
