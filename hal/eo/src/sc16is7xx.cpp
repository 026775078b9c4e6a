#include "hal/eo/sc16is7xx.hpp"

#include <array>

namespace hal::eo {

using namespace sc16is7xx;

std::error_code Sc16is7xx::transfer(std::span<const std::uint8_t> tx, std::span<std::uint8_t> rx) {
  const auto error = spi_.transfer(tx, rx);
  if (error) ++counters_.spi_errors;
  return error;
}

std::error_code Sc16is7xx::write_register(std::uint8_t reg, std::uint8_t value) {
  const std::array<std::uint8_t, 2> tx{address_byte(reg, false), value};
  std::array<std::uint8_t, 2> rx{};
  return transfer(tx, rx);
}

int Sc16is7xx::read_register(std::uint8_t reg) {
  const std::array<std::uint8_t, 2> tx{address_byte(reg, true), 0};
  std::array<std::uint8_t, 2> rx{};
  if (transfer(tx, rx)) return -1;
  return rx[1];
}

std::error_code Sc16is7xx::initialise() {
  struct Step {
    std::uint8_t reg;
    std::uint8_t value;
  };
  // Divisor 1 with the box's crystal gives 115200 baud; EFR 0 (no enhanced features, no
  // automatic flow control); 8N1; FIFOs on and cleared; EFCR 0x30 lets the bridge drive the
  // RS-485 transceiver's direction on RTS (inverted), so no GPIO toggling per frame is needed.
  const Step steps[] = {{lcr, 0x80},
                        {rhr_thr, 1},
                        {dlh, 0},
                        {lcr, 0xBF},
                        {fcr_iir, 0},
                        {lcr, 0x03},
                        {fcr_iir, fcr_enable_and_clear},
                        {efcr, 0x30}};
  for (const auto& step : steps)
    if (auto error = write_register(step.reg, step.value)) return error;
  const int read_back = read_register(lcr);
  if (read_back < 0) return std::make_error_code(std::errc::io_error);
  if (read_back != 0x03) return std::make_error_code(std::errc::no_such_device);
  return {};
}

std::error_code Sc16is7xx::transmit(std::string_view bytes) {
  if (auto error = write_register(fcr_iir, fcr_enable_and_clear)) return error;
  std::vector<std::uint8_t> tx;
  tx.reserve(bytes.size() + 1);
  tx.push_back(address_byte(rhr_thr, false));
  for (const char c : bytes) tx.push_back(static_cast<std::uint8_t>(c));
  std::vector<std::uint8_t> rx(tx.size());
  return transfer(tx, rx);
}

std::error_code Sc16is7xx::poll_receive(std::string& out) {
  const int level = read_register(rxlvl);
  if (level < 0) return std::make_error_code(std::errc::io_error);
  if (level > 0) {
    // Never more than the FIFO holds: a corrupt RXLVL must not make us read garbage.
    const auto count = std::min<std::size_t>(static_cast<std::size_t>(level), fifo_bytes);
    std::vector<std::uint8_t> tx(count + 1, 0);
    tx[0] = address_byte(rhr_thr, true);
    std::vector<std::uint8_t> rx(tx.size());
    if (auto error = transfer(tx, rx)) return error;
    for (std::size_t i = 1; i < rx.size(); ++i) out += static_cast<char>(rx[i]);
  }
  const int status = read_register(lsr);
  if (status < 0) return std::make_error_code(std::errc::io_error);
  // LSR bit 1 stays set until LSR is read, so one overrun is counted once.
  if ((static_cast<unsigned>(status) & lsr_overrun) != 0) ++counters_.overruns;
  return {};
}

}  // namespace hal::eo
