#pragma once
// The Beast side of one WebSocket connection, written once for both stream types. Only
// ws_session_plain.cpp and ws_session_tls.cpp include this, each with its own Transport, so each TU
// instantiates one stream.
//
// Timeouts are our own timers rather than Beast's stream_base::timeout: Beast's keep-alive pings go
// out at idle_timeout/2 and give up at idle_timeout, which cannot express OCPP's "ping every
// WebSocketPingInterval, give up pong_timeout later", and one deadline across resolve + TCP + TLS +
// upgrade is simpler with one timer.
//
// Lifetime: every Asio/Beast completion handler holds a shared_ptr to the session, so a detached
// session lives until its last handler has run. common::Timer callbacks never run after the timer
// is destroyed, so they capture `this` and take a shared_ptr first thing (what they call may drop
// the owner's reference).
#include <deque>
#include <string>
#include <tuple>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "common/event_loop.hpp"
#include "common/ws_bounded_read.hpp"
#include "ws_session.hpp"

namespace chargepoint::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;

inline constexpr std::string_view k_subprotocol = "ocpp1.6";

// Transport requirements: NextLayer; explicit Transport(const SessionConfig&);
// stream_args(io_context&) returning a tuple for the websocket::stream constructor;
// prepare(WsStream&, const SessionConfig&) returning an error text or nothing;
// async_handshake(WsStream&, handler(error_code)); failure_detail(WsStream&) for the log line of a
// failed handshake.
template <class Transport>
class BeastSession final : public Session,
                           public std::enable_shared_from_this<BeastSession<Transport>> {
 public:
  using WsStream = websocket::stream<typename Transport::NextLayer>;

  BeastSession(common::EventLoop& loop, SessionConfig config, SessionEvents& events)
      : config_(std::move(config)),
        events_(&events),
        transport_(config_),
        resolver_(loop.context()),
        ws_(std::make_from_tuple<WsStream>(transport_.stream_args(loop.context()))),
        deadline_(loop.make_timer()),
        ping_timer_(loop.make_timer()),
        pong_timer_(loop.make_timer()),
        ping_interval_(config_.ping_interval) {}

  void start() override {
    state_ = State::resolving;
    deadline_->start(config_.connect_timeout, [this] {
      auto self = this->shared_from_this();
      finish("connect timed out after " + std::to_string(config_.connect_timeout.count()) + " ms");
    });
    resolver_.async_resolve(
        config_.url.host, config_.url.port,
        [self = this->shared_from_this()](const beast::error_code& ec,
                                          const asio::ip::tcp::resolver::results_type& results) {
          self->on_resolve(ec, results);
        });
  }

  bool send_text(std::string text) override {
    if (state_ != State::open) return false;
    spdlog::trace("ws tx: {:.300}", text);  // the session logs each message at debug
    // A deque keeps the front element (the buffer of the write in flight) in place while we append.
    write_queue_.push_back(std::move(text));
    if (!write_in_flight_) write_next();
    return true;
  }

  bool is_open() const override { return state_ == State::open; }

  void set_ping_interval(std::chrono::milliseconds interval) override {
    ping_interval_ = interval;
    if (interval.count() <= 0) pong_timer_->cancel();
    arm_ping();
  }

  void detach_and_close() override {
    events_ = nullptr;
    close_politely(websocket::close_code::normal, "", "closed by the client");
  }

 private:
  enum class State {
    idle,
    resolving,
    connecting,
    securing,
    upgrading,
    upgraded,
    open,
    closing,
    closed
  };

  void on_resolve(const beast::error_code& ec,
                  const asio::ip::tcp::resolver::results_type& results) {
    if (state_ != State::resolving) return;
    if (ec) return finish("cannot resolve " + config_.url.host + ": " + ec.message());
    if (auto error = transport_.prepare(ws_, config_)) return finish(*error);
    state_ = State::connecting;
    asio::async_connect(beast::get_lowest_layer(ws_), results,
                        [self = this->shared_from_this()](const beast::error_code& connect_ec,
                                                          const asio::ip::tcp::endpoint&) {
                          self->on_connect(connect_ec);
                        });
  }

  void on_connect(const beast::error_code& ec) {
    if (state_ != State::connecting) return;
    if (ec)
      return finish("TCP connect to " + config_.url.host + ":" + config_.url.port +
                    " failed: " + ec.message());
    // OCPP messages are small and request/response: don't let Nagle hold them back.
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).set_option(asio::ip::tcp::no_delay(true), ignored);
    state_ = State::securing;
    transport_.async_handshake(ws_,
                               [self = this->shared_from_this()](const beast::error_code& tls_ec) {
                                 self->on_secured(tls_ec);
                               });
  }

  void on_secured(const beast::error_code& ec) {
    if (state_ != State::securing) return;
    if (ec) {
      const std::string detail = Transport::failure_detail(ws_);
      return finish("TLS handshake failed: " + ec.message() +
                    (detail.empty() ? "" : ": " + detail));
    }
    ws_.set_option(websocket::stream_base::decorator(
        [auth = config_.authorization](websocket::request_type& request) {
          request.set(http::field::user_agent, "eo-ocpp-chargepoint");
          request.set(http::field::sec_websocket_protocol, k_subprotocol);
          if (auth) request.set(http::field::authorization, *auth);
        }));
    // The cap is ours (common/ws_bounded_read.hpp): Beast's own would reset the TCP connection.
    ws_.read_message_max(0);
    state_ = State::upgrading;
    ws_.async_handshake(response_, host_header_value(config_.url), config_.url.target,
                        [self = this->shared_from_this()](const beast::error_code& ws_ec) {
                          self->on_upgrade(ws_ec);
                        });
  }

  void on_upgrade(const beast::error_code& ec) {
    if (state_ != State::upgrading) return;
    if (ec == websocket::error::upgrade_declined) {
      return finish("server declined the WebSocket upgrade: HTTP " +
                    std::to_string(response_.result_int()) + " " + std::string(response_.reason()));
    }
    if (ec) return finish("WebSocket handshake failed: " + ec.message());
    state_ = State::upgraded;
    // OCPP-J 1.6 §3.1.2: a server that does not confirm the subprotocol does not speak our
    // protocol.
    const auto protocol = response_[http::field::sec_websocket_protocol];
    if (protocol != k_subprotocol) {
      const std::string reason =
          "server did not accept subprotocol ocpp1.6 (answered '" + std::string(protocol) + "')";
      spdlog::error("ws: {}: refusing the connection", reason);
      return close_politely(websocket::close_code::protocol_error, "subprotocol ocpp1.6 required",
                            reason);
    }
    deadline_->cancel();
    state_ = State::open;
    reported_open_ = true;
    ws_.text(true);
    // Runs inside our read: pongs (and server pings) prove the peer is alive. Beast answers pings
    // itself.
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind != websocket::frame_type::close) pong_timer_->cancel();
    });
    read_next();
    arm_ping();
    if (events_ != nullptr) events_->on_session_open();
  }

  void read_next() {
    common::ws::async_read_bounded(
        ws_, read_buffer_, config_.max_message_bytes,
        [self = this->shared_from_this()](const beast::error_code& ec,
                                          common::ws::ReadOutcome outcome) {
          self->on_read(ec, outcome);
        });
  }

  void on_read(const beast::error_code& ec, common::ws::ReadOutcome outcome) {
    // While closing, Beast's close operation finishes the handshake; only a failed read ends it
    // early.
    if (state_ == State::closing) {
      if (ec) finish(closing_reason_);
      return;
    }
    if (state_ != State::open) return;
    if (ec) return finish(read_error_text(ec));
    pong_timer_->cancel();
    if (outcome == common::ws::ReadOutcome::too_big) {
      read_buffer_.clear();
      // RFC 6455 §7.4.1: 1009 = a message too big to process.
      return close_politely(websocket::close_code::too_big, "message too big",
                            "incoming message larger than " +
                                std::to_string(config_.max_message_bytes) +
                                " bytes (closed with 1009)");
    }
    if (!ws_.got_text()) {
      // OCPP-J carries JSON text only; RFC 6455 §7.4.1: 1003 = data of a type we cannot accept.
      spdlog::warn("ws: received a binary message of {} bytes", read_buffer_.size());
      return close_politely(websocket::close_code::unknown_data, "text frames only",
                            "server sent a binary message");
    }
    const auto data = read_buffer_.data();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    spdlog::trace("ws rx: {:.300}", text);
    if (events_ != nullptr) events_->on_session_text(text);
    read_buffer_.consume(read_buffer_.size());
    // The callback may have started a close; then Beast's close operation does the reading.
    if (state_ == State::open) read_next();
  }

  std::string read_error_text(const beast::error_code& ec) const {
    if (ec == websocket::error::closed) {
      const auto& reason = ws_.reason();
      return "server closed the connection (" + std::to_string(reason.code) +
             (reason.reason.empty()
                  ? ""
                  : " " + std::string(reason.reason.data(), reason.reason.size())) +
             ")";
    }
    return "read failed: " + ec.message();
  }

  // Exactly one async_write in flight: a second one before the first completes corrupts the stream.
  void write_next() {
    write_in_flight_ = true;
    ws_.async_write(asio::buffer(write_queue_.front()),
                    [self = this->shared_from_this()](const beast::error_code& ec, std::size_t) {
                      self->on_write(ec);
                    });
  }

  void on_write(const beast::error_code& ec) {
    write_in_flight_ = false;
    if (state_ != State::open) return;
    if (ec) return finish("write failed: " + ec.message());
    write_queue_.pop_front();
    if (!write_queue_.empty()) write_next();
  }

  void arm_ping() {
    if (state_ != State::open || ping_interval_.count() <= 0) return ping_timer_->cancel();
    ping_timer_->start(ping_interval_, [this] {
      auto self = this->shared_from_this();
      send_ping();
    });
  }

  void send_ping() {
    if (state_ != State::open) return;
    // Beast allows one ping beside the one write; a ping still stuck behind a blocked write is not
    // doubled.
    if (!ping_in_flight_) {
      ping_in_flight_ = true;
      ws_.async_ping({}, [self = this->shared_from_this()](const beast::error_code& ec) {
        self->ping_in_flight_ = false;
        if (ec && ec != asio::error::operation_aborted && self->state_ == State::open) {
          self->finish("ping failed: " + ec.message());
        }
      });
    }
    if (config_.pong_timeout.count() > 0 && !pong_timer_->armed()) {
      pong_timer_->start(config_.pong_timeout, [this] {
        auto self = this->shared_from_this();
        finish("no pong within " + std::to_string(config_.pong_timeout.count()) +
               " ms: connection is half-open");
      });
    }
    arm_ping();
  }

  // A close handshake is only possible once upgraded and with no handshake in flight; before that,
  // abort.
  void close_politely(websocket::close_code code, const char* close_text,
                      const std::string& reason) {
    if (state_ != State::open && state_ != State::upgraded) {
      if (state_ != State::closing) finish(reason);
      return;
    }
    state_ = State::closing;
    closing_reason_ = reason;
    ping_timer_->cancel();
    pong_timer_->cancel();
    deadline_->start(config_.close_timeout, [this] {
      auto self = this->shared_from_this();
      finish(closing_reason_ + " (close handshake timed out)");
    });
    ws_.async_close(websocket::close_reason(code, close_text),
                    [self = this->shared_from_this()](const beast::error_code&) {
                      self->finish(self->closing_reason_);
                    });
  }

  // The one way out: cancels everything, closes the socket, reports once.
  void finish(const std::string& reason) {
    if (state_ == State::closed) return;
    const bool was_open = reported_open_;
    state_ = State::closed;
    deadline_->cancel();
    ping_timer_->cancel();
    pong_timer_->cancel();
    resolver_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
    if (auto* events = std::exchange(events_, nullptr)) events->on_session_closed(reason, was_open);
  }

  SessionConfig config_;
  SessionEvents* events_;
  Transport transport_;  // before ws_: the TLS context must outlive the stream
  asio::ip::tcp::resolver resolver_;
  WsStream ws_;
  std::unique_ptr<common::Timer> deadline_;  // connect, then close handshake
  std::unique_ptr<common::Timer> ping_timer_;
  std::unique_ptr<common::Timer> pong_timer_;
  std::chrono::milliseconds ping_interval_;
  websocket::response_type response_;
  beast::flat_buffer read_buffer_;
  std::deque<std::string> write_queue_;
  std::string closing_reason_;
  State state_ = State::idle;
  bool write_in_flight_ = false;
  bool ping_in_flight_ = false;
  bool reported_open_ = false;  // on_session_open() was (about to be) called
};

}  // namespace chargepoint::net::detail
