#include "hal/eo/ade7858.hpp"

#include <array>

namespace hal::eo {

namespace ade7858 {

namespace {
constexpr std::uint8_t read_command = 0x01;
constexpr std::uint8_t write_command = 0x00;
constexpr std::size_t header_bytes = 3;
}  // namespace

const Register& rms_register(CtChannel channel) {
  switch (channel) {
    case CtChannel::site:
      return airms;
    case CtChannel::vehicle:
      return birms;
    case CtChannel::solar:
      return cirms;
  }
  return airms;
}

std::vector<std::uint8_t> encode_read(const Register& reg) {
  std::vector<std::uint8_t> frame(header_bytes + reg.bytes, 0);
  frame[0] = read_command;
  frame[1] = static_cast<std::uint8_t>(reg.address >> 8U);
  frame[2] = static_cast<std::uint8_t>(reg.address & 0xFFU);
  return frame;
}

std::vector<std::uint8_t> encode_write(const Register& reg, std::uint32_t value) {
  std::vector<std::uint8_t> frame(header_bytes + reg.bytes, 0);
  frame[0] = write_command;
  frame[1] = static_cast<std::uint8_t>(reg.address >> 8U);
  frame[2] = static_cast<std::uint8_t>(reg.address & 0xFFU);
  for (std::size_t i = 0; i < reg.bytes; ++i)
    frame[header_bytes + i] = static_cast<std::uint8_t>(value >> (8U * (reg.bytes - 1 - i)));
  return frame;
}

std::optional<std::uint32_t> decode_read(const Register& reg, const std::vector<std::uint8_t>& rx) {
  if (rx.size() != header_bytes + reg.bytes) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = header_bytes; i < rx.size(); ++i) value = (value << 8U) | rx[i];
  return value;
}

}  // namespace ade7858

std::error_code Ade7858::wake() {
  for (int i = 0; i < 3; ++i) {
    const std::array<std::uint8_t, 1> tx{0};
    std::array<std::uint8_t, 1> rx{};
    if (auto error = spi_.transfer(tx, rx)) return error;
  }
  return {};
}

std::error_code Ade7858::write(const ade7858::Register& reg, std::uint32_t value) {
  const auto tx = ade7858::encode_write(reg, value);
  std::vector<std::uint8_t> rx(tx.size());
  return spi_.transfer(tx, rx);
}

std::error_code Ade7858::read(const ade7858::Register& reg, std::uint32_t& value) {
  const auto tx = ade7858::encode_read(reg);
  std::vector<std::uint8_t> rx(tx.size());
  if (auto error = spi_.transfer(tx, rx)) return error;
  value = ade7858::decode_read(reg, rx).value_or(0);
  return {};
}

AdeConfigureResult Ade7858::configure() {
  AdeConfigureResult result;
  for (const auto& setting : ade7858::configuration)
    if ((result.error = write(setting.reg, setting.value))) return result;
  const auto& last = std::end(ade7858::configuration)[-1];
  for (int i = 0; i < 2; ++i)
    if ((result.error = write(last.reg, last.value))) return result;
  for (const auto& setting : ade7858::configuration) {
    std::uint32_t value = 0;
    if ((result.error = read(setting.reg, value))) return result;
    if (value != setting.value)
      result.mismatches.push_back({setting.reg.name, setting.value, value});
  }
  if (result.mismatches.size() == std::size(ade7858::configuration)) {
    result.error = std::make_error_code(std::errc::no_such_device);
    return result;
  }
  result.error = write(ade7858::run, 1);
  return result;
}

Ade7858::Reading Ade7858::read_current(CtChannel channel) {
  const auto& reg = ade7858::rms_register(channel);
  std::uint32_t value = 0;
  if (auto error = read(reg, value)) return {std::nullopt, "SPI: " + error.message()};
  // The RMS registers hold 24 bits, zero-padded: anything above is not a reading (an absent chip
  // reads all ones).
  const double amps = value / ade7858::rms_counts_per_amp;
  if (value > 0x00FFFFFFU || amps > max_plausible_ct_a)
    return {std::nullopt, std::string(reg.name) + " reads an implausible " + std::to_string(value)};
  return {amps, {}};
}

}  // namespace hal::eo
