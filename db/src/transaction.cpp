#include "db/transaction.hpp"

#include <spdlog/spdlog.h>

#include <string>
#include <utility>

#include "database_impl.hpp"

namespace eo::db {

namespace {

std::string savepoint_name(int depth) {
  return "nested_" + std::to_string(depth);
}

}  // namespace

Result<Transaction> Transaction::begin(Database& db) {
  auto* impl = db.impl_.get();
  const int depth = impl->depth + 1;
  const auto sql =
      depth == 1 ? std::string("BEGIN IMMEDIATE") : "SAVEPOINT " + savepoint_name(depth);
  if (auto done = impl->exec(sql, sql); !done) return done.error();
  impl->depth = depth;
  return Transaction(impl, depth, impl->writes_pending);
}

Transaction::Transaction(Database::Impl* db, int depth, std::uint64_t pending_at_begin)
    : db_(db), depth_(depth), pending_at_begin_(pending_at_begin), open_(true) {}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_),
      depth_(other.depth_),
      pending_at_begin_(other.pending_at_begin_),
      open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  if (!open_) return;
  if (auto done = rollback(); !done) spdlog::error("store: {}", done.error().message);
}

Result<void> Transaction::commit() {
  if (!open_) return make_error(ErrorKind::Internal, "commit of a finished transaction");
  if (db_->depth != depth_) {
    return make_error(ErrorKind::Internal, "commit of a transaction while an inner one is open");
  }
  if (depth_ > 1) {
    const auto sql = "RELEASE " + savepoint_name(depth_);
    if (auto done = db_->exec(sql, sql); !done) {
      (void)rollback();
      return done;
    }
    open_ = false;
    --db_->depth;
    return {};  // its writes become the outer transaction's
  }
  // Not Impl::exec: COMMIT must run even when SQLite already rolled back (it then reports so).
  if (const int code = sqlite3_exec(db_->db, "COMMIT", nullptr, nullptr, nullptr);
      code != SQLITE_OK) {
    auto error = db_->error(code, "COMMIT");
    (void)rollback();  // a failed COMMIT (FULL, IOERR) can leave the transaction open
    return error;
  }
  open_ = false;
  db_->depth = 0;
  if (db_->writes_pending > 0) {
    db_->writes_committed += db_->writes_pending;
    ++db_->commits;
  }
  db_->writes_pending = 0;
  return {};
}

Result<void> Transaction::rollback() {
  if (!open_) return make_error(ErrorKind::Internal, "rollback of a finished transaction");
  if (db_->depth != depth_) {
    return make_error(ErrorKind::Internal, "rollback of a transaction while an inner one is open");
  }
  open_ = false;
  db_->depth = depth_ - 1;
  db_->writes_pending = pending_at_begin_;
  // SQLite rolls the whole transaction back by itself after some errors; nothing is left to undo.
  if (sqlite3_get_autocommit(db_->db) != 0) {
    db_->writes_pending = 0;
    return {};
  }
  const auto sql =
      depth_ == 1 ? std::string("ROLLBACK")
                  : "ROLLBACK TO " + savepoint_name(depth_) + "; RELEASE " + savepoint_name(depth_);
  if (const int code = sqlite3_exec(db_->db, sql.c_str(), nullptr, nullptr, nullptr);
      code != SQLITE_OK) {
    return db_->error(code, sql);
  }
  return {};
}

}  // namespace eo::db
