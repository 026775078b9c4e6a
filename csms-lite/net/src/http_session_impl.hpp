#pragma once
// One HTTP/1.1 connection, written once for any stream type (http_session_plain.cpp instantiates it
// for TCP, http_session_tls.cpp for ssl_stream<tcp_stream>). It serves keep-alive requests one at a
// time through the HttpHandler (whose answer may come later, through an HttpResponder, or be an
// endless stream), and hands the stream to a WebSocket session when an upgrade is admitted.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream_base.hpp>
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
#include "http_session_queue.hpp"
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

// Every other stream type is ssl_stream<tcp_stream>; `if constexpr` keeps the TLS calls out of the
// plain instantiation (and its translation unit free of OpenSSL's stream code).
template <class Stream>
inline constexpr bool is_tls_stream = !std::is_same_v<Stream, beast::tcp_stream>;

// How a failed TLS handshake reads in the log; empty when the peer just connected and left (port
// checks, health monitors), which is not worth an info line.
std::string describe_tls_handshake_error(beast::error_code ec);

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
// The status line and fields of a streamed response: no Content-Length, "Connection: close" (the
// body ends when the connection does, RFC 9112 §6.3 rule 8).
std::string stream_head(HttpResponse head, unsigned version);
HttpResponse internal_error_response();

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

  void run() {
    if constexpr (is_tls_stream<Stream>) {
      // A client that connects and says nothing holds a socket; the handshake is bounded too.
      beast::get_lowest_layer(stream_).expires_after(timeout_);
      stream_.async_handshake(
          asio::ssl::stream_base::server,
          beast::bind_front_handler(&HttpSession::on_handshake, this->shared_from_this()));
    } else {
      do_read();
    }
  }

  void shut_down() override {
    done_ = true;
    beast::get_lowest_layer(stream_).close();
  }

 private:
  void on_handshake(beast::error_code ec) {
    if (done_) return;
    if (ec) {
      if (const auto why = describe_tls_handshake_error(ec); !why.empty()) {
        spdlog::info("csms-lite: TLS handshake with {} failed: {}", remote_, why);
      } else {
        spdlog::debug("csms-lite: TLS handshake with {} ended: {}", remote_, ec.message());
      }
      return close_now();
    }
    do_read();
  }

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
    version_ = message.version() == 10 ? 10 : 11;
    auto request = to_request(message, remote_);
    request.secure = is_tls_stream<Stream>;
    auto responder = std::make_shared<Responder>(this->shared_from_this(), keep_alive, head_only);
    try {
      core.http().handle_async(request, responder);
    } catch (const std::exception& e) {
      spdlog::error("csms-lite: HTTP handler threw on {} {}: {}", request.method, request.target,
                    e.what());
      responder->respond(internal_error_response());
    }
    spdlog::debug("csms-lite: {} {} {} -> {}", remote_, request.method, request.target,
                  responder->answered() ? "answered" : "deferred");
  }

  // Holds the session (like a pending operation would) until the handler answers.
  class Responder final : public HttpResponder {
   public:
    Responder(std::shared_ptr<HttpSession> session, bool keep_alive, bool head_only)
        : session_(std::move(session)), keep_alive_(keep_alive), head_only_(head_only) {}
    ~Responder() override {
      if (!session_) return;
      spdlog::error("csms-lite: HTTP handler dropped a request without answering; sending 500");
      respond(internal_error_response());
    }
    void respond(HttpResponse response) override {
      const auto session = std::exchange(session_, nullptr);
      if (!session || session->done_) return;
      session->send(std::move(response), keep_alive_, head_only_);
    }
    std::shared_ptr<HttpStream> stream(HttpResponse head, std::size_t max_queued_bytes) override {
      const auto session = std::exchange(session_, nullptr);
      if (!session || session->done_) return nullptr;
      return session->start_stream(std::move(head), max_queued_bytes, head_only_);
    }
    bool answered() const override { return !session_; }

   private:
    std::shared_ptr<HttpSession> session_;
    const bool keep_alive_;
    const bool head_only_;
  };

  // What the handler holds; the session itself lives through its pending read and writes.
  class StreamHandle final : public HttpStream {
   public:
    explicit StreamHandle(std::weak_ptr<HttpSession> session) : session_(std::move(session)) {}
    bool write(std::string bytes) override {
      const auto session = session_.lock();
      return session && session->stream_write(std::move(bytes));
    }
    void close() override {
      if (const auto session = session_.lock()) session->stream_end();
    }
    bool is_open() const override {
      const auto session = session_.lock();
      return session && session->stream_open();
    }

   private:
    std::weak_ptr<HttpSession> session_;
  };

  std::shared_ptr<HttpStream> start_stream(HttpResponse head, std::size_t max_queued_bytes,
                                           bool head_only) {
    auto bytes = stream_head(std::move(head), version_);
    queue_.emplace(std::max(max_queued_bytes, bytes.size()));
    (void)queue_->push(std::move(bytes));
    stream_ending_ = head_only;  // HEAD: the head and nothing else
    // Nothing is read during a stream but the client's FIN: with no timeout on that read, the
    // handler's heartbeats (each write has one) are what finds a dead peer.
    beast::get_lowest_layer(stream_).expires_never();
    watch_for_close();
    write_next();
    return std::make_shared<StreamHandle>(this->weak_from_this());
  }

  bool stream_open() const { return queue_ && !done_ && !stream_ending_; }

  bool stream_write(std::string bytes) {
    if (!stream_open()) return false;
    if (!queue_->push(std::move(bytes))) {
      spdlog::warn("csms-lite: dropping stream to {}: the client fell more than {} bytes behind",
                   remote_, queue_->max_bytes());
      close_now();
      return false;
    }
    if (!writing_) write_next();
    return true;
  }

  void stream_end() {
    if (!stream_open()) return;
    stream_ending_ = true;
    if (!writing_) write_next();
  }

  void write_next() {
    if (done_) return;
    if (queue_->empty()) {
      // No lingering drain here: watch_for_close() already reads (and discards) what comes in, and
      // a second read must not be started next to it.
      if (stream_ending_) {
        // TLS: no close_notify here, as watch_for_close() has a read in flight that a TLS
        // shutdown must not overlap; the stream's own framing (SSE events) has ended anyway.
        if constexpr (!is_tls_stream<Stream>) shutdown_send(stream_);
        close_now();
      }
      return;
    }
    writing_ = true;
    beast::get_lowest_layer(stream_).expires_after(timeout_);
    const auto& chunk = queue_->front();
    asio::async_write(stream_, asio::buffer(chunk.data(), chunk.size()),
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        self->writing_ = false;
                        if (ec || self->done_) return self->close_now();
                        self->queue_->pop();
                        self->write_next();
                      });
  }

  void watch_for_close() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(1024),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || self->done_) return self->close_now();
                              self->watch_for_close();  // a client has nothing to say here
                            });
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
    version_ = parser_ && parser_->get().version() == 10 ? 10 : 11;
    response_.emplace(to_response(std::move(reply), version_, keep_alive, head_only));
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
    if constexpr (is_tls_stream<Stream>) {
      // close_notify (RFC 8446 §6.1) tells the client that the response is complete, not cut off;
      // the shutdown then waits, at most linger_time, for the client's own close_notify or EOF.
      beast::get_lowest_layer(stream_).expires_after(linger_time);
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
    } else {
      shutdown_send(stream_);
      beast::get_lowest_layer(stream_).expires_after(linger_time);
      drain();
    }
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
  unsigned version_ = 11;
  std::optional<BoundedByteQueue> queue_;  // set while streaming
  bool writing_ = false;                   // one async_write in flight at most
  bool stream_ending_ = false;
};

}  // namespace csms::net::detail::http_impl
