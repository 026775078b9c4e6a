#pragma once
// Loads the table-driven composer cases of tests/data/limits/*.json (format in README.md there).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "domain/limits/composite_schedule.hpp"

namespace limits_test {

// One expected period: "offset:limit[/phases][ Source]"; phases and source are checked only when
// given. For layer periods, "offset:-" is a gap.
struct ExpectedPeriod {
  int offset_s = 0;
  std::optional<double> limit;
  std::optional<int> phases;
  std::optional<chargepoint::limits::LimitSource> source;
};
std::vector<ExpectedPeriod> parse_periods(const std::string& text);

struct OfferCheck {
  int connector_id = 1;
  int horizon_s = 0;
  std::vector<ExpectedPeriod> expected;
};

struct LimitCase {
  std::string file;
  std::string name;
  common::WallTime now;
  chargepoint::limits::BoxRating box;
  chargepoint::limits::TxProfileEnd tx_profile_end =
      chargepoint::limits::TxProfileEnd::KeepsOverruling;
  std::vector<chargepoint::limits::ConnectorContext> connectors;
  std::vector<chargepoint::limits::InstalledProfile> profiles;
  std::vector<chargepoint::limits::Layer> local_layers;
  std::optional<ocpp::messages::GetCompositeScheduleRequest> request;
  std::optional<std::string> expect_status;
  std::vector<ExpectedPeriod> expect;
  std::optional<OfferCheck> offer;

  chargepoint::limits::CompositeInputs inputs() const {
    return {profiles, connectors, box, tx_profile_end, local_layers};
  }
};

// Every case of every *.json file in the folder; throws with the file and case name on bad data.
std::vector<LimitCase> load_cases(const std::string& folder);

}  // namespace limits_test
