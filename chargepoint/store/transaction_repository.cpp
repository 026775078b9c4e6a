#include "store/transaction_repository.hpp"

#include "store/sqlite.hpp"

namespace chargepoint::store {

namespace {

constexpr std::string_view kColumns =
    "SELECT local_id, connector_id, id_tag, meter_start_wh, start_unix_ms, reservation_id, "
    "remote_id, id_tag_status, state, meter_stop_wh, stop_unix_ms, stop_reason, stop_id_tag, "
    "last_meter_wh, last_meter_unix_ms FROM transactions ";

Result<TransactionRecord> read_record(const Statement& row) {
  const auto state_text = row.column_text(8);
  const auto state = parse_transaction_state(state_text);
  if (!state) {  // the schema's CHECK makes this unreachable short of a hand-edited file
    return make_error(ErrorKind::Corrupt, "transaction " + std::to_string(row.column_int64(0)) +
                                              " has unknown state '" + state_text + "'");
  }
  return TransactionRecord{
      row.column_int64(0),
      static_cast<int>(row.column_int64(1)),
      row.column_text(2),
      row.column_int64(3),
      row.column_int64(4),
      row.column_optional_int64(5),
      row.column_optional_int64(6),
      row.column_optional_text(7),
      *state,
      row.column_optional_int64(9),
      row.column_optional_int64(10),
      row.column_optional_text(11),
      row.column_optional_text(12),
      row.column_optional_int64(13),
      row.column_optional_int64(14),
  };
}

Result<void> check_id_tag(std::string_view id_tag, std::string_view what) {
  // OCPP 1.6 §7.27: IdToken is CiString20Type.
  if (id_tag.empty() || id_tag.size() > 20) {
    return make_error(ErrorKind::InvalidArgument, std::string(what) +
                                                      " must be 1 to 20 characters, got " +
                                                      std::to_string(id_tag.size()) + " bytes");
  }
  return {};
}

}  // namespace

std::string_view to_string(TransactionState state) {
  switch (state) {
    case TransactionState::Active:
      return "active";
    case TransactionState::Stopping:
      return "stopping";
    case TransactionState::Stopped:
      return "stopped";
  }
  return "unknown";
}

std::optional<TransactionState> parse_transaction_state(std::string_view text) {
  if (text == "active") return TransactionState::Active;
  if (text == "stopping") return TransactionState::Stopping;
  if (text == "stopped") return TransactionState::Stopped;
  return std::nullopt;
}

Result<std::int64_t> TransactionRepository::begin(const TransactionStart& start) {
  if (start.connector_id <= 0) {
    return make_error(ErrorKind::InvalidArgument,
                      "connector id must be 1 or more, got " + std::to_string(start.connector_id));
  }
  if (auto valid = check_id_tag(start.id_tag, "idTag"); !valid) return valid.error();
  if (start.meter_start_wh < 0) {
    return make_error(ErrorKind::InvalidArgument, "meter start must not be negative, got " +
                                                      std::to_string(start.meter_start_wh) + " Wh");
  }
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO transactions (connector_id, id_tag, meter_start_wh, start_unix_ms, "
      "reservation_id, state) VALUES (?1, ?2, ?3, ?4, ?5, 'active') RETURNING local_id");
  if (!statement) return statement.error();
  statement->bind(1, std::int64_t{start.connector_id})
      .bind(2, start.id_tag)
      .bind(3, start.meter_start_wh)
      .bind(4, start.start_unix_ms)
      .bind(5, start.reservation_id);
  auto row = statement->step();
  if (!row) {
    if (row.error().kind != ErrorKind::Constraint) return row.error();
    return Error{ErrorKind::Constraint,
                 "connector " + std::to_string(start.connector_id) +
                     " already has an active transaction (" + row.error().message + ")",
                 row.error().sqlite_code};
  }
  const auto local_id = statement->column_int64(0);
  // RETURNING hands the row over before the insert is complete: step to the end to finish it.
  if (auto done = statement->run(); !done) return done.error();
  return local_id;
}

Result<void> TransactionRepository::set_remote_id(std::int64_t local_id, std::int64_t remote_id,
                                                  std::string_view id_tag_status) {
  auto statement = Statement::prepare(
      db_, "UPDATE transactions SET remote_id = ?2, id_tag_status = ?3 WHERE local_id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, local_id).bind(2, remote_id).bind(3, id_tag_status);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return require_changed(*changed, local_id, "set the remote id of", "");
}

Result<void> TransactionRepository::checkpoint_meter(std::int64_t local_id, std::int64_t energy_wh,
                                                     std::int64_t at_unix_ms) {
  auto statement =
      Statement::prepare(db_,
                         "UPDATE transactions SET last_meter_wh = ?2, last_meter_unix_ms = ?3 "
                         "WHERE local_id = ?1 AND state != 'stopped'");
  if (!statement) return statement.error();
  statement->bind(1, local_id).bind(2, energy_wh).bind(3, at_unix_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return require_changed(*changed, local_id, "checkpoint the meter of", "active or stopping");
}

Result<void> TransactionRepository::mark_stopping(std::int64_t local_id,
                                                  const TransactionStop& stop) {
  if (stop.reason.empty()) {
    return make_error(ErrorKind::InvalidArgument,
                      "stop reason of transaction " + std::to_string(local_id) + " is empty");
  }
  if (stop.id_tag) {
    if (auto valid = check_id_tag(*stop.id_tag, "stop idTag"); !valid) return valid.error();
  }
  auto statement = Statement::prepare(
      db_,
      "UPDATE transactions SET state = 'stopping', meter_stop_wh = ?2, stop_unix_ms = ?3, "
      "stop_reason = ?4, stop_id_tag = ?5 WHERE local_id = ?1 AND state = 'active'");
  if (!statement) return statement.error();
  statement->bind(1, local_id)
      .bind(2, stop.meter_stop_wh)
      .bind(3, stop.stop_unix_ms)
      .bind(4, stop.reason)
      .bind(5, stop.id_tag);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return require_changed(*changed, local_id, "mark stopping", "active");
}

Result<void> TransactionRepository::mark_stopped(std::int64_t local_id) {
  auto statement = Statement::prepare(
      db_, "UPDATE transactions SET state = 'stopped' WHERE local_id = ?1 AND state = 'stopping'");
  if (!statement) return statement.error();
  statement->bind(1, local_id);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return require_changed(*changed, local_id, "mark stopped", "stopping");
}

Result<std::vector<TransactionRecord>> TransactionRepository::find_active() {
  return query("WHERE state != 'stopped' ORDER BY local_id LIMIT ?1", -1);
}

Result<std::optional<TransactionRecord>> TransactionRepository::find(std::int64_t local_id) {
  auto found = query("WHERE local_id = ?1", local_id);
  if (!found) return found.error();
  if (found->empty()) return std::optional<TransactionRecord>{};
  return std::optional<TransactionRecord>{std::move(found->front())};
}

Result<std::vector<TransactionRecord>> TransactionRepository::recent(std::size_t limit) {
  return query("ORDER BY local_id DESC LIMIT ?1", static_cast<std::int64_t>(limit));
}

Result<std::size_t> TransactionRepository::prune(std::size_t keep_stopped) {
  auto statement = Statement::prepare(
      db_,
      "DELETE FROM transactions WHERE state = 'stopped' AND local_id NOT IN ("
      "SELECT local_id FROM transactions WHERE state = 'stopped' ORDER BY local_id DESC LIMIT ?1) "
      "AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.local_tx_id = transactions.local_id)");
  if (!statement) return statement.error();
  statement->bind(1, static_cast<std::int64_t>(keep_stopped));
  auto deleted = statement->run();
  if (!deleted) return deleted.error();
  return static_cast<std::size_t>(*deleted);
}

Result<void> TransactionRepository::require_changed(std::int64_t changed, std::int64_t local_id,
                                                    std::string_view operation,
                                                    std::string_view allowed_states) {
  if (changed > 0) return {};
  auto found = find(local_id);
  if (!found) return found.error();
  const auto what = "cannot " + std::string(operation) + " transaction " + std::to_string(local_id);
  if (!*found) return make_error(ErrorKind::NotFound, what + ": no such transaction");
  return make_error(ErrorKind::InvalidState, what + ": it is " +
                                                 std::string(to_string((*found)->state)) +
                                                 ", expected " + std::string(allowed_states));
}

Result<std::vector<TransactionRecord>> TransactionRepository::query(std::string_view sql_tail,
                                                                    std::int64_t parameter) {
  auto statement = Statement::prepare(db_, std::string(kColumns) + std::string(sql_tail));
  if (!statement) return statement.error();
  statement->bind(1, parameter);
  std::vector<TransactionRecord> records;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) break;
    auto record = read_record(*statement);
    if (!record) return record.error();
    records.push_back(std::move(*record));
  }
  return records;
}

}  // namespace chargepoint::store
