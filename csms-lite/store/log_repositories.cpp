#include "store/log_repositories.hpp"

namespace csms::store {

namespace {

Result<void> check_limit(int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorKind::InvalidArgument, "page size must be 1 to 1000");
  return {};
}

}  // namespace

Result<std::int64_t> CommandLogRepository::begin(const CommandLogEntry& entry) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO command_log (charge_point_id, action, requested_by, payload_json, "
      "sent_ms, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  if (!statement) return statement.error();
  statement->bind(1, entry.charge_point_id)
      .bind(2, entry.action)
      .bind(3, entry.requested_by)
      .bind(4, entry.payload_json)
      .bind(5, entry.sent_ms)
      .bind(6, entry.outcome);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::Internal, "INSERT … RETURNING gave no id");
  const auto id = statement->column_int64(0);
  if (auto done = statement->run(); !done) return done.error();
  return id;
}

Result<bool> CommandLogRepository::finish(std::int64_t id, std::string_view outcome,
                                          const std::optional<std::string>& result_json,
                                          const std::optional<std::string>& error_code,
                                          const std::optional<std::string>& error_description,
                                          UnixMs finished_ms) {
  auto statement =
      Statement::prepare(db_,
                         "UPDATE command_log SET outcome = ?2, result_json = ?3, error_code = ?4, "
                         "error_description = ?5, finished_ms = ?6 WHERE id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id)
      .bind(2, outcome)
      .bind(3, result_json)
      .bind(4, error_code)
      .bind(5, error_description)
      .bind(6, finished_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<std::vector<CommandLogEntry>> CommandLogRepository::page(
    std::string_view charge_point_id, std::optional<std::int64_t> before_id, int limit) {
  if (auto valid = check_limit(limit); !valid) return valid.error();
  auto statement = Statement::prepare(
      db_,
      "SELECT id, charge_point_id, action, requested_by, payload_json, sent_ms, outcome, "
      "result_json, error_code, "
      "error_description, finished_ms FROM command_log WHERE (?1 = '' OR charge_point_id = ?1) AND "
      "(?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id).bind(2, before_id).bind(3, std::int64_t{limit});
  std::vector<CommandLogEntry> found;
  auto done = for_each_row(*statement, [&](const Statement& row) {
    found.push_back(CommandLogEntry{
        row.column_int64(0), row.column_text(1), row.column_text(2), row.column_text(3),
        row.column_text(4), row.column_int64(5), row.column_text(6), row.column_optional_text(7),
        row.column_optional_text(8), row.column_optional_text(9), row.column_optional_int64(10)});
  });
  if (!done) return done.error();
  return found;
}

Result<void> EventRepository::append(std::span<const ChargePointEvent> events) {
  if (events.empty()) return {};
  auto statement = Statement::prepare(db_,
                                      "INSERT INTO charge_point_events (charge_point_id, kind, "
                                      "detail_json, at_ms) VALUES (?1, ?2, ?3, ?4)");
  if (!statement) return statement.error();
  return with_transaction(db_, [&]() -> Result<void> {
    for (const auto& event : events) {
      statement->reset();
      statement->bind(1, event.charge_point_id)
          .bind(2, event.kind)
          .bind(3, event.detail_json)
          .bind(4, event.at_ms);
      if (auto done = statement->run(); !done) return done.error();
    }
    return {};
  });
}

Result<std::vector<ChargePointEvent>> EventRepository::page(std::string_view charge_point_id,
                                                            std::string_view kind,
                                                            std::optional<std::int64_t> before_id,
                                                            int limit) {
  if (auto valid = check_limit(limit); !valid) return valid.error();
  auto statement = Statement::prepare(
      db_,
      "SELECT id, charge_point_id, kind, detail_json, at_ms FROM charge_point_events "
      "WHERE (?1 = '' OR charge_point_id = ?1) AND (?2 = '' OR kind = ?2) AND "
      "(?3 IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id).bind(2, kind).bind(3, before_id).bind(4, std::int64_t{limit});
  std::vector<ChargePointEvent> found;
  auto done = for_each_row(*statement, [&](const Statement& row) {
    found.push_back(ChargePointEvent{row.column_int64(0), row.column_text(1), row.column_text(2),
                                     row.column_text(3), row.column_int64(4)});
  });
  if (!done) return done.error();
  return found;
}

}  // namespace csms::store
