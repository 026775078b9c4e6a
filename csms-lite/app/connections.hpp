#pragma once
// One ocpp::Session per connected charge point, fed by the listener, on the one event loop.
#include <memory>
#include <unordered_map>

#include "common/event_loop.hpp"
#include "csms/net/ocpp_connection.hpp"
#include "features/charge_point_messages.hpp"
#include "registry/charge_point_registry.hpp"

namespace csms {

class Connections final : public net::OcppConnectionHandler {
 public:
  Connections(common::EventLoop& loop, ChargePointRegistry& registry, CentralSystemSettings settings,
              std::chrono::milliseconds call_timeout);
  ~Connections() override;

  void on_open(std::shared_ptr<net::OcppConnection> connection) override;
  void on_text(net::OcppConnection& connection, std::string_view text) override;
  void on_close(net::OcppConnection& connection, std::string_view reason) override;

  std::size_t count() const { return live_.size(); }

  // How long after connecting a charge point that has not booted gets its configuration read.
  static constexpr std::chrono::seconds k_settle_time{5};

 private:
  class Live;
  void read_configuration(Live& live);

  common::EventLoop& loop_;
  ChargePointRegistry& registry_;
  CentralSystemSettings settings_;
  std::chrono::milliseconds call_timeout_;
  TransactionIds transactions_;
  std::unordered_map<const net::OcppConnection*, std::unique_ptr<Live>> live_;
};

}  // namespace csms
