#pragma once
// A prepared statement that finalizes itself. Bind errors are kept and reported by step()/run(), so
// that binding reads as one fluent sequence.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"

struct sqlite3_stmt;

namespace eo::db {

// A Statement must not outlive its Database (it is a local of a repository's method). Finished
// statements go back to the Database and are reused by the next prepare() of the same SQL text.
class Statement {
 public:
  static Result<Statement> prepare(Database& db, std::string_view sql);

  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  // Exact matches, or std::string and string literals would be ambiguous with the optionals.
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& value);

  // true: a row is ready to read; false: the statement has finished.
  Result<bool> step();
  // Steps to the end (from wherever step() left it); returns how many rows the statement inserted,
  // updated or deleted.
  Result<std::int64_t> run();
  // Back to the start with the bindings kept, for running it again.
  void reset();

  // Columns are numbered from 0, as in SQLite.
  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;
  std::optional<std::int64_t> column_optional_int64(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  Statement(Database::Impl* db, sqlite3_stmt* statement, std::string sql);
  void note_bind(int rc, int index);
  // Gives the statement back to the database's idle set (reset, bindings cleared) or finalizes it.
  void release();

  Database::Impl* db_;
  sqlite3_stmt* statement_;
  std::string sql_;  // as given to prepare(): the key of the idle set
  std::optional<Error> bind_error_;
  bool running_ = false;  // stepped since the last reset, not yet done
  std::int64_t changes_at_start_ = 0;
  std::int64_t last_changes_ = 0;
};

// Steps a prepared statement through its rows, calling `row(statement)` for each.
template <class F>
Result<void> for_each_row(Statement& statement, F&& row) {
  for (;;) {
    auto more = statement.step();
    if (!more) return more.error();
    if (!*more) return {};
    row(statement);
  }
}

}  // namespace eo::db
