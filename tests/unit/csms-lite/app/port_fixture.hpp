#pragma once
// A CentralSystem on an in-memory store with manual time, charge points whose ocpp::Session frames
// a test reads and answers, and the port adapter over it (with ChargingPlans on the system's
// tzdata).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "../store/csms_store_support.hpp"
#include "app/central_system_port.hpp"
#include "app/charging_plans.hpp"
#include "command_peers.hpp"

namespace csms_test {

using namespace csms;
using nlohmann::json;
using namespace std::chrono_literals;

class PortTest : public ::testing::Test {
 protected:
  PortTest()
      : registry(UnknownChargePoints::Pending),
        central(registry, *world.store, world.timers, world.clock, CentralSystemOptions{}),
        port(central, *world.store) {
    central.attach(targets);
    port.attach_plans(plans);
  }

  // What Connections does for one connection, then a boot as the EO charger sends it.
  void connect(const std::string& id, bool accept = true) {
    central.admit(id, std::nullopt);
    auto& record = *registry.find(id);
    central.connected(record, "127.0.0.1:1234");
    register_charge_point_messages(router, central.context_for(record, {}));
    if (accept) central.accept(id);
    targets.peers.emplace(id, std::make_unique<Peer>(world.timers));
    ok("BootNotification", {{"chargePointVendor", "EO"},
                            {"chargePointModel", "EO Mini Pro 2"},
                            {"firmwareVersion", "1.2.3"}});
  }
  json ok(const std::string& action, const json& payload) {
    auto outcome = router.dispatch(action, payload);
    EXPECT_TRUE(outcome.ok()) << action;
    return outcome.ok() ? outcome.value() : json();
  }
  std::int64_t start(const std::string& tag, int meter_start_wh) {
    return ok("StartTransaction",
              {{"connectorId", 1},
               {"idTag", tag},
               {"meterStart", meter_start_wh},
               {"timestamp",
                json(ocpp::DateTime(
                    std::chrono::time_point_cast<std::chrono::milliseconds>(world.clock.now())))}})
        .at("transactionId");
  }
  void meter(double energy_wh, double current_l1_a, double current_l2_a) {
    const auto at = json(
        ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(world.clock.now())));
    ok("MeterValues",
       {{"connectorId", 1},
        {"meterValue",
         json::array(
             {{{"timestamp", at},
               {"sampledValue",
                json::array({
                    {{"value", std::to_string(energy_wh / 1000.0)}, {"unit", "kWh"}},
                    {{"value", "7.2"}, {"measurand", "Power.Active.Import"}, {"unit", "kW"}},
                    {{"value", std::to_string(current_l1_a)},
                     {"measurand", "Current.Import"},
                     {"phase", "L1"},
                     {"unit", "A"}},
                    {{"value", std::to_string(current_l2_a)},
                     {"measurand", "Current.Import"},
                     {"phase", "L2"},
                     {"unit", "A"}},
                })}}})}});
  }
  Peer& peer(const std::string& id = "CP1") { return *targets.peers.at(id); }

  csms_test::World world;
  Targets targets;
  ChargePointRegistry registry;
  CentralSystem central;
  CentralSystemPortAdapter port;
  ChargingPlans plans{central, world.timers, domain::ZoneDb{}};
  ocpp::Router router;
};

template <class T>
const T& value_of(const api::PortResult<T>& result) {
  EXPECT_TRUE(std::holds_alternative<T>(result))
      << (std::holds_alternative<api::PortError>(result) ? std::get<api::PortError>(result).message
                                                         : "");
  return std::get<T>(result);
}

inline api::PortErrorKind error_of(const api::PortStatus& status) {
  EXPECT_TRUE(status.has_value());
  return status ? status->kind : api::PortErrorKind::Unavailable;
}

}  // namespace csms_test
