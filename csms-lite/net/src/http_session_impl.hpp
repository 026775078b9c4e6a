#pragma once
// One HTTP/1.1 connection, written once for any stream type (http_session_plain.cpp instantiates it
// for TCP). It serves keep-alive requests one at a time through the HttpHandler, and hands the
// stream to a WebSocket session when an upgrade is admitted.
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "csms/net/detail/upgrade_rules.hpp"
#include "csms/net/detail/uri.hpp"
#include "listener_core.hpp"
#include "ws_session.hpp"

namespace csms::net::detail::http_impl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

// Beast's default is 8 KiB; a browser with a few cookies can come close to it.
inline constexpr std::uint32_t max_header_bytes = 16 * 1024;
// After our last response, how long unread request bytes are drained before the socket closes.
inline constexpr std::chrono::seconds linger_time{2};

// Stream-specific end of a connection. A TLS overload (close_notify) goes next to this one.
inline void shutdown_send(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

// 0: the peer just went away (or timed out), nothing to answer.
int status_for_read_error(beast::error_code ec);

HttpRequest to_request(http::request<http::string_body>& message,
                       const std::string& remote_address);

http::response<http::string_body> to_response(HttpResponse reply, unsigned version, bool keep_alive,
                                              bool head_only);

UpgradeRequestView upgrade_view(const http::request<http::string_body>& message);

template <class Stream>
class HttpSession final : public Session, public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(const std::shared_ptr<ListenerCore>& core, Stream stream, std::string remote_address)
      : core_(core),
        remote_(std::move(remote_address)),
        timeout_(core->options().http_timeout),
        max_body_bytes_(core->options().max_http_body_bytes),
        stream_(std::move(stream)) {}

  ~HttpSession() override {
    if (auto core = core_.lock()) core->remove(this);
  }

  void run() { do_read(); }

  void shut_down() override {
    done_ = true;
    beast::get_lowest_layer(stream_).close();
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->header_limit(max_header_bytes);
    parser_->body_limit(max_body_bytes_);
    // Also bounds how long an idle keep-alive connection is kept.
    beast::get_lowest_layer(stream_).expires_after(timeout_);
    // Header first: an upgrade or an oversized body is decided before any body is read.
    http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&HttpSession::on_header, this->shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    const auto core = core_.lock();
    if (!core || done_) return;
    if (ec) return fail(ec);
    auto& message = parser_->get();
    if (beast::websocket::is_upgrade(message)) return upgrade(core);
    if (parser_->is_done()) return respond(*core);
    if (iequals(message[http::field::expect], "100-continue")) {
      // curl and others wait (a second, by default) for this before sending a body.
      static constexpr std::string_view interim = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(interim.data(), interim.size()),
                        [self = this->shared_from_this()](beast::error_code write_ec, std::size_t) {
                          if (write_ec) return self->close_now();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    beast::get_lowest_layer(stream_).expires_after(timeout_);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_body, this->shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    const auto core = core_.lock();
    if (!core || done_) return;
    if (ec) return fail(ec);
    respond(*core);
  }

  void respond(ListenerCore& core) {
    auto& message = parser_->get();
    const bool keep_alive = message.keep_alive();
    const bool head_only = message.method() == http::verb::head;
    auto request = to_request(message, remote_);
    HttpResponse reply;
    try {
      reply = core.http().handle(request);
    } catch (const std::exception& e) {
      spdlog::error("csms-lite: HTTP handler threw on {} {}: {}", request.method, request.target,
                    e.what());
      reply = HttpResponse{};
      reply.status = 500;
      reply.body = "Internal server error\n";
    }
    spdlog::debug("csms-lite: {} {} {} -> {}", remote_, request.method, request.target,
                  reply.status);
    send(std::move(reply), keep_alive, head_only);
  }

  void upgrade(const std::shared_ptr<ListenerCore>& core) {
    auto& message = parser_->get();
    auto decision =
        decide_upgrade(upgrade_view(message), core->options().ocpp_path_prefix, core->gate());
    if (decision.accepted() && !parser_->is_done()) {
      decision.status = 400;  // RFC 6455 §4.1: the opening handshake is a GET without a body
      decision.body = "WebSocket upgrade refused: the request must not have a body\n";
    }
    if (!decision.accepted()) {
      spdlog::info("csms-lite: refused WebSocket upgrade from {} to {}: {} {}", remote_,
                   std::string_view(message.target()), decision.status, trim(decision.body));
      HttpResponse reply;
      reply.status = decision.status;
      reply.body = std::move(decision.body);
      if (decision.ask_for_credentials) {
        reply.headers.emplace_back("WWW-Authenticate", "Basic realm=\"csms-lite\"");
      }
      // Close afterwards: a charge point retries with a fresh connection anyway.
      return send(std::move(reply), false, false);
    }
    done_ = true;  // the stream moves on; this session ends when this handler returns
    start_ws_session(core, std::move(stream_), parser_->release(),
                     std::move(decision.charge_point_id), remote_);
  }

  void fail(beast::error_code ec) {
    const int status = status_for_read_error(ec);
    if (status == 0) {
      spdlog::debug("csms-lite: HTTP connection {} ended: {}", remote_, ec.message());
      return close_now();
    }
    spdlog::info("csms-lite: bad HTTP request from {}: {} -> {}", remote_, ec.message(), status);
    HttpResponse reply;
    reply.status = status;
    reply.body = status == 413   ? "Request body too large\n"
                 : status == 431 ? "Request header too large\n"
                                 : "Bad request: " + ec.message() + "\n";
    send(std::move(reply), false, false);
  }

  void send(HttpResponse reply, bool keep_alive, bool head_only) {
    const unsigned version = parser_ && parser_->get().version() == 10 ? 10 : 11;
    response_.emplace(to_response(std::move(reply), version, keep_alive, head_only));
    close_after_write_ = response_->need_eof();
    beast::get_lowest_layer(stream_).expires_after(timeout_);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&HttpSession::on_write, this->shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (done_) return;
    if (ec) return close_now();
    response_.reset();
    if (close_after_write_) return linger_close();
    do_read();
  }

  // Closing a socket with unread request bytes sends RST, which can destroy our last response
  // before the peer reads it. So: FIN first, then read and discard until the peer closes too.
  void linger_close() {
    shutdown_send(stream_);
    beast::get_lowest_layer(stream_).expires_after(linger_time);
    drain();
  }

  void drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || self->done_) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    done_ = true;
    beast::get_lowest_layer(stream_).close();
  }

  std::weak_ptr<ListenerCore> core_;
  const std::string remote_;
  const std::chrono::seconds timeout_;
  const std::size_t max_body_bytes_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;  // alive until its write completes
  bool close_after_write_ = false;
  bool done_ = false;
};

}  // namespace csms::net::detail::http_impl
