// The plain ws test server, and TestWsServer's dispatch to the plain or TLS one.
#include "common/event_loop.hpp"
#include "test_ws_server_impl.hpp"

namespace chargepoint::net::testing {

namespace {

struct PlainServerTransport {
  using NextLayer = tcp::socket;

  static std::tuple<tcp::socket&&> stream_args(tcp::socket&& socket) {
    return std::forward_as_tuple(std::move(socket));
  }

  template <class WsStream>
  static std::string server_name(WsStream&) {
    return "";
  }

  template <class WsStream, class Handler>
  static void async_handshake(WsStream&, Handler&& handler) {
    handler(beast::error_code{});
  }
};

}  // namespace

std::shared_ptr<ServerImplBase> make_plain_server(asio::io_context& context,
                                                  ServerBehaviour behaviour, std::uint16_t port) {
  auto server = std::make_shared<Server<PlainServerTransport>>(context, behaviour, port);
  server->start();
  return server;
}

TestWsServer::TestWsServer(common::EventLoop& loop, ServerBehaviour behaviour, std::uint16_t port,
                           std::optional<ServerTls> tls)
    : impl_(tls ? make_tls_server(loop.context(), behaviour, port, *tls)
                : make_plain_server(loop.context(), behaviour, port)) {}

TestWsServer::~TestWsServer() {
  impl_->shutdown();
}

std::uint16_t TestWsServer::port() const {
  return impl_->port();
}
const ServerRecord& TestWsServer::record() const {
  return impl_->shared().record;
}
ServerBehaviour& TestWsServer::behaviour() {
  return impl_->shared().behaviour;
}
std::size_t TestWsServer::open_connections() const {
  return impl_->open_connections();
}
void TestWsServer::send_text_to_all(const std::string& text) {
  impl_->send_to_all(text, false);
}
void TestWsServer::send_binary_to_all(const std::string& data) {
  impl_->send_to_all(data, true);
}
void TestWsServer::close_all(std::uint16_t code) {
  impl_->close_all(code);
}
void TestWsServer::shutdown() {
  impl_->shutdown();
}

}  // namespace chargepoint::net::testing
