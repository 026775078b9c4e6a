#pragma once
// Current-transformer clamps, sans I/O (notes §5): the three channels, the Hub's 9600-baud binary
// CT device on the RS-485 bus (requests and replies), and the per-channel calibration. No logging,
// no exceptions: every bad input is a CodecError. Also compiled into ct_reply_fuzzer.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hal/eo/codec.hpp"
#include "hal/types.hpp"

namespace hal::eo {

enum class CtChannel { site, vehicle, solar };
inline constexpr std::array<CtChannel, 3> all_ct_channels{CtChannel::site, CtChannel::vehicle,
                                                          CtChannel::solar};
constexpr std::size_t index_of(CtChannel channel) {
  return static_cast<std::size_t>(channel);
}
std::string_view to_string(CtChannel channel);
std::optional<CtChannel> parse_ct_channel(std::string_view name);
bool has_channel(const CtChannels& channels, CtChannel channel);
void set_channel(CtChannels& channels, CtChannel channel, bool present);
void set_reading(CtReadings& readings, CtChannel channel, std::optional<double> current_a);

// A clamp reading above this is not a current (a garbled reply, a floating MISO line): the
// largest clamps sold for these boxes are 100 A.
inline constexpr double max_plausible_ct_a = 200;

// ---- the Hub's CT device (notes §5) ----
// Request, 14 bytes: 55 55 · address BE 00 BE 93 · register (2, big-endian) · 4 zero bytes ·
// 2 zero bytes (probably an unchecked CRC slot). Reply: 14 bytes, bytes 8–11 big-endian unsigned
// milliamps. Only the reply's length and value are known; whether it echoes the header, address
// and register is unconfirmed, so a difference there is reported (and counted), not refused.
namespace ct_bus {
inline constexpr std::size_t frame_bytes = 14;
inline constexpr unsigned baud_rate = 9600;
inline constexpr unsigned board_baud_rate = 115200;
std::uint16_t register_of(CtChannel channel);  // 0x0013 site, 0x0014 vehicle, 0x0015 solar
}  // namespace ct_bus

std::string encode_ct_request(CtChannel channel);
struct CtReply {
  std::uint32_t milliamps = 0;
  bool echo_matches = true;  // bytes 0–7 equal the request's
  double current_a() const { return milliamps / 1000.0; }
};
// `reply` is exactly the 14 bytes of one answer to a request for `asked`.
Parsed<CtReply> parse_ct_reply(std::string_view reply, CtChannel asked);
// The inverse, for the CT device model: the request's first 8 bytes, then the milliamps.
std::string encode_ct_reply(CtChannel channel, std::uint32_t milliamps);

// ---- calibration ----
// Clamps and their burden resistors differ by a few percent, and an unwired input picks up a
// small offset: amps = raw × scale + offset_a, never below 0 (an RMS reading has no sign).
struct CtCalibration {
  double scale = 1.0;
  double offset_a = 0.0;
};
inline constexpr double min_ct_scale = 0.5;
inline constexpr double max_ct_scale = 2.0;
inline constexpr double max_ct_offset_a = 2.0;  // either way
// Why this calibration is refused ("scale 2.5 is outside 0.5 to 2.0"), or nullopt.
std::optional<std::string> calibration_error(const CtCalibration& calibration);
double calibrated_current_a(const CtCalibration& calibration, double raw_a);

}  // namespace hal::eo
