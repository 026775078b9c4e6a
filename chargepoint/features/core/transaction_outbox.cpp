#include "features/core/transaction_outbox.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint::core {

using ocpp::rpc::FailureKind;

TransactionOutbox::TransactionOutbox(Outbox& store, ConfigurationStore& config,
                                     common::TimerFactory& timers)
    : store_(store), config_(config), retry_timer_(timers.make_timer()) {}

void TransactionOutbox::enqueue(const std::string& action, const nlohmann::json& payload,
                                std::optional<std::int64_t> local_transaction_id) {
  store_.push(action, payload, local_transaction_id);
  pump();
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
  return !in_flight_ && store_.size() == 0;
}

void TransactionOutbox::pump() {
  if (session_ == nullptr || in_flight_ || retry_timer_->armed()) return;
  auto entry = store_.front();
  if (!entry) return;
  // Still the placeholder: the StartTransaction before it was never confirmed (§4.10 leaves the id
  // to the charge point then; -1 tells the central system it is unknown).
  if (entry->payload.contains("transactionId") && entry->payload["transactionId"].is_null()) {
    entry->payload["transactionId"] = k_unknown_transaction_id;
  }
  in_flight_ = true;
  const auto generation = session_generation_;
  session_->call_raw(
      entry->action, entry->payload,
      [this, generation, sent = *entry](const ocpp::CallOutcome<nlohmann::json>& outcome) {
        if (generation != session_generation_) return;
        in_flight_ = false;
        answered(sent, outcome);
      });
}

void TransactionOutbox::answered(const OutboxEntry& entry,
                                 const ocpp::CallOutcome<nlohmann::json>& outcome) {
  if (!outcome.ok()) return failed(entry, outcome.error());
  store_.remove(entry.seq);
  try {
    if (entry.action == "StartTransaction" && entry.local_transaction_id) {
      const auto response = outcome.value().get<ocpp::messages::StartTransactionResponse>();
      store_.patch_transaction_id(*entry.local_transaction_id, response.transactionId);
      if (on_start_confirmed) on_start_confirmed(*entry.local_transaction_id, response);
    } else if (entry.action == "StopTransaction" && on_stop_confirmed) {
      on_stop_confirmed(outcome.value().get<ocpp::messages::StopTransactionResponse>());
    }
  } catch (const nlohmann::json::exception& e) {
    // The session validated the answer against the schema; this is our own bug, not the peer's.
    spdlog::error("outbox: could not read the {} answer: {}", entry.action, e.what());
  }
  pump();
  if (drained() && session_ != nullptr && on_drained) on_drained();
}

void TransactionOutbox::failed(const OutboxEntry& entry, const ocpp::rpc::CallFailure& failure) {
  if (failure.kind == FailureKind::ConnectionClosed || failure.kind == FailureKind::NotSent) return;
  const int attempts = entry.attempts + 1;
  const auto max_attempts = config_.get_int("TransactionMessageAttempts");
  if (attempts >= max_attempts) {
    spdlog::error("outbox: giving up on {} #{} after {} attempts (last: {})", entry.action,
                  entry.seq, attempts, failure.error.description);
    store_.remove(entry.seq);
    if (entry.action == "StartTransaction" && entry.local_transaction_id) {
      store_.patch_transaction_id(*entry.local_transaction_id, k_unknown_transaction_id);
    }
    pump();
    if (drained() && session_ != nullptr && on_drained) on_drained();
    return;
  }
  store_.record_attempt(entry.seq, attempts);
  const auto wait =
      std::chrono::seconds(config_.get_int("TransactionMessageRetryInterval") * attempts);
  spdlog::warn("outbox: {} #{} failed ({}), attempt {} of {}; next in {} s", entry.action,
               entry.seq, failure.error.description, attempts, max_attempts, wait.count());
  retry_timer_->start(wait, [this] { pump(); });
}

}  // namespace chargepoint::core
