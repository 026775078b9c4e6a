// The wss test server: the one test TU that instantiates a TLS WebSocket stream.
#include <openssl/ssl.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "test_ws_server_impl.hpp"

namespace chargepoint::net::testing {

namespace {

namespace ssl = asio::ssl;

struct TlsServerTransport {
  using NextLayer = ssl::stream<tcp::socket>;

  explicit TlsServerTransport(const ServerTls& tls) : context(ssl::context::tls_server) {
    context.use_certificate_chain(asio::buffer(tls.certificate_pem));
    context.use_private_key(asio::buffer(tls.private_key_pem), ssl::context::pem);
  }

  std::tuple<tcp::socket&&, ssl::context&> stream_args(tcp::socket&& socket) {
    return std::forward_as_tuple(std::move(socket), context);
  }

  template <class WsStream>
  static std::string server_name(WsStream& ws) {
    const char* name =
        SSL_get_servername(ws.next_layer().native_handle(), TLSEXT_NAMETYPE_host_name);
    return name != nullptr ? name : "";
  }

  template <class WsStream, class Handler>
  static void async_handshake(WsStream& ws, Handler&& handler) {
    ws.next_layer().async_handshake(ssl::stream_base::server, std::forward<Handler>(handler));
  }

  ssl::context context;
};

}  // namespace

std::shared_ptr<ServerImplBase> make_tls_server(asio::io_context& context,
                                                ServerBehaviour behaviour, std::uint16_t port,
                                                const ServerTls& tls) {
  auto server = std::make_shared<Server<TlsServerTransport>>(context, behaviour, port, tls);
  server->start();
  return server;
}

}  // namespace chargepoint::net::testing
