#pragma once
// A model of the Hub's CT device on the RS-485 bus (notes §5), sans I/O: 14-byte requests in,
// 14-byte answers out. It answers only what is addressed to it (header, address, one of the three
// registers); the first answer after the line switched to 9600 baud comes back garbled (bytes
// mangled and one lost), as the field reports; the readings and the silences are the test's or
// eo-board-sim's to set.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "hal/eo/ct_codec.hpp"

namespace hal::eo {

class CtDeviceModel {
 public:
  CtDeviceModel();

  // Bytes from the bus while it runs at 9600 baud; returns the answers.
  std::string receive(std::string_view bytes);
  // The line has just been switched to 9600 baud: the next answer is garbled.
  void line_switched();

  void set_current_a(CtChannel channel, double current_a);
  double current_a(CtChannel channel) const { return current_a_[index_of(channel)]; }
  // The whole device stays silent (unpowered, its bus wires loose), or just one channel.
  void set_silent(bool silent) { silent_ = silent; }
  bool silent() const { return silent_; }
  void set_channel_silent(CtChannel channel, bool silent) {
    channel_silent_[index_of(channel)] = silent;
  }
  bool channel_silent(CtChannel channel) const { return channel_silent_[index_of(channel)]; }

  std::size_t answers() const { return answers_; }
  std::size_t garbled_answers() const { return garbled_; }
  std::size_t ignored_requests() const { return ignored_; }

 private:
  std::string answer(std::string_view request);

  std::string input_;
  std::array<double, 3> current_a_{};
  std::array<bool, 3> channel_silent_{};
  bool silent_ = false;
  bool garble_next_ = true;
  std::size_t answers_ = 0;
  std::size_t garbled_ = 0;
  std::size_t ignored_ = 0;
};

}  // namespace hal::eo
