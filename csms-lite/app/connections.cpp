#include "app/connections.hpp"

#include <random>

#include <spdlog/spdlog.h>

#include "ocpp/messages/core_configuration.hpp"
#include "ocpp/session.hpp"

namespace csms {

// A connection's session, router and call timer. The router is per connection because its handlers
// write to this charge point's record.
class Connections::Live final : public ocpp::SessionIo {
 public:
  Live(common::TimerFactory& timers, const common::Clock& clock,
       std::shared_ptr<net::OcppConnection> connection, ChargePointRecord& record,
       ocpp::SessionOptions options, const std::size_t& frame_log_budget_bytes)
      : clock_(clock),
        frame_log_budget_bytes_(frame_log_budget_bytes),
        connection_(std::move(connection)),
        record_(record),
        timer_(timers.make_timer()),
        settle_timer_(timers.make_timer()),
        session_(router_, *this, std::move(options)) {}

  void send_text(std::string text) override {
    record_.frames.record(FrameDirection::Out, clock_.now(), text, frame_log_budget_bytes_);
    connection_->send_text(std::move(text));
  }
  void start_timer(std::uint64_t token, std::chrono::milliseconds after) override {
    token_ = token;
    timer_->start(after, [this, token] { session_.timer_fired(token); });
  }
  void cancel_timer(std::uint64_t token) override {
    if (token == token_) timer_->cancel();
  }

  // Reads the configuration once per connection: after the boot, or after a quiet start (a charge
  // point that reconnects without booting again, for example after csms-lite restarted).
  bool take_configuration_turn() {
    if (configuration_read_) return false;
    configuration_read_ = true;
    return true;
  }
  common::Timer& settle_timer() { return *settle_timer_; }

  ocpp::Router& router() { return router_; }
  ocpp::Session& session() { return session_; }
  ChargePointRecord& record() { return record_; }
  const std::string& id() const { return connection_->charge_point_id(); }
  std::size_t frame_log_budget_bytes() const { return frame_log_budget_bytes_; }

 private:
  const common::Clock& clock_;
  const std::size_t& frame_log_budget_bytes_;  // Connections' current share per charge point
  std::shared_ptr<net::OcppConnection> connection_;
  ChargePointRecord& record_;
  std::unique_ptr<common::Timer> timer_;
  std::uint64_t token_ = 0;
  std::unique_ptr<common::Timer> settle_timer_;
  bool configuration_read_ = false;
  ocpp::Router router_;
  ocpp::Session session_;
};

Connections::Connections(common::TimerFactory& timers,
                         std::function<void(std::function<void()>)> post, CentralSystem& central,
                         std::chrono::milliseconds call_timeout)
    : timers_(timers), post_(std::move(post)), central_(central), call_timeout_(call_timeout) {
  central_.attach(*this);
}

Connections::Connections(common::EventLoop& loop, CentralSystem& central,
                         std::chrono::milliseconds call_timeout)
    : Connections(
          loop, [&loop](std::function<void()> fn) { loop.post(std::move(fn)); }, central,
          call_timeout) {}

Connections::~Connections() {
  for (auto& [connection, live] : live_) live->session().close();
}

ocpp::Session* Connections::session_for(std::string_view charge_point_id) {
  for (auto& [connection, live] : live_) {
    if (live->id() == charge_point_id) return &live->session();
  }
  return nullptr;
}

void Connections::on_open(std::shared_ptr<net::OcppConnection> connection) {
  auto* record = central_.registry().find(connection->charge_point_id());
  if (record == nullptr) {  // the gate admitted it, so this cannot happen; never crash on it anyway
    connection->close("unknown charge point");
    return;
  }
  central_.connected(*record, connection->remote_address());

  ocpp::SessionOptions options;
  options.name = record->id;
  options.endpoint.call_timeout = call_timeout_;
  // Message ids start at a random point so that a reconnection never reuses the ids of calls still
  // in flight on the old connection; one generator, seeded once (a random_device per connection
  // was 3 % of the CPU of 5,000 charge points reconnecting).
  options.endpoint.first_message_id = std::uint64_t{message_id_seed_()} << 20U;
  const auto* key = connection.get();
  frame_log_budget_bytes_ = frame_log_budget_bytes(live_.size() + 1);
  auto live = std::make_unique<Live>(timers_, central_.clock(), std::move(connection), *record,
                                     std::move(options), frame_log_budget_bytes_);
  // Once the BootNotification answer is on the wire, read the charge point's configuration.
  register_charge_point_messages(live->router(),
                                 central_.context_for(*record, [this, key, raw = live.get()] {
                                   // By the time this runs the connection may be gone: only compare
                                   // pointers until the map says `raw` is still live.
                                   post_([this, key, raw] {
                                     const auto it = live_.find(key);
                                     if (it != live_.end() && it->second.get() == raw)
                                       read_configuration(*raw);
                                   });
                                 }));
  auto& added = *live_.emplace(key, std::move(live)).first->second;
  // A charge point that does not boot soon after connecting was accepted before: read it anyway.
  added.settle_timer().start(k_settle_time, [this, &added] { read_configuration(added); });
}

void Connections::read_configuration(Live& live) {
  if (!live.take_configuration_turn()) return;
  live.settle_timer().cancel();
  if (live.record().registration == Registration::Rejected)
    return;  // OCPP 1.6 §4.2: nothing to a rejected one
  live.session().call(ocpp::messages::GetConfigurationRequest{}, [this, &record = live.record()](
                                                                     const auto& answer) {
    if (!answer.ok()) return;
    auto keys = nlohmann::json::object();
    for (const auto& entry :
         answer.value().configurationKey.value_or(std::vector<ocpp::messages::KeyValue>{})) {
      keys[entry.key] = {{"value", entry.value.value_or("")}, {"readonly", entry.readonly}};
    }
    spdlog::info("{}: read {} configuration keys", record.id, keys.size());
    central_.configuration_read(record, std::move(keys),
                                answer.value().unknownKey.value_or(std::vector<std::string>{}));
  });
}

void Connections::on_text(net::OcppConnection& connection, std::string_view text) {
  const auto it = live_.find(&connection);
  if (it == live_.end()) return;
  auto& record = it->second->record();
  ++record.messages_in;
  const auto now = central_.clock().now();
  record.last_seen = date_time(now);
  record.frames.record(FrameDirection::In, now, text, it->second->frame_log_budget_bytes());
  it->second->session().receive(text);
}

void Connections::on_close(net::OcppConnection& connection, std::string_view reason) {
  const auto it = live_.find(&connection);
  if (it == live_.end()) return;
  spdlog::info("{}: disconnected ({})", connection.charge_point_id(), reason);
  auto live = std::move(it->second);
  live_.erase(it);
  frame_log_budget_bytes_ = frame_log_budget_bytes(live_.size());
  central_.disconnected(live->record(), reason);
  live->session().close();
  // Destroy later: we may be inside one of the session's callbacks.
  auto gone = std::shared_ptr<Live>(std::move(live));
  post_([gone] {});
}

}  // namespace csms
