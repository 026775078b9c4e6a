#include "hal/eo/ct_device_model.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace hal::eo {

CtDeviceModel::CtDeviceModel() {
  current_a_ = {3.2, 0.0, 0.0};  // a house at rest, no car, night
}

void CtDeviceModel::line_switched() {
  garble_next_ = true;
  input_.clear();
}

void CtDeviceModel::set_current_a(CtChannel channel, double current_a) {
  current_a_[index_of(channel)] = std::clamp(current_a, 0.0, max_plausible_ct_a);
}

std::string CtDeviceModel::receive(std::string_view bytes) {
  std::string out;
  input_ += bytes;
  // Requests start with 55 55; anything before that is noise (a board frame caught mid-switch).
  for (;;) {
    const auto start = input_.find("\x55\x55");
    if (start == std::string::npos) {
      if (!input_.empty() && input_.back() == '\x55')
        input_.erase(0, input_.size() - 1);
      else
        input_.clear();
      return out;
    }
    input_.erase(0, start);
    if (input_.size() < ct_bus::frame_bytes) return out;
    out += answer(std::string_view(input_).substr(0, ct_bus::frame_bytes));
    input_.erase(0, ct_bus::frame_bytes);
  }
}

std::string CtDeviceModel::answer(std::string_view request) {
  for (const auto channel : all_ct_channels) {
    if (request != encode_ct_request(channel)) continue;
    if (silent_ || channel_silent(channel)) return {};
    const auto milliamps = static_cast<std::uint32_t>(std::lround(current_a(channel) * 1000));
    auto reply = encode_ct_reply(channel, milliamps);
    ++answers_;
    if (std::exchange(garble_next_, false)) {
      // What a receiver still settling on the new speed makes of it: mangled, a byte short.
      for (auto& c : reply) c = static_cast<char>(static_cast<unsigned char>(c) ^ 0xA5U);
      reply.pop_back();
      ++garbled_;
    }
    return reply;
  }
  ++ignored_;
  return {};
}

}  // namespace hal::eo
