#include "features/core/metering.hpp"

#include <charconv>

#include <spdlog/spdlog.h>

#include "domain/clock_aligned.hpp"
#include "domain/configuration_keys.hpp"
#include "domain/meter_measurands.hpp"

namespace chargepoint::core {

using ocpp::messages::ReadingContext;

namespace {

std::chrono::milliseconds until(common::WallTime from, common::WallTime to) {
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(to - from));
}

}  // namespace

Metering::Metering(ConfigurationStore& config, common::TimerFactory& timers,
                   const common::Clock& clock, KeyValueStore& values, TransactionOutbox& outbox,
                   int supply_phases)
    : config_(config),
      clock_(clock),
      values_(values),
      outbox_(outbox),
      supply_phases_(supply_phases),
      register_(EnergyRegister::Policy{100.0, k_persist_interval, 50'000.0}),
      periodic_timer_(timers.make_timer()),
      aligned_timer_(timers.make_timer()) {
  config_.on_change([this](std::string_view key, const std::string&) {
    if (key == "MeterValueSampleInterval") schedule_periodic();
    if (key == "ClockAlignedDataInterval") schedule_aligned();
  });
}

void Metering::restore() {
  if (const auto stored = values_.get(k_register_key)) {
    double wh = 0;
    const auto [end, ec] = std::from_chars(stored->data(), stored->data() + stored->size(), wh);
    if (ec == std::errc() && end == stored->data() + stored->size() && register_.restore(wh)) {
      stored_wh_ = register_.value_whole_wh();
      spdlog::info("meter: energy register restored at {} Wh", register_.value_whole_wh());
    } else {
      spdlog::error("meter: stored energy register '{}' is unreadable; starting from 0 Wh",
                    *stored);
    }
  }
  schedule_aligned();
}

void Metering::on_link(bool up) {
  link_up_ = up;
  // Readings from before a lost link are never reported as current (the old software did).
  if (!up) last_sample_.reset();
}

void Metering::on_sample(const hal::MeterSample& sample) {
  last_sample_ = sample;
  const auto now = clock_.now();
  const auto update = register_.update(sample.energy_wh, now);
  switch (update.event) {
    case EnergyRegister::Event::counted:
    case EnergyRegister::Event::reference_taken:
      break;
    case EnergyRegister::Event::hal_restarted:
      spdlog::info("meter: the hardware's register restarted; ours continues at {} Wh",
                   register_.value_whole_wh());
      break;
    case EnergyRegister::Event::jump_ignored:
      spdlog::warn("meter: ignored an implausible jump of {} Wh", update.hal_step_wh);
      break;
    case EnergyRegister::Event::invalid_reading:
      spdlog::warn("meter: ignored an invalid energy reading");
      break;
  }
  if (update.persist_due) persist(false);
}

void Metering::persist(bool at_boundary) {
  const auto now = clock_.now();
  if (!register_.persist_due(now, at_boundary)) return;
  const auto value = register_.value_whole_wh();
  if (value > stored_wh_) {
    values_.put(k_register_key, std::to_string(value));
    stored_wh_ = value;
  }
  register_.mark_persisted(now);
  if (on_persisted) on_persisted();
}

void Metering::cover(std::int64_t reported_wh) {
  if (reported_wh <= stored_wh_) return;
  stored_wh_ = reported_wh + k_reserve_wh;
  values_.put(k_register_key, std::to_string(stored_wh_));
}

std::int64_t Metering::energy_wh() {
  const auto value = register_.value_whole_wh();
  cover(value);
  return value;
}

MeterSnapshot Metering::snapshot(common::WallTime at) {
  MeterSnapshot snap;
  snap.time = at;
  if (link_up_) snap.sample = last_sample_;
  snap.register_wh = register_.value_wh();
  cover(register_.value_whole_wh());
  snap.supply_phases = supply_phases_;
  return snap;
}

std::vector<ocpp::messages::Measurand> Metering::measurands(const char* key) const {
  const auto* definition = find_key(key);
  return measurands_or_empty(config_.get(key).value_or(""),
                             static_cast<std::size_t>(definition->max));
}

void Metering::transaction_started(std::int64_t local_id, common::WallTime start) {
  persist(true);
  local_id_ = local_id;
  transaction_id_.reset();
  started_at_ = start;
  stop_data_.emplace(measurands("StopTxnSampledData"), measurands("StopTxnAlignedData"));
  stop_data_->on_begin(snapshot(start));
  schedule_periodic();
}

std::optional<nlohmann::json> Metering::transaction_ended() {
  periodic_timer_->cancel();
  persist(true);
  std::optional<nlohmann::json> data;
  if (stop_data_) {
    stop_data_->on_end(snapshot(clock_.now()));
    if (auto values = stop_data_->transaction_data()) data = nlohmann::json(*values);
  }
  stop_data_.reset();
  local_id_.reset();
  transaction_id_.reset();
  return data;
}

void Metering::schedule_periodic(std::optional<common::WallTime> taken) {
  periodic_timer_->cancel();
  if (!local_id_) return;
  const auto interval = std::chrono::seconds(config_.get_int("MeterValueSampleInterval"));
  const auto now = clock_.now();
  const auto next = next_periodic_sample(started_at_, std::max(now, taken.value_or(now)), interval);
  if (!next) return;
  periodic_timer_->start(until(now, *next), [this, at = *next] {
    const auto snap = snapshot(at);
    if (auto value = build_meter_value(snap, measurands("MeterValuesSampledData"),
                                       ReadingContext::SamplePeriodic)) {
      send(*value, true);
    }
    if (stop_data_) stop_data_->on_periodic(snap);
    schedule_periodic(at);
  });
}

void Metering::schedule_aligned(std::optional<common::WallTime> taken) {
  aligned_timer_->cancel();
  const auto interval = std::chrono::seconds(config_.get_int("ClockAlignedDataInterval"));
  const auto now = clock_.now();
  const auto next = next_aligned_boundary(std::max(now, taken.value_or(now)), interval);
  if (!next) return;
  aligned_timer_->start(until(now, *next), [this, at = *next] {
    const auto snap = snapshot(at);
    if (auto value = build_meter_value(snap, measurands("MeterValuesAlignedData"),
                                       ReadingContext::SampleClock)) {
      send(*value, local_id_.has_value());
    }
    if (stop_data_) stop_data_->on_aligned(snap);
    schedule_aligned(at);
  });
}

void Metering::trigger() {
  if (auto value = build_meter_value(snapshot(clock_.now()), measurands("MeterValuesSampledData"),
                                     ReadingContext::Trigger)) {
    send(*value, false);
  }
}

void Metering::send(const ocpp::messages::MeterValue& value, bool in_transaction) {
  nlohmann::json payload = {{"connectorId", 1}, {"meterValue", nlohmann::json::array({value})}};
  if (in_transaction && local_id_) {
    payload["transactionId"] =
        transaction_id_ ? nlohmann::json(*transaction_id_) : nlohmann::json(nullptr);
    outbox_.enqueue("MeterValues", payload, local_id_,
                    TransactionOutbox::Durability::volatile_batched);
    return;
  }
  // Not transaction-related: worth nothing later, so only sent while registered.
  if (session_ != nullptr) session_->call_raw("MeterValues", payload, [](const auto&) {});
}

}  // namespace chargepoint::core
