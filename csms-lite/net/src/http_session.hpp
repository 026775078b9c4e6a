#pragma once
// Entry point from the acceptor into an HTTP session on a fresh TCP connection.
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>

namespace csms::net::detail {

class ListenerCore;

void start_http_session(const std::shared_ptr<ListenerCore>& core,
                        boost::asio::ip::tcp::socket socket, std::string remote_address);
// The same over TLS (http_session_tls.cpp): the TLS handshake first, within http_timeout.
void start_tls_http_session(const std::shared_ptr<ListenerCore>& core,
                            boost::asio::ip::tcp::socket socket, std::string remote_address);

}  // namespace csms::net::detail
