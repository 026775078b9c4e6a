#include "hal/eo/ct_codec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hal::eo {

namespace {

constexpr std::uint8_t sync_byte = 0x55;
constexpr std::array<std::uint8_t, 4> device_address{0xBE, 0x00, 0xBE, 0x93};
constexpr std::size_t value_at = 8;  // bytes 8–11 of the reply

std::optional<double>* slot(CtReadings& readings, CtChannel channel) {
  switch (channel) {
    case CtChannel::site:
      return &readings.site_a;
    case CtChannel::vehicle:
      return &readings.vehicle_a;
    case CtChannel::solar:
      return &readings.solar_a;
  }
  return &readings.site_a;
}

bool* flag(CtChannels& channels, CtChannel channel) {
  switch (channel) {
    case CtChannel::site:
      return &channels.site;
    case CtChannel::vehicle:
      return &channels.vehicle;
    case CtChannel::solar:
      return &channels.solar;
  }
  return &channels.site;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

std::string_view to_string(CtChannel channel) {
  switch (channel) {
    case CtChannel::site:
      return "site";
    case CtChannel::vehicle:
      return "vehicle";
    case CtChannel::solar:
      return "solar";
  }
  return "unknown";
}

std::optional<CtChannel> parse_ct_channel(std::string_view name) {
  for (const auto channel : all_ct_channels)
    if (to_string(channel) == name) return channel;
  return std::nullopt;
}

bool has_channel(const CtChannels& channels, CtChannel channel) {
  switch (channel) {
    case CtChannel::site:
      return channels.site;
    case CtChannel::vehicle:
      return channels.vehicle;
    case CtChannel::solar:
      return channels.solar;
  }
  return false;
}

void set_channel(CtChannels& channels, CtChannel channel, bool present) {
  *flag(channels, channel) = present;
}

void set_reading(CtReadings& readings, CtChannel channel, std::optional<double> current_a) {
  *slot(readings, channel) = current_a;
}

std::uint16_t ct_bus::register_of(CtChannel channel) {
  return static_cast<std::uint16_t>(0x0013 + index_of(channel));
}

std::string encode_ct_request(CtChannel channel) {
  std::string frame(ct_bus::frame_bytes, '\0');
  frame[0] = static_cast<char>(sync_byte);
  frame[1] = static_cast<char>(sync_byte);
  for (std::size_t i = 0; i < device_address.size(); ++i)
    frame[2 + i] = static_cast<char>(device_address[i]);
  const auto reg = ct_bus::register_of(channel);
  frame[6] = static_cast<char>(reg >> 8U);
  frame[7] = static_cast<char>(reg & 0xFFU);
  return frame;
}

Parsed<CtReply> parse_ct_reply(std::string_view reply, CtChannel asked) {
  if (reply.empty()) return CodecError{CodecError::Kind::empty, 0};
  if (reply.size() != ct_bus::frame_bytes)
    return CodecError{CodecError::Kind::bad_length, reply.size()};
  CtReply parsed;
  for (std::size_t i = value_at; i < value_at + 4; ++i)
    parsed.milliamps = (parsed.milliamps << 8U) | static_cast<unsigned char>(reply[i]);
  if (parsed.current_a() > max_plausible_ct_a)
    return CodecError{CodecError::Kind::implausible, value_at};
  parsed.echo_matches = reply.substr(0, value_at) == encode_ct_request(asked).substr(0, value_at);
  return parsed;
}

std::string encode_ct_reply(CtChannel channel, std::uint32_t milliamps) {
  auto frame = encode_ct_request(channel);
  for (std::size_t i = 0; i < 4; ++i)
    frame[value_at + i] = static_cast<char>((milliamps >> (8U * (3 - i))) & 0xFFU);
  return frame;
}

std::optional<std::string> calibration_error(const CtCalibration& c) {
  if (!(c.scale >= min_ct_scale && c.scale <= max_ct_scale))  // also NaN
    return "scale " + number(c.scale) + " is outside " + number(min_ct_scale) + " to " +
           number(max_ct_scale);
  if (!(c.offset_a >= -max_ct_offset_a && c.offset_a <= max_ct_offset_a))
    return "offset " + number(c.offset_a) + " A is outside " + number(-max_ct_offset_a) + " to " +
           number(max_ct_offset_a) + " A";
  return std::nullopt;
}

double calibrated_current_a(const CtCalibration& calibration, double raw_a) {
  return std::max(0.0, raw_a * calibration.scale + calibration.offset_a);
}

}  // namespace hal::eo
