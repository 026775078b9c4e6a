#pragma once
// A day at a house with an EO box, for the whole-day simulation (whole_day_test.cpp): the house's
// load second by second (a base load, a fridge, a morning shower and kettle, lunch, an evening of
// cooking, heat pump and washing) and a summer sun curve with passing clouds. Seeded and
// deterministic: the random numbers come straight from std::mt19937, whose sequence the standard
// fixes (the std:: distributions are not portable, so none is used).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace test_support {

class DayScenario {
 public:
  static constexpr int k_day_s = 86400;

  explicit DayScenario(std::uint32_t seed) : rng_(seed) {
    house_w_.assign(k_day_s, 0.0);
    sun_w_.assign(k_day_s, 0.0);
    build_house();
    build_sun();
  }

  double house_w(int second) const { return house_w_[static_cast<std::size_t>(second)]; }
  double sun_w(int second) const { return sun_w_[static_cast<std::size_t>(second)]; }

  // Second of the day from hours and minutes.
  static constexpr int at(int hours, int minutes = 0) { return hours * 3600 + minutes * 60; }

 private:
  double uniform(double low, double high) {
    return low + (high - low) * static_cast<double>(rng_()) / 4294967296.0;
  }
  int uniform_s(int low, int high) { return static_cast<int>(uniform(low, high)); }

  void add(int start_s, int duration_s, double power_w) {
    const int end = std::min(k_day_s, start_s + duration_s);
    for (int s = std::max(0, start_s); s < end; ++s)
      house_w_[static_cast<std::size_t>(s)] += power_w;
  }
  // An appliance that cycles (a thermostat): on for `on_s`, off for `off_s`, from start to end.
  void cycle(int start_s, int end_s, int on_s, int off_s, double power_w) {
    for (int s = start_s; s < end_s; s += on_s + off_s) add(s, std::min(on_s, end_s - s), power_w);
  }

  void build_house() {
    add(0, k_day_s, 280);                                // standby, router, lights
    cycle(uniform_s(0, 1200), k_day_s, 900, 1800, 120);  // fridge-freezer compressor
    // Morning: an electric shower (9.5 kW, common in UK homes), kettle, toaster.
    const int shower = at(6, 40) + uniform_s(0, 600);
    add(shower, uniform_s(480, 720), 9500);
    add(shower + 300, 180, 3000);                   // kettle while showering
    add(shower + 900, 240, 1200);                   // toaster
    add(at(7, 20) + uniform_s(0, 600), 200, 3000);  // second kettle
    // Day: kettles, a microwave at lunch, a dishwasher heating.
    for (int i = 0; i < 4; ++i) add(at(9) + uniform_s(0, 6 * 3600), uniform_s(120, 240), 3000);
    add(at(12, 30) + uniform_s(0, 900), uniform_s(120, 360), 1200);
    add(at(13, 30), 1200, 2000);
    // Evening: heat pump from 16:00, oven and hob, kettle, washing machine heater, a second shower.
    cycle(at(16), at(23), 1500, 900, 2200);
    add(at(17, 45) + uniform_s(0, 600), 3600, 2500);  // oven
    for (int i = 0; i < 3; ++i)                       // hob rings switched on one by one
      add(at(18) + i * 300 + uniform_s(0, 200), 1500 - i * 300, 2000);
    add(at(18, 20) + uniform_s(0, 400), 180, 3000);
    cycle(at(19), at(20, 30), 600, 400, 2000);    // washing machine heating
    add(at(21) + uniform_s(0, 1800), 540, 9500);  // second shower
    // Small random spikes all day (hair dryer, vacuum cleaner, microwave).
    for (int i = 0; i < 12; ++i)
      add(uniform_s(at(7), at(23)), uniform_s(60, 600), uniform(600, 2000));
    // The house alone stays under its 60 A fuse (no charger can help otherwise): 12.5 kW at most.
    for (auto& w : house_w_) w = std::min(w, 12500.0);
  }

  void build_sun() {
    constexpr double peak_w = 5000;  // a 5.5 kWp roof on a clear June day
    const int sunrise = at(5, 30);
    const int sunset = at(20, 30);
    for (int s = sunrise; s < sunset; ++s) {
      const double x = static_cast<double>(s - sunrise) / (sunset - sunrise);
      sun_w_[static_cast<std::size_t>(s)] = peak_w * std::pow(std::sin(std::numbers::pi * x), 1.3);
    }
    // Passing clouds: most short (under the stop delay), a few long enough to stop solar charging;
    // each fades in and out over half a minute.
    for (int i = 0; i < 14; ++i) {
      const bool long_one = i % 4 == 0;
      cloud(uniform_s(at(8), at(17)), long_one ? uniform_s(900, 1800) : uniform_s(60, 240),
            uniform(0.1, 0.35));
    }
  }
  void cloud(int start_s, int duration_s, double left) {
    constexpr int fade_s = 30;
    for (int s = start_s; s < std::min(k_day_s, start_s + duration_s); ++s) {
      const int into = std::min(s - start_s, start_s + duration_s - 1 - s);
      const double depth = std::min(1.0, static_cast<double>(into) / fade_s);
      sun_w_[static_cast<std::size_t>(s)] *= 1.0 - depth * (1.0 - left);
    }
  }

  std::mt19937 rng_;
  std::vector<double> house_w_;
  std::vector<double> sun_w_;
};

}  // namespace test_support
