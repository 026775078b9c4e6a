// The reconnect policy around one session per connection attempt. No Beast here: the sessions are
// made by ws_session_plain.cpp / ws_session_tls.cpp behind a small interface.
//
// Back-off: every attempt that ends (failed, refused, or lost) waits backoff_delay(n) before the
// next one, with n the number of consecutive failures so far. A connection that stayed up
// backoff_reset_after or longer resets n to 0; shorter ones count as failures, so a server that
// accepts and then drops at once gets the growing back-off too. Nothing ever reconnects without a
// timer in between (no busy loop).
#include <algorithm>
#include <random>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "chargepoint/net/ws_client.hpp"
#include "common/event_loop.hpp"
#include "ws_session.hpp"

namespace chargepoint::net {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds k_min_reconnect{10};
constexpr milliseconds k_max_close_timeout{5000};
constexpr std::uint32_t k_max_failure_count = 64;  // 2^64 · min is far beyond any cap

}  // namespace

class WsClient::Impl final : public detail::SessionEvents {
 public:
  Impl(common::EventLoop& loop, WsClientOptions options, WsClientHandler& handler)
      : loop_(loop),
        options_(std::move(options)),
        handler_(handler),
        connect_url_(build_connect_url(options_.endpoint_url, options_.charge_point_id)),
        reconnect_timer_(loop.make_timer()),
        random_(std::random_device{}()) {
    auto url = parse_ws_url(connect_url_);
    if (!url) throw std::invalid_argument("invalid WebSocket URL: " + connect_url_);
    url_ = std::move(*url);
    options_.reconnect_min = std::max(options_.reconnect_min, k_min_reconnect);
    options_.reconnect_max = std::max(options_.reconnect_max, options_.reconnect_min);
  }

  ~Impl() override {
    reconnect_timer_->cancel();
    // No on_disconnected from a destructor: the handler may already be half torn down.
    if (session_) std::exchange(session_, nullptr)->detach_and_close();
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void start() {
    if (running_) return;
    running_ = true;
    consecutive_failures_ = 0;
    connect();
  }

  void stop() {
    running_ = false;
    reconnect_timer_->cancel();
    if (session_) std::exchange(session_, nullptr)->detach_and_close();
    if (connected_reported_) {
      connected_reported_ = false;
      spdlog::info("ws: disconnected from {}: stopped by the charge point", connect_url_);
      handler_.on_disconnected("stopped by the charge point");
    }
  }

  bool send_text(std::string text) {
    if (!session_) return false;
    return session_->send_text(std::move(text));
  }

  bool connected() const { return session_ && session_->is_open(); }

  void set_ping_interval(milliseconds interval) {
    options_.ping_interval = interval;
    if (session_) session_->set_ping_interval(interval);
  }

  std::uint64_t connection_attempts() const { return attempts_; }

  void set_authorization_key(std::optional<std::string> key) {
    options_.authorization_key = std::move(key);
  }

 private:
  void connect() {
    ++attempts_;
    detail::SessionConfig config;
    config.url = url_;
    if (options_.authorization_key) {
      config.authorization =
          basic_auth_header(options_.charge_point_id, *options_.authorization_key);
    }
    config.ca_file = options_.ca_file;
    config.verify_peer = options_.verify_peer;
    config.connect_timeout = options_.connect_timeout;
    config.close_timeout = std::min(options_.connect_timeout, k_max_close_timeout);
    config.ping_interval = options_.ping_interval;
    config.pong_timeout = options_.pong_timeout;
    config.max_message_bytes = options_.max_message_bytes;
    spdlog::debug("ws: connecting to {} (attempt {})", connect_url_, attempts_);
    session_ = url_.tls ? detail::make_tls_session(loop_, std::move(config), *this)
                        : detail::make_plain_session(loop_, std::move(config), *this);
    session_->start();
  }

  void schedule_reconnect() {
    if (!running_) return;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const auto delay =
        backoff_delay(consecutive_failures_, options_.reconnect_min, options_.reconnect_max,
                      options_.reconnect_jitter, uniform(random_));
    consecutive_failures_ = std::min(consecutive_failures_ + 1, k_max_failure_count);
    spdlog::info("ws: next connection attempt in {} ms", delay.count());
    reconnect_timer_->start(delay, [this] { connect(); });
  }

  void on_session_open() override {
    opened_at_ = std::chrono::steady_clock::now();
    connected_reported_ = true;
    spdlog::info("ws: connected to {}", connect_url_);
    handler_.on_connected();
  }

  void on_session_text(std::string_view text) override { handler_.on_text(text); }

  // The session keeps itself alive for the duration of this call, so dropping our reference is
  // safe.
  void on_session_closed(const std::string& reason, bool was_open) override {
    session_.reset();
    if (was_open) {
      const auto up = std::chrono::steady_clock::now() - opened_at_;
      if (up >= options_.backoff_reset_after) consecutive_failures_ = 0;
      spdlog::info("ws: disconnected from {} after {} ms: {}", connect_url_,
                   std::chrono::duration_cast<milliseconds>(up).count(), reason);
    } else {
      spdlog::warn("ws: connection attempt {} to {} failed: {}", attempts_, connect_url_, reason);
    }
    // Arm the retry before the callback, so a stop() from inside on_disconnected() cancels it.
    schedule_reconnect();
    if (was_open && connected_reported_) {
      connected_reported_ = false;
      handler_.on_disconnected(reason);
    }
  }

  common::EventLoop& loop_;
  WsClientOptions options_;
  WsClientHandler& handler_;
  std::string connect_url_;
  ParsedUrl url_;
  std::unique_ptr<common::Timer> reconnect_timer_;
  std::shared_ptr<detail::Session> session_;
  std::mt19937 random_;
  std::chrono::steady_clock::time_point opened_at_{};
  std::uint64_t attempts_ = 0;
  std::uint32_t consecutive_failures_ = 0;
  bool running_ = false;
  bool connected_reported_ = false;
};

WsClient::WsClient(common::EventLoop& loop, WsClientOptions options, WsClientHandler& handler)
    : impl_(std::make_unique<Impl>(loop, std::move(options), handler)) {}

WsClient::~WsClient() = default;

void WsClient::start() {
  impl_->start();
}
void WsClient::stop() {
  impl_->stop();
}
bool WsClient::send_text(std::string text) {
  return impl_->send_text(std::move(text));
}
bool WsClient::connected() const {
  return impl_->connected();
}
void WsClient::set_ping_interval(std::chrono::milliseconds interval) {
  impl_->set_ping_interval(interval);
}
void WsClient::set_authorization_key(std::optional<std::string> key) {
  impl_->set_authorization_key(std::move(key));
}
std::uint64_t WsClient::connection_attempts() const {
  return impl_->connection_attempts();
}

}  // namespace chargepoint::net
