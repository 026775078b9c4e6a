#pragma once
// A CT meter with its own device, read synchronously when the driver builds a sample (the Mini
// Pro 2's ADE7858 on /dev/spidev0.1: a register read is one ~60 µs SPI transfer). The Hub's CT
// device is not one of these: it shares the board's bus, so EoBoard schedules it (CtBusPoller).
#include <optional>
#include <string>

#include "hal/eo/ct_codec.hpp"

namespace hal::eo {

struct CtMeterReading {
  std::optional<double> current_a;  // raw, uncalibrated
  std::string error;                // why there is no current_a
  bool not_ready = false;           // still starting (reset, configuration): not a miss
};

class CtMeter {
 public:
  virtual ~CtMeter() = default;
  // Returns at once; readings are not_ready until the device is set up.
  virtual void start() = 0;
  virtual void stop() = 0;
  virtual CtMeterReading read(CtChannel channel) = 0;
  virtual std::string name() const = 0;
};

}  // namespace hal::eo
