// libFuzzer target for the CT reply path: the Hub CT device's 14-byte answers (parse_ct_reply)
// and the ADE7858's register reads (decode_read), for each channel. Beyond "no crash" (ASan,
// UBSan) it aborts when an accepted reply is implausible, does not survive encode → parse with the
// same milliamps, or claims to echo a request it does not start with; or when a calibration the
// checker accepts gives a negative or non-finite current.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "hal/eo/ade7858.hpp"
#include "hal/eo/ct_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hal::eo;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const auto channel : all_ct_channels) {
    const auto reply = parse_ct_reply(bytes, channel);
    if (!reply.ok()) continue;
    const auto& value = reply.value();
    if (size != ct_bus::frame_bytes || !(value.current_a() <= max_plausible_ct_a)) std::abort();
    const auto again = parse_ct_reply(encode_ct_reply(channel, value.milliamps), channel);
    if (!again.ok() || again.value().milliamps != value.milliamps || !again.value().echo_matches)
      std::abort();
    if (value.echo_matches && bytes.substr(0, 8) != encode_ct_request(channel).substr(0, 8))
      std::abort();
  }
  // The same bytes as an ADE7858 answer to an RMS read.
  const std::vector<std::uint8_t> rx(data, data + size);
  for (const auto channel : all_ct_channels) {
    const auto& reg = ade7858::rms_register(channel);
    if (const auto value = ade7858::decode_read(reg, rx); value && size != 3u + reg.bytes)
      std::abort();
  }
  // Calibration from the first 16 bytes, as two doubles.
  if (size >= 16) {
    CtCalibration calibration;
    std::memcpy(&calibration.scale, data, sizeof(double));
    std::memcpy(&calibration.offset_a, data + 8, sizeof(double));
    if (!calibration_error(calibration)) {
      for (const double raw : {0.0, 0.001, 16.0, max_plausible_ct_a}) {
        const double amps = calibrated_current_a(calibration, raw);
        if (!(amps >= 0) || !std::isfinite(amps)) std::abort();
      }
    }
  }
  return 0;
}
