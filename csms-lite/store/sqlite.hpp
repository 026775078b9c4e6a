#pragma once
// csms-lite's repositories are written against the shared SQLite layer (db/); these declarations
// let them, and their tests, name its types without a prefix.
#include "db/database.hpp"
#include "db/result.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace csms::store {

using namespace eo::db;  // NOLINT(google-build-using-namespace): the store's own vocabulary

// Times are unix milliseconds throughout the schema.
using UnixMs = std::int64_t;

}  // namespace csms::store
