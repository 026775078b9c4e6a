#pragma once
// One ocpp::Session per connected charge point, fed by the listener, on the one event loop. The
// sessions are where CentralSystem's commands go (CommandTargets).
#include <memory>
#include <random>
#include <unordered_map>

#include "common/event_loop.hpp"
#include "csms/net/ocpp_connection.hpp"
#include "features/central_system.hpp"
#include "registry/frame_log.hpp"

namespace csms {

class Connections final : public net::OcppConnectionHandler, public CommandTargets {
 public:
  Connections(common::TimerFactory& timers, std::function<void(std::function<void()>)> post,
              CentralSystem& central, std::chrono::milliseconds call_timeout);
  Connections(common::EventLoop& loop, CentralSystem& central,
              std::chrono::milliseconds call_timeout);
  ~Connections() override;

  void on_open(std::shared_ptr<net::OcppConnection> connection) override;
  void on_text(net::OcppConnection& connection, std::string_view text) override;
  void on_close(net::OcppConnection& connection, std::string_view reason) override;
  ocpp::Session* session_for(std::string_view charge_point_id) override;

  std::size_t count() const { return live_.size(); }

  // How long after connecting a charge point that has not booted gets its configuration read.
  static constexpr std::chrono::seconds k_settle_time{5};

 private:
  class Live;
  void read_configuration(Live& live);

  common::TimerFactory& timers_;
  std::function<void(std::function<void()>)> post_;
  CentralSystem& central_;
  std::chrono::milliseconds call_timeout_;
  std::unordered_map<const net::OcppConnection*, std::unique_ptr<Live>> live_;
  // The message log's memory per charge point, shared out among those connected (frame_log.hpp).
  std::size_t frame_log_budget_bytes_ = FrameLog::k_max_budget_bytes;
  std::mt19937 message_id_seed_{std::random_device{}()};
};

}  // namespace csms
