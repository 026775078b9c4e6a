#pragma once
// Result<T>: a value or a db::Error. Every database operation returns one; nothing is thrown past
// this API, because a full SD card or a locked database is an expected condition on a charger,
// not a programming error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace eo::db {

enum class ErrorKind {
  Busy,             // SQLITE_BUSY/LOCKED: another connection holds the lock past busy_timeout
  Full,             // SQLITE_FULL: disk (or max_page_count) full; what was committed is intact
  Io,               // SQLITE_IOERR: the storage failed a read or write
  Corrupt,          // SQLITE_CORRUPT/NOTADB, or a failed integrity check
  CantOpen,         // the file cannot be opened or created (missing folder, a directory, ...)
  ReadOnly,         // SQLITE_READONLY/PERM
  SchemaTooNew,     // the file was migrated by a newer build than this one
  Constraint,       // a UNIQUE/CHECK/FOREIGN KEY rule of the schema refused the change
  InvalidArgument,  // bad input caught before SQLite saw it
  NotFound,         // the row the operation targets does not exist
  InvalidState,     // the row exists but is in a state that forbids the operation
  Internal,         // anything else SQLite reports, or a misuse of the helpers
};

std::string_view to_string(ErrorKind kind);

struct Error {
  ErrorKind kind;
  std::string message;  // says which file and what failed, with SQLite's own words when it has some
  int sqlite_code;      // the extended SQLite result code, 0 when the error is ours
};

inline Error make_error(ErrorKind kind, std::string message) {
  return Error{kind, std::move(message), 0};
}

template <class T>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT(*-explicit-*)
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(*-explicit-*)

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(*-explicit-*)

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace eo::db
