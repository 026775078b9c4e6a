#include "store/transaction_repository.hpp"

#include <limits>

namespace csms::store {

namespace {

constexpr std::string_view k_columns =
    "id, charge_point_id, connector_id, id_tag, reservation_id, start_ms, meter_start_wh, stop_ms, "
    "meter_stop_wh, "
    "stop_reason, stop_id_tag";

StoredTransaction read_transaction(const Statement& row) {
  StoredTransaction transaction;
  transaction.id = row.column_int64(0);
  transaction.start = TransactionStart{row.column_text(1),  static_cast<int>(row.column_int64(2)),
                                       row.column_text(3),  row.column_optional_int64(4),
                                       row.column_int64(5), row.column_int64(6)};
  transaction.stop_ms = row.column_optional_int64(7);
  transaction.meter_stop_wh = row.column_optional_int64(8);
  transaction.stop_reason = row.column_optional_text(9);
  transaction.stop_id_tag = row.column_optional_text(10);
  return transaction;
}

Result<std::vector<StoredTransaction>> read_all(Statement& statement) {
  std::vector<StoredTransaction> found;
  auto done = for_each_row(statement,
                           [&](const Statement& row) { found.push_back(read_transaction(row)); });
  if (!done) return done.error();
  return found;
}

}  // namespace

Result<std::int64_t> TransactionRepository::start(const TransactionStart& start) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO transactions (charge_point_id, connector_id, id_tag, reservation_id, "
      "start_ms, meter_start_wh) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  if (!statement) return statement.error();
  statement->bind(1, start.charge_point_id)
      .bind(2, std::int64_t{start.connector_id})
      .bind(3, start.id_tag)
      .bind(4, start.reservation_id)
      .bind(5, start.start_ms)
      .bind(6, start.meter_start_wh);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::Internal, "INSERT … RETURNING gave no id");
  const auto id = statement->column_int64(0);
  if (auto done = statement->run(); !done) return done.error();
  // OCPP 1.6 transactionId is a JSON integer that charge points keep in 32 bits.
  if (id > std::numeric_limits<std::int32_t>::max()) {
    return make_error(ErrorKind::InvalidState, "transaction ids exhausted the 32-bit range");
  }
  return id;
}

Result<StopOutcome> TransactionRepository::stop(std::string_view charge_point_id,
                                                const TransactionStop& stop, UnixMs received_ms) {
  return with_transaction(db_, [&]() -> Result<StopOutcome> {
    auto close = Statement::prepare(
        db_,
        "UPDATE transactions SET stop_ms = ?3, meter_stop_wh = ?4, stop_reason = ?5, "
        "stop_id_tag = ?6 WHERE id = ?1 AND charge_point_id = ?2 AND stop_ms IS NULL");
    if (!close) return close.error();
    close->bind(1, stop.transaction_id)
        .bind(2, charge_point_id)
        .bind(3, stop.stop_ms)
        .bind(4, stop.meter_stop_wh)
        .bind(5, stop.reason)
        .bind(6, stop.id_tag);
    auto closed = close->run();
    if (!closed) return closed.error();
    if (*closed > 0) return StopOutcome::Stopped;

    auto known = Statement::prepare(
        db_, "SELECT 1 FROM transactions WHERE id = ?1 AND charge_point_id = ?2");
    if (!known) return known.error();
    known->bind(1, stop.transaction_id).bind(2, charge_point_id);
    auto row = known->step();
    if (!row) return row.error();
    if (*row) return StopOutcome::AlreadyStopped;

    auto orphan = Statement::prepare(
        db_,
        "INSERT INTO orphan_stops (charge_point_id, transaction_id, id_tag, meter_stop_wh, "
        "stop_ms, reason, received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!orphan) return orphan.error();
    orphan->bind(1, charge_point_id)
        .bind(2, stop.transaction_id)
        .bind(3, stop.id_tag)
        .bind(4, stop.meter_stop_wh)
        .bind(5, stop.stop_ms)
        .bind(6, stop.reason)
        .bind(7, received_ms);
    if (auto inserted = orphan->run(); !inserted) return inserted.error();
    return StopOutcome::Orphan;
  });
}

Result<std::optional<StoredTransaction>> TransactionRepository::find(std::int64_t id) {
  auto statement = Statement::prepare(
      db_, "SELECT " + std::string(k_columns) + " FROM transactions WHERE id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id);
  auto found = read_all(*statement);
  if (!found) return found.error();
  if (found->empty()) return std::optional<StoredTransaction>{};
  return std::optional<StoredTransaction>{std::move(found->front())};
}

Result<std::vector<StoredTransaction>> TransactionRepository::page(
    std::string_view charge_point_id, std::optional<std::int64_t> before_id, int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorKind::InvalidArgument, "page size must be 1 to 1000");
  auto statement =
      Statement::prepare(db_, "SELECT " + std::string(k_columns) +
                                  " FROM transactions WHERE (?1 = '' OR charge_point_id = ?1) AND "
                                  "(?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id).bind(2, before_id).bind(3, std::int64_t{limit});
  return read_all(*statement);
}

Result<std::vector<StoredTransaction>> TransactionRepository::open_for(
    std::string_view charge_point_id) {
  auto statement = Statement::prepare(
      db_, "SELECT " + std::string(k_columns) +
               " FROM transactions WHERE charge_point_id = ?1 AND stop_ms IS NULL "
               "ORDER BY id");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id);
  return read_all(*statement);
}

Result<std::vector<OrphanStop>> TransactionRepository::orphan_stops(
    std::string_view charge_point_id) {
  auto statement = Statement::prepare(
      db_,
      "SELECT id, charge_point_id, transaction_id, id_tag, stop_ms, meter_stop_wh, "
      "reason, received_ms FROM orphan_stops WHERE charge_point_id = ?1 ORDER BY id");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id);
  std::vector<OrphanStop> found;
  auto done = for_each_row(*statement, [&](const Statement& row) {
    found.push_back(OrphanStop{
        row.column_int64(0), row.column_text(1),
        TransactionStop{row.column_int64(2), row.column_optional_text(3), row.column_int64(4),
                        row.column_int64(5), row.column_optional_text(6)},
        row.column_int64(7)});
  });
  if (!done) return done.error();
  return found;
}

}  // namespace csms::store
