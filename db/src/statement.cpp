#include "db/statement.hpp"

#include <utility>

#include "database_impl.hpp"

namespace eo::db {

std::string short_sql(std::string_view sql) {
  constexpr std::size_t kMax = 60;
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

Result<Statement> Statement::prepare(Database& db, std::string_view sql) {
  auto* impl = db.impl_.get();
  std::string text(sql);
  if (const auto idle = impl->idle_statements.find(text); idle != impl->idle_statements.end()) {
    auto* statement = idle->second;
    impl->idle_statements.erase(idle);
    return Statement(impl, statement, std::move(text));
  }
  sqlite3_stmt* statement = nullptr;
  // PERSISTENT: the statement is meant to be kept and reused (SQLite allocates it accordingly).
  const int code = sqlite3_prepare_v3(impl->db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) return impl->error(code, "preparing `" + short_sql(sql) + "`");
  if (statement == nullptr) {
    return make_error(ErrorKind::InvalidArgument,
                      "database '" + impl->path + "': no statement in `" + short_sql(sql) + "`");
  }
  return Statement(impl, statement, std::move(text));
}

Statement::Statement(Database::Impl* db, sqlite3_stmt* statement, std::string sql)
    : db_(db), statement_(statement), sql_(std::move(sql)) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      statement_(std::exchange(other.statement_, nullptr)),
      sql_(std::move(other.sql_)),
      bind_error_(std::move(other.bind_error_)),
      running_(other.running_),
      changes_at_start_(other.changes_at_start_),
      last_changes_(other.last_changes_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    db_ = other.db_;
    statement_ = std::exchange(other.statement_, nullptr);
    sql_ = std::move(other.sql_);
    bind_error_ = std::move(other.bind_error_);
    running_ = other.running_;
    changes_at_start_ = other.changes_at_start_;
    last_changes_ = other.last_changes_;
  }
  return *this;
}

Statement::~Statement() {
  release();
}

void Statement::release() {
  if (statement_ == nullptr) return;
  auto* statement = std::exchange(statement_, nullptr);
  // A reset statement holds no lock and no open read; cleared bindings keep one use's values
  // (and their copies of text) from reaching the next.
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  auto& idle = db_->idle_statements;
  if (idle.size() >= Database::Impl::kMaxIdleStatements ||
      !idle.emplace(std::move(sql_), statement).second) {
    sqlite3_finalize(statement);
  }
}

void Statement::note_bind(int code, int index) {
  if (code != SQLITE_OK && !bind_error_) {
    bind_error_ = db_->error(code, "binding parameter " + std::to_string(index) + " of `" +
                                       short_sql(sqlite3_sql(statement_)) + "`");
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  note_bind(sqlite3_bind_int64(statement_, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  // TRANSIENT: SQLite copies the text, so the caller's string may go away before step().
  note_bind(sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                SQLITE_UTF8),
            index);
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  note_bind(sqlite3_bind_null(statement_, index), index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind(index, std::nullopt);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind(index, std::nullopt);
}

Result<bool> Statement::step() {
  if (bind_error_) return *bind_error_;
  const char* sql = sqlite3_sql(statement_);
  if (db_->transaction_lost()) {
    return make_error(
        ErrorKind::InvalidState,
        "database '" + db_->path + "': `" + short_sql(sql) +
            "` not run: the enclosing transaction was rolled back after an earlier error");
  }
  // Changes are measured from the first step: with RETURNING, SQLite makes them all on that step.
  if (!running_) {
    running_ = true;
    changes_at_start_ = sqlite3_total_changes64(db_->db);
  }
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  running_ = false;
  if (code == SQLITE_DONE) {
    last_changes_ = sqlite3_total_changes64(db_->db) - changes_at_start_;
    if (last_changes_ > 0) db_->note_write();
    return false;
  }
  auto error = db_->error(code, "running `" + short_sql(sql) + "`");
  sqlite3_reset(statement_);
  return error;
}

Result<std::int64_t> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) break;
  }
  return last_changes_;
}

void Statement::reset() {
  sqlite3_reset(statement_);
  running_ = false;
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
  return std::string(reinterpret_cast<const char*>(text), size);
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

}  // namespace eo::db
