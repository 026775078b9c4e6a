#pragma once
// The connection to the central system: the WebSocket client, and an ocpp::Session for each time it
// is connected. Features see only Session& (on connect) and a notice when it is gone.
#include <functional>
#include <memory>

#include "chargepoint/net/ws_client.hpp"
#include "common/event_loop.hpp"
#include "ocpp/router.hpp"
#include "ocpp/session.hpp"

namespace chargepoint {

class CentralSystemLink final : public net::WsClientHandler, public ocpp::SessionIo {
 public:
  CentralSystemLink(common::EventLoop& loop, net::WsClientOptions options,
                    const ocpp::Router& router, std::chrono::milliseconds call_timeout);
  ~CentralSystemLink() override;

  void start() { client_.start(); }
  void stop() { client_.stop(); }
  net::WsClient& client() { return client_; }
  ocpp::Session* session() { return session_.get(); }

  std::function<void(ocpp::Session&)> on_connected_session;
  std::function<void()> on_disconnected_session;
  // Incoming CALLs for which this returns true stay unanswered (see ocpp::SessionOptions).
  std::function<bool(std::string_view action)> ignore_incoming;

 private:
  // net::WsClientHandler
  void on_connected() override;
  void on_text(std::string_view text) override;
  void on_disconnected(std::string_view reason) override;
  // ocpp::SessionIo
  void send_text(std::string text) override;
  void start_timer(std::uint64_t token, std::chrono::milliseconds after) override;
  void cancel_timer(std::uint64_t token) override;

  common::EventLoop& loop_;
  const ocpp::Router& router_;
  std::chrono::milliseconds call_timeout_;
  std::string name_;
  net::WsClient client_;
  std::unique_ptr<common::Timer> call_timer_;  // the endpoint has at most one call timer armed
  std::uint64_t timer_token_ = 0;
  std::unique_ptr<ocpp::Session> session_;
};

}  // namespace chargepoint
