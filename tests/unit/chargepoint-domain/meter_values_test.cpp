#include <gtest/gtest.h>

#include <limits>

#include "domain/meter_measurands.hpp"
#include "domain/meter_values.hpp"
#include "ocpp/messages/core_transaction.hpp"
#include "ocpp/schema/registry.hpp"

namespace {

using namespace chargepoint;
using namespace ocpp::messages;
using namespace std::chrono_literals;

// 2026-03-01T12:15:00.250Z
const common::WallTime k_time =
    common::WallTime{} + std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}.time_since_epoch() +
    12h + 15min + 250ms + 999us;

hal::MeterSample full_sample() {
  hal::MeterSample sample;
  sample.voltage_v = 231.26;
  sample.current_a = 15.96;
  sample.power_w = 3690.4;
  sample.energy_wh = 99999.0;  // the HAL's own register: never reported
  sample.offered_a = 16.0;
  sample.phases_in_use = 1;
  sample.frequency_hz = 49.98;
  sample.temperature_c = 41.25;
  sample.soc_percent = 57.4;
  return sample;
}

MeterSnapshot snapshot(std::optional<hal::MeterSample> sample,
                       std::optional<double> register_wh = 12345.9, int supply_phases = 1) {
  return MeterSnapshot{.time = k_time,
                       .sample = std::move(sample),
                       .register_wh = register_wh,
                       .supply_phases = supply_phases};
}

SampledValue expected(std::string value, Measurand measurand, std::optional<UnitOfMeasure> unit,
                      ReadingContext context = ReadingContext::SamplePeriodic,
                      std::optional<Phase> phase = std::nullopt,
                      std::optional<Location> location = std::nullopt) {
  return SampledValue{.value = std::move(value),
                      .context = context,
                      .format = std::nullopt,
                      .measurand = measurand,
                      .phase = phase,
                      .location = location,
                      .unit = unit};
}

void expect_valid_meter_values(const MeterValuesRequest& request) {
  const nlohmann::json payload = request;
  const auto problem = ocpp::schema::Registry::instance().validate(
      "MeterValues", ocpp::schema::MessageKind::Request, payload);
  EXPECT_FALSE(problem) << problem->path << ": " << problem->message << "\n" << payload.dump(2);
}

TEST(MeterValues, EveryMeasurandOfASinglePhaseBox) {
  const auto value = build_meter_value(snapshot(full_sample()), meter_measurands(),
                                       ReadingContext::SamplePeriodic);
  ASSERT_TRUE(value);
  EXPECT_EQ(value->timestamp.to_string(), "2026-03-01T12:15:00.250Z");
  const std::vector<SampledValue> want{
      expected("12345", Measurand::EnergyActiveImportRegister, UnitOfMeasure::Wh),
      expected("3690", Measurand::PowerActiveImport, UnitOfMeasure::W),
      expected("16.0", Measurand::CurrentImport, UnitOfMeasure::A),
      expected("16.0", Measurand::CurrentOffered, UnitOfMeasure::A),
      expected("231.3", Measurand::Voltage, UnitOfMeasure::V),
      expected("50.0", Measurand::Frequency, std::nullopt),
      expected("41.2", Measurand::Temperature, UnitOfMeasure::Celcius,
               ReadingContext::SamplePeriodic, std::nullopt, Location::Body),
      expected("57", Measurand::SoC, UnitOfMeasure::Percent, ReadingContext::SamplePeriodic,
               std::nullopt, Location::EV),
  };
  EXPECT_EQ(value->sampledValue, want);
}

TEST(MeterValues, FollowsTheConfiguredOrderAndOnlyIt) {
  const std::vector<Measurand> list{Measurand::Voltage, Measurand::EnergyActiveImportRegister};
  const auto value = build_meter_value(snapshot(full_sample()), list, ReadingContext::Trigger);
  ASSERT_TRUE(value);
  ASSERT_EQ(value->sampledValue.size(), 2u);
  EXPECT_EQ(value->sampledValue[0].measurand, Measurand::Voltage);
  EXPECT_EQ(value->sampledValue[1].measurand, Measurand::EnergyActiveImportRegister);
  EXPECT_EQ(value->sampledValue[1].context, ReadingContext::Trigger);
}

TEST(MeterValues, ThreePhaseVehicleOnAThreePhaseBox) {
  auto sample = full_sample();
  sample.phases_in_use = 3;
  const std::vector<Measurand> list{Measurand::CurrentImport, Measurand::Voltage,
                                    Measurand::CurrentOffered, Measurand::PowerActiveImport};
  const auto value =
      build_meter_value(snapshot(sample, 0.0, 3), list, ReadingContext::SamplePeriodic);
  ASSERT_TRUE(value);
  const std::vector<SampledValue> want{
      expected("16.0", Measurand::CurrentImport, UnitOfMeasure::A, ReadingContext::SamplePeriodic,
               Phase::L1),
      expected("16.0", Measurand::CurrentImport, UnitOfMeasure::A, ReadingContext::SamplePeriodic,
               Phase::L2),
      expected("16.0", Measurand::CurrentImport, UnitOfMeasure::A, ReadingContext::SamplePeriodic,
               Phase::L3),
      expected("231.3", Measurand::Voltage, UnitOfMeasure::V, ReadingContext::SamplePeriodic,
               Phase::L1N),
      expected("16.0", Measurand::CurrentOffered, UnitOfMeasure::A),
      expected("3690", Measurand::PowerActiveImport, UnitOfMeasure::W),
  };
  EXPECT_EQ(value->sampledValue, want);
}

TEST(MeterValues, OnePhaseVehicleOnAThreePhaseBoxDrawsOnL1) {
  const std::vector<Measurand> list{Measurand::CurrentImport};
  const auto value =
      build_meter_value(snapshot(full_sample(), 0.0, 3), list, ReadingContext::SamplePeriodic);
  ASSERT_TRUE(value);
  ASSERT_EQ(value->sampledValue.size(), 1u);
  EXPECT_EQ(value->sampledValue[0].phase, Phase::L1);
}

TEST(MeterValues, PhaseCountsFromAConfusedHalAreBounded) {
  const std::vector<Measurand> list{Measurand::CurrentImport};
  auto sample = full_sample();
  sample.phases_in_use = 5;
  EXPECT_EQ(build_meter_value(snapshot(sample, 0.0, 3), list, ReadingContext::SamplePeriodic)
                ->sampledValue.size(),
            3u);
  EXPECT_EQ(build_meter_value(snapshot(sample, 0.0, 2), list, ReadingContext::SamplePeriodic)
                ->sampledValue.size(),
            2u);
  sample.phases_in_use = 0;
  EXPECT_EQ(build_meter_value(snapshot(sample, 0.0, 3), list, ReadingContext::SamplePeriodic)
                ->sampledValue.size(),
            1u);
  // A single-phase box never labels a phase, whatever the HAL claims the vehicle does.
  sample.phases_in_use = 3;
  const auto single = build_meter_value(snapshot(sample), list, ReadingContext::SamplePeriodic);
  ASSERT_EQ(single->sampledValue.size(), 1u);
  EXPECT_EQ(single->sampledValue[0].phase, std::nullopt);
}

TEST(MeterValues, WhatTheBoxDoesNotMeasureIsOmitted) {
  auto sample = full_sample();
  sample.frequency_hz.reset();
  sample.temperature_c.reset();
  sample.soc_percent.reset();
  const auto value =
      build_meter_value(snapshot(sample), meter_measurands(), ReadingContext::SamplePeriodic);
  ASSERT_TRUE(value);
  std::vector<Measurand> got;
  for (const auto& sampled : value->sampledValue) got.push_back(*sampled.measurand);
  EXPECT_EQ(got,
            (std::vector{Measurand::EnergyActiveImportRegister, Measurand::PowerActiveImport,
                         Measurand::CurrentImport, Measurand::CurrentOffered, Measurand::Voltage}));
}

TEST(MeterValues, LinkDownLeavesOnlyTheRegister) {
  const auto value = build_meter_value(snapshot(std::nullopt), meter_measurands(),
                                       ReadingContext::InterruptionBegin);
  ASSERT_TRUE(value);
  ASSERT_EQ(value->sampledValue.size(), 1u);
  EXPECT_EQ(value->sampledValue[0], expected("12345", Measurand::EnergyActiveImportRegister,
                                             UnitOfMeasure::Wh, ReadingContext::InterruptionBegin));
}

TEST(MeterValues, NothingToReportIsNoMeterValue) {
  EXPECT_FALSE(build_meter_value(snapshot(std::nullopt, std::nullopt), meter_measurands(),
                                 ReadingContext::SamplePeriodic));
  EXPECT_FALSE(build_meter_value(snapshot(full_sample()), {}, ReadingContext::SamplePeriodic));
  const std::vector<Measurand> unmeasurable{Measurand::RPM, Measurand::PowerFactor};
  EXPECT_FALSE(
      build_meter_value(snapshot(full_sample()), unmeasurable, ReadingContext::SamplePeriodic));
  const std::vector<Measurand> soc_only{Measurand::SoC};
  auto no_soc = full_sample();
  no_soc.soc_percent.reset();
  EXPECT_FALSE(build_meter_value(snapshot(no_soc), soc_only, ReadingContext::SamplePeriodic));
}

TEST(MeterValues, FaultyReadingsAreOmittedNeverPrinted) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double inf = std::numeric_limits<double>::infinity();
  hal::MeterSample sample;
  sample.voltage_v = nan;
  sample.current_a = -3.0;  // an import cannot be negative
  sample.power_w = inf;
  sample.offered_a = -inf;
  sample.frequency_hz = nan;
  sample.temperature_c = inf;
  sample.soc_percent = 130.0;
  const auto value =
      build_meter_value(snapshot(sample, nan), meter_measurands(), ReadingContext::SamplePeriodic);
  EXPECT_FALSE(value) << nlohmann::json(*value).dump();
  sample.soc_percent = -1.0;
  EXPECT_FALSE(build_meter_value(snapshot(sample, -5.0), meter_measurands(),
                                 ReadingContext::SamplePeriodic));
}

TEST(MeterValues, FormattingEdgeCases) {
  hal::MeterSample sample;
  sample.voltage_v = 0.0;        // mains missing is a reading
  sample.current_a = -0.02;      // noise around zero
  sample.power_w = 1'000'000.0;  // no exponent
  sample.offered_a = 0.05;
  sample.temperature_c = -12.5;  // a cold box: negative is fine here
  sample.soc_percent = 100.0;
  const std::vector<Measurand> list{Measurand::Voltage,
                                    Measurand::CurrentImport,
                                    Measurand::PowerActiveImport,
                                    Measurand::CurrentOffered,
                                    Measurand::Temperature,
                                    Measurand::SoC,
                                    Measurand::EnergyActiveImportRegister};
  const auto value =
      build_meter_value(snapshot(sample, 1.0e9 + 0.999), list, ReadingContext::SamplePeriodic);
  ASSERT_TRUE(value);
  std::vector<std::string> texts;
  for (const auto& sampled : value->sampledValue) texts.push_back(sampled.value);
  EXPECT_EQ(texts, (std::vector<std::string>{"0.0", "0.0", "1000000", "0.1", "-12.5", "100",
                                             "1000000000"}));
  EXPECT_EQ(
      build_meter_value(snapshot(sample, 0.0), std::vector{Measurand::EnergyActiveImportRegister},
                        ReadingContext::SamplePeriodic)
          ->sampledValue[0]
          .value,
      "0");
}

TEST(MeterValues, EveryContextIsCarriedOnEveryValue) {
  for (const auto& [context, name] : EnumNames<ReadingContext>::names) {
    const auto value =
        build_meter_value(snapshot(full_sample(), 1.0, 3), meter_measurands(), context);
    ASSERT_TRUE(value) << name;
    for (const auto& sampled : value->sampledValue) EXPECT_EQ(sampled.context, context) << name;
  }
}

TEST(MeterValues, PayloadsFollowTheOfficialSchema) {
  MeterValuesRequest request{.connectorId = 1, .transactionId = 42, .meterValue = {}};
  for (const auto& [context, name] : EnumNames<ReadingContext>::names) {
    auto sample = full_sample();
    sample.phases_in_use = 3;
    request.meterValue.push_back(
        *build_meter_value(snapshot(sample, 1.0, 3), meter_measurands(), context));
    request.meterValue.push_back(
        *build_meter_value(snapshot(full_sample()), meter_measurands(), context));
  }
  request.meterValue.push_back(*build_meter_value(snapshot(std::nullopt), meter_measurands(),
                                                  ReadingContext::InterruptionBegin));
  expect_valid_meter_values(request);

  const nlohmann::json periodic = *build_meter_value(snapshot(full_sample()), meter_measurands(),
                                                     ReadingContext::SamplePeriodic);
  const auto& first = periodic["sampledValue"];
  EXPECT_EQ(first[0], (nlohmann::json{{"value", "12345"},
                                      {"context", "Sample.Periodic"},
                                      {"measurand", "Energy.Active.Import.Register"},
                                      {"unit", "Wh"}}));
  EXPECT_FALSE(first[5].contains("unit")) << first[5].dump();  // Frequency
  EXPECT_EQ(first[6]["unit"], "Celcius");
  for (const auto& sampled : first) EXPECT_TRUE(sampled["value"].is_string());
}

// The check above can fail: what the 1.6 schema refuses is refused here.
TEST(MeterValues, TheSchemaCheckBites) {
  MeterValuesRequest request{.connectorId = 1, .transactionId = std::nullopt, .meterValue = {}};
  request.meterValue.push_back(
      *build_meter_value(snapshot(full_sample()), meter_measurands(), ReadingContext::Trigger));
  nlohmann::json payload = request;
  const auto& registry = ocpp::schema::Registry::instance();
  ASSERT_FALSE(registry.validate("MeterValues", ocpp::schema::MessageKind::Request, payload));
  payload["meterValue"][0]["sampledValue"][5]["unit"] = "Hertz";
  EXPECT_TRUE(registry.validate("MeterValues", ocpp::schema::MessageKind::Request, payload));
  payload["meterValue"][0]["sampledValue"][5].erase("unit");
  payload["meterValue"][0]["sampledValue"][0]["value"] = 12345;
  EXPECT_TRUE(registry.validate("MeterValues", ocpp::schema::MessageKind::Request, payload));
}

}  // namespace
