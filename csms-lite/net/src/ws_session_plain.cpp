// The WebSocket session over plain TCP: the one translation unit that instantiates Beast's
// websocket::stream<tcp_stream>.
#include <boost/beast/core/tcp_stream.hpp>

#include "ws_session_impl.hpp"

namespace csms::net::detail {

template void start_ws_session<boost::beast::tcp_stream>(const std::shared_ptr<ListenerCore>&,
                                                         boost::beast::tcp_stream, UpgradeRequest,
                                                         std::string, std::string);

}  // namespace csms::net::detail
