#pragma once
// Shared by the rpc tests: picking actions out of an Endpoint's output, a recording SessionIo, and
// the definition of "a well-formed CALLERROR" that every answer to a malformed frame must meet.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ocpp/rpc/endpoint.hpp"
#include "ocpp/session.hpp"

namespace ocpp::test {

template <class T>
std::vector<T> actions_of(const rpc::Actions& actions) {
  std::vector<T> found;
  for (const auto& action : actions) {
    if (const auto* typed = std::get_if<T>(&action)) found.push_back(*typed);
  }
  return found;
}

inline std::vector<std::string> sent_texts(const rpc::Actions& actions) {
  std::vector<std::string> texts;
  for (const auto& send : actions_of<rpc::act::Send>(actions)) texts.push_back(send.text);
  return texts;
}

// Records everything a Session asks of the network edge; timers are only remembered, tests fire
// them.
class FakeSessionIo final : public SessionIo {
 public:
  void send_text(std::string text) override { sent.push_back(std::move(text)); }
  void start_timer(std::uint64_t token, std::chrono::milliseconds after) override {
    timers[token] = after;
  }
  void cancel_timer(std::uint64_t token) override {
    timers.erase(token);
    cancelled.insert(token);
  }

  nlohmann::json last_sent() const {
    return sent.empty() ? nlohmann::json() : nlohmann::json::parse(sent.back());
  }

  std::vector<std::string> sent;
  std::map<std::uint64_t, std::chrono::milliseconds> timers;  // the armed ones
  std::set<std::uint64_t> cancelled;
};

// [4, "<1..36 chars>", "<known code>", "<text>", {…}]: what OCPP-J 1.6 §4.2.3 requires of a
// CALLERROR.
inline ::testing::AssertionResult is_well_formed_call_error(const std::string& text) {
  const auto frame = nlohmann::json::parse(text, nullptr, false);
  if (frame.is_discarded())
    return ::testing::AssertionFailure() << "not JSON: " << text.substr(0, 200);
  if (!frame.is_array() || frame.size() != 5)
    return ::testing::AssertionFailure() << "not 5 elements: " << text.substr(0, 200);
  if (frame[0] != 4) return ::testing::AssertionFailure() << "not type 4: " << text.substr(0, 200);
  if (!frame[1].is_string() || frame[1].get<std::string>().empty() ||
      frame[1].get<std::string>().size() > rpc::k_max_message_id_length) {
    return ::testing::AssertionFailure() << "bad id: " << text.substr(0, 200);
  }
  if (!frame[2].is_string() || !rpc::error_code_from_string(frame[2].get<std::string>())) {
    return ::testing::AssertionFailure() << "unknown code: " << text.substr(0, 200);
  }
  if (!frame[3].is_string())
    return ::testing::AssertionFailure() << "description not text: " << text.substr(0, 200);
  if (!frame[4].is_object())
    return ::testing::AssertionFailure() << "details not an object: " << text.substr(0, 200);
  return ::testing::AssertionSuccess();
}

}  // namespace ocpp::test
