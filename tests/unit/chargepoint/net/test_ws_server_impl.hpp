#pragma once
// The Beast part of the test server, written once for ws and wss; one Transport per .cpp.
#include <deque>
#include <list>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "test_ws_server.hpp"

namespace chargepoint::net::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct ServerShared {
  ServerBehaviour behaviour;
  ServerRecord record;
};

class ServerImplBase {
 public:
  virtual ~ServerImplBase() = default;
  virtual std::uint16_t port() const = 0;
  virtual ServerShared& shared() = 0;
  virtual std::size_t open_connections() const = 0;
  virtual void send_to_all(const std::string& data, bool binary) = 0;
  virtual void close_all(std::uint16_t code) = 0;
  virtual void shutdown() = 0;
};

std::shared_ptr<ServerImplBase> make_plain_server(asio::io_context& context,
                                                  ServerBehaviour behaviour, std::uint16_t port);
std::shared_ptr<ServerImplBase> make_tls_server(asio::io_context& context,
                                                ServerBehaviour behaviour, std::uint16_t port,
                                                const ServerTls& tls);

template <class Transport>
class ServerConnection : public std::enable_shared_from_this<ServerConnection<Transport>> {
 public:
  using WsStream = websocket::stream<typename Transport::NextLayer>;

  ServerConnection(tcp::socket socket, Transport& transport, std::shared_ptr<ServerShared> shared)
      : shared_(std::move(shared)),
        ws_(std::make_from_tuple<WsStream>(transport.stream_args(std::move(socket)))) {}

  void start(Transport& transport) {
    ++shared_->record.tcp_accepts;
    if (!shared_->behaviour.complete_handshake) return;  // hold the socket, answer nothing
    transport.async_handshake(ws_, [self = this->shared_from_this()](const beast::error_code& ec) {
      if (ec) return;
      self->shared_->record.server_names.push_back(Transport::server_name(self->ws_));
      http::async_read(
          self->ws_.next_layer(), self->buffer_, self->request_,
          [self](const beast::error_code& read_ec, std::size_t) { self->on_request(read_ec); });
    });
  }

  bool is_open() const { return open_; }

  void send(std::string data, bool binary) {
    if (!open_) return;
    queue_.emplace_back(std::move(data), binary);
    if (!writing_) write_next();
  }

  void close(std::uint16_t code) {
    if (!open_) return;
    open_ = false;
    ws_.async_close(websocket::close_reason(code),
                    [self = this->shared_from_this()](const beast::error_code&) {});
  }

  void abort() {
    open_ = false;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
  }

 private:
  void on_request(const beast::error_code& ec) {
    if (ec) return;
    auto& record = shared_->record;
    record.targets.emplace_back(request_.target());
    record.authorizations.emplace_back(request_[http::field::authorization]);
    const std::string offered(request_[http::field::sec_websocket_protocol]);
    record.offered_protocols.push_back(offered);
    const bool answer =
        shared_->behaviour.echo_subprotocol && offered.find("ocpp1.6") != std::string::npos;
    ws_.set_option(websocket::stream_base::decorator([answer](websocket::response_type& response) {
      if (answer) response.set(http::field::sec_websocket_protocol, "ocpp1.6");
    }));
    ws_.async_accept(request_,
                     [self = this->shared_from_this()](const beast::error_code& accept_ec) {
                       self->on_accept(accept_ec);
                     });
  }

  void on_accept(const beast::error_code& ec) {
    if (ec) return;
    ++shared_->record.upgrades;
    open_ = true;
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::ping) ++shared_->record.pings;
    });
    if (shared_->behaviour.read_messages) read_next();
  }

  void read_next() {
    ws_.async_read(read_buffer_,
                   [self = this->shared_from_this()](const beast::error_code& ec, std::size_t) {
                     self->on_read(ec);
                   });
  }

  void on_read(const beast::error_code& ec) {
    if (ec) {
      // Not only on error::closed: when the client fails the connection (1009) it closes the socket
      // right after its close frame, so our close reply fails with EPIPE, yet the frame was
      // received.
      if (ws_.reason().code != websocket::close_code::none) {
        shared_->record.close_codes.push_back(ws_.reason().code);
      }
      open_ = false;
      return;
    }
    std::string text = beast::buffers_to_string(read_buffer_.data());
    read_buffer_.consume(read_buffer_.size());
    if (ws_.got_text()) {
      shared_->record.received.push_back(text);
      if (shared_->behaviour.echo_text) send(std::move(text), false);
    }
    read_next();
  }

  void write_next() {
    writing_ = true;
    ws_.binary(queue_.front().second);
    ws_.async_write(asio::buffer(queue_.front().first),
                    [self = this->shared_from_this()](const beast::error_code& ec, std::size_t) {
                      self->writing_ = false;
                      if (ec) return;
                      self->queue_.pop_front();
                      if (!self->queue_.empty() && self->open_) self->write_next();
                    });
  }

  std::shared_ptr<ServerShared> shared_;
  WsStream ws_;
  beast::flat_buffer buffer_;
  beast::flat_buffer read_buffer_;
  http::request<http::string_body> request_;
  std::deque<std::pair<std::string, bool>> queue_;
  bool writing_ = false;
  bool open_ = false;
};

template <class Transport>
class Server final : public ServerImplBase, public std::enable_shared_from_this<Server<Transport>> {
 public:
  template <class... TransportArgs>
  Server(asio::io_context& context, ServerBehaviour behaviour, std::uint16_t port,
         TransportArgs&&... args)
      : transport_(std::forward<TransportArgs>(args)...), acceptor_(context) {
    shared_->behaviour = behaviour;
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    acceptor_.open(endpoint.protocol());
    // The reconnect test brings a server back on the same port while old sockets sit in TIME_WAIT.
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
  }

  void start() { accept_next(); }

  std::uint16_t port() const override { return acceptor_.local_endpoint().port(); }
  ServerShared& shared() override { return *shared_; }

  std::size_t open_connections() const override {
    std::size_t count = 0;
    for (const auto& connection : connections_) count += connection->is_open() ? 1 : 0;
    return count;
  }

  void send_to_all(const std::string& data, bool binary) override {
    for (auto& connection : connections_) connection->send(data, binary);
  }

  void close_all(std::uint16_t code) override {
    for (auto& connection : connections_) connection->close(code);
  }

  void shutdown() override {
    beast::error_code ignored;
    acceptor_.close(ignored);
    for (auto& connection : connections_) connection->abort();
    connections_.clear();
  }

 private:
  void accept_next() {
    acceptor_.async_accept(
        [self = this->shared_from_this()](const beast::error_code& ec, tcp::socket socket) {
          if (ec) return;
          auto connection = std::make_shared<ServerConnection<Transport>>(
              std::move(socket), self->transport_, self->shared_);
          self->connections_.push_back(connection);
          connection->start(self->transport_);
          self->accept_next();
        });
  }

  std::shared_ptr<ServerShared> shared_ = std::make_shared<ServerShared>();
  Transport transport_;
  tcp::acceptor acceptor_;
  std::list<std::shared_ptr<ServerConnection<Transport>>> connections_;
};

}  // namespace chargepoint::net::testing
