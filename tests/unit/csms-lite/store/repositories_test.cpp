// csms-lite's repositories against a real SQLite database with the real schema.
#include <gtest/gtest.h>

#include "csms_store_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace csms::store;
using csms_test::World;

TEST(CsmsSchema, MigratesAnEmptyFileToTheLatestVersion) {
  World world;
  EXPECT_EQ(world.db.schema_version(), static_cast<int>(csms_migrations().size()));
  for (const auto* table :
       {"charge_points", "connectors", "configuration_snapshots", "id_tags", "transactions",
        "orphan_stops", "meter_samples", "command_log", "charge_point_events", "settings"}) {
    EXPECT_EQ(csms_test::query_int(
                  world.db,
                  std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + table + "'"),
              1)
        << table;
  }
}

TEST(ChargePointRepository, InsertOnceThenUpdateEachField) {
  World world;
  auto& repo = world.store->charge_points;
  EXPECT_TRUE(*repo.insert_if_missing("CP1", "Pending", std::nullopt, 1000));
  EXPECT_FALSE(*repo.insert_if_missing("CP1", "Accepted", std::string("x"), 2000));
  EXPECT_TRUE(*repo.set_registration("CP1", "Accepted"));
  EXPECT_FALSE(*repo.set_registration("CP1", "Accepted"));  // unchanged: no write
  EXPECT_TRUE(*repo.record_boot("CP1", R"({"chargePointVendor":"EO"})", 3000));
  EXPECT_TRUE(*repo.update_last_seen("CP1", 5000));
  EXPECT_FALSE(*repo.update_last_seen("CP1", 4000));  // never backwards
  EXPECT_TRUE(*repo.record_disconnected("CP1", 6000, "no answer to a ping"));
  EXPECT_FALSE(*repo.set_registration("nobody", "Accepted"));
  const auto found = *repo.find("CP1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->registration, "Accepted");
  EXPECT_EQ(found->first_seen_ms, 1000);
  EXPECT_EQ(found->last_seen_ms, 5000);
  EXPECT_EQ(found->booted_at_ms, 3000);
  EXPECT_EQ(found->last_disconnect_reason, "no answer to a ping");
  EXPECT_FALSE(found->password_hash);
  // The schema refuses a registration OCPP does not have.
  EXPECT_EQ(repo.insert_if_missing("CP2", "Maybe", std::nullopt, 1).error().kind,
            ErrorKind::Constraint);
}

TEST(ChargePointRepository, ConnectorsAndConfigurationGoWithTheChargePoint) {
  World world;
  ASSERT_TRUE(world.store->charge_points.insert_if_missing("CP1", "Accepted", std::nullopt, 1));
  ASSERT_TRUE(world.store->connectors.put(
      "CP1", StoredConnector{1, "Charging", "NoError", std::nullopt, std::nullopt, 10}));
  ASSERT_TRUE(world.store->connectors.put(
      "CP1", StoredConnector{1, "Finishing", "NoError", "done", std::nullopt, 20}));
  ASSERT_TRUE(world.store->configurations.put(
      "CP1", ConfigurationSnapshot{R"({"A":{"value":"1","readonly":true}})", "", 30}));
  const auto connectors = *world.store->connectors.for_charge_point("CP1");
  ASSERT_EQ(connectors.size(), 1U);
  EXPECT_EQ(connectors[0].status, "Finishing");
  EXPECT_EQ(connectors[0].info, "done");
  EXPECT_EQ((*world.store->configurations.get("CP1"))->read_at_ms, 30);
  // A connector of a charge point that is not stored is refused by the foreign key.
  EXPECT_FALSE(world.store->connectors.put(
      "ghost", StoredConnector{1, "Available", "NoError", std::nullopt, std::nullopt, 1}));
  ASSERT_TRUE(world.store->charge_points.remove("CP1"));
  EXPECT_TRUE(world.store->connectors.for_charge_point("CP1")->empty());
  EXPECT_FALSE(*world.store->configurations.get("CP1"));
}

TEST(IdTagRepository, ValidatesAndComparesCaseInsensitively) {
  World world;
  auto& tags = world.store->id_tags;
  ASSERT_TRUE(tags.put(StoredIdTag{"Badge-1", "Accepted", 99, "Family", 1}));
  const auto found = *tags.find("BADGE-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->parent_id_tag, "Family");
  EXPECT_EQ(tags.put(StoredIdTag{"", "Accepted", std::nullopt, std::nullopt, 1}).error().kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(tags.put(StoredIdTag{std::string(21, 'x'), "Accepted", std::nullopt, std::nullopt, 1})
                .error()
                .kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(tags.put(StoredIdTag{"B", "Maybe", std::nullopt, std::nullopt, 1}).error().kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(tags.all()->size(), 1U);
  EXPECT_TRUE(*tags.remove("badge-1"));
  EXPECT_FALSE(*tags.remove("badge-1"));
}

TEST(TransactionRepository, IdsAreUniqueAcrossChargePointsAndStopsNeverFail) {
  World world;
  auto& transactions = world.store->transactions;
  const auto a = *transactions.start(TransactionStart{"CP1", 1, "TAG", std::nullopt, 1000, 100});
  const auto b = *transactions.start(TransactionStart{"CP2", 1, "TAG", 7, 1100, 200});
  EXPECT_NE(a, b);
  EXPECT_EQ(
      *transactions.stop("CP1", TransactionStop{a, "TAG", 2000, 1500, "EVDisconnected"}, 2001),
      StopOutcome::Stopped);
  EXPECT_EQ(
      *transactions.stop("CP1", TransactionStop{a, "TAG", 2000, 1500, "EVDisconnected"}, 2002),
      StopOutcome::AlreadyStopped);
  // Another charge point's transaction, -1 and an id never given: answered, kept as orphans.
  EXPECT_EQ(
      *transactions.stop("CP1", TransactionStop{b, std::nullopt, 2100, 300, std::nullopt}, 2100),
      StopOutcome::Orphan);
  EXPECT_EQ(*transactions.stop("CP1", TransactionStop{-1, std::nullopt, 2200, 400, "Local"}, 2200),
            StopOutcome::Orphan);
  EXPECT_EQ(*transactions.stop(
                "CP1", TransactionStop{424242, std::nullopt, 2300, 500, std::nullopt}, 2300),
            StopOutcome::Orphan);
  EXPECT_EQ(transactions.orphan_stops("CP1")->size(), 3U);
  const auto stored = **transactions.find(a);
  EXPECT_EQ(stored.meter_stop_wh, 1500);
  EXPECT_EQ(stored.stop_reason, "EVDisconnected");
  EXPECT_EQ(transactions.open_for("CP2")->size(), 1U);
  EXPECT_EQ(transactions.page("", std::nullopt, 10)->front().id, b);  // newest first
  EXPECT_EQ(transactions.page("", b, 10)->size(), 1U);
  EXPECT_EQ(transactions.page("CP1", std::nullopt, 10)->size(), 1U);
  EXPECT_FALSE(transactions.page("", std::nullopt, 0));
}

TEST(TransactionRepository, TransactionsSurviveReopeningTheFile) {
  test_support::TempDir dir;
  const auto path = (dir.path() / "csms.db").string();
  std::int64_t id = 0;
  {
    World world(path);
    id = *world.store->transactions.start(
        TransactionStart{"CP1", 1, "TAG", std::nullopt, 1000, 100});
  }
  World again(path);
  const auto found = *again.store->transactions.find(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->start.meter_start_wh, 100);
  // The sequence continues after the restart: ids are never reused.
  EXPECT_GT(
      *again.store->transactions.start(TransactionStart{"CP1", 1, "TAG", std::nullopt, 2000, 200}),
      id);
}

TEST(LogRepositories, AuditLogAndEventsPageNewestFirst) {
  World world;
  auto& commands = world.store->commands;
  const auto first = *commands.begin(
      CommandLogEntry{0, "CP1", "Reset", "admin", R"({"type":"Soft"})", 1000, "Pending",
                      std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(*commands.finish(first, "Accepted", std::string(R"({"status":"Accepted"})"),
                               std::nullopt, std::nullopt, 1200));
  const auto second =
      *commands.begin(CommandLogEntry{0, "CP2", "ClearCache", "admin", "{}", 1300, "Pending",
                                      std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  const auto all = *commands.page("", std::nullopt, 10);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].id, second);
  EXPECT_EQ(all[1].outcome, "Accepted");
  EXPECT_EQ(all[1].finished_ms, 1200);
  EXPECT_EQ(commands.page("CP1", std::nullopt, 10)->size(), 1U);

  const std::vector<ChargePointEvent> events{{0, "CP1", "DataTransfer", "{}", 1},
                                             {0, "CP1", "SecurityEvent", "{}", 2}};
  ASSERT_TRUE(world.store->events.append(events));
  EXPECT_EQ(world.store->events.page("CP1", "SecurityEvent", std::nullopt, 10)->size(), 1U);
  EXPECT_EQ(world.store->events.page("CP1", "", std::nullopt, 10)->size(), 2U);
}

TEST(SettingsRepository, UnchangedValuesAreNotWritten) {
  World world;
  auto& settings = world.store->settings;
  EXPECT_TRUE(*settings.put("ui.theme", "dark"));
  EXPECT_FALSE(*settings.put("ui.theme", "dark"));
  EXPECT_EQ(**settings.get("ui.theme"), "dark");
  EXPECT_EQ(settings.all()->size(), 1U);
  EXPECT_TRUE(*settings.erase("ui.theme"));
  EXPECT_FALSE(settings.put("", "x"));
}

}  // namespace
