#include "app/hardware.hpp"

#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "hal/eo/board_setup.hpp"
#include "hal/eo/eo_board.hpp"

namespace chargepoint {

hal::sim::SimConfig sim_config(const common::ConfigValues& settings) {
  hal::sim::SimConfig config;
  config.car_plugged_at_start = settings.get_bool("simulator.car_plugged_at_start");
  config.car_max_current_a = settings.get_double("simulator.car_max_current_a");
  config.battery_capacity_kwh = settings.get_double("simulator.battery_kwh");
  config.initial_soc_percent = settings.get_double("simulator.initial_soc_percent");
  config.household_load_w = settings.get_double("simulator.household_load_w");
  config.solar_generation_w = settings.get_double("simulator.solar_w");
  config.tick_interval = std::chrono::milliseconds(settings.get_int("simulator.tick_ms"));
  return config;
}

namespace {

std::optional<hal::eo::BoardKind> board_kind(const std::string& driver) {
  if (driver == "hub") return hal::eo::BoardKind::hub;
  if (driver == "minipro2") return hal::eo::BoardKind::mini_pro_2;
  if (driver == "tty") return hal::eo::BoardKind::pty;
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::stringstream text;
  text << cpuinfo.rdbuf();
  const auto detected = hal::eo::detect_board_kind(text.str());
  if (detected) {
    spdlog::info("hardware: detected {}", *detected == hal::eo::BoardKind::mini_pro_2
                                              ? "an EO Mini Pro 2"
                                              : "an EO Smart Home Hub");
  }
  return detected;
}

}  // namespace

std::optional<Hardware> make_hardware(const common::ConfigValues& settings, common::EventLoop& loop,
                                      const common::Clock& clock) {
  const auto& driver = settings.get_string("hardware.driver");
  Hardware hardware;
  try {
    if (driver == "sim") {
      auto sim = std::make_unique<hal::sim::SimulatedCharger>(loop, clock, sim_config(settings));
      hardware.simulator = sim.get();
      hardware.charger = std::move(sim);
      return hardware;
    }
    const auto kind = board_kind(driver);
    if (!kind) {
      spdlog::critical(
          "hardware: cannot tell which EO box this is from /proc/cpuinfo; "
          "set hardware.driver to hub or minipro2");
      return std::nullopt;
    }
    hal::eo::EoLinkSettings link;
    link.kind = *kind;
    link.tty_path = settings.get_string("hardware.tty");
    hal::eo::EoBoardSettings board;
    board.poll_interval = std::chrono::milliseconds(settings.get_int("hardware.poll_interval_ms"));
    board.voltage_correction_k = settings.get_double("hardware.voltage_correction");
    board.strict_checksum = settings.get_bool("hardware.strict_checksum");
    board.min_pause_before_resume = settings.get_seconds("hardware.min_pause_s");
    hardware.charger =
        std::make_unique<hal::eo::EoBoard>(loop, clock, hal::eo::make_transport(loop, link), board);
    return hardware;
  } catch (const std::exception& e) {
    spdlog::critical("hardware: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace chargepoint
