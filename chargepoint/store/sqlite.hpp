#pragma once
// The charge point's repositories are written against the shared SQLite layer (db/); these
// declarations let them, and their tests, name its types without a prefix.
#include "db/database.hpp"
#include "db/result.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace chargepoint::store {

using eo::db::Database;
using eo::db::Error;
using eo::db::ErrorKind;
using eo::db::make_error;
using eo::db::Migration;
using eo::db::OpenOptions;
using eo::db::Result;
using eo::db::Statement;
using eo::db::to_string;
using eo::db::Transaction;
using eo::db::with_transaction;

}  // namespace chargepoint::store
