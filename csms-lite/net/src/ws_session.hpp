#pragma once
// Hand-over from an HTTP session to a WebSocket session once an upgrade has been admitted.
// Defined per stream type (plain now, TLS later), each in its own translation unit.
#include <memory>
#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace csms::net::detail {

class ListenerCore;

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Runs the opening handshake on `stream` (answering `request` with 101 and ocpp1.6), then serves
// the charge point until either side closes.
template <class Stream>
void start_ws_session(const std::shared_ptr<ListenerCore>& core, Stream stream,
                      UpgradeRequest request, std::string charge_point_id,
                      std::string remote_address);

}  // namespace csms::net::detail
