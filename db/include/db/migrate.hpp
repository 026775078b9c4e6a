#pragma once
// The migration runner Database::open uses; each program brings its own list of migrations.
#include <span>

#include "db/database.hpp"

namespace eo::db {

// Applies the migrations newer than the file's version, each in its own transaction together with
// its row in schema_migrations, so a crash leaves the file at a whole version. Returns the version
// reached. SchemaTooNew when the file has versions this list does not know: a newer build migrated
// it, and guessing at its tables could corrupt it. InvalidArgument when the list is not numbered
// 1, 2, … N.
Result<int> apply_migrations(Database& db, std::span<const Migration> migrations);

}  // namespace eo::db
