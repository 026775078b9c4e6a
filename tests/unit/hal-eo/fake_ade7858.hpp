#pragma once
// A fake ADE7858 behind the SpiDevice seam: a register file that takes the chip's read and write
// frames, asleep until three 1-byte transfers wake its SPI port (as after a reset), and a record of
// every frame and GPIO level, for the tests of the codec, the configuration and Ade7858Meter.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hal/eo/ade7858.hpp"
#include "hal/eo/devices.hpp"

namespace hal::eo::testing {

class FakeAde7858 final : public SpiDevice {
 public:
  std::error_code transfer(std::span<const std::uint8_t> tx, std::span<std::uint8_t> rx) override {
    if (fail_transfers) return std::make_error_code(std::errc::io_error);
    frames.emplace_back(tx.begin(), tx.end());
    for (auto& byte : rx) byte = absent ? 0xFF : 0x00;
    if (absent) return {};
    if (tx.size() == 1) {
      ++wake_transfers;
      return {};
    }
    if (wake_transfers < 3 || tx.size() < 5) return {};  // not listening yet, or not a frame
    const auto address = static_cast<std::uint16_t>((tx[1] << 8U) | tx[2]);
    const std::size_t width = tx.size() - 3;
    if (tx[0] == 0x00) {
      std::uint32_t value = 0;
      for (std::size_t i = 3; i < tx.size(); ++i) value = (value << 8U) | tx[i];
      writes.emplace_back(address, value);
      if (!stuck.contains(address)) registers[address] = value;
    } else if (tx[0] == 0x01) {
      const std::uint32_t value = registers[address];
      for (std::size_t i = 0; i < width; ++i)
        rx[3 + i] = static_cast<std::uint8_t>(value >> (8U * (width - 1 - i)));
    }
    return {};
  }

  void set_rms_a(CtChannel channel, double amps) {
    registers[ade7858::rms_register(channel).address] =
        static_cast<std::uint32_t>(amps * ade7858::rms_counts_per_amp + 0.5);
  }

  std::map<std::uint16_t, std::uint32_t> registers;
  std::map<std::uint16_t, bool> stuck;  // registers that ignore writes (a mismatch)
  std::vector<std::pair<std::uint16_t, std::uint32_t>> writes;
  std::vector<std::vector<std::uint8_t>> frames;
  int wake_transfers = 0;
  bool absent = false;  // no chip: MISO floats high
  bool fail_transfers = false;
};

class RecordingGpio final : public GpioLine {
 public:
  explicit RecordingGpio(std::vector<std::pair<std::string, bool>>& log, std::string name)
      : log_(log), name_(std::move(name)) {}
  std::error_code set(bool high) override {
    log_.emplace_back(name_, high);
    return {};
  }

 private:
  std::vector<std::pair<std::string, bool>>& log_;
  std::string name_;
};

}  // namespace hal::eo::testing
