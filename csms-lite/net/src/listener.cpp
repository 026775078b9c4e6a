#include "csms/net/listener.hpp"

#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/event_loop.hpp"
#include "http_session.hpp"
#include "listener_core.hpp"

namespace csms::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::string format_endpoint(const asio::ip::address& address, std::uint16_t port) {
  return address.is_v6() ? "[" + address.to_string() + "]:" + std::to_string(port)
                         : address.to_string() + ":" + std::to_string(port);
}

// Accept errors such as EMFILE persist until a connection closes; retrying at once would spin.
constexpr std::chrono::milliseconds accept_retry_delay{100};

}  // namespace

struct Listener::Impl : std::enable_shared_from_this<Impl> {
  Impl(common::EventLoop& loop, ListenerOptions options, OcppConnectionHandler& ocpp,
       ChargePointGate& gate, HttpHandler& http)
      : core(std::make_shared<detail::ListenerCore>(std::move(options), ocpp, gate, http)),
        acceptor(loop.context()),
        retry_timer(loop.context()) {}

  void start();
  void stop();
  void do_accept();
  void on_accept(const boost::system::error_code& ec, tcp::socket socket);

  std::shared_ptr<detail::ListenerCore> core;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::uint16_t bound_port = 0;
};

void Listener::Impl::start() {
  if (acceptor.is_open()) return;
  const auto& options = core->options();
  const auto fail = [&](std::string_view reason) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw std::runtime_error("csms-lite: cannot listen on " + options.address + ":" +
                             std::to_string(options.port) + ": " + std::string(reason));
  };

  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) fail("'" + options.address + "' is not an IP address");
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (ec) fail(ec.message());
  // Lets a restarted server bind while old connections linger in TIME_WAIT.
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (ec) fail(ec.message());
  acceptor.bind(endpoint, ec);
  if (ec) fail(ec.message());
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail(ec.message());
  bound_port = acceptor.local_endpoint(ec).port();

  const auto where = format_endpoint(address, bound_port);
  const bool tls = options.tls != nullptr;
  spdlog::info("csms-lite: listening on {}://{} (charge points: {}://{}{}/<id>)",
               tls ? "https" : "http", where, tls ? "wss" : "ws", where, options.ocpp_path_prefix);
  if (tls) spdlog::info("csms-lite: TLS certificate: {}", options.tls->summary());
  do_accept();
}

void Listener::Impl::stop() {
  boost::system::error_code ignored;
  if (acceptor.is_open()) {
    acceptor.close(ignored);
    spdlog::info("csms-lite: stopped listening; closing {} connection(s)", core->session_count());
  }
  retry_timer.cancel();
  core->shut_down_all();
}

void Listener::Impl::do_accept() {
  acceptor.async_accept(
      [weak = weak_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        if (auto self = weak.lock()) self->on_accept(ec, std::move(socket));
      });
}

void Listener::Impl::on_accept(const boost::system::error_code& ec, tcp::socket socket) {
  if (!acceptor.is_open()) return;  // stopped; a completion may still have been queued
  if (ec) {
    spdlog::warn("csms-lite: accept failed: {}", ec.message());
    retry_timer.expires_after(accept_retry_delay);
    retry_timer.async_wait([weak = weak_from_this()](const boost::system::error_code& wait_ec) {
      auto self = weak.lock();
      if (!wait_ec && self && self->acceptor.is_open()) self->do_accept();
    });
    return;
  }

  boost::system::error_code endpoint_ec;
  const auto peer = socket.remote_endpoint(endpoint_ec);
  auto remote = endpoint_ec ? std::string("unknown") : format_endpoint(peer.address(), peer.port());
  if (!core->has_room()) {
    spdlog::warn("csms-lite: refusing connection from {}: {} connections open", remote,
                 core->session_count());
    socket.close(endpoint_ec);
  } else {
    // OCPP frames are small and latency matters more than packet count.
    socket.set_option(tcp::no_delay(true), endpoint_ec);
    if (core->options().tls) {
      detail::start_tls_http_session(core, std::move(socket), std::move(remote));
    } else {
      detail::start_http_session(core, std::move(socket), std::move(remote));
    }
  }
  do_accept();
}

Listener::Listener(common::EventLoop& loop, ListenerOptions options, OcppConnectionHandler& ocpp,
                   ChargePointGate& gate, HttpHandler& http)
    : impl_(std::make_shared<Impl>(loop, std::move(options), ocpp, gate, http)) {}

Listener::~Listener() {
  impl_->stop();
}

void Listener::start() {
  impl_->start();
}
void Listener::stop() {
  impl_->stop();
}
void Listener::reload_tls(std::shared_ptr<const TlsServerContext> tls) {
  if (!impl_->core->options().tls || !tls) {
    throw std::logic_error("csms-lite: TLS can be reloaded, not switched on or off, while running");
  }
  impl_->core->set_tls(std::move(tls));
  spdlog::info("csms-lite: TLS certificate reloaded: {}", impl_->core->options().tls->summary());
}

std::uint16_t Listener::port() const {
  return impl_->bound_port;
}
std::size_t Listener::connection_count() const {
  return impl_->core->session_count();
}
std::size_t Listener::charge_point_count() const {
  return impl_->core->charge_point_count();
}

}  // namespace csms::net
