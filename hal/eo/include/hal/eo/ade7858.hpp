#pragma once
// The Mini Pro 2's CT meter: an Analog Devices ADE7858 on SPI0 CE1 (notes §5), as register
// frames (pure functions) and the chip's start-up and reading steps over an SpiDevice
// (synchronous, like Sc16is7xx: a register access is one 5- to 7-byte transfer, ~60 µs at 1 MHz).
//
// Frames: read = 01 · address high · address low · N dummy bytes → the value, big-endian, in the
// last N bytes of what comes back; write = 00 · address high · address low · value big-endian.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "hal/eo/ct_codec.hpp"
#include "hal/eo/devices.hpp"

namespace hal::eo {

namespace ade7858 {
struct Register {
  std::uint16_t address;
  std::uint8_t bytes;  // 2 or 4 on the wire
  std::string_view name;
};
// Notes §5. The 24-bit DSP registers travel as 32 bits.
inline constexpr Register run{0xE228, 2, "RUN"};
inline constexpr Register cfmode{0xE610, 2, "CFMODE"};
inline constexpr Register config{0xE618, 2, "CONFIG"};
inline constexpr Register hpfdis{0x43B6, 4, "HPFDIS"};
inline constexpr Register gain{0xE60F, 2, "GAIN"};
inline constexpr Register aigain{0x4380, 4, "AIGAIN"};
inline constexpr Register bigain{0x4382, 4, "BIGAIN"};
inline constexpr Register cigain{0x4384, 4, "CIGAIN"};
inline constexpr Register airmsos{0x4387, 4, "AIRMSOS"};
inline constexpr Register birmsos{0x4389, 4, "BIRMSOS"};
inline constexpr Register cirmsos{0x438B, 4, "CIRMSOS"};
inline constexpr Register airms{0x43C0, 4, "AIRMS"};  // site (grid)
inline constexpr Register birms{0x43C2, 4, "BIRMS"};  // vehicle
inline constexpr Register cirms{0x43C4, 4, "CIRMS"};  // solar
// RMS counts per ampere with the gains above (notes §5: amps = value / 10000).
inline constexpr double rms_counts_per_amp = 10000;

struct Setting {
  Register reg;
  std::uint32_t value;
};
// The configuration written at start-up, in order (RUN ← 0 first, RUN ← 1 only after the
// read-back: see Ade7858::configure).
inline constexpr Setting configuration[] = {{run, 0},
                                            {cfmode, 0x0E88},
                                            {config, 0},
                                            {hpfdis, 0},
                                            {gain, 0},
                                            {aigain, 0x0FE6060C},
                                            {bigain, 0x0FE6060C},
                                            {cigain, 0x0FE6060C},
                                            {airmsos, 0x0002E45C},
                                            {birmsos, 0x0002E45C},
                                            {cirmsos, 0x0002E45C}};

const Register& rms_register(CtChannel channel);
std::vector<std::uint8_t> encode_read(const Register& reg);
std::vector<std::uint8_t> encode_write(const Register& reg, std::uint32_t value);
// The value in a read's answer; nullopt when `rx` is not as long as the read frame.
std::optional<std::uint32_t> decode_read(const Register& reg, const std::vector<std::uint8_t>& rx);
}  // namespace ade7858

struct AdeMismatch {
  std::string_view register_name;
  std::uint32_t written = 0;
  std::uint32_t read = 0;
};

struct AdeConfigureResult {
  std::error_code error;                // SPI failed, or no_such_device: nothing read back
  std::vector<AdeMismatch> mismatches;  // registers that did not keep what was written
};

class Ade7858 {
 public:
  explicit Ade7858(SpiDevice& spi) : spi_(spi) {}

  // After a reset the chip's SPI port must see three 1-byte transfers before it listens.
  std::error_code wake();
  std::error_code write(const ade7858::Register& reg, std::uint32_t value);
  std::error_code read(const ade7858::Register& reg, std::uint32_t& value);
  // Writes the configuration, the last register twice more (the DSP pipeline only takes a
  // register once a later write pushes it through), reads every register back, then RUN ← 1.
  // Mismatches are reported, not fatal (the DSP may round a value); a chip that keeps none of them
  // (absent, unpowered, still in reset) is `no_such_device`.
  AdeConfigureResult configure();
  // The channel's RMS current in amps, uncalibrated; an error or an implausible value otherwise.
  struct Reading {
    std::optional<double> current_a;
    std::string error;  // why there is no current_a
  };
  Reading read_current(CtChannel channel);

 private:
  SpiDevice& spi_;
};

}  // namespace hal::eo
