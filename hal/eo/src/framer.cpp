#include "hal/eo/framer.hpp"

namespace hal::eo {

std::vector<FramedReply> ReplyFramer::feed(std::string_view bytes) {
  std::vector<FramedReply> replies;
  for (const char c : bytes) {
    const bool swallow_lf = after_cr_ && c == line_feed;
    after_cr_ = false;
    if (swallow_lf) continue;
    if (c == reply_start) {
      if (in_frame_ && !overlong_) ++counters_.interrupted_frames;
      buffer_.assign(1, c);
      in_frame_ = true;
      overlong_ = false;
      continue;
    }
    if (!in_frame_) {
      ++counters_.noise_bytes;
      continue;
    }
    if (c == carriage_return || c == line_feed) {
      after_cr_ = c == carriage_return;
      in_frame_ = false;
      if (!overlong_) replies.push_back(FramedReply{std::move(buffer_), std::nullopt});
      overlong_ = false;
      buffer_.clear();
      continue;
    }
    if (overlong_) continue;
    if (buffer_.size() >= max_frame_bytes_) {
      ++counters_.overlong_frames;
      overlong_ = true;
      replies.push_back(FramedReply{std::move(buffer_),
                                    CodecError{CodecError::Kind::too_long, max_frame_bytes_}});
      buffer_.clear();
      continue;
    }
    buffer_ += c;
  }
  return replies;
}

void ReplyFramer::reset() {
  buffer_.clear();
  in_frame_ = false;
  overlong_ = false;
  after_cr_ = false;
}

}  // namespace hal::eo
