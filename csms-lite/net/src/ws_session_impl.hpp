#pragma once
// One charge point's WebSocket, written once for any stream type: ws_session_plain.cpp instantiates
// it for TCP, a TLS translation unit can instantiate it for an SSL stream. Only those translation
// units include this header, so each pays for exactly one Beast websocket stream type.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "common/ws_bounded_read.hpp"
#include "csms/net/detail/upgrade_rules.hpp"
#include "listener_core.hpp"
#include "ws_session.hpp"

namespace csms::net::detail {

namespace ws_impl {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

// A charge point that stops reading must not grow the server's memory without bound.
inline std::size_t max_queued_bytes(std::size_t max_message_bytes) {
  return std::max<std::size_t>(4 * 1024 * 1024, 16 * max_message_bytes);
}

// RFC 6455 §5.5: a control frame carries at most 125 bytes, 2 of them the code; and the reason must
// stay valid UTF-8 (§5.5.1), so a cut never splits a character.
inline std::string_view close_frame_reason(std::string_view reason) {
  if (reason.size() <= 123) return reason;
  std::size_t size = 123;
  while (size > 0 && (static_cast<unsigned char>(reason[size]) & 0xC0) == 0x80) --size;
  return reason.substr(0, size);
}

template <class Stream>
class WsSession final : public ChargePointSession,
                        public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(const std::shared_ptr<ListenerCore>& core, Stream stream, std::string charge_point_id,
            std::string remote_address)
      : core_(core),
        id_(std::move(charge_point_id)),
        remote_(std::move(remote_address)),
        max_message_bytes_(core->options().max_message_bytes),
        ping_interval_(core->options().ping_interval),
        pong_timeout_(core->options().pong_timeout),
        handshake_timeout_(core->options().http_timeout),
        ws_(std::move(stream)),
        ping_timer_(ws_.get_executor()) {}

  ~WsSession() override {
    if (auto core = core_.lock()) core->remove(this);
  }

  void run(UpgradeRequest request) {
    upgrade_request_ = std::move(request);
    // The websocket layer runs its own handshake timer; the TCP layer's must be off.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = handshake_timeout_;  // opening and closing handshakes
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;  // our own ping timer, see on_ping_due()
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(beast::http::field::server, "csms-lite");
      response.set(beast::http::field::sec_websocket_protocol, ocpp_subprotocol);
    }));
    // The cap is ours (common/ws_bounded_read.hpp): Beast's own would reset the TCP connection.
    ws_.read_message_max(0);
    // One frame per message: small embedded WebSocket clients often mishandle continuation frames.
    ws_.auto_fragment(false);
    ws_.text(true);
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      // Pongs (and the peer's own pings) prove that it is alive.
      if (kind != websocket::frame_type::close) heard_since_ping_ = true;
    });
    ws_.async_accept(upgrade_request_,
                     beast::bind_front_handler(&WsSession::on_accept, this->shared_from_this()));
  }

  void send_text(std::string text) override {
    if (state_ != State::Open) {
      spdlog::debug("csms-lite: dropped frame to closed connection '{}'", id_);
      return;
    }
    queued_bytes_ += text.size();
    if (queued_bytes_ > max_queued_bytes(max_message_bytes_)) {
      state_ = State::Closed;
      beast::get_lowest_layer(ws_).close();
      report_close_later("write queue overflow: the charge point does not read");
      return;
    }
    spdlog::trace("csms-lite: {} <- {:.300}", id_, text);  // the session logs each message at debug
    queue_.push_back(std::move(text));
    if (!writing_) do_write();
  }

  void close(std::string_view reason) override {
    if (state_ != State::Open) return;
    start_close(websocket::close_code::normal, reason);
    report_close_later("closed by the server: " + std::string(reason));
  }

  void replace(std::string_view reason) override {
    spdlog::warn("csms-lite: charge point '{}' ({}) connected again; closing the older connection",
                 id_, remote_);
    report_close(reason);
    start_close(websocket::close_code::normal, reason);
  }

  void shut_down() override {
    if (state_ == State::Handshaking) {
      state_ = State::Closed;
      beast::get_lowest_layer(ws_).close();
      return;
    }
    report_close("server stopping");
    start_close(websocket::close_code::going_away, "server stopping");
  }

 private:
  enum class State { Handshaking, Open, Closing, Closed };

  void on_accept(beast::error_code ec) {
    const auto core = core_.lock();
    if (!core || state_ != State::Handshaking) return;
    upgrade_request_ = {};
    if (ec) {
      state_ = State::Closed;
      spdlog::info("csms-lite: WebSocket handshake with '{}' ({}) failed: {}", id_, remote_,
                   ec.message());
      return;
    }
    state_ = State::Open;
    handle_ = std::make_shared<ConnectionHandle>(id_, remote_, this->weak_from_this());
    spdlog::info("csms-lite: charge point '{}' connected from {}", id_, remote_);
    core->claim(id_, this->shared_from_this());
    notify("on_open", [&] { core->ocpp().on_open(handle_); });
    if (state_ != State::Open) return;  // closed from on_open; Beast's close op reads the reply
    do_read();
    schedule_ping();
  }

  void do_read() {
    common::ws::async_read_bounded(
        ws_, read_buffer_, max_message_bytes_,
        beast::bind_front_handler(&WsSession::on_read, this->shared_from_this()));
  }

  void on_read(beast::error_code ec, common::ws::ReadOutcome outcome) {
    const auto core = core_.lock();
    if (!core) return;
    if (ec) {
      on_read_failed(ec);
      return;
    }
    heard_since_ping_ = true;
    if (state_ != State::Open) return;
    if (outcome == common::ws::ReadOutcome::too_big) {
      read_buffer_.clear();
      report_close(fmt::format("sent a message over {} bytes (closed with 1009)", max_message_bytes_));
      start_close(websocket::close_code::too_big, "message too big");
      return;
    }
    if (!ws_.got_text()) {
      report_close("sent a binary frame (OCPP-J uses text frames only)");
      start_close(websocket::close_code::unknown_data, "text frames only");
      return;
    }
    const auto data = read_buffer_.cdata();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    spdlog::trace("csms-lite: {} -> {:.300}", id_, text);
    notify("on_text", [&] { core->ocpp().on_text(*handle_, text); });
    read_buffer_.clear();
    if (state_ == State::Open) do_read();
  }

  void on_read_failed(beast::error_code ec) {
    if (reported_) {  // we closed it ourselves and said why
      state_ = State::Closed;
      return;
    }
    std::string reason;
    if (!pending_reason_.empty()) {
      reason = pending_reason_;  // a report_close_later() still queued behind this completion
    } else if (ec == websocket::error::closed) {
      const auto& why = ws_.reason();
      reason = fmt::format("closed by the charge point (code {}{}{})", why.code,
                           why.reason.empty() ? "" : ": ",
                           std::string_view(why.reason.data(), why.reason.size()));
    } else if (ec.category() == beast::error_code(websocket::error::closed).category()) {
      // Beast has already sent the fitting close code (1002 protocol error, 1007 bad UTF-8, ...).
      reason = "WebSocket protocol error: " + ec.message();
    } else {
      reason = "connection lost: " + ec.message();
    }
    drop(reason);
  }

  void do_write() {
    writing_ = true;
    ws_.async_write(asio::buffer(queue_.front()),
                    beast::bind_front_handler(&WsSession::on_write, this->shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (ec) {
      if (state_ == State::Open) drop("write failed: " + ec.message());
      return;
    }
    queued_bytes_ -= queue_.front().size();
    queue_.pop_front();
    // Exactly one async_write in flight: the next frame starts when this one is done.
    if (state_ == State::Open && !queue_.empty()) do_write();
  }

  // Half-open detection: every ping_interval a ping; if nothing at all arrives within pong_timeout
  // after it, the peer is gone (a TCP connection can stay "established" for hours after a charger
  // lost power). Beast's keep_alive_pings would tie both intervals to idle_timeout / 2.
  void schedule_ping() {
    if (ping_interval_.count() <= 0) return;
    ping_timer_.expires_after(ping_interval_);
    ping_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->on_ping_due();
    });
  }

  void on_ping_due() {
    if (state_ != State::Open) return;
    heard_since_ping_ = false;
    // Beast allows one ping next to one message write, but never two pings.
    if (!ping_in_flight_) {
      ping_in_flight_ = true;
      ws_.async_ping({}, [self = this->shared_from_this()](beast::error_code) {
        self->ping_in_flight_ = false;  // a failed ping surfaces on the read side too
      });
    }
    ping_timer_.expires_after(pong_timeout_);
    ping_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->on_pong_due();
    });
  }

  void on_pong_due() {
    if (state_ != State::Open) return;
    if (!heard_since_ping_) {
      drop(fmt::format("no answer to a ping within {} s", pong_timeout_.count()));
      return;
    }
    schedule_ping();
  }

  // Tells the application, once. Called before the socket is closed so that a replacement's
  // on_open always follows the old connection's on_close.
  void report_close(std::string_view reason) {
    if (reported_ || !handle_) return;
    reported_ = true;
    if (state_ == State::Open) state_ = State::Closing;
    ping_timer_.cancel();
    const auto core = core_.lock();
    if (!core) return;
    core->release(id_, this);
    spdlog::info("csms-lite: charge point '{}' ({}) disconnected: {}", id_, remote_, reason);
    notify("on_close", [&] { core->ocpp().on_close(*handle_, reason); });
  }

  // For closes the application caused from inside its own call (close(), send_text()): on_close
  // then comes from the loop, so the application never sees it re-entrantly.
  void report_close_later(std::string reason) {
    pending_reason_ = reason;
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), reason = std::move(reason)] {
      self->report_close(reason);
    });
  }

  // The close handshake; Beast tears the TCP connection down after it or after handshake_timeout_.
  void start_close(websocket::close_code code, std::string_view reason) {
    if (state_ == State::Closed || close_started_) return;
    close_started_ = true;
    state_ = State::Closing;
    ping_timer_.cancel();
    ws_.async_close(websocket::close_reason(code, close_frame_reason(reason)),
                    [self = this->shared_from_this()](beast::error_code) {
                      self->state_ = State::Closed;
                      beast::get_lowest_layer(self->ws_).close();
                    });
  }

  // No handshake: for peers that are gone or misbehave.
  void drop(std::string_view reason) {
    report_close(reason);
    state_ = State::Closed;
    ping_timer_.cancel();
    beast::get_lowest_layer(ws_).close();
  }

  template <class Fn>
  void notify(std::string_view what, Fn&& fn) {
    // One faulty handler must not take the whole event loop (and every other charger) down.
    try {
      fn();
    } catch (const std::exception& e) {
      spdlog::error("csms-lite: {} for '{}' threw: {}", what, id_, e.what());
    }
  }

  std::weak_ptr<ListenerCore> core_;
  const std::string id_;
  const std::string remote_;
  const std::size_t max_message_bytes_;
  const std::chrono::seconds ping_interval_;
  const std::chrono::seconds pong_timeout_;
  const std::chrono::seconds handshake_timeout_;

  websocket::stream<Stream> ws_;
  asio::steady_timer ping_timer_;
  UpgradeRequest upgrade_request_;
  beast::flat_buffer read_buffer_;
  std::deque<std::string> queue_;  // front() is in flight while writing_
  std::size_t queued_bytes_ = 0;
  std::shared_ptr<ConnectionHandle> handle_;  // set once open
  std::string pending_reason_;                // set by report_close_later()
  State state_ = State::Handshaking;
  bool writing_ = false;
  bool ping_in_flight_ = false;
  bool heard_since_ping_ = false;
  bool close_started_ = false;
  bool reported_ = false;
};

}  // namespace ws_impl

template <class Stream>
void start_ws_session(const std::shared_ptr<ListenerCore>& core, Stream stream,
                      UpgradeRequest request, std::string charge_point_id,
                      std::string remote_address) {
  auto session = std::make_shared<ws_impl::WsSession<Stream>>(
      core, std::move(stream), std::move(charge_point_id), std::move(remote_address));
  core->add(session);
  session->run(std::move(request));
}

}  // namespace csms::net::detail
