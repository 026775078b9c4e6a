#pragma once
// A fake SC16IS7xx behind the SpiDevice seam: registers with LCR banking, a 64-byte RX FIFO that
// overruns like the chip's, and a "wire" whose bytes enter the FIFO as SPI transfers happen (each
// transfer stands for a slice of wire time).
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "hal/eo/sc16is7xx.hpp"

namespace hal::eo::testing {

class FakeSc16is7xx final : public SpiDevice {
 public:
  std::error_code transfer(std::span<const std::uint8_t> tx, std::span<std::uint8_t> rx) override {
    if (fail_transfers) return std::make_error_code(std::errc::io_error);
    arrive(bytes_per_transfer);
    const std::uint8_t reg = (tx[0] >> 3U) & 0x0FU;
    const bool read = (tx[0] & 0x80U) != 0;
    rx[0] = 0xFF;
    if (reg == sc16is7xx::rhr_thr && !dll_mode() && tx.size() > 2) {  // bursts
      for (std::size_t i = 1; i < tx.size(); ++i) {
        if (read) {
          rx[i] = fifo.empty() ? 0 : static_cast<std::uint8_t>(fifo.front());
          if (!fifo.empty()) fifo.pop_front();
        } else {
          transmitted += static_cast<char>(tx[i]);
        }
      }
      if (!read) send_on_wire(reply_to_transmit);
      return {};
    }
    if (read) {
      rx[1] = read_register(reg);
    } else {
      writes.emplace_back(name_of(reg), tx[1]);
      write_register(reg, tx[1]);
    }
    return {};
  }

  // The board's reply starts arriving on the wire.
  void send_on_wire(const std::string& bytes) {
    wire.insert(wire.end(), bytes.begin(), bytes.end());
  }

  std::vector<std::pair<std::string, std::uint8_t>> writes;
  std::string transmitted;
  std::string reply_to_transmit;  // the board's answer, put on the wire after each transmit
  std::deque<char> fifo;
  std::deque<char> wire;
  std::size_t bytes_per_transfer = 4;
  bool fail_transfers = false;
  bool absent = false;      // a bus with no chip: reads 0xFF
  std::uint8_t lcr = 0x1D;  // the chip's reset value

 private:
  bool dll_mode() const { return (lcr & 0x80U) != 0 && lcr != 0xBF; }
  void arrive(std::size_t count) {
    for (; count > 0 && !wire.empty(); --count) {
      if (fifo.size() >= sc16is7xx::fifo_bytes) {
        overrun_ = true;  // the byte is lost, as on the chip
      } else {
        fifo.push_back(wire.front());
      }
      wire.pop_front();
    }
  }
  std::string name_of(std::uint8_t reg) const {
    if (reg == 0) return dll_mode() ? "DLL" : "THR";
    if (reg == 1) return dll_mode() ? "DLH" : "IER";
    if (reg == 2) return lcr == 0xBF ? "EFR" : "FCR";
    if (reg == 3) return "LCR";
    if (reg == 15) return "EFCR";
    return "R" + std::to_string(reg);
  }
  std::uint8_t read_register(std::uint8_t reg) {
    if (absent) return 0xFF;
    switch (reg) {
      case sc16is7xx::lcr:
        return lcr;
      case sc16is7xx::rxlvl:
        return static_cast<std::uint8_t>(fifo.size());
      case sc16is7xx::lsr: {
        const auto value = static_cast<std::uint8_t>((fifo.empty() ? 0x60U : 0x61U) |
                                                     (overrun_ ? sc16is7xx::lsr_overrun : 0U));
        overrun_ = false;  // cleared by reading LSR
        return value;
      }
      default:
        return 0;
    }
  }
  void write_register(std::uint8_t reg, std::uint8_t value) {
    if (reg == sc16is7xx::lcr) lcr = value;
    if (reg == sc16is7xx::fcr_iir && lcr != 0xBF && (value & 0x02U) != 0) fifo.clear();
  }
  bool overrun_ = false;
};

}  // namespace hal::eo::testing
