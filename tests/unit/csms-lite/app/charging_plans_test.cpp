// ChargingPlans through the port: a plan is validated, stored and sent as TxDefaultProfiles; a
// charger's own plan replaces the global one; profiles go out again after a boot and after the next
// clock change; tariffs are versioned; the CSV export costs sessions with the tariff in force.
#include <gtest/gtest.h>

#include <set>

#include "api/json_views.hpp"
#include "port_fixture.hpp"

namespace csms_test {
namespace {

const json k_plan = {{"time_zone", "Europe/London"},
                     {"otherwise_a", 0},
                     {"windows",
                      {{{"days", {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}},
                        {"start", "00:30"},
                        {"end", "05:30"},
                        {"current_a", 32}}}}};

class PlansTest : public PortTest {
 protected:
  // The SetChargingProfile CALLs CP1 was sent, answering each with `status`.
  std::vector<json> answer_profiles(const std::string& status = "Accepted") {
    std::vector<json> profiles;
    for (;;) {
      const auto call = peer().io.last();
      if (!call.is_array() || call.at(0) != 2 || call.at(2) != "SetChargingProfile" ||
          !answered_.insert(call.at(1).get<std::string>()).second) {
        break;
      }
      profiles.push_back(call.at(3));
      peer().io.answer_last({{"status", status}});
    }
    return profiles;
  }
  std::set<std::string> answered_;  // message ids: one CALL is answered once
  std::size_t profiles_sent() {
    return static_cast<std::size_t>(
        std::count_if(peer().io.sent.begin(), peer().io.sent.end(), [](const std::string& frame) {
          return frame.find("\"SetChargingProfile\"") != std::string::npos;
        }));
  }
};

TEST_F(PlansTest, ASavedPlanIsSentAsTwoTxDefaultProfiles) {
  connect("CP1");
  const auto saved = value_of(port.put_schedule(std::nullopt, k_plan, "admin"));
  EXPECT_EQ(saved.at("sent_to"), json::array({"CP1"}));
  EXPECT_EQ(saved.at("plan").at("windows").size(), 1U);
  ASSERT_TRUE(saved.at("next_window").is_object());
  EXPECT_EQ(saved.at("next_window").at("current_a"), 32.0);
  const auto profiles = answer_profiles();
  ASSERT_EQ(profiles.size(), 2U);  // now, and after the next clock change (docs/schedules.md)
  EXPECT_EQ(profiles[0].at("connectorId"), 0);
  const auto& first = profiles[0].at("csChargingProfiles");
  EXPECT_EQ(first.at("chargingProfileId"), ChargingPlans::profile_id);
  EXPECT_EQ(first.at("chargingProfilePurpose"), "TxDefaultProfile");
  EXPECT_EQ(profiles[1].at("csChargingProfiles").at("chargingProfileId"),
            ChargingPlans::profile_id + 1);
  EXPECT_EQ(value_of(port.schedule(std::nullopt)).at("plan"), saved.at("plan"));
  api::AuditFilter filter;
  filter.kind = "schedule";
  EXPECT_EQ(value_of(port.audit(filter)).total, 1U);
}

TEST_F(PlansTest, BadPlansAreRefusedWithTheReason) {
  auto overlapping = k_plan;
  overlapping["windows"].push_back(
      {{"days", {"Mon"}}, {"start", "05:00"}, {"end", "06:00"}, {"current_a", 16}});
  const auto overlap = port.put_schedule(std::nullopt, overlapping, "admin");
  ASSERT_TRUE(std::holds_alternative<api::PortError>(overlap));
  EXPECT_NE(std::get<api::PortError>(overlap).message.find("overlap"), std::string::npos);
  auto zone = k_plan;
  zone["time_zone"] = "Mars/Olympus";
  EXPECT_EQ(std::get<api::PortError>(port.put_schedule(std::nullopt, zone, "admin")).kind,
            api::PortErrorKind::Invalid);
  auto current = k_plan;
  current["windows"][0]["current_a"] = 5;
  EXPECT_TRUE(std::holds_alternative<api::PortError>(port.put_schedule("CP9", k_plan, "admin")));
  EXPECT_TRUE(
      std::holds_alternative<api::PortError>(port.put_schedule(std::nullopt, current, "a")));
  EXPECT_TRUE(value_of(port.schedule(std::nullopt)).at("plan").is_null());
}

TEST_F(PlansTest, AChargersOwnPlanReplacesTheGlobalOne) {
  connect("CP1");
  value_of(port.put_schedule(std::nullopt, k_plan, "admin"));
  answer_profiles();
  EXPECT_TRUE(value_of(port.schedule("CP1")).at("inherited"));
  auto own = k_plan;
  own["windows"][0]["current_a"] = 16;
  value_of(port.put_schedule("CP1", own, "admin"));
  const auto sent = answer_profiles();
  ASSERT_FALSE(sent.empty());
  const auto& periods = sent[0]["csChargingProfiles"]["chargingSchedule"]["chargingSchedulePeriod"];
  EXPECT_TRUE(std::any_of(periods.begin(), periods.end(), [](const json& p) {
    return p.at("limit") == 16.0;
  })) << periods;
  EXPECT_FALSE(value_of(port.schedule("CP1")).at("inherited"));
  // Saving the global plan again leaves CP1 alone.
  EXPECT_EQ(value_of(port.put_schedule(std::nullopt, k_plan, "admin")).at("sent_to"),
            json::array());
  EXPECT_FALSE(port.erase_schedule("CP1", "admin").has_value());
  EXPECT_TRUE(value_of(port.schedule("CP1")).at("inherited"));
  EXPECT_EQ(error_of(port.erase_schedule("CP1", "admin")), api::PortErrorKind::NotFound);
}

// Answers each ClearChargingProfile CALL the peer was sent (once: `answered` keeps the message ids)
// with `status`; returns the profile ids.
std::vector<int> answer_clears(Peer& peer, std::set<std::string>& answered,
                               const std::string& status = "Accepted") {
  std::vector<int> ids;
  for (;;) {
    const auto call = peer.io.last();
    if (!call.is_array() || call.at(0) != 2 || call.at(2) != "ClearChargingProfile" ||
        !answered.insert(call.at(1).get<std::string>()).second) {
      break;
    }
    ids.push_back(call.at(3).at("id").get<int>());
    peer.io.answer_last({{"status", status}});
  }
  return ids;
}

TEST_F(PlansTest, RemovingTheLastPlanClearsItsProfilesOnTheCharger) {
  connect("CP1");
  value_of(port.put_schedule(std::nullopt, k_plan, "admin"));
  answer_profiles();
  value_of(port.put_schedule("CP1", k_plan, "admin"));
  answer_profiles();
  // The charger's own plan goes: the global one is sent again, nothing is cleared.
  EXPECT_FALSE(port.erase_schedule("CP1", "admin").has_value());
  EXPECT_EQ(answer_profiles().size(), 2U);
  EXPECT_TRUE(answer_clears(peer(), answered_).empty());
  // The global plan goes too: profiles 100 and 101 are cleared by id, one CALL at a time.
  EXPECT_FALSE(port.erase_schedule(std::nullopt, "admin").has_value());
  EXPECT_EQ(answer_clears(peer(), answered_),
            (std::vector<int>{ChargingPlans::profile_id, ChargingPlans::profile_id + 1}));
  EXPECT_EQ(error_of(port.erase_schedule(std::nullopt, "admin")), api::PortErrorKind::NotFound);
  // Done: a later boot sends nothing.
  world.timers.advance(5min);
  ok("BootNotification", {{"chargePointVendor", "EO"}, {"chargePointModel", "EO Mini Pro 2"}});
  world.timers.advance(3s);
  EXPECT_TRUE(answer_clears(peer(), answered_).empty());
  EXPECT_TRUE(answer_profiles().empty());
}

TEST_F(PlansTest, AChargerOfflineWhenItsPlanWasRemovedIsClearedWhenItReturns) {
  connect("CP1");
  value_of(port.put_schedule("CP1", k_plan, "admin"));
  answer_profiles();
  central.disconnected(*registry.find("CP1"), "test");
  EXPECT_FALSE(port.erase_schedule("CP1", "admin").has_value());
  targets.peers.erase("CP1");
  answered_.clear();  // a new connection numbers its CALLs afresh
  world.timers.advance(5min);
  connect("CP1");
  world.timers.advance(3s);
  // A charger that does not answer Accepted/Unknown keeps the note: tried again next time.
  EXPECT_EQ(answer_clears(peer(), answered_, "Rejected").size(), 2U);
  world.timers.advance(5min);
  ok("BootNotification", {{"chargePointVendor", "EO"}, {"chargePointModel", "EO Mini Pro 2"}});
  world.timers.advance(3s);
  EXPECT_EQ(answer_clears(peer(), answered_, "Unknown").size(), 2U);
  world.timers.advance(5min);
  ok("BootNotification", {{"chargePointVendor", "EO"}, {"chargePointModel", "EO Mini Pro 2"}});
  world.timers.advance(3s);
  EXPECT_TRUE(answer_clears(peer(), answered_).empty());
}

TEST_F(PlansTest, ProfilesGoOutAgainAfterABootAndAfterTheClockChange) {
  connect("CP1");
  value_of(port.put_schedule(std::nullopt, k_plan, "admin"));
  answer_profiles();
  const auto before = profiles_sent();
  world.timers.advance(5min);
  // A reboot: sent again once the boot has settled (and once only, though connect and boot both
  // report).
  ok("BootNotification", {{"chargePointVendor", "EO"}, {"chargePointModel", "EO Mini Pro 2"}});
  world.timers.advance(3s);  // the boot settles (2 s); then one CALL at a time
  EXPECT_EQ(answer_profiles().size(), 2U);
  const auto after_boot = profiles_sent();
  EXPECT_EQ(after_boot, before + 2);
  // k_start is in November (GMT): the clocks go forward on 28 March 2027; one minute later the
  // profiles for BST and for the following October are sent.
  for (int day = 0; day < 130; ++day) {
    world.timers.advance(24h);
    answer_profiles();
  }
  EXPECT_EQ(profiles_sent(), after_boot + 2);
}

TEST_F(PlansTest, TariffsAreVersionedAndCostTheCsv) {
  EXPECT_TRUE(value_of(port.tariff()).at("tariff").is_null());
  const json tariff = {
      {"currency", "GBP"},
      {"default_price_per_kwh", "0.30"},
      {"periods",
       {{{"start", "00:30"}, {"end", "05:30"}, {"price_per_kwh", "0.075"}, {"label", "Night"}}}}};
  EXPECT_EQ(value_of(port.put_tariff(tariff, "admin")).at("tariff").at("version"), 1);
  EXPECT_EQ(value_of(port.put_tariff(tariff, "admin")).at("versions"), 2);
  auto bad = tariff;
  bad["default_price_per_kwh"] = "-1";
  EXPECT_TRUE(std::holds_alternative<api::PortError>(port.put_tariff(bad, "admin")));

  // A session at 06:00 UTC (GMT: the day price), 2 kWh.
  connect("CP1");
  const auto id = start("TAG1", 1000);
  world.timers.advance(1h);
  ok("StopTransaction",
     {{"transactionId", id},
      {"meterStop", 3000},
      {"timestamp", json(ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(
                        world.clock.now())))}});
  const auto csv = value_of(port.transactions_csv({}));
  EXPECT_EQ(csv.rfind("session_id,charge_point,connector,id_tag,start_local", 0), 0U) << csv;
  EXPECT_NE(csv.find(",TAG1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2.000,0.60,GBP,"), std::string::npos) << csv;
}

// A MeterValues sample in the same whole second as the stop (the CSV's times are whole seconds):
// meterStop is still the session's last reading. Found by tests/integration/csms_lite_queued: the
// export said 4 Wh for a session of 6 (meterStart 3, a sample of 7 Wh, meterStop 9 0.5 s later).
TEST_F(PlansTest, TheCsvCountsMeterStopAfterASampleInTheSameSecond) {
  connect("CP1");
  const auto id = start("TAG1", 3);
  const auto now_text = [this] {
    return json(
        ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(world.clock.now())));
  };
  world.timers.advance(2100ms);
  ok("MeterValues",
     {{"connectorId", 1},
      {"transactionId", id},
      {"meterValue",
       {{{"timestamp", now_text()}, {"sampledValue", {{{"value", "7"}, {"unit", "Wh"}}}}}}}});
  world.timers.advance(500ms);
  ok("StopTransaction", {{"transactionId", id}, {"meterStop", 9}, {"timestamp", now_text()}});
  const auto csv = value_of(port.transactions_csv({}));
  EXPECT_NE(csv.find(",0.006,"), std::string::npos) << csv;
}

// The session list costs each session the way the CSV does (one code path): a session from 05:00 to
// 06:30 crosses the end of the night period at 05:30, 1 kWh at 0.075 then 2 kWh at 0.30. While it
// runs, the list and the charger view show the cost so far; a session without a tariff has none.
TEST_F(PlansTest, TheListAndTheChargerViewCostSessionsAsTheCsv) {
  const auto now_text = [this] {
    return json(
        ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(world.clock.now())));
  };
  connect("CP1");
  const auto free_id = start("TAG0", 0);
  world.timers.advance(10min);
  ok("StopTransaction",
     {{"transactionId", free_id}, {"meterStop", 500}, {"timestamp", now_text()}});
  const auto listed = [this] { return value_of(port.transactions({})).items; };
  ASSERT_EQ(listed().size(), 1U);
  EXPECT_FALSE(listed().at(0).cost.has_value());
  EXPECT_TRUE(api::to_json(listed().at(0)).at("cost").is_null());

  // The tariff applies to sessions starting after it was saved.
  world.timers.advance(1s);
  value_of(port.put_tariff(
      {{"currency", "GBP"},
       {"default_price_per_kwh", "0.30"},
       {"periods",
        {{{"start", "00:30"}, {"end", "05:30"}, {"price_per_kwh", "0.075"}, {"label", "Night"}}}}},
      "admin"));
  world.timers.advance(23h - 10min - 1s);  // 05:00 the next day
  const auto id = start("TAG1", 1000);
  const auto sample = [&](int energy_wh) {
    ok("MeterValues", {{"connectorId", 1},
                       {"transactionId", id},
                       {"meterValue",
                        {{{"timestamp", now_text()},
                          {"sampledValue", {{{"value", std::to_string(energy_wh)}}}}}}}});
  };
  world.timers.advance(30min);
  sample(2000);
  world.timers.advance(30min);
  sample(3000);
  // So far: 1 kWh at night, 1 kWh at the day price: 7.5p + 30p = 37.5p, half to even 38p.
  ASSERT_EQ(listed().size(), 2U);
  EXPECT_EQ(listed().at(0).id, id);
  EXPECT_EQ(listed().at(0).cost, "0.38");
  EXPECT_EQ(listed().at(0).currency, "GBP");
  const auto view = value_of(port.charger("CP1")).charger;
  ASSERT_EQ(view.connectors.size(), 1U);
  EXPECT_EQ(view.connectors.at(0).session_cost, "0.38");
  EXPECT_EQ(view.connectors.at(0).currency, "GBP");

  world.timers.advance(30min);
  ok("StopTransaction", {{"transactionId", id}, {"meterStop", 4000}, {"timestamp", now_text()}});
  const auto item = listed().at(0);
  EXPECT_EQ(item.cost, "0.68");  // 7.5p + 60p
  const auto json_item = api::to_json(item);
  EXPECT_EQ(json_item.at("cost"), "0.68");
  EXPECT_EQ(json_item.at("currency"), "GBP");
  const auto csv = value_of(port.transactions_csv({}));
  EXPECT_NE(csv.find(",TAG1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",3.000," + *item.cost + ",GBP,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",0.500,,,"), std::string::npos) << csv;  // TAG0: no tariff then
  EXPECT_FALSE(value_of(port.charger("CP1")).charger.connectors.at(0).session_cost.has_value());
}

}  // namespace
}  // namespace csms_test
