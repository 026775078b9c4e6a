#include "registry/frame_log.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace csms {
namespace {

// Never in the middle of a UTF-8 character (the byte at the cut is no continuation byte
// 10xxxxxx), so that a cut frame stays valid text.
std::size_t utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return cut;
}

const char* type_name(const nlohmann::json& type_id) {
  if (!type_id.is_number_integer()) return nullptr;
  switch (type_id.get<int>()) {
    case 2:
      return "CALL";
    case 3:
      return "CALLRESULT";
    case 4:
      return "CALLERROR";
    default:
      return nullptr;
  }
}

// The security whitepaper's AuthorizationKey (the charge point's HTTP Basic password) is
// write-only: a ChangeConfiguration that sets it must not put it on a page.
bool sets_authorization_key(const nlohmann::json& frame) {
  if (frame.size() < 4 || !frame[2].is_string() || frame[2] != "ChangeConfiguration") return false;
  const auto& payload = frame[3];
  return payload.is_object() && payload.contains("key") && payload["key"].is_string() &&
         payload["key"].get<std::string>() == "AuthorizationKey";
}

}  // namespace

std::size_t frame_log_budget_bytes(std::size_t connected) {
  const auto share = k_all_frame_logs_bytes / std::max<std::size_t>(connected, 1);
  return std::clamp<std::size_t>(share, 2 * 1024, FrameLog::k_max_budget_bytes);
}

std::string_view to_string(FrameDirection direction) {
  return direction == FrameDirection::In ? "in" : "out";
}

FrameLog::FrameLog(std::size_t capacity, std::size_t max_frame_bytes)
    : capacity_(std::max<std::size_t>(capacity, 1)),
      max_frame_bytes_(std::max<std::size_t>(max_frame_bytes, 16)) {}

std::optional<std::string> FrameLog::answered_action(FrameDirection answer_direction,
                                                     const std::string& message_id) {
  // An answer goes the other way from its CALL.
  const auto call_direction =
      answer_direction == FrameDirection::In ? FrameDirection::Out : FrameDirection::In;
  const auto it = std::find_if(open_calls_.begin(), open_calls_.end(), [&](const auto& entry) {
    return entry.first.first == call_direction && entry.first.second == message_id;
  });
  if (it == open_calls_.end()) return std::nullopt;
  auto action = std::move(it->second);
  open_calls_.erase(it);
  return action;
}

void FrameLog::record(FrameDirection direction, std::chrono::system_clock::time_point at,
                      std::string_view text, std::size_t budget_bytes) {
  LoggedFrame frame;
  frame.at = at;
  frame.direction = direction;
  frame.size_bytes = text.size();
  frame.type = "invalid";

  std::string redacted;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  const char* type = parsed.is_array() && parsed.size() >= 3 ? type_name(parsed[0]) : nullptr;
  if (type != nullptr && parsed[1].is_string()) {
    frame.type = type;
    frame.message_id = parsed[1].get<std::string>();
    if (frame.type == "CALL") {
      if (parsed[2].is_string()) frame.action = parsed[2].get<std::string>();
      if (frame.action) {
        open_calls_.emplace_back(std::make_pair(direction, *frame.message_id), *frame.action);
        while (open_calls_.size() > capacity_) open_calls_.pop_front();
      }
      if (sets_authorization_key(parsed)) {
        auto copy = parsed;
        copy[3]["value"] = "(hidden)";
        redacted = copy.dump();
        text = redacted;
      }
    } else {
      frame.action = answered_action(direction, *frame.message_id);
    }
  }

  const auto keep = utf8_cut(text, max_frame_bytes_);
  frame.truncated = keep < text.size();
  frame.text.assign(text.substr(0, keep));
  stored_bytes_ += frame.text.size();
  frames_.push_back(std::move(frame));
  while (frames_.size() > 1 && (frames_.size() > capacity_ || stored_bytes_ > budget_bytes)) {
    stored_bytes_ -= frames_.front().text.size();
    frames_.pop_front();
  }
}

}  // namespace csms
