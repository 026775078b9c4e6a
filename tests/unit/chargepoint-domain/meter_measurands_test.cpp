#include <gtest/gtest.h>

#include <algorithm>

#include "domain/configuration_keys.hpp"
#include "domain/meter_measurands.hpp"

namespace {

using namespace chargepoint;
using ocpp::messages::Measurand;

std::vector<Measurand> parsed(std::string_view text, std::size_t max_items = 8) {
  auto result = parse_measurand_list(text, max_items);
  const auto* list = std::get_if<std::vector<Measurand>>(&result);
  EXPECT_NE(list, nullptr) << text << ": " << std::get<MeasurandListError>(result).reason;
  return list != nullptr ? *list : std::vector<Measurand>{};
}

std::string error(std::string_view text, std::size_t max_items = 8) {
  auto result = parse_measurand_list(text, max_items);
  const auto* failure = std::get_if<MeasurandListError>(&result);
  EXPECT_NE(failure, nullptr) << text << " was accepted";
  return failure != nullptr ? failure->reason : std::string{};
}

TEST(MeasurandList, ParsesInOrder) {
  EXPECT_EQ(parsed("Voltage,Current.Import"),
            (std::vector{Measurand::Voltage, Measurand::CurrentImport}));
  EXPECT_EQ(parsed("Energy.Active.Import.Register"),
            std::vector{Measurand::EnergyActiveImportRegister});
  EXPECT_EQ(parsed("Energy.Active.Import.Register,Power.Active.Import,Current.Import,Current."
                   "Offered,Voltage,"
                   "Frequency,Temperature,SoC")
                .size(),
            8u);
}

TEST(MeasurandList, ToleratesBlanksAroundItems) {
  EXPECT_EQ(parsed("  Voltage ,\tSoC\t"), (std::vector{Measurand::Voltage, Measurand::SoC}));
  EXPECT_EQ(parsed(" Frequency"), std::vector{Measurand::Frequency});
}

TEST(MeasurandList, EmptyMeansNothing) {
  EXPECT_TRUE(parsed("").empty());
  EXPECT_TRUE(parsed("   ").empty());
  EXPECT_TRUE(parsed(" \t ", 0).empty());
}

TEST(MeasurandList, EmptyItemsAreRefused) {
  EXPECT_EQ(error("Voltage,,SoC"), "item 2 is empty");
  EXPECT_EQ(error("Voltage,"), "item 2 is empty");
  EXPECT_EQ(error(",Voltage"), "item 1 is empty");
  EXPECT_EQ(error(" , "), "item 1 is empty");
}

TEST(MeasurandList, OneUnsupportedMeasurandRejectsTheWholeList) {
  EXPECT_EQ(error("Voltage,RPM,SoC"),
            "item 2 (\"RPM\") is not a measurand this charge point supports");
  EXPECT_EQ(
      error("Energy.Active.Export.Register"),
      "item 1 (\"Energy.Active.Export.Register\") is not a measurand this charge point supports");
  EXPECT_EQ(error("Voltage,Volts"), "item 2 (\"Volts\") is not an OCPP 1.6 measurand");
  EXPECT_EQ(error("voltage"), "item 1 (\"voltage\") is not an OCPP 1.6 measurand");
  EXPECT_EQ(error("Voltage;SoC"), "item 1 (\"Voltage;SoC\") is not an OCPP 1.6 measurand");
}

TEST(MeasurandList, DuplicatesAreRefused) {
  EXPECT_EQ(error("Voltage,SoC, Voltage"), "item 3 (\"Voltage\") is listed twice");
}

TEST(MeasurandList, AtMostMaxItems) {
  EXPECT_EQ(parsed("Voltage,SoC", 2).size(), 2u);
  EXPECT_EQ(error("Voltage,SoC,Frequency", 2), "3 measurands, at most 2 allowed");
  EXPECT_EQ(error("Voltage", 0), "1 measurands, at most 0 allowed");
}

TEST(MeasurandList, HelpersForTheConfigurationPaths) {
  EXPECT_EQ(check_measurand_list("Voltage, SoC", 7), std::nullopt);
  EXPECT_EQ(check_measurand_list("Voltage,RPM", 7),
            "item 2 (\"RPM\") is not a measurand this charge point supports");
  EXPECT_EQ(measurands_or_empty("SoC", 7), std::vector{Measurand::SoC});
  EXPECT_TRUE(measurands_or_empty("SoC,RPM", 7).empty());
}

TEST(MeasurandList, EveryMeasurandTheConfigurationAcceptsCanBeBuilt) {
  for (const auto name : supported_measurands()) {
    const auto list = parsed(name);
    EXPECT_EQ(list.size(), 1u) << name;
  }
}

TEST(MeasurandList, EveryConfiguredDefaultParses) {
  for (const auto& key : configuration_keys()) {
    if (key.type != KeyType::MeasurandList) continue;
    EXPECT_EQ(check_measurand_list(key.default_value, static_cast<std::size_t>(key.max)),
              std::nullopt)
        << key.name;
  }
}

}  // namespace
