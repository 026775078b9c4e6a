#pragma once
// The Mini Pro 2's SPI-to-UART bridge (NXP SC16IS7xx) as register operations over an SpiDevice
// (notes §1). Synchronous and protocol-agnostic: SpiBridgeTransport runs it on its own thread; the
// tests run it against a fake chip (tests/unit/hal-eo/fake_sc16is7xx.hpp).
#include <cstdint>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "hal/eo/devices.hpp"

namespace hal::eo {

namespace sc16is7xx {
// Register numbers (notes §1). The same number means another register depending on LCR.
inline constexpr std::uint8_t rhr_thr = 0;  // DLL while LCR bit 7 is set
inline constexpr std::uint8_t dlh = 1;
inline constexpr std::uint8_t fcr_iir = 2;  // EFR while LCR == 0xBF
inline constexpr std::uint8_t lcr = 3;
inline constexpr std::uint8_t lsr = 5;
inline constexpr std::uint8_t rxlvl = 9;
inline constexpr std::uint8_t efcr = 15;
inline constexpr std::uint8_t lsr_overrun = 0x02;
inline constexpr std::uint8_t fcr_enable_and_clear = 0x07;  // FIFOs on, RX and TX cleared
inline constexpr std::size_t fifo_bytes = 64;
// Byte 1 of a register access: register << 3, bit 7 set for a read.
constexpr std::uint8_t address_byte(std::uint8_t reg, bool read) {
  return static_cast<std::uint8_t>((reg << 3U) | (read ? 0x80U : 0x00U));
}
}  // namespace sc16is7xx

struct BridgeCounters {
  std::size_t overruns = 0;  // LSR said RX bytes were lost
  std::size_t spi_errors = 0;
};

class Sc16is7xx {
 public:
  explicit Sc16is7xx(SpiDevice& spi) : spi_(spi) {}

  std::error_code write_register(std::uint8_t reg, std::uint8_t value);
  // The value, or -1 on an SPI error.
  int read_register(std::uint8_t reg);
  // The init sequence (notes §1): divisor 1, EFR 0, 8N1, FIFOs on, automatic RS-485 direction.
  // Reads LCR back: a bridge that is absent or held in reset answers 0x00 or 0xFF, not 0x03.
  std::error_code initialise();
  // FCR←0x07 (clears the RX FIFO of anything stale), then one burst: 0x00 · bytes.
  std::error_code transmit(std::string_view bytes);
  // One look at the RX side: RXLVL, then a burst read of that many bytes, then LSR for overruns.
  // Appends to `out`; returns an SPI error if any.
  std::error_code poll_receive(std::string& out);
  const BridgeCounters& counters() const { return counters_; }

 private:
  std::error_code transfer(std::span<const std::uint8_t> tx, std::span<std::uint8_t> rx);
  SpiDevice& spi_;
  BridgeCounters counters_;
};

}  // namespace hal::eo
