#pragma once
// csms-lite's repositories are written against the shared SQLite layer (db/); these declarations
// let them, and their tests, name its types without a prefix.
#include "db/database.hpp"
#include "db/result.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace csms::store {

using eo::db::Database;
using eo::db::Error;
using eo::db::ErrorKind;
using eo::db::make_error;
using eo::db::Migration;
using eo::db::OpenOptions;
using eo::db::Result;
using eo::db::Statement;
using eo::db::Transaction;
using eo::db::with_transaction;

// Times are unix milliseconds throughout the schema.
using UnixMs = std::int64_t;

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

}  // namespace csms::store
