// CentralSystemPortAdapter over a real CentralSystem, in-memory store and registry, on manual time:
// what the API sees of charge points, commands and their three errors, transactions, series, the
// audit log, id tags, settings and live events.
#include <gtest/gtest.h>

#include "port_fixture.hpp"

namespace csms_test {
namespace {

TEST_F(PortTest, ChargersShowBootLiveValuesAndSessionEnergy) {
  connect("CP1");
  ok("StatusNotification", {{"connectorId", 0}, {"errorCode", "NoError"}, {"status", "Available"}});
  ok("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}});
  const auto id = start("TAG1", 1000);
  meter(1500, 31.5, 32.25);
  const auto list = port.chargers();
  ASSERT_EQ(list.size(), 1U);
  const auto& cp = list[0];
  EXPECT_EQ(cp.id, "CP1");
  EXPECT_TRUE(cp.connected);
  EXPECT_EQ(cp.registration, "Accepted");
  EXPECT_EQ(cp.status, "Available");
  EXPECT_EQ(cp.vendor, "EO");
  EXPECT_EQ(cp.model, "EO Mini Pro 2");
  EXPECT_EQ(cp.firmware, "1.2.3");
  ASSERT_EQ(cp.connectors.size(), 1U);
  const auto& c = cp.connectors[0];
  EXPECT_EQ(c.connector_id, 1);
  EXPECT_EQ(c.status, "Charging");
  EXPECT_EQ(c.transaction_id, id);
  EXPECT_DOUBLE_EQ(c.current_a.value_or(0), 32.25);  // the highest phase
  EXPECT_DOUBLE_EQ(c.power_w.value_or(0), 7200.0);
  EXPECT_DOUBLE_EQ(c.energy_register_wh.value_or(0), 1500.0);
  EXPECT_DOUBLE_EQ(c.session_energy_wh.value_or(0), 500.0);
}

TEST_F(PortTest, DetailCarriesConfigurationValuesAndUnknownIsNotFound) {
  connect("CP1");
  central.configuration_read(*registry.find("CP1"),
                             {{"HeartbeatInterval", {{"value", "300"}, {"readonly", false}}}}, {});
  const auto detail = value_of(port.charger("CP1"));
  EXPECT_EQ(detail.configuration, json({{"HeartbeatInterval", "300"}}));
  EXPECT_TRUE(detail.configuration_at.has_value());
  const auto missing = port.charger("NOPE");
  ASSERT_TRUE(std::holds_alternative<api::PortError>(missing));
  EXPECT_EQ(std::get<api::PortError>(missing).kind, api::PortErrorKind::NotFound);
}

TEST_F(PortTest, RegistrationOnlyForPendingChargePoints) {
  connect("NEW1", false);
  EXPECT_EQ(port.chargers().at(0).registration, "Pending");
  EXPECT_FALSE(port.set_registration("NEW1", true, "admin").has_value());
  EXPECT_EQ(port.chargers().at(0).registration, "Accepted");
  EXPECT_EQ(error_of(port.set_registration("NEW1", false, "admin")), api::PortErrorKind::Conflict);
  EXPECT_EQ(error_of(port.set_registration("NOPE", true, "admin")), api::PortErrorKind::NotFound);
  api::AuditFilter filter;
  filter.kind = "registration";
  const auto audit = value_of(port.audit(filter));
  ASSERT_EQ(audit.items.size(), 1U);
  EXPECT_EQ(audit.items[0].actor, "admin");
  EXPECT_EQ(audit.items[0].charger_id, "NEW1");
}

TEST_F(PortTest, CommandsEndInAResultOrOneOfThreeErrors) {
  connect("CP1");
  std::vector<api::CommandOutcome> outcomes;
  auto keep = [&outcomes](api::CommandOutcome o) { outcomes.push_back(std::move(o)); };
  EXPECT_FALSE(port.send_command("CP1", "Reset", {{"type", "Soft"}}, "token:ha", keep));
  peer().io.answer_last({{"status", "Accepted"}});
  ASSERT_EQ(outcomes.size(), 1U);
  EXPECT_EQ(std::get<json>(outcomes[0]).at("status"), "Accepted");

  EXPECT_FALSE(port.send_command("CP1", "RemoteStartTransaction", {{"idTag", "T"}}, "admin", keep));
  const auto call = peer().io.last();
  peer().session.receive(
      json::array({4, call.at(1), "NotSupported", "no remote start", json::object()}).dump());
  ASSERT_EQ(outcomes.size(), 2U);
  const auto& call_error = std::get<api::CommandError>(outcomes[1]);
  EXPECT_EQ(call_error.kind, api::CommandErrorKind::CallError);
  EXPECT_EQ(call_error.code, "NotSupported");

  EXPECT_FALSE(port.send_command("CP1", "Reset", {{"type", "Hard"}}, "admin", keep));
  world.timers.advance(30s);
  ASSERT_EQ(outcomes.size(), 3U);
  EXPECT_EQ(std::get<api::CommandError>(outcomes[2]).kind, api::CommandErrorKind::Timeout);

  targets.peers.clear();
  EXPECT_FALSE(port.send_command("CP1", "Reset", {{"type", "Soft"}}, "admin", keep));
  ASSERT_EQ(outcomes.size(), 4U);
  EXPECT_EQ(std::get<api::CommandError>(outcomes[3]).kind, api::CommandErrorKind::NotConnected);

  // Refused before sending: reported by the return value, `done` never runs.
  EXPECT_EQ(error_of(port.send_command("CP1", "Reset", {{"type", "Medium"}}, "admin", keep)),
            api::PortErrorKind::Invalid);
  EXPECT_EQ(error_of(port.send_command("CP1", "Explode", json::object(), "admin", keep)),
            api::PortErrorKind::Invalid);
  EXPECT_EQ(error_of(port.send_command("NOPE", "Reset", {{"type", "Soft"}}, "admin", keep)),
            api::PortErrorKind::NotFound);
  EXPECT_EQ(outcomes.size(), 4U);

  api::AuditFilter filter;
  filter.kind = "command";
  const auto audit = value_of(port.audit(filter));
  ASSERT_GE(audit.items.size(), 4U);
  EXPECT_EQ(audit.total, audit.items.size());
  const auto by_ha = std::find_if(audit.items.begin(), audit.items.end(),
                                  [](const api::AuditEntry& e) { return e.actor == "token:ha"; });
  ASSERT_NE(by_ha, audit.items.end());
  EXPECT_EQ(by_ha->summary, "Reset → Accepted");
  EXPECT_EQ(by_ha->charger_id, "CP1");
}

TEST_F(PortTest, TransactionsFilterAndPage) {
  connect("CP1");
  const auto first = start("TAG1", 0);
  ok("StopTransaction", {{"transactionId", first},
                         {"meterStop", 2000},
                         {"timestamp", "2026-11-22T07:00:00Z"},
                         {"idTag", "TAG1"}});
  world.timers.advance(1h);
  const auto second = start("TAG2", 2000);
  api::TransactionFilter all;
  EXPECT_EQ(value_of(port.transactions(all)).total, 2U);
  api::TransactionFilter active;
  active.active = true;
  const auto open = value_of(port.transactions(active));
  ASSERT_EQ(open.items.size(), 1U);
  EXPECT_EQ(open.items[0].id, second);
  EXPECT_EQ(open.items[0].id_tag, "TAG2");
  api::TransactionFilter tag;
  tag.id_tag = "TAG1";
  const auto done = value_of(port.transactions(tag));
  ASSERT_EQ(done.items.size(), 1U);
  EXPECT_DOUBLE_EQ(done.items[0].meter_stop_wh.value_or(0), 2000.0);
  api::TransactionFilter paged;
  paged.page = {1, 1};
  const auto page = value_of(port.transactions(paged));
  EXPECT_EQ(page.total, 2U);
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_EQ(page.items[0].id, first);  // newest first
  api::TransactionFilter other;
  other.charger_id = "CP2";
  EXPECT_EQ(value_of(port.transactions(other)).total, 0U);
}

TEST_F(PortTest, SeriesAveragesEachStepInBaseUnits) {
  connect("CP1");
  const auto from = world.clock.now();
  meter(1000, 10, 12);
  world.timers.advance(30s);
  meter(1100, 20, 14);
  world.timers.advance(60s);
  meter(1300, 30, 30);
  const auto points =
      value_of(port.series({"CP1", from, from + 10min, std::chrono::seconds(60), std::nullopt}));
  ASSERT_EQ(points.size(), 2U);
  EXPECT_EQ(points[0].at, from);
  EXPECT_DOUBLE_EQ(points[0].current_a.value_or(0), 15.0);  // L1 mean 15 beats L2 mean 13
  EXPECT_DOUBLE_EQ(points[0].power_w.value_or(0), 7200.0);
  EXPECT_DOUBLE_EQ(points[0].energy_wh.value_or(0), 1100.0);
  EXPECT_EQ(points[1].at, from + 60s);
  const auto missing =
      port.series({"NOPE", from, from + 1h, std::chrono::seconds(60), std::nullopt});
  EXPECT_EQ(std::get<api::PortError>(missing).kind, api::PortErrorKind::NotFound);
}

TEST_F(PortTest, AuditRecordsSurviveAndFilterByKindAndTime) {
  port.record_audit("admin", "login", std::nullopt, "logged in from 10.0.0.2", {{"user", "admin"}});
  world.timers.advance(1min);
  port.record_audit("admin", "token", std::nullopt, "API token \"ha\" created", json::object());
  const auto all = value_of(port.audit({}));
  ASSERT_EQ(all.items.size(), 2U);
  EXPECT_EQ(all.items[0].kind, "token");  // newest first
  EXPECT_EQ(all.items[1].summary, "logged in from 10.0.0.2");
  EXPECT_EQ(all.items[1].details, json({{"user", "admin"}}));
  api::AuditFilter logins;
  logins.kind = "login";
  EXPECT_EQ(value_of(port.audit(logins)).total, 1U);
  api::AuditFilter later;
  later.from = world.clock.now();
  EXPECT_EQ(value_of(port.audit(later)).total, 1U);
}

TEST_F(PortTest, IdTagsKeepNotesAndTellCreatedFromReplaced) {
  api::IdTag tag;
  tag.id_tag = "CARD1";
  tag.note = "blue card";
  EXPECT_TRUE(value_of(port.put_id_tag(tag, "admin")));
  tag.status = "Blocked";
  EXPECT_FALSE(value_of(port.put_id_tag(tag, "admin")));
  const auto read = value_of(port.id_tag("CARD1"));
  EXPECT_EQ(read.status, "Blocked");
  EXPECT_EQ(read.note, "blue card");
  EXPECT_EQ(value_of(port.id_tags()).size(), 1U);
  EXPECT_FALSE(port.erase_id_tag("CARD1", "admin").has_value());
  EXPECT_EQ(error_of(port.erase_id_tag("CARD1", "admin")), api::PortErrorKind::NotFound);
}

TEST_F(PortTest, SettingsChangeAllOrNothing) {
  port.set_read_only_settings({{"ocppPort", 8080}});
  EXPECT_EQ(port.settings(), json({{"timeZone", "UTC"}, {"ocppPort", 8080}}));
  const auto changed = value_of(port.update_settings({{"timeZone", "Europe/London"}}, "admin"));
  EXPECT_EQ(changed.at("timeZone"), "Europe/London");
  const auto bad = port.update_settings({{"timeZone", "../etc/passwd"}}, "admin");
  EXPECT_EQ(std::get<api::PortError>(bad).field, "timeZone");
  const auto unknown = port.update_settings({{"timeZone", "UTC"}, {"colour", "red"}}, "admin");
  EXPECT_EQ(std::get<api::PortError>(unknown).field, "colour");
  const auto read_only = port.update_settings({{"ocppPort", 9000}}, "admin");
  EXPECT_EQ(std::get<api::PortError>(read_only).field, "ocppPort");
  EXPECT_EQ(port.settings().at("timeZone"), "Europe/London");
}

TEST_F(PortTest, SubscribersGetChargerEventsUntilTheSubscriptionGoes) {
  connect("CP1");
  std::vector<api::LiveEvent> events;
  auto subscription = port.subscribe([&events](const api::LiveEvent& e) { events.push_back(e); },
                                     [] { return true; });
  ok("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Preparing"}});
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().type, "charger");
  EXPECT_EQ(events.back().data.at("id"), "CP1");
  start("TAG1", 0);
  EXPECT_EQ(events.back().type, "transaction");
  const auto seen = events.size();
  subscription.reset();
  ok("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}});
  EXPECT_EQ(events.size(), seen);
}

}  // namespace
}  // namespace csms_test
