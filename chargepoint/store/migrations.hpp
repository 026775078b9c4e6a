#pragma once
// The charge point's schema as numbered migrations, and the runner Database::open uses.
#include <span>

#include "store/database.hpp"

namespace chargepoint::store {

// Every migration of the charge point's state file, version 1 first.
std::span<const Migration> chargepoint_migrations();

// Applies the migrations newer than the file's version, each in its own transaction together with
// its row in schema_migrations, so a crash leaves the file at a whole version. Returns the version
// reached. SchemaTooNew when the file has versions this list does not know: a newer build migrated
// it, and guessing at its tables could corrupt it. InvalidArgument when the list is not numbered
// 1, 2, … N.
Result<int> apply_migrations(Database& db, std::span<const Migration> migrations);

}  // namespace chargepoint::store
