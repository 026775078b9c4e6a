#pragma once
// What the driver knows about each CT channel: the last raw reading while it is fresh, the
// calibration, and the misses. A channel that misses `misses_before_stale` readings in a row is
// left out of the samples (hal::CtReadings says nullopt: never a stale value served as fresh),
// logged once, and counted; its next good reading brings it back, logged once too.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "hal/eo/ct_codec.hpp"
#include "hal/types.hpp"

namespace hal::eo {

struct CtChannelCounters {
  std::size_t readings = 0;
  std::size_t misses = 0;           // no reply, garbled or implausible reply, SPI error
  std::size_t stale_episodes = 0;   // times the channel went stale
  std::size_t echo_mismatches = 0;  // Hub CT replies whose first 8 bytes differ from the request
};

class CtTracker {
 public:
  // `source` names the device in the logs ("the CT device on /dev/ttyUSB0").
  CtTracker(CtChannels present, int misses_before_stale, std::string source);

  const CtChannels& present() const { return present_; }
  bool any_present() const { return present_.site || present_.vehicle || present_.solar; }
  void set_source(std::string source) { source_ = std::move(source); }

  void reading(CtChannel channel, double raw_a);
  void missed(CtChannel channel, std::string_view why);
  void echo_mismatch(CtChannel channel) { ++channels_[index_of(channel)].counters.echo_mismatches; }
  // The board link is down: nothing is fresh. Silent (the link loss is what gets logged), and the
  // channels start afresh when it is back.
  void forget();
  // Every present channel is stale (the whole device is silent).
  bool all_stale() const;

  // The fresh readings, calibrated; absent channels and stale ones are nullopt.
  CtReadings readings() const;
  // Applies at once; the error names the channel and the bound ("CT solar: scale 2.5 is outside
  // 0.5 to 2").
  std::optional<std::string> set_calibration(CtChannel channel, const CtCalibration& calibration);
  const CtCalibration& calibration(CtChannel channel) const {
    return channels_[index_of(channel)].calibration;
  }
  const CtChannelCounters& counters(CtChannel channel) const {
    return channels_[index_of(channel)].counters;
  }

 private:
  struct Channel {
    std::optional<double> raw_a;
    int misses = 0;
    bool stale = false;
    CtCalibration calibration;
    CtChannelCounters counters;
  };
  CtChannels present_;
  int misses_before_stale_;
  std::string source_;
  std::array<Channel, 3> channels_;
};

}  // namespace hal::eo
