// wss:// sessions: the one translation unit that instantiates the (costly) TLS WebSocket stream.
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "ws_session_impl.hpp"

namespace chargepoint::net::detail {

namespace {

namespace ssl = asio::ssl;

bool is_ip_literal(const std::string& host) {
  beast::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

// A fresh context per attempt: cheap at reconnect rates, and a replaced CA file
// (InstallCertificate) is picked up by the next attempt without any notification.
struct TlsTransport {
  using NextLayer = ssl::stream<asio::ip::tcp::socket>;

  explicit TlsTransport(const SessionConfig& config) : context_(ssl::context::tls_client) {
    // OCPP 1.6 security whitepaper: TLS 1.2 or higher.
    SSL_CTX_set_min_proto_version(context_.native_handle(), TLS1_2_VERSION);
    beast::error_code ec;
    if (!config.verify_peer) {
      context_.set_verify_mode(ssl::verify_none, ec);
      return;
    }
    context_.set_verify_mode(ssl::verify_peer, ec);
    if (config.ca_file.empty()) {
      context_.set_default_verify_paths(ec);
      if (ec) setup_error_ = "cannot use the system CA paths: " + ec.message();
    } else {
      context_.load_verify_file(config.ca_file, ec);
      if (ec) setup_error_ = "cannot load CA file " + config.ca_file + ": " + ec.message();
    }
  }

  std::tuple<asio::io_context&, ssl::context&> stream_args(asio::io_context& io_context) {
    return {io_context, context_};
  }

  template <class WsStream>
  std::optional<std::string> prepare(WsStream& ws, const SessionConfig& config) {
    if (setup_error_) return setup_error_;
    auto& stream = ws.next_layer();
    const std::string& host = config.url.host;
    // RFC 6066 §3: SNI carries DNS names only, never address literals.
    if (!is_ip_literal(host) &&
        SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()) != 1) {
      return "cannot set the TLS server name " + host;
    }
    // OpenSSL's own name check (subjectAltName DNS or IP, as fits the host) rather than a verify
    // callback: a mismatch then shows up in the verify result, so the log can say why the handshake
    // failed.
    if (config.verify_peer) {
      const bool name_set = is_ip_literal(host)
                                ? X509_VERIFY_PARAM_set1_ip_asc(
                                      SSL_get0_param(stream.native_handle()), host.c_str()) == 1
                                : SSL_set1_host(stream.native_handle(), host.c_str()) == 1;
      if (!name_set) return "cannot set the expected certificate name " + host;
    }
    return std::nullopt;
  }

  // "certificate has expired", "hostname mismatch", ...: what the bare "certificate verify failed"
  // hides.
  template <class WsStream>
  static std::string failure_detail(WsStream& ws) {
    const long result = SSL_get_verify_result(ws.next_layer().native_handle());
    return result == X509_V_OK ? "" : X509_verify_cert_error_string(result);
  }

  template <class WsStream, class Handler>
  static void async_handshake(WsStream& ws, Handler&& handler) {
    ws.next_layer().async_handshake(ssl::stream_base::client, std::forward<Handler>(handler));
  }

  ssl::context context_;
  std::optional<std::string> setup_error_;
};

}  // namespace

std::shared_ptr<Session> make_tls_session(common::EventLoop& loop, SessionConfig config,
                                          SessionEvents& events) {
  return std::make_shared<BeastSession<TlsTransport>>(loop, std::move(config), events);
}

}  // namespace chargepoint::net::detail
