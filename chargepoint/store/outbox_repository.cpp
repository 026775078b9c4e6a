#include "store/outbox_repository.hpp"

#include <nlohmann/json.hpp>

#include "store/sqlite.hpp"

namespace chargepoint::store {

namespace {

constexpr std::string_view kColumns =
    "SELECT seq, action, payload, local_tx_id, attempts, next_attempt_unix_ms, created_unix_ms "
    "FROM outbox ";

Result<void> check(const NewOutboxMessage& message) {
  if (message.action.empty()) {
    return make_error(ErrorKind::InvalidArgument, "outbox message has an empty action");
  }
  if (message.payload_json.size() > OutboxRepository::kMaxPayloadBytes) {
    return make_error(ErrorKind::InvalidArgument, message.action + " payload is " +
                                                      std::to_string(message.payload_json.size()) +
                                                      " bytes, more than the outbox takes");
  }
  const auto payload = nlohmann::json::parse(message.payload_json, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) {
    return make_error(ErrorKind::InvalidArgument, message.action +
                                                      " payload is not a JSON object: '" +
                                                      message.payload_json.substr(0, 60) + "'");
  }
  return {};
}

}  // namespace

Result<std::int64_t> OutboxRepository::insert(const NewOutboxMessage& message) {
  if (auto valid = check(message); !valid) return valid.error();
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO outbox (action, payload, local_tx_id, next_attempt_unix_ms, created_unix_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?4) RETURNING seq");
  if (!statement) return statement.error();
  statement->bind(1, message.action)
      .bind(2, message.payload_json)
      .bind(3, message.local_transaction_id)
      .bind(4, message.created_unix_ms);
  auto row = statement->step();
  if (!row) {
    if (row.error().kind != ErrorKind::Constraint || !message.local_transaction_id) {
      return row.error();
    }
    return Error{ErrorKind::Constraint,
                 message.action + " names local transaction " +
                     std::to_string(*message.local_transaction_id) + ", which is not stored (" +
                     row.error().message + ")",
                 row.error().sqlite_code};
  }
  const auto seq = statement->column_int64(0);
  if (auto done = statement->run(); !done) return done.error();
  return seq;
}

Result<std::int64_t> OutboxRepository::push(const NewOutboxMessage& message) {
  return insert(message);
}

Result<std::vector<std::int64_t>> OutboxRepository::push_many(
    std::span<const NewOutboxMessage> messages) {
  for (const auto& message : messages) {  // refuse bad input before taking the write lock
    if (auto valid = check(message); !valid) return valid.error();
  }
  return with_transaction(db_, [&]() -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> seqs;
    seqs.reserve(messages.size());
    for (const auto& message : messages) {
      auto seq = insert(message);
      if (!seq) return seq.error();
      seqs.push_back(*seq);
    }
    return seqs;
  });
}

Result<std::optional<OutboxMessage>> OutboxRepository::front() {
  auto first = list(1);
  if (!first) return first.error();
  if (first->empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>{std::move(first->front())};
}

Result<std::vector<OutboxMessage>> OutboxRepository::list(std::size_t limit) {
  return query("ORDER BY seq LIMIT ?1", static_cast<std::int64_t>(limit));
}

Result<std::vector<OutboxMessage>> OutboxRepository::payloads_for(
    std::int64_t local_transaction_id) {
  return query("WHERE local_tx_id = ?1 ORDER BY seq", local_transaction_id);
}

Result<void> OutboxRepository::record_attempt(std::int64_t seq, int attempts,
                                              std::int64_t next_attempt_unix_ms) {
  auto statement = Statement::prepare(
      db_, "UPDATE outbox SET attempts = ?2, next_attempt_unix_ms = ?3 WHERE seq = ?1");
  if (!statement) return statement.error();
  statement->bind(1, seq).bind(2, std::int64_t{attempts}).bind(3, next_attempt_unix_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  if (*changed == 0) {
    return make_error(ErrorKind::NotFound,
                      "outbox message " + std::to_string(seq) + " is not queued");
  }
  return {};
}

Result<bool> OutboxRepository::remove(std::int64_t seq) {
  auto statement = Statement::prepare(db_, "DELETE FROM outbox WHERE seq = ?1");
  if (!statement) return statement.error();
  statement->bind(1, seq);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<std::size_t> OutboxRepository::size() {
  auto statement = Statement::prepare(db_, "SELECT COUNT(*) FROM outbox");
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  return static_cast<std::size_t>(statement->column_int64(0));
}

Result<std::size_t> OutboxRepository::patch_transaction_id(std::int64_t local_transaction_id,
                                                           std::int64_t transaction_id) {
  return with_transaction(db_, [&]() -> Result<std::size_t> {
    auto queued = payloads_for(local_transaction_id);
    if (!queued) return queued.error();
    auto update = Statement::prepare(db_, "UPDATE outbox SET payload = ?2 WHERE seq = ?1");
    if (!update) return update.error();
    std::size_t patched = 0;
    for (const auto& message : *queued) {
      auto payload = nlohmann::json::parse(message.payload_json, nullptr, false);
      if (payload.is_discarded() || !payload.is_object()) {
        return make_error(ErrorKind::Corrupt, "outbox message " + std::to_string(message.seq) +
                                                  " has a payload that is not a JSON object");
      }
      auto field = payload.find("transactionId");
      if (field == payload.end()) continue;
      *field = transaction_id;
      update->reset();
      update->bind(1, message.seq).bind(2, payload.dump());
      if (auto done = update->run(); !done) return done.error();
      ++patched;
    }
    return patched;
  });
}

Result<std::vector<OutboxMessage>> OutboxRepository::query(std::string_view sql_tail,
                                                           std::int64_t parameter) {
  auto statement = Statement::prepare(db_, std::string(kColumns) + std::string(sql_tail));
  if (!statement) return statement.error();
  statement->bind(1, parameter);
  std::vector<OutboxMessage> messages;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) break;
    messages.push_back(OutboxMessage{
        statement->column_int64(0),
        statement->column_text(1),
        statement->column_text(2),
        statement->column_optional_int64(3),
        static_cast<int>(statement->column_int64(4)),
        statement->column_int64(5),
        statement->column_int64(6),
    });
  }
  return messages;
}

}  // namespace chargepoint::store
