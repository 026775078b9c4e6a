#pragma once
// The charge point's repositories are written against the shared SQLite layer (db/); these
// declarations let them, and their tests, name its types without a prefix.
#include "db/database.hpp"
#include "db/result.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace chargepoint::store {

using namespace eo::db;  // NOLINT(google-build-using-namespace): the store's own vocabulary
// Named as well, because the repositories declare to_string overloads of their own, which would
// hide this one from qualified lookup (store::to_string).
using eo::db::to_string;

}  // namespace chargepoint::store
