#pragma once
// What the TLS translation units see of a TlsServerContext: Asio's SSL context.
#include <boost/asio/ssl/context.hpp>

#include "csms/net/tls.hpp"

namespace csms::net {

struct TlsServerContext::Impl {
  boost::asio::ssl::context context{boost::asio::ssl::context::tls_server};
};

}  // namespace csms::net
