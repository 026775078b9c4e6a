#pragma once
// Cuts the board's byte stream into replies: '!' … terminator. The terminator is CR; a LF right
// after it is swallowed, since whether the board sends CR LF is unconfirmed (notes §2). A lone LF
// also ends a frame, so a board that sends only LF is not silent to us. Pure: no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hal/eo/codec.hpp"

namespace hal::eo {

struct FramedReply {
  std::string frame;                // from '!' up to (not including) the terminator
  std::optional<CodecError> error;  // set when the frame could not be completed (too_long)
};

struct FramerCounters {
  std::size_t noise_bytes = 0;         // bytes outside any frame (line noise, a stray echo)
  std::size_t interrupted_frames = 0;  // a '!' arrived before the previous frame ended
  std::size_t overlong_frames = 0;     // no terminator within max_frame_bytes
};

class ReplyFramer {
 public:
  // Longer than the 80-byte status reply, so that one lost terminator is caught quickly.
  static constexpr std::size_t default_max_frame_bytes = 96;
  explicit ReplyFramer(std::size_t max_frame_bytes = default_max_frame_bytes)
      : max_frame_bytes_(max_frame_bytes) {}

  // Returns the replies completed by `bytes`, in order (usually none or one).
  std::vector<FramedReply> feed(std::string_view bytes);
  // Drops a partial frame: before each request, so a late half-reply cannot join the next one.
  void reset();
  bool in_frame() const { return in_frame_; }
  const FramerCounters& counters() const { return counters_; }

 private:
  std::size_t max_frame_bytes_;
  std::string buffer_;
  bool in_frame_ = false;
  bool overlong_ = false;  // skipping the rest of an overlong frame
  bool after_cr_ = false;  // the previous byte ended a frame with CR
  FramerCounters counters_;
};

}  // namespace hal::eo
