// The WebSocket session over TLS (wss://, OCPP security profile 2): the one translation unit that
// instantiates Beast's websocket::stream<ssl_stream<tcp_stream>>. websocket/ssl.hpp supplies the
// teardown that sends close_notify after the WebSocket close handshake.
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "ws_session_impl.hpp"

namespace csms::net::detail {

template void start_ws_session<boost::beast::ssl_stream<boost::beast::tcp_stream>>(
    const std::shared_ptr<ListenerCore>&, boost::beast::ssl_stream<boost::beast::tcp_stream>,
    UpgradeRequest, std::string, std::string);

}  // namespace csms::net::detail
