#include "app/central_system_link.hpp"

#include <random>

#include <spdlog/spdlog.h>

namespace chargepoint {

CentralSystemLink::CentralSystemLink(common::EventLoop& loop, net::WsClientOptions options,
                                     const ocpp::Router& router,
                                     std::chrono::milliseconds call_timeout)
    : loop_(loop),
      router_(router),
      call_timeout_(call_timeout),
      name_(options.charge_point_id),
      client_(loop, std::move(options), *this),
      call_timer_(loop.make_timer()) {}

CentralSystemLink::~CentralSystemLink() {
  client_.stop();
  if (session_) session_->close();
}

void CentralSystemLink::on_connected() {
  ocpp::SessionOptions options;
  options.name = name_;
  options.ignore_incoming = [this](std::string_view action) {
    return ignore_incoming && ignore_incoming(action);
  };
  options.endpoint.call_timeout = call_timeout_;
  // A random start keeps message ids unique across reconnects, so a late answer from an old
  // connection can never match a new call.
  std::random_device random;
  options.endpoint.first_message_id = (std::uint64_t{random()} << 20U);
  session_ = std::make_unique<ocpp::Session>(router_, *this, options);
  if (on_connected_session) on_connected_session(*session_);
}

void CentralSystemLink::on_text(std::string_view text) {
  if (session_) session_->receive(text);
}

void CentralSystemLink::on_disconnected(std::string_view reason) {
  spdlog::info("central system link lost: {}", reason);
  call_timer_->cancel();
  if (!session_) return;
  // Features first learn that the session is gone, then its pending calls resolve as
  // ConnectionClosed.
  if (on_disconnected_session) on_disconnected_session();
  session_->close();
  // Destroy it on a later turn of the loop: we may be inside one of its callbacks.
  loop_.post([old = std::shared_ptr<ocpp::Session>(std::move(session_))] {});
}

void CentralSystemLink::send_text(std::string text) {
  if (!client_.send_text(std::move(text))) spdlog::debug("{}: not connected, frame dropped", name_);
}

void CentralSystemLink::start_timer(std::uint64_t token, std::chrono::milliseconds after) {
  timer_token_ = token;
  call_timer_->start(after, [this, token] {
    if (session_) session_->timer_fired(token);
  });
}

void CentralSystemLink::cancel_timer(std::uint64_t token) {
  if (token == timer_token_) call_timer_->cancel();
}

}  // namespace chargepoint
