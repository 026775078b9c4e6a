#include "features/core/transaction_outbox.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint::core {

using ocpp::rpc::FailureKind;

TransactionOutbox::TransactionOutbox(Outbox& store, ConfigurationStore& config,
                                     common::TimerFactory& timers)
    : store_(store), config_(config), retry_timer_(timers.make_timer()) {}

void TransactionOutbox::enqueue(const std::string& action, const nlohmann::json& payload,
                                std::optional<std::int64_t> local_transaction_id,
                                Durability durability) {
  if (durability == Durability::volatile_batched) {
    memory_.push_back({next_memory_seq_--, action, payload, local_transaction_id, 0});
    if (memory_.size() >= k_volatile_batch) flush();
  } else {
    flush();  // what is older goes first, also after a power cut
    store_.push(action, payload, local_transaction_id);
  }
  pump();
}

void TransactionOutbox::flush() {
  if (memory_.empty()) return;
  // A message in flight is written too, in its place: if its answer never comes it must be sent
  // again before the younger ones (§4.10). Its answer then removes the stored copy. Only a message
  // at the front of memory can be in flight, and only while the store is empty (next()).
  const bool front_in_flight = in_flight_ && memory_.front().seq == in_flight_seq_;
  store_.push_batch({memory_.begin(), memory_.end()});
  memory_.clear();
  if (front_in_flight) {
    if (const auto stored = store_.front()) in_flight_moved_to_ = stored->seq;
  }
}

bool TransactionOutbox::contains(std::int64_t local_transaction_id, const std::string& action) {
  for (const auto& e : memory_) {
    if (e.local_transaction_id == local_transaction_id && e.action == action) return true;
  }
  return store_.contains(local_transaction_id, action);
}

std::optional<OutboxEntry> TransactionOutbox::next() {
  if (auto stored = store_.front()) return stored;
  if (!memory_.empty()) return memory_.front();
  return std::nullopt;
}

void TransactionOutbox::remove(const OutboxEntry& entry) {
  if (entry.seq < 0) {
    std::erase_if(memory_, [&](const OutboxEntry& e) { return e.seq == entry.seq; });
  } else {
    store_.remove(entry.seq);
  }
}

void TransactionOutbox::patch(std::int64_t local_transaction_id, int transaction_id) {
  store_.patch_transaction_id(local_transaction_id, transaction_id);
  for (auto& e : memory_) {
    if (e.local_transaction_id == local_transaction_id && e.payload.contains("transactionId")) {
      e.payload["transactionId"] = transaction_id;
    }
  }
}

void TransactionOutbox::settled() {
  pump();
  if (drained() && session_ != nullptr && on_drained) on_drained();
}

void TransactionOutbox::attach(ocpp::Session* session) {
  session_ = session;
  ++session_generation_;
  in_flight_ = false;  // a call of the old session resolves as ConnectionClosed and is ignored
  retry_timer_->cancel();
  if (session_ == nullptr) return;
  if (store_.size() > 0)
    spdlog::info("outbox: {} transaction message(s) to deliver", store_.size());
  pump();
  if (drained() && on_drained) on_drained();
}

bool TransactionOutbox::drained() {
  return !in_flight_ && store_.size() == 0 && memory_.empty();
}

void TransactionOutbox::pump() {
  if (session_ == nullptr || in_flight_ || retry_timer_->armed()) return;
  auto entry = next();
  if (!entry) return;
  // Still the placeholder: the StartTransaction before it was never confirmed (§4.10 leaves the id
  // to the charge point then; -1 tells the central system it is unknown).
  if (entry->payload.contains("transactionId") && entry->payload["transactionId"].is_null()) {
    entry->payload["transactionId"] = k_unknown_transaction_id;
  }
  in_flight_ = true;
  in_flight_seq_ = entry->seq;
  in_flight_moved_to_.reset();
  const auto generation = session_generation_;
  session_->call_raw(
      entry->action, entry->payload,
      [this, generation, sent = *entry](const ocpp::CallOutcome<nlohmann::json>& outcome) {
        if (generation != session_generation_) return;
        in_flight_ = false;
        auto where = sent;
        if (in_flight_moved_to_) where.seq = *in_flight_moved_to_;
        in_flight_moved_to_.reset();
        answered(where, outcome);
      });
}

void TransactionOutbox::answered(const OutboxEntry& entry,
                                 const ocpp::CallOutcome<nlohmann::json>& outcome) {
  if (!outcome.ok()) return failed(entry, outcome.error());
  // The transactionId is written into the queued messages and the journal before the Start leaves
  // the store: a crash in between then resends the Start (at least once, §4.10) instead of leaving
  // its transaction's StopTransaction with -1. Nothing else goes out meanwhile.
  in_flight_ = true;
  try {
    if (entry.action == "StartTransaction" && entry.local_transaction_id) {
      const auto response = outcome.value().get<ocpp::messages::StartTransactionResponse>();
      patch(*entry.local_transaction_id, response.transactionId);
      if (on_start_confirmed) on_start_confirmed(*entry.local_transaction_id, response);
    } else if (entry.action == "StopTransaction" && on_stop_confirmed) {
      on_stop_confirmed(outcome.value().get<ocpp::messages::StopTransactionResponse>());
    }
  } catch (const nlohmann::json::exception& e) {
    // The session validated the answer against the schema; this is our own bug, not the peer's.
    spdlog::error("outbox: could not read the {} answer: {}", entry.action, e.what());
  }
  in_flight_ = false;
  remove(entry);
  settled();
}

void TransactionOutbox::failed(const OutboxEntry& entry, const ocpp::rpc::CallFailure& failure) {
  if (failure.kind == FailureKind::ConnectionClosed || failure.kind == FailureKind::NotSent) return;
  const int attempts = entry.attempts + 1;
  const auto max_attempts = config_.get_int("TransactionMessageAttempts");
  if (attempts >= max_attempts) {
    spdlog::error("outbox: giving up on {} #{} after {} attempts (last: {})", entry.action,
                  entry.seq, attempts, failure.error.description);
    remove(entry);
    if (entry.action == "StartTransaction" && entry.local_transaction_id) {
      patch(*entry.local_transaction_id, k_unknown_transaction_id);
    }
    return settled();
  }
  if (entry.seq < 0) {
    for (auto& e : memory_) {
      if (e.seq == entry.seq) e.attempts = attempts;
    }
  } else {
    store_.record_attempt(entry.seq, attempts);
  }
  const auto wait =
      std::chrono::seconds(config_.get_int("TransactionMessageRetryInterval") * attempts);
  spdlog::warn("outbox: {} #{} failed ({}), attempt {} of {}; next in {} s", entry.action,
               entry.seq, failure.error.description, attempts, max_attempts, wait.count());
  retry_timer_->start(wait, [this] { pump(); });
}

}  // namespace chargepoint::core
