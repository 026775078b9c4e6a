// Opening, configuring and migrating the state file, and what happens when it is damaged.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "db/settings_repository.hpp"
#include "store/migrations.hpp"
#include "store_test_support.hpp"

namespace {

using chargepoint::store::Database;
using chargepoint::store::ErrorKind;
using chargepoint::store::Migration;
using chargepoint::store::OpenOptions;
using store_test::query_text;
using store_test::TempDir;

constexpr std::array kTwoMigrations{
    Migration{1, "a table", "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);"},
    Migration{2, "a second table", "CREATE TABLE u (n INTEGER); INSERT INTO u VALUES (2);"},
};

OpenOptions with_migrations(std::span<const Migration> migrations) {
  auto options = chargepoint::store::chargepoint_open_options();
  options.migrations = migrations;
  return options;
}

TEST(Database, InMemoryDatabaseGetsTheWholeSchema) {
  auto db = Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_TRUE(db->in_memory());
  EXPECT_EQ(db->schema_version(),
            static_cast<int>(chargepoint::store::chargepoint_migrations().size()));
  for (const char* table :
       {"settings", "auth_cache", "transactions", "outbox", "meter_registers"}) {
    EXPECT_EQ(
        query_text(*db, std::string("SELECT name FROM sqlite_schema WHERE name = '") + table + "'"),
        table);
  }
}

TEST(Database, FileDatabaseIsConfiguredForCrashSafety) {
  TempDir dir;
  auto db = Database::open(dir.file("state.db"), chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_FALSE(db->in_memory());
  EXPECT_EQ(query_text(*db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query_text(*db, "PRAGMA synchronous"), "1");  // NORMAL
  EXPECT_EQ(query_text(*db, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(query_text(*db, "PRAGMA temp_store"), "2");  // MEMORY
}

TEST(Database, SynchronousFullCanBeChosen) {
  TempDir dir;
  auto options = chargepoint::store::chargepoint_open_options();
  options.synchronous_full = true;
  auto db = Database::open(dir.file("state.db"), options);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(query_text(*db, "PRAGMA synchronous"), "2");
}

TEST(Database, MigrationsApplyOnceAcrossReopens) {
  TempDir dir;
  const auto path = dir.file("state.db");
  for (int open = 0; open < 3; ++open) {
    auto db = Database::open(path, with_migrations(kTwoMigrations));
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_EQ(db->schema_version(), 2);
    EXPECT_EQ(query_text(*db, "SELECT COUNT(*) FROM t"), "1");  // the INSERT ran once
    EXPECT_EQ(query_text(*db, "SELECT COUNT(*) FROM schema_migrations"), "2");
  }
}

TEST(Database, ReopeningAnUpToDateFileWritesNothing) {
  TempDir dir;
  const auto path = dir.file("state.db");
  { ASSERT_TRUE(Database::open(path, chargepoint::store::chargepoint_open_options())); }
  auto db = Database::open(path, chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(db->writes(), 0u);
  EXPECT_EQ(db->commits(), 0u);
}

TEST(Database, ALaterMigrationIsAppliedToAnOlderFile) {
  TempDir dir;
  const auto path = dir.file("state.db");
  {
    auto db = Database::open(path, with_migrations(std::span(kTwoMigrations).first(1)));
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_EQ(db->schema_version(), 1);
  }
  auto db = Database::open(path, with_migrations(kTwoMigrations));
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(db->schema_version(), 2);
  EXPECT_EQ(query_text(*db, "SELECT n FROM u"), "2");
}

TEST(Database, AFailedMigrationLeavesTheFileAtTheLastWholeVersion) {
  TempDir dir;
  const auto path = dir.file("state.db");
  constexpr std::array broken{
      kTwoMigrations[0],
      Migration{2, "half broken", "CREATE TABLE v (n INTEGER); INSERT INTO nowhere VALUES (1);"},
  };
  auto failed = Database::open(path, with_migrations(broken));
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("migration 2 (half broken) failed"), std::string::npos)
      << failed.error().message;
  EXPECT_NE(failed.error().message.find("nowhere"), std::string::npos) << failed.error().message;

  auto db = Database::open(path, with_migrations(std::span(broken).first(1)));
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(db->schema_version(), 1);
  EXPECT_EQ(query_text(*db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'v'"), "0");
}

TEST(Database, AFileFromANewerBuildIsRefusedAndLeftAlone) {
  TempDir dir;
  const auto path = dir.file("state.db");
  { ASSERT_TRUE(Database::open(path, with_migrations(kTwoMigrations))); }
  auto older = Database::open(path, with_migrations(std::span(kTwoMigrations).first(1)));
  ASSERT_FALSE(older);
  EXPECT_EQ(older.error().kind, ErrorKind::SchemaTooNew);
  EXPECT_NE(older.error().message.find(path), std::string::npos) << older.error().message;
  EXPECT_NE(older.error().message.find("schema version 2"), std::string::npos);
  EXPECT_NE(older.error().message.find("up to 1"), std::string::npos);
  auto again = Database::open(path, with_migrations(kTwoMigrations));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(query_text(*again, "SELECT COUNT(*) FROM u"), "1");
}

TEST(Database, MigrationsMustBeNumberedFromOne) {
  constexpr std::array gap{
      Migration{1, "one", "CREATE TABLE a (n INTEGER)"},
      Migration{3, "three", "CREATE TABLE b (n INTEGER)"},
  };
  auto db = Database::open_in_memory(with_migrations(gap));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::InvalidArgument);
  EXPECT_NE(db.error().message.find("entry 2 has version 3"), std::string::npos);
}

TEST(Database, AFileThatIsNotADatabaseIsReportedAsCorrupt) {
  TempDir dir;
  const std::string path = dir.write("state.db", std::string(8192, 'x'));
  auto db = Database::open(path, chargepoint::store::chargepoint_open_options());
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::Corrupt);
  EXPECT_NE(db.error().message.find(path), std::string::npos) << db.error().message;
  EXPECT_NE(db.error().message.find("not a database"), std::string::npos) << db.error().message;
}

TEST(Database, ADamagedPageIsFoundAtOpen) {
  TempDir dir;
  const auto path = dir.file("state.db");
  {
    auto db = store_test::open_or_fail(path);
    chargepoint::store::SettingsRepository settings(db);
    for (int i = 0; i < 400; ++i) {
      ASSERT_TRUE(settings.put("key." + std::to_string(i), std::string(100, 'v')));
    }
  }  // the last close checkpoints the WAL into the file
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 8 * 4096u);
  {
    // Overwrite the b-tree headers of the last pages (the settings table's leaves).
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    for (std::uintmax_t page = size / 4096 - 4; page < size / 4096; ++page) {
      file.seekp(static_cast<std::streamoff>(page * 4096));
      file.write("\x0d\xff\xff\xff\xff\xff\xff\xff", 8);
    }
  }
  auto db = Database::open(path, chargepoint::store::chargepoint_open_options());
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::Corrupt);
  EXPECT_NE(db.error().message.find(path), std::string::npos) << db.error().message;
}

TEST(Database, AMissingFolderCannotBeOpened) {
  TempDir dir;
  const auto path = dir.file("no/such/folder/state.db");
  auto db = Database::open(path, chargepoint::store::chargepoint_open_options());
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::CantOpen);
  EXPECT_NE(db.error().message.find(path), std::string::npos) << db.error().message;
}

TEST(Database, AFolderIsNotADatabaseFile) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("state.db"));
  auto db = Database::open(dir.file("state.db"), chargepoint::store::chargepoint_open_options());
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().kind, ErrorKind::CantOpen) << db.error().message;
}

TEST(Database, MoveAsideKeepsTheBadFileAndStartsAFreshOne) {
  TempDir dir;
  const std::string path = dir.write("state.db", std::string(4096, 'x'));
  ASSERT_EQ(Database::open(path, chargepoint::store::chargepoint_open_options()).error().kind,
            ErrorKind::Corrupt);
  // A WAL left by the process that last wrote the file belongs with it.
  dir.write("state.db-wal", "not a wal");
  dir.write("state.db-shm", "not an index");

  // 2024-03-05 06:07:08 UTC
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1709618828));
  auto recreated =
      Database::move_aside_and_recreate(path, now, chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(recreated) << recreated.error().message;
  EXPECT_EQ(recreated->moved_to, path + ".corrupt-20240305T060708Z");
  EXPECT_EQ(store_test::read_file(recreated->moved_to), std::string(4096, 'x'));
  EXPECT_EQ(store_test::read_file(recreated->moved_to + "-wal"), "not a wal");
  EXPECT_EQ(recreated->database.schema_version(),
            static_cast<int>(chargepoint::store::chargepoint_migrations().size()));
  EXPECT_EQ(query_text(recreated->database, "SELECT COUNT(*) FROM outbox"), "0");
}

TEST(Database, MoveAsideTwiceInOneSecondKeepsBothFiles) {
  TempDir dir;
  const auto path = dir.file("state.db");
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1709618828));
  dir.write("state.db", "first");
  ASSERT_TRUE(
      Database::move_aside_and_recreate(path, now, chargepoint::store::chargepoint_open_options()));
  dir.write("state.db", "second");  // the fresh file was closed with the Recreated result
  auto second =
      Database::move_aside_and_recreate(path, now, chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->moved_to, path + ".corrupt-20240305T060708Z-1");
  EXPECT_EQ(store_test::read_file(path + ".corrupt-20240305T060708Z"), "first");
  EXPECT_EQ(store_test::read_file(second->moved_to), "second");
}

TEST(Database, MoveAsideNeedsAnExistingFile) {
  TempDir dir;
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(Database::move_aside_and_recreate(":memory:", now).error().kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(Database::move_aside_and_recreate(dir.file("missing.db"), now).error().kind,
            ErrorKind::NotFound);
}

TEST(Database, ExecReportsSqlErrorsWithTheFileName) {
  TempDir dir;
  auto db = store_test::open_or_fail(dir.file("state.db"));
  auto done = db.exec("INSERT INTO nowhere VALUES (1)");
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::Internal);
  EXPECT_NE(done.error().message.find(dir.file("state.db")), std::string::npos);
  EXPECT_NE(done.error().message.find("no such table: nowhere"), std::string::npos)
      << done.error().message;
  EXPECT_NE(done.error().sqlite_code, 0);
}

TEST(Database, ErrorKindsHaveNames) {
  EXPECT_EQ(chargepoint::store::to_string(ErrorKind::Full), "Full");
  EXPECT_EQ(chargepoint::store::to_string(ErrorKind::SchemaTooNew), "SchemaTooNew");
}

}  // namespace

namespace {

using chargepoint::store::Statement;

TEST(Database, AFinishedStatementIsReusedWithoutItsBindings) {
  auto db = Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(db) << db.error().message;
  const auto before = db->idle_statements();
  {
    auto first = Statement::prepare(*db, "SELECT ?1");
    ASSERT_TRUE(first);
    first->bind(1, std::int64_t{5});
    ASSERT_TRUE(first->step().value());
    EXPECT_EQ(first->column_int64(0), 5);
  }  // given back mid-result: reset on the way
  EXPECT_EQ(db->idle_statements(), before + 1);
  {
    auto again = Statement::prepare(*db, "SELECT ?1");
    ASSERT_TRUE(again);
    EXPECT_EQ(db->idle_statements(), before);  // taken out while in use
    ASSERT_TRUE(again->step().value());
    EXPECT_TRUE(again->is_null(0));  // the earlier 5 did not stay bound
    // The same SQL twice at once: a second compiled copy; one of them is kept afterwards.
    auto twin = Statement::prepare(*db, "SELECT ?1");
    ASSERT_TRUE(twin);
    twin->bind(1, "x");
    ASSERT_TRUE(twin->step().value());
    EXPECT_EQ(twin->column_text(0), "x");
  }
  EXPECT_EQ(db->idle_statements(), before + 1);
}

TEST(Database, KeptStatementsSurviveASchemaChangeAndStayBounded) {
  auto db = Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE(db->exec("CREATE TABLE k (n INTEGER)"));
  ASSERT_TRUE(Statement::prepare(*db, "INSERT INTO k (n) VALUES (1)")->run());
  ASSERT_TRUE(db->exec("ALTER TABLE k ADD COLUMN m INTEGER DEFAULT 7"));
  // The kept INSERT was compiled for the old table; SQLite compiles it again by itself.
  auto inserted = Statement::prepare(*db, "INSERT INTO k (n) VALUES (1)")->run();
  ASSERT_TRUE(inserted) << inserted.error().message;
  EXPECT_EQ(*inserted, 1);
  auto count = Statement::prepare(*db, "SELECT count(*), max(m) FROM k");
  ASSERT_TRUE(count);
  ASSERT_TRUE(count->step().value());
  EXPECT_EQ(count->column_int64(0), 2);
  EXPECT_EQ(count->column_int64(1), 7);
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(Statement::prepare(*db, "SELECT " + std::to_string(i))->run());
  }
  EXPECT_LE(db->idle_statements(), 64U);
}

}  // namespace
