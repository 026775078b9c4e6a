// Metering against a wall clock that does not agree with the timers, as in the daemon: the timers
// run on the steady clock, the timestamps on the wall clock set by the central system. Found by the
// integration tests (session_vs_ocpp_rpc): each periodic MeterValues went out up to ten times, and
// only the energy register was reported.
#include <gtest/gtest.h>

#include <set>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "domain/configuration_store.hpp"
#include "features/core/metering.hpp"
#include "features/core/transaction_outbox.hpp"
#include "memory_ports.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::core::Metering;
using chargepoint::core::TransactionOutbox;
using nlohmann::json;

// Lags the timers by 0.9 ms and creeps forward 10 µs per reading, like a wall clock read in a tight
// loop: a timer fires before the wall clock reaches the deadline it was computed from.
class LaggingClock final : public common::Clock {
 public:
  LaggingClock(const common::ManualTimers& timers, common::WallTime start)
      : timers_(timers), start_(start) {}
  common::WallTime now() const override {
    ++readings_;
    return start_ + timers_.now() - 900us + readings_ * 10us;
  }

 private:
  const common::ManualTimers& timers_;
  common::WallTime start_;
  mutable int readings_ = 0;
};

hal::MeterSample sample(double energy_wh) {
  hal::MeterSample s;
  s.voltage_v = 230;
  s.current_a = 16;
  s.power_w = 230 * 16;
  s.energy_wh = energy_wh;
  s.offered_a = 16;
  return s;
}

class MeteringScheduleTest : public ::testing::Test {
 protected:
  MeteringScheduleTest() {
    config.set_internal("MeterValueSampleInterval", "0");
    config.set_internal("ClockAlignedDataInterval", "0");
  }

  // The MeterValues queued with this reading context, in order.
  std::vector<json> queued(const std::string& context) {
    outbox.flush();
    std::vector<json> out;
    for (const auto& e : store.entries) {
      if (e.action != "MeterValues") continue;
      const auto& value = e.payload.at("meterValue").at(0);
      if (value.at("sampledValue").at(0).value("context", "") == context) out.push_back(value);
    }
    return out;
  }

  void start_transaction() {
    metering.restore();
    metering.on_sample(sample(0));
    metering.transaction_started(1, clock.now());
  }

  common::ManualTimers timers;
  // 12:00:00.0004 UTC: a start between two whole milliseconds.
  LaggingClock clock{
      timers,
      common::WallTime(std::chrono::sys_days(std::chrono::year(2026) / 11 / 22)) + 12h + 400us};
  chargepoint::ConfigurationStore config;
  test_support::MemoryKeyValues values;
  test_support::MemoryOutbox store;
  TransactionOutbox outbox{store, config, timers};
  Metering metering{config, timers, clock, values, outbox, 1};
};

TEST_F(MeteringScheduleTest, EachPeriodicSampleIsSentOnceThoughTheTimerFiresEarly) {
  config.set_internal("MeterValueSampleInterval", "1");
  start_transaction();
  timers.advance(3100ms);
  const auto samples = queued("Sample.Periodic");
  ASSERT_EQ(samples.size(), 3U);
  std::set<std::string> timestamps;
  for (const auto& s : samples) timestamps.insert(s.at("timestamp").get<std::string>());
  EXPECT_EQ(timestamps.size(), 3U) << "one sample per boundary";
}

TEST_F(MeteringScheduleTest, EachClockAlignedReadingIsSentOnceThoughTheTimerFiresEarly) {
  config.set_internal("ClockAlignedDataInterval", "1");
  start_transaction();
  timers.advance(3100ms);
  // The clock starts 0.5 ms before 12:00:00: boundaries at 0, 1, 2 and 3 s.
  const auto readings = queued("Sample.Clock");
  ASSERT_EQ(readings.size(), 4U);
  std::set<std::string> timestamps;
  for (const auto& r : readings) timestamps.insert(r.at("timestamp").get<std::string>());
  EXPECT_EQ(timestamps.size(), 4U) << "one reading per boundary";
}

TEST_F(MeteringScheduleTest, EveryConfiguredMeasurandIsReportedWithoutALinkEventFirst) {
  // A HAL announces a lost link; a started one is up without saying so.
  config.set_internal("MeterValueSampleInterval", "1");
  config.set_internal("MeterValuesSampledData",
                      "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage");
  start_transaction();
  metering.on_sample(sample(5));
  timers.advance(1100ms);
  const auto samples = queued("Sample.Periodic");
  ASSERT_FALSE(samples.empty());
  std::set<std::string> measurands;
  for (const auto& v : samples[0].at("sampledValue")) {
    measurands.insert(v.value("measurand", "Energy.Active.Import.Register"));
  }
  EXPECT_EQ(measurands,
            (std::set<std::string>{"Energy.Active.Import.Register", "Power.Active.Import",
                                   "Current.Import", "Voltage"}));
}

}  // namespace
