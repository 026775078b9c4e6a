#include <gtest/gtest.h>

#include <algorithm>

#include "domain/clock_aligned.hpp"
#include "domain/energy_register.hpp"
#include "domain/meter_transaction_data.hpp"
#include "ocpp/messages/core_transaction.hpp"
#include "ocpp/schema/registry.hpp"

namespace {

using namespace chargepoint;
using namespace ocpp::messages;
using namespace std::chrono_literals;

const common::WallTime k_start =
    common::WallTime{std::chrono::sys_days{std::chrono::year{2026} / 7 / 14}} + 18h + 7min + 30s;

MeterSnapshot snapshot(common::WallTime time, double register_wh) {
  hal::MeterSample sample;
  sample.voltage_v = 229.5;
  sample.current_a = 31.8;
  sample.power_w = 7298.1;
  sample.offered_a = 32.0;
  sample.temperature_c = 38.0;
  return MeterSnapshot{
      .time = time, .sample = sample, .register_wh = register_wh, .supply_phases = 1};
}

ReadingContext context_of(const MeterValue& value) {
  return *value.sampledValue.front().context;
}

std::vector<Measurand> measurands_of(const MeterValue& value) {
  std::vector<Measurand> out;
  for (const auto& sampled : value.sampledValue) out.push_back(*sampled.measurand);
  return out;
}

MeterValue entry(common::WallTime time, ReadingContext context) {
  return MeterValue{
      .timestamp = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(time)),
      .sampledValue = {SampledValue{.value = "1",
                                    .context = context,
                                    .format = std::nullopt,
                                    .measurand = Measurand::EnergyActiveImportRegister,
                                    .phase = std::nullopt,
                                    .location = std::nullopt,
                                    .unit = UnitOfMeasure::Wh}}};
}

TEST(TransactionMeterData, BeginSamplesAlignedEnd) {
  TransactionMeterData data({Measurand::EnergyActiveImportRegister, Measurand::PowerActiveImport},
                            {Measurand::EnergyActiveImportRegister, Measurand::Temperature});
  data.on_begin(snapshot(k_start, 1000.0));
  data.on_periodic(snapshot(k_start + 60s, 1120.0));
  data.on_aligned(snapshot(k_start + 7min + 30s, 1900.0));
  data.on_end(snapshot(k_start + 8min, 1980.0));
  const auto result = data.transaction_data();
  ASSERT_TRUE(result);
  ASSERT_EQ(result->size(), 4u);
  EXPECT_EQ(context_of((*result)[0]), ReadingContext::TransactionBegin);
  EXPECT_EQ(context_of((*result)[1]), ReadingContext::SamplePeriodic);
  EXPECT_EQ(context_of((*result)[2]), ReadingContext::SampleClock);
  EXPECT_EQ(context_of((*result)[3]), ReadingContext::TransactionEnd);
  const std::vector<Measurand> both{Measurand::EnergyActiveImportRegister,
                                    Measurand::PowerActiveImport, Measurand::Temperature};
  EXPECT_EQ(measurands_of((*result)[0]), both);
  EXPECT_EQ(measurands_of((*result)[1]),
            (std::vector{Measurand::EnergyActiveImportRegister, Measurand::PowerActiveImport}));
  EXPECT_EQ(measurands_of((*result)[2]),
            (std::vector{Measurand::EnergyActiveImportRegister, Measurand::Temperature}));
  EXPECT_EQ(measurands_of((*result)[3]), both);
  EXPECT_EQ((*result)[3].sampledValue[0].value, "1980");
}

TEST(TransactionMeterData, NothingConfiguredIsNoField) {
  TransactionMeterData data({}, {});
  data.on_begin(snapshot(k_start, 0.0));
  data.on_periodic(snapshot(k_start + 60s, 1.0));
  data.on_aligned(snapshot(k_start + 90s, 1.0));
  data.on_end(snapshot(k_start + 120s, 2.0));
  EXPECT_EQ(data.transaction_data(), std::nullopt);
  EXPECT_TRUE(data.entries().empty());
}

TEST(TransactionMeterData, OnlyTheAlignedListKeepsPeriodicSamplesOut) {
  TransactionMeterData data({}, {Measurand::EnergyActiveImportRegister});
  data.on_begin(snapshot(k_start, 0.0));
  data.on_periodic(snapshot(k_start + 60s, 1.0));
  data.on_aligned(snapshot(k_start + 450s, 1.0));
  data.on_end(snapshot(k_start + 500s, 2.0));
  ASSERT_EQ(data.entries().size(), 3u);
  EXPECT_EQ(context_of(data.entries()[1]), ReadingContext::SampleClock);
}

TEST(TransactionMeterData, BoundedKeepingFirstAndNewestAndSpreadingTheRest) {
  TransactionMeterData data({Measurand::EnergyActiveImportRegister}, {}, 10);
  data.on_begin(snapshot(k_start, 0.0));
  for (int minute = 1; minute <= 1000; ++minute) {
    data.on_periodic(snapshot(k_start + minute * 1min, minute * 100.0));
    ASSERT_LE(data.entries().size(), 10u);
  }
  data.on_end(snapshot(k_start + 1000min + 30s, 100'050.0));
  const auto entries = data.entries();
  ASSERT_EQ(entries.size(), 10u);
  EXPECT_EQ(data.dropped(), 1002u - 10u);
  EXPECT_EQ(context_of(entries.front()), ReadingContext::TransactionBegin);
  EXPECT_EQ(context_of(entries.back()), ReadingContext::TransactionEnd);
  // Chronological, and no gap wider than a quarter of the transaction: the middle was thinned
  // evenly.
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const auto gap = entries[i].timestamp.time_point() - entries[i - 1].timestamp.time_point();
    EXPECT_GT(gap.count(), 0);
    EXPECT_LE(gap, 250min) << i;
  }
}

TEST(TransactionMeterData, AlignedAndEventReadingsOutliveSamples) {
  TransactionMeterData data({}, {}, 6);
  data.add(entry(k_start, ReadingContext::TransactionBegin));
  data.add(entry(k_start + 1min, ReadingContext::SampleClock));
  data.add(entry(k_start + 2min, ReadingContext::InterruptionBegin));
  data.add(entry(k_start + 3min, ReadingContext::SamplePeriodic));
  data.add(entry(k_start + 4min, ReadingContext::SampleClock));
  data.add(entry(k_start + 5min, ReadingContext::SamplePeriodic));
  // Full. Each add drops the Sample.Periodic entry whose neighbours are closest (earliest on a
  // tie):
  data.add(
      entry(k_start + 6min, ReadingContext::SamplePeriodic));  // 3 (2..4) ties 5 (4..6): 3 goes
  data.add(
      entry(k_start + 7min, ReadingContext::SamplePeriodic));  // 5 (4..6) ties 6 (5..7): 5 goes
  data.add(entry(k_start + 8min, ReadingContext::SamplePeriodic));  // 6 (4..7) vs 7 (6..8): 7 goes
  data.add(entry(k_start + 9min, ReadingContext::SampleClock));     // 6 (4..8) vs 8 (6..9): 8 goes
  data.add(
      entry(k_start + 10min, ReadingContext::SampleClock));  // 6, the last sample in the middle
  // No samples left in the middle: aligned readings go next, never the interruption or Begin.
  data.add(
      entry(k_start + 11min, ReadingContext::SampleClock));  // 1 (0..2) ties 10 (9..11): 1 goes
  std::vector<ReadingContext> contexts;
  std::vector<long> minutes;
  for (const auto& value : data.entries()) {
    contexts.push_back(context_of(value));
    minutes.push_back(
        std::chrono::duration_cast<std::chrono::minutes>(
            value.timestamp.time_point() - std::chrono::floor<std::chrono::milliseconds>(k_start))
            .count());
  }
  EXPECT_EQ(minutes, (std::vector<long>{0, 2, 4, 9, 10, 11}));
  EXPECT_EQ(contexts[0], ReadingContext::TransactionBegin);
  EXPECT_EQ(contexts[1], ReadingContext::InterruptionBegin);
  EXPECT_EQ(data.dropped(), 6u);
}

TEST(TransactionMeterData, TinyLimitsStillKeepBeginAndNewest) {
  TransactionMeterData data({Measurand::EnergyActiveImportRegister}, {}, 0);
  data.on_begin(snapshot(k_start, 0.0));
  data.on_periodic(snapshot(k_start + 1min, 1.0));
  data.on_end(snapshot(k_start + 2min, 2.0));
  ASSERT_EQ(data.entries().size(), 2u);
  EXPECT_EQ(context_of(data.entries()[0]), ReadingContext::TransactionBegin);
  EXPECT_EQ(context_of(data.entries()[1]), ReadingContext::TransactionEnd);
}

// A whole transaction as the daemon will run it: register, periodic and aligned schedules, and a
// StopTransaction.req that the official schema accepts.
TEST(TransactionMeterData, StopTransactionPayloadFollowsTheOfficialSchema) {
  TransactionMeterData data({Measurand::EnergyActiveImportRegister, Measurand::PowerActiveImport,
                             Measurand::CurrentImport, Measurand::Voltage, Measurand::Temperature},
                            {Measurand::EnergyActiveImportRegister});
  EnergyRegister reg;
  reg.restore(52'000.0);
  double hal_wh = 0.0;
  reg.update(hal_wh, k_start);
  data.on_begin(snapshot(k_start, reg.value_wh()));
  auto next_sample = *next_periodic_sample(k_start, k_start, 60s);
  auto next_aligned = *next_aligned_boundary(k_start, 900s);
  const auto stop = k_start + 2h;
  for (auto now = k_start + 1s; now <= stop; now += 1s) {
    hal_wh += 7.3 / 3.6;  // 7.3 kW
    reg.update(hal_wh, now);
    if (now == next_aligned) {
      data.on_aligned(snapshot(now, reg.value_wh()));
      next_aligned = *next_aligned_boundary(now, 900s);
    }
    if (now == next_sample) {
      data.on_periodic(snapshot(now, reg.value_wh()));
      next_sample = *next_periodic_sample(k_start, now, 60s);
    }
  }
  data.on_end(snapshot(stop, reg.value_wh()));
  EXPECT_EQ(data.entries().size(), TransactionMeterData::k_default_max_entries);
  EXPECT_EQ(std::count_if(data.entries().begin(), data.entries().end(),
                          [](const MeterValue& value) {
                            return context_of(value) == ReadingContext::SampleClock;
                          }),
            8);

  const StopTransactionRequest request{
      .idTag = "04A2B3C4D5E6F7",
      .meterStop = static_cast<int>(reg.value_whole_wh()),
      .timestamp = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(stop)),
      .transactionId = 17,
      .reason = StopReason::EVDisconnected,
      .transactionData = data.transaction_data()};
  EXPECT_NEAR(reg.value_wh(), 52'000.0 + 14'600.0, 0.01);
  EXPECT_EQ(request.transactionData->back().sampledValue[0].value,
            std::to_string(request.meterStop));
  const nlohmann::json payload = request;
  const auto problem = ocpp::schema::Registry::instance().validate(
      "StopTransaction", ocpp::schema::MessageKind::Request, payload);
  EXPECT_FALSE(problem) << problem->path << ": " << problem->message;
}

}  // namespace
