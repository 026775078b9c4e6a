#pragma once
// Shared by the store tests: a temporary folder that removes itself, and small helpers that read
// what SQLite reports through the store's own Statement.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "temp_dir.hpp"

#include "store/migrations.hpp"
#include "store/sqlite.hpp"

namespace store_test {

using TempDir = test_support::TempDir;

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The first column of the first row, as text ("" when there is no row); fails the test on error.
inline std::string query_text(chargepoint::store::Database& db, const std::string& sql) {
  auto statement = chargepoint::store::Statement::prepare(db, sql);
  if (!statement) {
    ADD_FAILURE() << statement.error().message;
    return {};
  }
  auto row = statement->step();
  if (!row) {
    ADD_FAILURE() << row.error().message;
    return {};
  }
  return *row ? statement->column_text(0) : std::string{};
}

inline chargepoint::store::Database open_or_fail(const std::string& path) {
  auto db =
      chargepoint::store::Database::open(path, chargepoint::store::chargepoint_open_options());
  if (!db) throw std::runtime_error("opening " + path + ": " + db.error().message);
  return std::move(*db);
}

inline std::uintmax_t file_size_or_zero(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

}  // namespace store_test
