#include "app/hardware.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "hal/eo/ade7858_meter.hpp"
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

// The OCPP keys of one channel's calibration: EO_Ct<Site|Vehicle|Solar><Scale|OffsetA>.
struct CtKeys {
  hal::eo::CtChannel channel;
  const char* setting;  // hardware.ct_<setting>_scale / _offset_a
  const char* scale_key;
  const char* offset_key;
};
constexpr CtKeys k_ct_keys[] = {
    {hal::eo::CtChannel::site, "site", "EO_CtSiteScale", "EO_CtSiteOffsetA"},
    {hal::eo::CtChannel::vehicle, "vehicle", "EO_CtVehicleScale", "EO_CtVehicleOffsetA"},
    {hal::eo::CtChannel::solar, "solar", "EO_CtSolarScale", "EO_CtSolarOffsetA"},
};

double decimal_key(const ConfigurationStore& config, const char* key) {
  const auto text = config.get(key).value_or("");
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);  // validated by the store
  return value;
}

hal::eo::CtCalibration ct_calibration(const ConfigurationStore& config, const CtKeys& keys) {
  return {decimal_key(config, keys.scale_key), decimal_key(config, keys.offset_key)};
}

// "site,solar" → the channels; throws with the offending word.
hal::CtChannels ct_channels(const std::string& list) {
  hal::CtChannels channels;
  std::stringstream in(list);
  std::string word;
  while (std::getline(in, word, ',')) {
    word.erase(0, word.find_first_not_of(" \t"));
    word.erase(word.find_last_not_of(" \t") + 1);
    if (word.empty()) continue;
    const auto channel = hal::eo::parse_ct_channel(word);
    if (!channel)
      throw std::invalid_argument("hardware.ct_channels: unknown channel '" + word +
                                  "' (site, vehicle, solar)");
    hal::eo::set_channel(channels, *channel, true);
  }
  return channels;
}

// Every change of a calibration key reaches the board at once; the store has checked the range.
void follow_ct_calibration(ConfigurationStore& config, hal::eo::EoBoard& board) {
  config.on_change([&config, &board](std::string_view key, const std::string&) {
    for (const auto& keys : k_ct_keys) {
      if (key != keys.scale_key && key != keys.offset_key) continue;
      const auto calibration = ct_calibration(config, keys);
      if (const auto error = board.set_ct_calibration(keys.channel, calibration)) {
        spdlog::warn("hardware: {}", *error);
      } else {
        spdlog::info("hardware: CT {} calibration now x {} {:+} A", keys.setting, calibration.scale,
                     calibration.offset_a);
      }
    }
  });
}

}  // namespace

void seed_ct_calibration(const common::ConfigValues& settings, ConfigurationStore& config) {
  const auto text = [](double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return std::string(buffer);
  };
  for (const auto& keys : k_ct_keys) {
    const std::string prefix = std::string("hardware.ct_") + keys.setting;
    // Same bounds on both sides (settings.cpp, configuration_keys.cpp): cannot be refused.
    (void)config.set_internal(keys.scale_key, text(settings.get_double(prefix + "_scale")));
    (void)config.set_internal(keys.offset_key, text(settings.get_double(prefix + "_offset_a")));
  }
}

std::optional<Hardware> make_hardware(const common::ConfigValues& settings, common::EventLoop& loop,
                                      const common::Clock& clock, ConfigurationStore& config) {
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
    // The reply timeout must end before the next poll (validate): at the fastest poll (200 ms)
    // half of it still leaves 90 ms for an 80-byte reply that takes 7 ms on the wire.
    board.reply_timeout = std::min(board.reply_timeout, board.poll_interval / 2);
    board.voltage_correction_k = settings.get_double("hardware.voltage_correction");
    board.strict_checksum = settings.get_bool("hardware.strict_checksum");
    board.min_pause_before_resume = settings.get_seconds("hardware.min_pause_s");
    board.ct.channels = ct_channels(settings.get_string("hardware.ct_channels"));
    for (const auto& keys : k_ct_keys)
      board.ct.calibration[hal::eo::index_of(keys.channel)] = ct_calibration(config, keys);
    // Notes §5: the Hub's CT device shares the board's RS-485 line; the Mini Pro 2 has an ADE7858.
    std::unique_ptr<hal::eo::CtMeter> meter;
    if (*kind == hal::eo::BoardKind::mini_pro_2)
      meter = std::make_unique<hal::eo::Ade7858Meter>(loop, hal::eo::Ade7858Settings{});
    else
      board.ct.on_board_bus = true;
    auto eo = std::make_unique<hal::eo::EoBoard>(loop, clock, hal::eo::make_transport(loop, link),
                                                 board, std::move(meter));
    follow_ct_calibration(config, *eo);
    hardware.charger = std::move(eo);
    return hardware;
  } catch (const std::exception& e) {
    spdlog::critical("hardware: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace chargepoint
