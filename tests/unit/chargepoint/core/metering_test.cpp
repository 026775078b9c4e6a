// Metering on a manual clock: periodic and clock-aligned MeterValues (OCPP 1.6 §4.7, §9.1), the
// stored register that always covers what was reported, and readings never invented while the link
// is down.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "features/core/metering.hpp"
#include "memory_ports.hpp"
#include "ocpp_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::core::Metering;
using chargepoint::core::TransactionOutbox;
using nlohmann::json;

hal::MeterSample sample(double energy_wh, double current_a = 16) {
  hal::MeterSample s;
  s.voltage_v = 230;
  s.current_a = current_a;
  s.power_w = 230 * current_a;
  s.energy_wh = energy_wh;
  s.offered_a = 16;
  return s;
}

class MeteringTest : public ::testing::Test, protected test_support::OcppWorld {
 protected:
  MeteringTest() {
    config.set_internal("ClockAlignedDataInterval", "0");
    config.set_internal("MeterValueSampleInterval", "60");
  }
  // The values of the MeterValues entries queued in the outbox (volatile ones stay in memory until
  // a flush writes them).
  std::vector<json> queued_meter_values() {
    outbox.flush();
    std::vector<json> out;
    for (const auto& e : store.entries) {
      if (e.action == "MeterValues") out.push_back(e.payload);
    }
    return out;
  }
  // The stored register without its time ("<Wh>@<unix ms>").
  std::string stored_wh() const {
    const auto& text = values.values.at(Metering::k_register_key);
    return text.substr(0, text.find('@'));
  }
  static std::string measurand_value(const json& payload, const std::string& measurand) {
    for (const auto& v : payload.at("meterValue").at(0).at("sampledValue")) {
      if (v.value("measurand", "Energy.Active.Import.Register") == measurand) return v.at("value");
    }
    return "";
  }

  test_support::MemoryKeyValues values;
  test_support::MemoryOutbox store;
  TransactionOutbox outbox{store, config, timers};
  Metering metering{config, timers, clock, values, outbox, 1};
};

TEST_F(MeteringTest, RestoresTheRegisterAndCountsOnFromIt) {
  values.put(Metering::k_register_key, "12345");
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(0));  // the HAL starts again at 0: a reference, not a drop
  metering.on_sample(sample(10));
  EXPECT_EQ(metering.energy_wh(), 12355);
}

TEST_F(MeteringTest, UnreadableStoredRegisterStartsFromZero) {
  values.put(Metering::k_register_key, "12x");
  metering.restore();
  EXPECT_EQ(metering.energy_wh(), 0);
}

TEST_F(MeteringTest, AReportedRegisterIsStoredFirstWithAReserve) {
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(0));
  metering.on_sample(sample(150));  // the periodic rule stores 150 (first change worth a write)
  EXPECT_EQ(stored_wh(), "150");
  metering.on_sample(sample(160));  // too soon for the periodic rule
  const int writes_before = values.writes;
  EXPECT_EQ(metering.energy_wh(), 160);  // reported: stored first, with the reserve
  EXPECT_EQ(stored_wh(),
            std::to_string(160 + Metering::k_reserve_wh));
  metering.on_sample(sample(300));
  EXPECT_EQ(metering.energy_wh(), 300);  // within the reserve: no new write
  EXPECT_EQ(values.writes, writes_before + 1);
  metering.on_sample(sample(400));
  EXPECT_EQ(metering.energy_wh(), 400);
  EXPECT_EQ(stored_wh(),
            std::to_string(400 + Metering::k_reserve_wh));
}

TEST_F(MeteringTest, PeriodicSamplesDuringATransactionOnly) {
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(1000));
  metering.on_sample(sample(1000));
  metering.transaction_started(7, clock.now());
  timers.advance(30s);
  metering.on_sample(sample(1100));
  timers.advance(30s);
  metering.on_sample(sample(1250));
  timers.advance(60s);
  auto payloads = queued_meter_values();
  ASSERT_EQ(payloads.size(), 2U);
  EXPECT_EQ(store.entries.back().local_transaction_id, 7);
  EXPECT_TRUE(
      payloads[0].at("transactionId").is_null());  // patched when StartTransaction.conf arrives
  EXPECT_EQ(payloads[0].at("meterValue").at(0).at("timestamp"), "2026-11-22T00:01:00Z");
  EXPECT_EQ(payloads[0].at("meterValue").at(0).at("sampledValue").at(0).at("context"),
            "Sample.Periodic");
  EXPECT_EQ(measurand_value(payloads[0], "Energy.Active.Import.Register"), "100");
  EXPECT_EQ(measurand_value(payloads[1], "Energy.Active.Import.Register"), "250");
  EXPECT_EQ(measurand_value(payloads[1], "Current.Import"), "16.0");
  metering.transaction_ended();
  timers.advance(300s);
  EXPECT_EQ(queued_meter_values().size(), 2U);
}

TEST_F(MeteringTest, LostLinkReportsTheRegisterButNoLiveValues) {
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(0));
  metering.transaction_started(1, clock.now());
  metering.on_link(false);
  timers.advance(60s);
  const auto payloads = queued_meter_values();
  ASSERT_EQ(payloads.size(), 1U);
  EXPECT_EQ(measurand_value(payloads[0], "Current.Import"), "");
  EXPECT_EQ(measurand_value(payloads[0], "Energy.Active.Import.Register"), "0");
}

TEST_F(MeteringTest, ClockAlignedReadingsOutsideATransactionGoOutOnlyWhileRegistered) {
  config.set_internal("ClockAlignedDataInterval", "900");
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(0));
  timers.advance(900s);
  EXPECT_TRUE(io.sent.empty());
  EXPECT_TRUE(queued_meter_values().empty());
  metering.attach(&session);
  timers.advance(900s);
  ASSERT_EQ(io.sent.size(), 1U);
  EXPECT_EQ(io.last().at(2), "MeterValues");
  EXPECT_EQ(io.last().at(3).at("meterValue").at(0).at("timestamp"), "2026-11-22T00:30:00Z");
  EXPECT_EQ(io.last().at(3).at("meterValue").at(0).at("sampledValue").at(0).at("context"),
            "Sample.Clock");
  EXPECT_FALSE(io.last().at(3).contains("transactionId"));
}

TEST_F(MeteringTest, StopTransactionDataFollowsStopTxnSampledData) {
  config.set_internal("StopTxnSampledData", "Energy.Active.Import.Register");
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(0));
  metering.transaction_started(1, clock.now());
  timers.advance(60s);
  const auto data = metering.transaction_ended();
  ASSERT_TRUE(data);
  ASSERT_EQ(data->size(), 3U);  // Transaction.Begin, one Sample.Periodic, Transaction.End
  EXPECT_EQ(data->at(0).at("sampledValue").at(0).at("context"), "Transaction.Begin");
  EXPECT_EQ(data->at(2).at("sampledValue").at(0).at("context"), "Transaction.End");
}

TEST_F(MeteringTest, TriggerSendsTheCurrentReadingWhileRegistered) {
  metering.restore();
  metering.on_link(true);
  metering.on_sample(sample(42));
  metering.trigger();
  EXPECT_TRUE(io.sent.empty());
  metering.attach(&session);
  metering.trigger();
  ASSERT_EQ(io.sent.size(), 1U);
  EXPECT_EQ(io.last().at(3).at("meterValue").at(0).at("sampledValue").at(0).at("context"),
            "Trigger");
}

}  // namespace

namespace {

TEST_F(MeteringTest, TheStoredRegisterCarriesItsTimeAcrossARestart) {
  metering.restore();
  EXPECT_FALSE(metering.stored_at());
  metering.on_link(true);
  metering.on_sample(sample(0));
  timers.advance(90s);
  metering.on_sample(sample(500));  // worth storing
  EXPECT_EQ(values.values.at(Metering::k_register_key), "500@" + std::to_string(1795305690000LL));
  Metering after_restart{config, timers, clock, values, outbox, 1};
  after_restart.restore();
  EXPECT_EQ(after_restart.energy_wh(), 500);
  ASSERT_TRUE(after_restart.stored_at());
  EXPECT_EQ(*after_restart.stored_at(), test_support::k_test_start + 90s);
}

}  // namespace
