// HTTP over TLS: the one translation unit that instantiates Beast's HTTP parser and serializer on
// ssl_stream<tcp_stream>. The message conversions are shared with http_session_plain.cpp.
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http_session.hpp"
#include "http_session_impl.hpp"
#include "tls_context.hpp"

namespace csms::net::detail {

namespace http_impl {

std::string describe_tls_handshake_error(beast::error_code ec) {
  if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
      ec == asio::error::connection_reset) {
    return {};
  }
  const auto text = ec.message();
  // OpenSSL's reason for a plain-text request on a TLS port; the usual mistake behind it.
  if (text.find("http request") != std::string::npos) {
    return text + " (a plain http:// or ws:// client on the TLS port)";
  }
  if (text.find("unknown ca") != std::string::npos ||
      text.find("bad certificate") != std::string::npos ||
      text.find("certificate unknown") != std::string::npos) {
    return text +
           " (the client does not trust this server's certificate: give it the CA "
           "certificate, and check that it connects to a name or address in the "
           "certificate's subjectAltName)";
  }
  if (text.find("unsupported protocol") != std::string::npos ||
      text.find("version too low") != std::string::npos) {
    return text + " (the client offers only TLS older than 1.2)";
  }
  if (ec == asio::error::operation_aborted || ec == beast::error::timeout) {
    return "no TLS handshake within the HTTP timeout";
  }
  return text;
}

}  // namespace http_impl

void start_tls_http_session(const std::shared_ptr<ListenerCore>& core,
                            boost::asio::ip::tcp::socket socket, std::string remote_address) {
  using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
  auto& context = core->options().tls->impl().context;
  auto session = std::make_shared<http_impl::HttpSession<Stream>>(
      core, Stream(boost::beast::tcp_stream(std::move(socket)), context),
      std::move(remote_address));
  core->add(session);
  session->run();
}

}  // namespace csms::net::detail
