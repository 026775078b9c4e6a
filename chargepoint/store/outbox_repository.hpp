#pragma once
// The persistent outbox of transaction-related messages (StartTransaction, StopTransaction and
// transaction MeterValues: OCPP 1.6 §4.7 requires them delivered, in order, even after a power
// loss). The sender takes front(), sends it, and remove()s it on the central system's answer, or
// records the attempt and retries later. Payloads are the OCPP JSON objects as text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace chargepoint::store {

struct NewOutboxMessage {
  std::string action;                                // e.g. "StopTransaction"
  std::string payload_json;                          // a JSON object
  std::optional<std::int64_t> local_transaction_id;  // must name a stored transaction
  std::int64_t created_unix_ms;                      // also the first attempt time
};

struct OutboxMessage {
  std::int64_t seq;  // the send order
  std::string action;
  std::string payload_json;
  std::optional<std::int64_t> local_transaction_id;
  int attempts;
  std::int64_t next_attempt_unix_ms;
  std::int64_t created_unix_ms;
};

class OutboxRepository {
 public:
  static constexpr std::size_t kMaxPayloadBytes = 64 * 1024;

  explicit OutboxRepository(Database& db) : db_(db) {}

  // Queues a message; returns its seq. InvalidArgument for an empty action or a payload that is not
  // a JSON object; Constraint for an unknown local transaction id.
  Result<std::int64_t> push(const NewOutboxMessage& message);
  // Queues several messages in one commit (one WAL append), all or none; their seqs in order.
  Result<std::vector<std::int64_t>> push_many(std::span<const NewOutboxMessage> messages);

  Result<std::optional<OutboxMessage>> front();                // the lowest seq
  Result<std::vector<OutboxMessage>> list(std::size_t limit);  // in seq order
  // All queued messages of one transaction, in seq order.
  Result<std::vector<OutboxMessage>> payloads_for(std::int64_t local_transaction_id);

  // NotFound when the message is gone.
  Result<void> record_attempt(std::int64_t seq, int attempts, std::int64_t next_attempt_unix_ms);
  Result<bool> remove(std::int64_t seq);  // false when it was not queued
  Result<std::size_t> size();

  // StartTransaction.conf gave the transaction its id: sets "transactionId" in every queued message
  // of the local transaction that has that field (queued MeterValues and StopTransaction carry a
  // placeholder until now; StartTransaction has no such field and is left alone). One commit.
  // Returns how many messages were rewritten.
  Result<std::size_t> patch_transaction_id(std::int64_t local_transaction_id,
                                           std::int64_t transaction_id);

 private:
  Result<std::int64_t> insert(const NewOutboxMessage& message);
  Result<std::vector<OutboxMessage>> query(std::string_view sql_tail, std::int64_t parameter);
  Database& db_;
};

}  // namespace chargepoint::store
