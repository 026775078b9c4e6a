// The control language: every command, its effect on the simulator, and a precise error for every
// kind of bad input.
#include "hal/sim/command_interpreter.hpp"

#include <nlohmann/json.hpp>

#include "sim_fixture.hpp"

namespace hal::sim::testing {
namespace {

class InterpreterTest : public SimTest {
 protected:
  void SetUp() override {
    make();
    sim->start();
    settle();
  }
  std::string run(std::string_view line) { return CommandInterpreter(*sim).execute(line); }
  nlohmann::json status() {
    const auto reply = run("status");
    EXPECT_EQ(reply.rfind("ok {", 0), 0u) << reply;
    return nlohmann::json::parse(reply.substr(3));
  }
};

TEST_F(InterpreterTest, PlugInAndUnplug) {
  EXPECT_EQ(run("plug-in"), "ok");
  EXPECT_TRUE(sim->snapshot().plugged);
  EXPECT_EQ(run("unplug"), "ok");
  EXPECT_FALSE(sim->snapshot().plugged);
  EXPECT_EQ(run("plug-in now"), "error: plug-in takes no arguments");
}

TEST_F(InterpreterTest, CarSettings) {
  EXPECT_EQ(run("car max-current 16"), "ok");
  EXPECT_EQ(run("car phases 3"), "ok");
  EXPECT_EQ(run("car soc 80"), "ok");
  EXPECT_EQ(run("car battery 75"), "ok");
  EXPECT_EQ(run("car target-soc 90"), "ok");
  const auto snap = sim->snapshot();
  EXPECT_DOUBLE_EQ(snap.car_max_current_a, 16);
  EXPECT_EQ(snap.car_phases, 3);
  EXPECT_DOUBLE_EQ(snap.soc_percent, 80);  // `car battery` kept the state of charge
  EXPECT_DOUBLE_EQ(snap.battery_capacity_kwh, 75);
  EXPECT_DOUBLE_EQ(snap.target_soc_percent, 90);
}

TEST_F(InterpreterTest, SiteAndSupply) {
  EXPECT_EQ(run("house-load 3500"), "ok");
  EXPECT_EQ(run("solar 2200"), "ok");
  EXPECT_EQ(run("voltage 230"), "ok");
  EXPECT_EQ(run("frequency 49.9"), "ok");
  const auto snap = sim->snapshot();
  EXPECT_DOUBLE_EQ(snap.household_load_w, 3500);
  EXPECT_DOUBLE_EQ(snap.solar_w, 2200);
  EXPECT_DOUBLE_EQ(snap.voltage_v, 230);
  EXPECT_DOUBLE_EQ(snap.frequency_hz, 49.9);
}

TEST_F(InterpreterTest, NumbersAreRangeChecked) {
  EXPECT_EQ(run("house-load -1"), "error: household load must be from 0 to 50000 W, got -1");
  EXPECT_EQ(run("car max-current 400"), "error: car max current must be from 1 to 80 A, got 400");
  EXPECT_EQ(run("car soc 120"), "error: state of charge must be from 0 to 100 %, got 120");
  EXPECT_EQ(run("car phases 2"), "error: car phases must be 1 or 3, got 2");
  EXPECT_EQ(run("car phases 1.5"), "error: car phases must be 1 or 3, got 1.5");
  EXPECT_EQ(run("voltage 1e9"), "error: mains voltage must be from 0 to 300 V, got 1e+09");
  EXPECT_EQ(run("frequency 0"), "error: mains frequency must be from 40 to 70 Hz, got 0");
  EXPECT_EQ(run("solar 50001"), "error: solar generation must be from 0 to 50000 W, got 50001");
  EXPECT_EQ(run("car battery 0"), "error: battery capacity must be from 1 to 250 kWh, got 0");
  // Nothing was changed by the refusals.
  EXPECT_DOUBLE_EQ(sim->snapshot().household_load_w, 400);
  EXPECT_DOUBLE_EQ(sim->snapshot().car_max_current_a, 32);
}

TEST_F(InterpreterTest, MalformedNumbersAndArgumentCounts) {
  EXPECT_EQ(run("solar lots"), "error: solar: \"lots\" is not a number");
  EXPECT_EQ(run("solar 12W"), "error: solar: \"12W\" is not a number");
  EXPECT_EQ(run("solar nan"), "error: solar: \"nan\" is not a number");
  EXPECT_EQ(run("solar inf"), "error: solar: \"inf\" is not a number");
  EXPECT_EQ(run("solar"), "error: solar needs a value in W (e.g. solar 16)");
  EXPECT_EQ(run("solar 1 2"), "error: solar takes one value, got more");
  EXPECT_EQ(run("car max-current"),
            "error: car max-current needs a value in A (e.g. car max-current 16)");
  EXPECT_EQ(run("car"),
            "error: car needs a setting: max-current, phases, soc, battery or target-soc");
  EXPECT_EQ(
      run("car colour red"),
      "error: unknown car setting \"colour\" (max-current, phases, soc, battery or target-soc)");
}

TEST_F(InterpreterTest, UnknownAndEmptyCommands) {
  EXPECT_EQ(run(""), "error: empty command (try help)");
  EXPECT_EQ(run("   \t "), "error: empty command (try help)");
  EXPECT_EQ(run("charge-faster"), "error: unknown command \"charge-faster\" (try help)");
  EXPECT_EQ(run("PLUG-IN"), "error: unknown command \"PLUG-IN\" (try help)");
}

TEST_F(InterpreterTest, WhitespaceAndCarriageReturnAreTolerated) {
  EXPECT_EQ(run("  car   soc\t55 \r"), "ok");
  EXPECT_DOUBLE_EQ(sim->snapshot().soc_percent, 55);
}

TEST_F(InterpreterTest, FaultsByName) {
  EXPECT_EQ(run("fault mains on"), "ok");
  EXPECT_EQ(run("fault ground-failure on RCD tripped"), "ok");
  auto faults = sim->snapshot().faults;
  ASSERT_EQ(faults.size(), 2u);
  EXPECT_EQ(faults[0].code, FaultCode::mains);
  EXPECT_EQ(faults[0].detail, "simulated");
  EXPECT_EQ(faults[1].code, FaultCode::ground_failure);
  EXPECT_EQ(faults[1].detail, "RCD tripped");
  EXPECT_EQ(run("fault mains off"), "ok");
  EXPECT_EQ(run("fault ground-failure off"), "ok");
  EXPECT_TRUE(sim->snapshot().faults.empty());
  for (const char* code : {"over-voltage", "under-voltage", "over-current", "high-temperature",
                           "ev-communication", "power-meter", "internal"}) {
    EXPECT_EQ(run(std::string("fault ") + code + " on"), "ok") << code;
    EXPECT_EQ(run(std::string("fault ") + code + " off"), "ok") << code;
  }
}

TEST_F(InterpreterTest, FaultErrors) {
  EXPECT_EQ(run("fault"), "error: usage: fault <code> on [detail] | fault <code> off");
  EXPECT_EQ(run("fault mains"), "error: usage: fault <code> on [detail] | fault <code> off");
  EXPECT_EQ(run("fault gremlins on"), "error: unknown fault code \"gremlins\" (try help)");
  EXPECT_EQ(run("fault mains maybe"), "error: fault mains: expected on or off, got \"maybe\"");
  EXPECT_EQ(run("fault mains off now"), "error: fault mains off takes no detail");
  EXPECT_EQ(run("fault mains on " + std::string(51, 'x')),
            "error: fault detail is 51 characters, at most 50 fit");
  EXPECT_TRUE(sim->snapshot().faults.empty());
}

TEST_F(InterpreterTest, LinkUpAndDown) {
  EXPECT_EQ(run("link down"), "ok");
  EXPECT_FALSE(sim->snapshot().link_up);
  EXPECT_EQ(run("link up"), "ok");
  EXPECT_TRUE(sim->snapshot().link_up);
  EXPECT_EQ(run("link sideways"), "error: usage: link up | link down");
  EXPECT_EQ(run("link"), "error: usage: link up | link down");
}

TEST_F(InterpreterTest, HelpListsEveryCommand) {
  const auto help = run("help");
  EXPECT_EQ(help.rfind("ok ", 0), 0u);
  for (const char* word : {"plug-in", "unplug", "max-current", "phases", "soc", "battery",
                           "target-soc", "house-load", "solar", "voltage", "frequency", "fault",
                           "link", "status", "ground-failure", "ev-communication"})
    EXPECT_NE(help.find(word), std::string::npos) << word;
  EXPECT_EQ(help.find('\n'), std::string::npos);
}

TEST_F(InterpreterTest, StatusIsOneLineOfJsonWithEverything) {
  EXPECT_EQ(run("plug-in"), "ok");
  sim->offer_current(16);
  tick(3600);
  EXPECT_EQ(run("fault over-current on drew 40 A"), "ok");
  const auto reply = run("status");
  EXPECT_EQ(reply.find('\n'), std::string::npos);
  const auto json = status();
  EXPECT_EQ(json["running"], true);
  EXPECT_EQ(json["link"], "up");
  EXPECT_EQ(json["state"], "evse-suspended");
  EXPECT_EQ(json["plugged"], true);
  EXPECT_EQ(json["requested_a"], 16);
  EXPECT_EQ(json["offered_a"], 0);
  EXPECT_EQ(json["current_a"], 0);
  EXPECT_EQ(json["voltage_v"], 240);
  EXPECT_EQ(json["frequency_hz"], 50);
  EXPECT_NEAR(json["energy_wh"].get<double>(), 3599 * 239.2 * 16 / 3600, 0.001);
  EXPECT_GT(json["car"]["soc_percent"].get<double>(), 45);
  EXPECT_EQ(json["car"]["battery_kwh"], 60);
  EXPECT_EQ(json["house_load_w"], 400);
  EXPECT_NEAR(json["ct"]["site_a"].get<double>(), 400.0 / 240, 0.001);
  EXPECT_EQ(json["ct"]["vehicle_a"], 0);
  ASSERT_EQ(json["faults"].size(), 1u);
  EXPECT_EQ(json["faults"][0]["code"], "over-current");
  EXPECT_EQ(json["faults"][0]["detail"], "drew 40 A");
  EXPECT_EQ(run("status please"), "error: status takes no arguments");
}

TEST_F(InterpreterTest, StatusShowsMissingCtsAsNullAndSurvivesBinaryDetails) {
  SimConfig config;
  config.ct_solar_present = false;
  make(config);
  EXPECT_EQ(run("fault internal on \xff\xfe"), "ok");
  const auto json = status();
  EXPECT_TRUE(json["ct"]["solar_a"].is_null());
  EXPECT_EQ(json["running"], false);
}

}  // namespace
}  // namespace hal::sim::testing
