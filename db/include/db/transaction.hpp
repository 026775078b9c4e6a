#pragma once
// BEGIN IMMEDIATE … COMMIT, nestable: an inner Transaction is a SAVEPOINT, so a repository
// operation that batches its statements (OutboxRepository::push_many) can also run inside a
// caller's transaction that, say, records a transaction state change and queues its message
// atomically.
#include <type_traits>
#include <utility>

#include "db/database.hpp"

namespace eo::db {

class Transaction {
 public:
  // IMMEDIATE takes the write lock at once, so a busy database fails here, before any work is done,
  // rather than at COMMIT.
  static Result<Transaction> begin(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();  // rolls back unless committed

  // Transactions end innermost first. When COMMIT fails (disk full, I/O error) everything since
  // begin() is rolled back and the error returned: the file keeps its previous committed content.
  Result<void> commit();
  Result<void> rollback();

 private:
  Transaction(Database::Impl* db, int depth, std::uint64_t pending_at_begin);
  Database::Impl* db_;
  int depth_;
  std::uint64_t pending_at_begin_;
  bool open_;
};

// Runs `body` (returning a Result<…>) in a transaction: commits when it succeeds, rolls back when
// it fails. Returns the body's result, or the error of BEGIN or COMMIT.
template <class F>
auto with_transaction(Database& db, F&& body) -> std::invoke_result_t<F&> {
  auto transaction = Transaction::begin(db);
  if (!transaction) return transaction.error();
  auto result = body();
  if (!result) {
    (void)transaction->rollback();  // the body's error is the one worth reporting
    return result;
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return result;
}

}  // namespace eo::db
