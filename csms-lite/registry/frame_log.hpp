#pragma once
// The last OCPP-J frames exchanged with one charge point, for power users looking at what the
// charge point really said (GET /api/chargers/{id}/log). In memory only: a few hundred small writes
// a minute would wear the SD card for a log nobody reads most of the time, and a restart may lose
// it.
#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace csms {

enum class FrameDirection { In, Out };  // In: from the charge point

struct LoggedFrame {
  std::chrono::system_clock::time_point at;
  FrameDirection direction = FrameDirection::In;
  // OCPP-J §4.1.3 MessageTypeId as its name: "CALL" (2), "CALLRESULT" (3), "CALLERROR" (4), or
  // "invalid" for text that is no OCPP-J message at all.
  std::string type;
  std::optional<std::string> message_id;
  // The CALL's action; an answer gets the action of the CALL it answers when that CALL is still
  // remembered (OCPP-J answers carry only the message id).
  std::optional<std::string> action;
  std::string text;            // the frame, cut at max_frame_bytes on a UTF-8 character boundary
  std::size_t size_bytes = 0;  // of the whole frame
  bool truncated = false;
};

class FrameLog {
 public:
  static constexpr std::size_t k_default_capacity = 200;
  static constexpr std::size_t k_default_max_frame_bytes = 4096;
  // Bytes of frame text kept (the oldest frames go first; the newest is always kept). The caller
  // shares one budget among all charge points: a house with one charger sees a long log, a site
  // with thousands stays within its memory per connection (frame_log_budget_bytes).
  static constexpr std::size_t k_max_budget_bytes = 64 * 1024;

  explicit FrameLog(std::size_t capacity = k_default_capacity,
                    std::size_t max_frame_bytes = k_default_max_frame_bytes);

  // Keeps `text` (never throws on malformed text: that is what a power user wants to see).
  void record(FrameDirection direction, std::chrono::system_clock::time_point at,
              std::string_view text, std::size_t budget_bytes = k_max_budget_bytes);

  const std::deque<LoggedFrame>& frames() const { return frames_; }  // oldest first
  std::size_t capacity() const { return capacity_; }

 private:
  std::optional<std::string> answered_action(FrameDirection answer_direction,
                                             const std::string& message_id);

  std::size_t capacity_;
  std::size_t max_frame_bytes_;
  std::deque<LoggedFrame> frames_;
  std::size_t stored_bytes_ = 0;  // sum of frames_[i].text.size()
  // {direction of the CALL, message id} → action of the CALLs not yet answered, oldest first;
  // bounded like the frames, so a peer that never answers cannot grow it.
  std::deque<std::pair<std::pair<FrameDirection, std::string>, std::string>> open_calls_;
};

std::string_view to_string(FrameDirection direction);

// Each charge point's share of the frame logs' memory when `connected` are connected: all of
// k_all_frame_logs_bytes split evenly, at least 2 KiB (a few frames) and at most 64 KiB each.
inline constexpr std::size_t k_all_frame_logs_bytes = 2 * 1024 * 1024;
std::size_t frame_log_budget_bytes(std::size_t connected);

}  // namespace csms
