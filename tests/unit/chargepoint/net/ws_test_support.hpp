#pragma once
// Shared bits of the WebSocket client tests: a recording handler, "run until" with a deadline.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chargepoint/net/ws_client.hpp"
#include "common/event_loop.hpp"

namespace chargepoint::net::testing {

// Runs the loop in small slices until `done` holds or `timeout` passes; true when `done` held.
inline bool run_until(common::EventLoop& loop, const std::function<bool()>& done,
                      std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    loop.run_for(std::chrono::milliseconds(5));
  }
  return true;
}

class RecordingHandler : public WsClientHandler {
 public:
  void on_connected() override {
    ++connected;
    if (on_connected_fn) on_connected_fn();
  }
  void on_text(std::string_view text) override {
    texts.emplace_back(text);
    if (on_text_fn) on_text_fn(text);
  }
  void on_disconnected(std::string_view reason) override { disconnects.emplace_back(reason); }

  int connected = 0;
  std::vector<std::string> texts;
  std::vector<std::string> disconnects;
  std::function<void()> on_connected_fn;
  std::function<void(std::string_view)> on_text_fn;
};

// Short timings so the loopback tests stay fast; tests override what they exercise.
inline WsClientOptions fast_options(std::uint16_t port, const std::string& scheme = "ws") {
  WsClientOptions options;
  options.endpoint_url = scheme + "://127.0.0.1:" + std::to_string(port) + "/ocpp";
  options.charge_point_id = "CP1";
  options.reconnect_min = std::chrono::milliseconds(50);
  options.reconnect_max = std::chrono::milliseconds(200);
  options.reconnect_jitter = 0.0;
  options.ping_interval = std::chrono::milliseconds(0);
  options.pong_timeout = std::chrono::milliseconds(200);
  options.connect_timeout = std::chrono::milliseconds(1000);
  return options;
}

}  // namespace chargepoint::net::testing
