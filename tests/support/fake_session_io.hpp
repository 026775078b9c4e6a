#pragma once
// A SessionIo for tests: records what a Session sends and routes its call timer through
// ManualTimers, so a test can answer frames and move time by hand.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/manual_timers.hpp"
#include "ocpp/session.hpp"

namespace test_support {

class FakeSessionIo final : public ocpp::SessionIo {
 public:
  explicit FakeSessionIo(common::ManualTimers& timers) : timer_(timers.make_timer()) {}

  void attach(ocpp::Session& session) { session_ = &session; }

  void send_text(std::string text) override { sent.push_back(std::move(text)); }
  void start_timer(std::uint64_t token, std::chrono::milliseconds after) override {
    token_ = token;
    timer_->start(after, [this, token] { session_->timer_fired(token); });
  }
  void cancel_timer(std::uint64_t token) override {
    if (token == token_) timer_->cancel();
  }

  // The last frame sent, parsed.
  nlohmann::json last() const {
    return sent.empty() ? nlohmann::json() : nlohmann::json::parse(sent.back());
  }
  // Answers the last frame (which must be a CALL) with a CALLRESULT carrying `payload`.
  void answer_last(const nlohmann::json& payload) {
    const auto call = last();
    session_->receive(nlohmann::json::array({3, call.at(1), payload}).dump());
  }
  // Sends a CALL from the peer and returns the answer frame.
  nlohmann::json peer_call(const std::string& action, const nlohmann::json& payload,
                           const std::string& id = "peer-1") {
    session_->receive(nlohmann::json::array({2, id, action, payload}).dump());
    return last();
  }

  std::vector<std::string> sent;

 private:
  std::unique_ptr<common::Timer> timer_;
  std::uint64_t token_ = 0;
  ocpp::Session* session_ = nullptr;
};

}  // namespace test_support
