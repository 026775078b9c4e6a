#include "hal/eo/ct_tracker.hpp"

#include <spdlog/spdlog.h>

namespace hal::eo {

CtTracker::CtTracker(CtChannels present, int misses_before_stale, std::string source)
    : present_(present), misses_before_stale_(misses_before_stale), source_(std::move(source)) {}

void CtTracker::reading(CtChannel channel, double raw_a) {
  auto& c = channels_[index_of(channel)];
  ++c.counters.readings;
  if (c.stale)
    spdlog::info("EO board: CT {} ({}) answering again: {:.2f} A", to_string(channel), source_,
                 calibrated_current_a(c.calibration, raw_a));
  c.stale = false;
  c.misses = 0;
  c.raw_a = raw_a;
}

void CtTracker::missed(CtChannel channel, std::string_view why) {
  auto& c = channels_[index_of(channel)];
  ++c.counters.misses;
  ++c.misses;
  if (c.stale || c.misses < misses_before_stale_) return;
  c.stale = true;
  c.raw_a.reset();
  ++c.counters.stale_episodes;
  // Once per episode, not once per poll: a clamp left unplugged must not flood the journal.
  spdlog::warn(
      "EO board: CT {} ({}): no reading for {} attempts (last: {}); left out of the meter "
      "samples until it answers",
      to_string(channel), source_, c.misses, why);
}

void CtTracker::forget() {
  for (auto& c : channels_) {
    c.raw_a.reset();
    c.misses = 0;
    c.stale = false;
  }
}

bool CtTracker::all_stale() const {
  for (const auto channel : all_ct_channels)
    if (has_channel(present_, channel) && !channels_[index_of(channel)].stale) return false;
  return any_present();
}

CtReadings CtTracker::readings() const {
  CtReadings readings;
  for (const auto channel : all_ct_channels) {
    const auto& c = channels_[index_of(channel)];
    if (has_channel(present_, channel) && c.raw_a)
      set_reading(readings, channel, calibrated_current_a(c.calibration, *c.raw_a));
  }
  return readings;
}

std::optional<std::string> CtTracker::set_calibration(CtChannel channel,
                                                      const CtCalibration& calibration) {
  if (auto error = calibration_error(calibration))
    return "CT " + std::string(to_string(channel)) + ": " + *error;
  channels_[index_of(channel)].calibration = calibration;
  return std::nullopt;
}

}  // namespace hal::eo
