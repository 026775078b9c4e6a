// When the periodic and clock-aligned MeterValues are taken (OCPP 1.6 §4.7, §9.1
// MeterValueSampleInterval / ClockAlignedDataInterval) when the wall clock and the timers disagree:
// the central system sets the clock (BootNotification / Heartbeat currentTime), possibly a little
// back, between a timer being armed and firing. Found by the fault-injection integration test:
// every sample went out a dozen times with the same timestamp.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "features/core/metering.hpp"
#include "memory_ports.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::core::Metering;
using chargepoint::core::TransactionOutbox;

class MeteringClockSetBackTest : public ::testing::Test {
 protected:
  MeteringClockSetBackTest() {
    config.set_internal("MeterValueSampleInterval", "1");
    config.set_internal("ClockAlignedDataInterval", "0");
    metering.restore();
  }

  // The timestamps of the MeterValues queued so far (all of them written to the store).
  std::vector<std::string> sample_times() {
    outbox.flush();
    std::vector<std::string> times;
    for (const auto& entry : store.entries) {
      if (entry.action == "MeterValues")
        times.push_back(entry.payload.at("meterValue").at(0).at("timestamp").get<std::string>());
    }
    return times;
  }

  common::ManualTimers timers;
  // 2026-11-22 08:00:00.250 UTC: a start with a fraction of a second, like a real one.
  common::ManualClock base_clock{timers, common::WallTime(1'795'334'400'250ms)};
  common::AdjustedClock clock{base_clock};
  chargepoint::ConfigurationStore config;
  test_support::MemoryOutbox store;
  test_support::MemoryKeyValues values;
  TransactionOutbox outbox{store, config, timers};
  Metering metering{config, timers, clock, values, outbox, 1};
};

TEST_F(MeteringClockSetBackTest, OnePeriodicSampleAtEachIntervalWhenTheClockIsSetBackMeanwhile) {
  metering.transaction_started(1, clock.now());
  timers.advance(500ms);
  clock.set(clock.now() - 50ms);  // the central system's clock is 50 ms behind ours
  timers.advance(2500ms);
  const auto times = sample_times();
  // The timer armed for start + 1 s fires when the wall clock says start + 950 ms: that sample is
  // taken then (stamped start + 1 s), and the next one is due a whole interval later.
  EXPECT_EQ(times,
            (std::vector<std::string>{"2026-11-22T08:00:01.250Z", "2026-11-22T08:00:02.250Z"}));
  EXPECT_EQ(std::set<std::string>(times.begin(), times.end()).size(), times.size());
}

TEST_F(MeteringClockSetBackTest,
       OneClockAlignedSampleAtEachBoundaryWhenTheClockIsSetBackMeanwhile) {
  config.set_internal("MeterValueSampleInterval", "0");
  config.set_internal("ClockAlignedDataInterval", "1");
  metering.transaction_started(1, clock.now());  // aligned samples go through the outbox then
  timers.advance(500ms);
  clock.set(clock.now() - 50ms);
  timers.advance(2500ms);
  // The wall clock ends at 08:00:03.200: three boundaries passed, each sampled once.
  EXPECT_EQ(sample_times(),
            (std::vector<std::string>{"2026-11-22T08:00:01Z", "2026-11-22T08:00:02Z",
                                      "2026-11-22T08:00:03Z"}));
}

}  // namespace
