#pragma once
// Delivers the persistent outbox (domain/persistence_ports.hpp) to the central system, one message
// at a time and in order (OCPP 1.6 §4.10 and the errata on TransactionMessageAttempts /
// TransactionMessageRetryInterval):
// - only while registered (a session is attached); a lost connection is no failed attempt;
// - a CALLERROR, a timeout or a broken answer is an attempt; the next one waits interval × attempts
// so
//   far and gets a new message id; after TransactionMessageAttempts the message is dropped
//   (logged);
// - StartTransaction.conf brings the central system's transactionId, which is patched into every
// queued
//   message of that transaction; if StartTransaction is dropped, they carry -1 instead.
// SD-card budget: periodic and clock-aligned MeterValues are `volatile`: they wait in memory behind
// everything persisted and are written only in batches (k_volatile_batch of them, before the next
// durable message so that the order survives, or at flush()). Delivered online, they never touch
// the card; a crash can lose at most one batch of meter samples, never a Start or Stop.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "domain/persistence_ports.hpp"
#include "ocpp/messages/core_transaction.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::core {

class TransactionOutbox {
 public:
  // Placeholder for a transactionId not known yet; replaced before the message is sent.
  static constexpr int k_unknown_transaction_id = -1;

  TransactionOutbox(Outbox& store, ConfigurationStore& config, common::TimerFactory& timers);

  static constexpr std::size_t k_volatile_batch = 20;

  enum class Durability { durable, volatile_batched };

  void enqueue(const std::string& action, const nlohmann::json& payload,
               std::optional<std::int64_t> local_transaction_id,
               Durability durability = Durability::durable);
  // Writes the volatile messages still in memory (before a shutdown or restart).
  void flush();
  void attach(ocpp::Session* session);

  // Nothing queued and nothing in flight.
  bool drained();
  std::size_t queued() { return store_.size() + memory_.size(); }
  bool contains(std::int64_t local_transaction_id, const std::string& action);

  // Runs each time the queue becomes empty while attached (e.g. to report the status afterwards).
  std::function<void()> on_drained;
  // StartTransaction.conf for a local transaction.
  std::function<void(std::int64_t local_transaction_id,
                     const ocpp::messages::StartTransactionResponse&)>
      on_start_confirmed;
  // StopTransaction.conf (its idTagInfo may update the authorization cache).
  std::function<void(const ocpp::messages::StopTransactionResponse&)> on_stop_confirmed;

 private:
  void pump();
  std::optional<OutboxEntry> next();
  void answered(const OutboxEntry& entry, const ocpp::CallOutcome<nlohmann::json>& outcome);
  void failed(const OutboxEntry& entry, const ocpp::rpc::CallFailure& failure);
  void remove(const OutboxEntry& entry);
  void patch(std::int64_t local_transaction_id, int transaction_id);
  void settled();

  Outbox& store_;
  ConfigurationStore& config_;
  std::unique_ptr<common::Timer> retry_timer_;
  ocpp::Session* session_ = nullptr;
  std::uint64_t session_generation_ = 0;  // answers from an old session are ignored
  bool in_flight_ = false;
  std::int64_t in_flight_seq_ = 0;  // 0: never a seq
  // The store's seq of the message in flight when a flush moved it there from memory.
  std::optional<std::int64_t> in_flight_moved_to_;
  // Volatile messages, all younger than everything in the store. Their seq is negative (never a
  // store seq) so that an answer finds the right one.
  std::deque<OutboxEntry> memory_;
  std::int64_t next_memory_seq_ = -1;
};

}  // namespace chargepoint::core
