// The CentralSystem facade on a real database and manual time: admission and registration, state
// that survives a restart, id tags, meter series, events, and the write budget of one charge point.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "../store/csms_store_support.hpp"
#include "fake_session_io.hpp"
#include "features/central_system.hpp"
#include "temp_dir.hpp"

namespace {

using namespace csms;
using nlohmann::json;
using namespace std::chrono_literals;

class NoConnections final : public CommandTargets {
 public:
  ocpp::Session* session_for(std::string_view) override { return nullptr; }
};

struct Central {
  explicit Central(csms_test::World& world,
                   UnknownChargePoints policy = UnknownChargePoints::Pending)
      : registry(policy),
        central(registry, *world.store, world.timers, world.clock, CentralSystemOptions{}) {
    central.attach(targets);
    central.on_event([this](const json& event) { events.push_back(event.at("type")); });
  }
  // What Connections does for one connection: admit, connect, register the handlers.
  ChargePointRecord& connect(const std::string& id) {
    EXPECT_EQ(central.admit(id, std::nullopt), Admission::Accepted);
    auto& record = *registry.find(id);
    central.connected(record, "127.0.0.1:1234");
    register_charge_point_messages(router, central.context_for(record, {}));
    return record;
  }
  json ok(const std::string& action, const json& payload) {
    auto outcome = router.dispatch(action, payload);
    EXPECT_TRUE(outcome.ok()) << action << ": "
                              << (outcome.ok() ? "" : outcome.error().description);
    return outcome.ok() ? outcome.value() : json();
  }

  NoConnections targets;
  ChargePointRegistry registry;
  CentralSystem central;
  ocpp::Router router;
  std::vector<std::string> events;
};

json meter_values(common::WallTime at, double energy_wh) {
  const auto time =
      json(ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(at)));
  return {
      {"connectorId", 1},
      {"transactionId", 1},
      {"meterValue",
       json::array(
           {{{"timestamp", time},
             {"sampledValue",
              json::array({
                  {{"value", std::to_string(energy_wh)}, {"unit", "Wh"}},
                  {{"value", "7360"}, {"measurand", "Power.Active.Import"}, {"unit", "W"}},
                  {{"value", "32.0"},
                   {"measurand", "Current.Import"},
                   {"phase", "L1"},
                   {"unit", "A"}},
                  {{"value", "230.0"}, {"measurand", "Voltage"}, {"phase", "L1-N"}, {"unit", "V"}},
              })}}})}};
}

TEST(CentralSystem, UnknownChargePointsWaitPendingUntilAccepted) {
  csms_test::World world;
  Central cs(world);
  cs.connect("NEW1");
  const json boot = {{"chargePointVendor", "EO"}, {"chargePointModel", "Mini Pro 2"}};
  EXPECT_EQ(cs.ok("BootNotification", boot).at("status"), "Pending");
  EXPECT_EQ(cs.central.charge_points().at(0).at("registration"), "Pending");
  EXPECT_TRUE(cs.central.accept("NEW1"));
  EXPECT_EQ(cs.ok("BootNotification", boot).at("status"), "Accepted");
  EXPECT_EQ((*world.store->charge_points.find("NEW1"))->registration, "Accepted");
  EXPECT_TRUE(cs.central.reject("NEW1"));
  EXPECT_EQ(cs.ok("BootNotification", boot).at("status"), "Rejected");
  const auto missing = cs.central.accept("NOPE");
  EXPECT_FALSE(missing);
  EXPECT_TRUE(missing.not_found);
  EXPECT_EQ(cs.events, (std::vector<std::string>{"ChargePointAdded", "Connected", "Booted",
                                                 "RegistrationChanged", "Booted",
                                                 "RegistrationChanged", "Booted"}));
}

TEST(CentralSystem, StateSurvivesARestart) {
  test_support::TempDir dir;
  const auto path = (dir.path() / "csms.db").string();
  std::int64_t transaction_id = 0;
  {
    csms_test::World world(path);
    Central cs(world, UnknownChargePoints::Accept);
    auto& record = cs.connect("CP1");
    EXPECT_TRUE(cs.central.set_password("CP1", std::string("a-long-secret")));
    cs.ok("BootNotification", {{"chargePointVendor", "EO"}, {"chargePointModel", "Mini Pro 2"}});
    cs.ok("StatusNotification",
          {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}});
    transaction_id = cs.ok("StartTransaction", {{"connectorId", 1},
                                                {"idTag", "TAG"},
                                                {"meterStart", 100},
                                                {"timestamp", "2026-11-22T06:00:00Z"}})
                         .at("transactionId");
    cs.ok("MeterValues", meter_values(world.clock.now(), 150));
    cs.central.configuration_read(
        record, {{"HeartbeatInterval", {{"value", "300"}, {"readonly", false}}}}, {});
    cs.central.disconnected(record, "server stopping");
    // No flush: the buffered rows are written when the store goes (shutdown).
  }
  csms_test::World world(path);
  Central cs(world, UnknownChargePoints::Reject);
  cs.central.load();
  EXPECT_EQ(cs.registry.admit("CP1", std::nullopt), Admission::WrongPassword);
  EXPECT_EQ(cs.registry.admit("CP1", "a-long-secret"), Admission::Accepted);
  const auto cp = *cs.central.charge_point("CP1");
  EXPECT_EQ(cp.at("registration"), "Accepted");
  EXPECT_EQ(cp.at("boot").at("chargePointModel"), "Mini Pro 2");
  EXPECT_EQ(cp.at("connectors").at("1").at("status"), "Charging");
  EXPECT_EQ(cp.at("connectors").at("1").at("transactionId"), transaction_id);
  EXPECT_EQ(cp.at("configuration").at("HeartbeatInterval").at("value"), "300");
  EXPECT_EQ(cp.at("openTransactions").size(), 1U);
  // The disconnect and its reason were recorded (a ping timeout reads "no answer to a ping within
  // 20 s").
  EXPECT_EQ((*world.store->charge_points.find("CP1"))->last_disconnect_reason, "server stopping");
  EXPECT_EQ(world.store->events.page("CP1", "Disconnected", std::nullopt, 10)->size(), 1U);
  const auto series =
      *cs.central.meter_series("CP1", csms_test::k_start - 1h, csms_test::k_start + 1h, 0,
                               "Energy.Active.Import.Register", 100);
  ASSERT_EQ(series.at("samples").size(), 1U);
  EXPECT_DOUBLE_EQ(series.at("samples")[0].at("value").get<double>(), 150.0);
}

TEST(CentralSystem, IdTagsThroughJsonWithPreciseErrors) {
  csms_test::World world;
  Central cs(world);
  EXPECT_TRUE(cs.central.put_id_tag({{"idTag", "BADGE1"}, {"expiryDate", "2027-01-01T00:00:00Z"}}));
  EXPECT_EQ(cs.central.id_tag("badge1")->at("status"), "Accepted");
  EXPECT_EQ(cs.central.put_id_tag({{"idTag", "B"}, {"expiryDate", "tomorrow"}}).error,
            "expiryDate \"tomorrow\" is not an RFC 3339 date-time");
  EXPECT_EQ(cs.central.put_id_tag({{"idTag", 5}}).error, "idTag must be a string");
  EXPECT_FALSE(cs.central.put_id_tag({{"idTag", "B"}, {"status", "Maybe"}}));
  EXPECT_EQ(cs.central.id_tags().size(), 1U);
  EXPECT_TRUE(cs.central.remove_id_tag("BADGE1"));
  EXPECT_TRUE(cs.central.remove_id_tag("BADGE1").not_found);
  EXPECT_TRUE(cs.central.put_setting("ui.language", "en"));
  EXPECT_EQ(cs.central.setting("ui.language"), "en");
  EXPECT_FALSE(cs.central.setting("ui.theme"));
  EXPECT_EQ(cs.central.put_setting("", "x").error, "setting key must be 1 to 255 bytes, got 0");
}

TEST(CentralSystem, MeterSeriesIncludesBufferedSamplesAndCheckItsArguments) {
  csms_test::World world;
  Central cs(world, UnknownChargePoints::Accept);
  cs.connect("CP1");
  cs.ok("MeterValues", meter_values(world.clock.now(), 1000));
  const auto series =
      *cs.central.meter_series("CP1", csms_test::k_start, csms_test::k_start + 1min, 0, "", 100);
  EXPECT_EQ(series.at("samples").size(), 4U);
  std::string error;
  EXPECT_FALSE(cs.central.meter_series("CP1", csms_test::k_start, csms_test::k_start + 1min, 5, "",
                                       100, &error));
  EXPECT_EQ(error, "resolution must be 0 (as sampled), 60 or 900 seconds, not 5");
  const auto summary = cs.central.charge_point("CP1")->at("connectors").at("1").at("summary");
  EXPECT_EQ(summary.at("current_a"), 32.0);
  EXPECT_EQ(summary.at("voltage_v"), 230.0);
}

// Accepting a Pending charge point that is connected asks it to boot again now (TriggerMessage), so
// it need not wait for the retry interval; the command is in the audit log as the system's.
TEST(CentralSystem, AcceptingAConnectedPendingChargePointTriggersItsBoot) {
  csms_test::World world;
  test_support::FakeSessionIo io(world.timers);
  ocpp::Router peer_router;
  ocpp::Session session(peer_router, io, ocpp::SessionOptions{});
  io.attach(session);
  struct OneConnection final : CommandTargets {
    explicit OneConnection(ocpp::Session& s) : session(s) {}
    ocpp::Session* session_for(std::string_view id) override {
      return id == "NEW1" ? &session : nullptr;
    }
    ocpp::Session& session;
  } targets(session);
  Central cs(world);
  cs.central.attach(targets);
  cs.connect("NEW1");
  ASSERT_TRUE(cs.central.accept("NEW1"));
  const auto call = io.last();
  EXPECT_EQ(call.at(2), "TriggerMessage");
  EXPECT_EQ(call.at(3), json({{"requestedMessage", "BootNotification"}}));
  io.answer_last({{"status", "Accepted"}});
  const auto log = cs.central.audit_log("NEW1", std::nullopt, 10);
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].at("requestedBy"), "system");
  EXPECT_EQ(log[0].at("outcome"), "Accepted");
  // Accepting again sends nothing more.
  ASSERT_TRUE(cs.central.accept("NEW1"));
  EXPECT_EQ(io.sent.size(), 1U);
}

// The SD card budget: one charge point sending MeterValues (4 samples) every 10 s and a Heartbeat
// every 300 s for an hour. Batched (flush every 60 s) against a flush per message
// (max_rows = 1).
struct Budget {
  std::uint64_t statements;
  std::uint64_t commits;
  std::uintmax_t
      wal_bytes;  // what reached the card: every page each commit touched (1 KiB pages, db/)
};

Budget one_hour(store::BatchOptions batch) {
  test_support::TempDir dir;
  const auto path = (dir.path() / "csms.db").string();
  csms_test::World world(path, batch);
  // No checkpoints during the hour, so the WAL's size counts every page written.
  EXPECT_TRUE(world.db.exec("PRAGMA wal_autocheckpoint=0"));
  Central cs(world, UnknownChargePoints::Accept);
  cs.connect("CP1");
  cs.central.flush();  // the Connected event: not part of the hour
  EXPECT_TRUE(world.db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  const auto writes0 = world.db.writes();
  const auto commits0 = world.db.commits();
  for (int second = 10; second <= 3600; second += 10) {
    world.timers.advance(10s);
    cs.ok("MeterValues", meter_values(world.clock.now(), 1000.0 + second));
    if (second % 300 == 0) cs.ok("Heartbeat", json::object());
  }
  cs.central.flush();  // what is still buffered at the end of the hour belongs to it
  std::error_code error;
  const auto wal = std::filesystem::file_size(path + "-wal", error);
  return Budget{world.db.writes() - writes0, world.db.commits() - commits0, error ? 0 : wal};
}

TEST(CentralSystem, WritesPerHourForOneChargePointSampledEvery10s) {
  const auto batched = one_hour(store::BatchOptions{60s, 1000, 20000});
  const auto unbatched = one_hour(store::BatchOptions{60s, 1, 20000});
  std::cout
      << "one charge point, MeterValues (4 samples) every 10 s, Heartbeat every 300 s, one hour:\n"
      << "  batched (60 s / 1000 rows): " << batched.statements << " row writes in "
      << batched.commits << " commits, " << batched.wal_bytes / 1024 << " KiB to the WAL\n"
      << "  a commit per message:       " << unbatched.statements << " row writes in "
      << unbatched.commits << " commits, " << unbatched.wal_bytes / 1024 << " KiB to the WAL\n";
  // Every sample is kept, and last-seen once per heartbeat (they are 300 s apart: never coalesced).
  EXPECT_EQ(batched.statements, 360U * 4 + 12);
  EXPECT_EQ(unbatched.statements, batched.statements);
  // At most one commit a minute (the timer is armed by the first row after a flush).
  EXPECT_LE(batched.commits, 61U);
  EXPECT_EQ(unbatched.commits, 360U + 12);
  EXPECT_LT(batched.wal_bytes * 2, unbatched.wal_bytes);
}

}  // namespace
