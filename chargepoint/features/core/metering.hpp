#pragma once
// MeterValues (OCPP 1.6 §4.7, §9.1 MeterValueSampleInterval / ClockAlignedDataInterval / the four
// measurand lists) and the energy register behind meterStart / meterStop.
// - Periodic samples run during a transaction, every MeterValueSampleInterval from its start.
// - Clock-aligned readings run at every ClockAlignedDataInterval boundary after midnight UTC.
// - Transaction samples go through the outbox as volatile messages (batched writes, see
//   transaction_outbox.hpp); readings outside a transaction are sent only while registered.
// - The register never goes backwards, across restarts too; it is written at most every few minutes
//   and at transaction boundaries, never per sample (SD card).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "domain/energy_register.hpp"
#include "domain/meter_transaction_data.hpp"
#include "domain/meter_values.hpp"
#include "domain/persistence_ports.hpp"
#include "features/core/transaction_outbox.hpp"
#include "hal/types.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::core {

class Metering {
 public:
  // Written at most this often while energy flows (and at every transaction start and stop).
  static constexpr std::chrono::seconds k_persist_interval{300};
  // Never report a register above what is stored: before a higher value goes out, the stored value
  // moves this far ahead of it. After a crash the register resumes from there, so it may jump ahead
  // by up to this much, but it never goes below anything the central system has seen.
  static constexpr std::int64_t k_reserve_wh = 200;
  static constexpr const char* k_register_key = "meter.energy_wh";

  Metering(ConfigurationStore& config, common::TimerFactory& timers, const common::Clock& clock,
           KeyValueStore& values, TransactionOutbox& outbox, int supply_phases);

  void restore();
  void attach(ocpp::Session* session) { session_ = session; }

  // HAL inputs.
  void on_sample(const hal::MeterSample& sample);
  void on_link(bool up);

  // The register in whole Wh, for meterStart / meterStop (reported: the stored value covers it).
  std::int64_t energy_wh();

  // Transaction boundaries: the caller gives the ids the MeterValues must carry.
  void transaction_started(std::int64_t local_id, common::WallTime start);
  void transaction_id_known(int transaction_id) { transaction_id_ = transaction_id; }
  // Ends the periodic samples; returns StopTransaction.transactionData (nullopt: leave it out).
  std::optional<nlohmann::json> transaction_ended();

  // TriggerMessage(MeterValues): the current reading, now, context Trigger.
  void trigger();

  // Called whenever the register was persisted (the transaction journal checkpoints then too).
  std::function<void()> on_persisted;

 private:
  MeterSnapshot snapshot(common::WallTime at);
  void cover(std::int64_t reported_wh);
  std::vector<ocpp::messages::Measurand> measurands(const char* key) const;
  // `taken`: the time of the sample just taken; the next one comes after it even if the wall clock
  // reads a little earlier (it was set back, or the timer's whole milliseconds ran out first).
  void schedule_periodic(std::optional<common::WallTime> taken = std::nullopt);
  void schedule_aligned(std::optional<common::WallTime> taken = std::nullopt);
  void send(const ocpp::messages::MeterValue& value, bool in_transaction);
  void persist(bool at_boundary);

  ConfigurationStore& config_;
  const common::Clock& clock_;
  KeyValueStore& values_;
  TransactionOutbox& outbox_;
  int supply_phases_;
  EnergyRegister register_;
  std::int64_t stored_wh_ = 0;  // what the store holds (the high-water mark of everything reported)
  std::optional<hal::MeterSample> last_sample_;
  bool link_up_ = false;
  ocpp::Session* session_ = nullptr;
  std::unique_ptr<common::Timer> periodic_timer_;
  std::unique_ptr<common::Timer> aligned_timer_;
  // The running transaction, if any.
  std::optional<std::int64_t> local_id_;
  std::optional<int> transaction_id_;
  common::WallTime started_at_;
  std::optional<TransactionMeterData> stop_data_;
};

}  // namespace chargepoint::core
