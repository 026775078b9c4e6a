// Runs every case of tests/data/limits/*.json: GetCompositeSchedule responses and offered schedules
// with their sources, computed by the real composer from OCPP profiles decoded from JSON.
#include <gtest/gtest.h>

#include <sstream>

#include "limit_case.hpp"

namespace {

using namespace chargepoint::limits;
using limits_test::ExpectedPeriod;
using limits_test::LimitCase;

const std::vector<LimitCase>& all_cases() {
  static const auto cases = limits_test::load_cases(std::string(EO_TEST_DATA_DIR) + "/limits");
  return cases;
}

std::string describe(const std::vector<ocpp::messages::ChargingSchedulePeriod>& periods) {
  std::ostringstream out;
  for (const auto& p : periods) {
    out << (&p == &periods.front() ? "" : ", ") << p.startPeriod << ':' << p.limit << '/'
        << p.numberPhases.value_or(0);
  }
  return out.str();
}

std::string describe(const Schedule& schedule, common::WallTime from) {
  std::ostringstream out;
  for (const auto& p : schedule) {
    out << (&p == &schedule.front() ? "" : ", ")
        << std::chrono::duration_cast<std::chrono::seconds>(p.start - from).count() << ':';
    if (p.limit) {
      out << p.limit->current_a << '/' << p.limit->phases << ' ' << to_string(p.limit->source);
    } else {
      out << '-';
    }
  }
  return out.str();
}

class LimitCases : public testing::TestWithParam<std::size_t> {};

TEST_P(LimitCases, MatchExpectations) {
  const auto& c = all_cases().at(GetParam());
  SCOPED_TRACE(c.file + " / " + c.name);
  const auto inputs = c.inputs();

  if (c.request) {
    const auto response = composite_schedule(*c.request, c.now, inputs);
    const auto status = std::string(ocpp::messages::to_string(response.status));
    EXPECT_EQ(status, c.expect_status.value_or("Accepted"));
    if (status == "Accepted") {
      ASSERT_TRUE(response.chargingSchedule);
      const auto& schedule = *response.chargingSchedule;
      const auto start = std::chrono::floor<std::chrono::seconds>(c.now);
      EXPECT_EQ(schedule.startSchedule, ocpp::DateTime(start));
      EXPECT_EQ(response.scheduleStart, schedule.startSchedule);
      EXPECT_EQ(schedule.duration, c.request->duration);
      EXPECT_EQ(response.connectorId, c.request->connectorId);
      EXPECT_EQ(schedule.chargingRateUnit,
                c.request->chargingRateUnit.value_or(ocpp::messages::ChargingRateUnit::A));
      const auto& got = schedule.chargingSchedulePeriod;
      ASSERT_EQ(got.size(), c.expect.size()) << "got " << describe(got);
      for (std::size_t i = 0; i < got.size(); ++i) {
        const auto& want = c.expect[i];
        EXPECT_EQ(got[i].startPeriod, want.offset_s) << "period " << i << ": " << describe(got);
        ASSERT_TRUE(want.limit);
        EXPECT_DOUBLE_EQ(got[i].limit, *want.limit) << "period " << i << ": " << describe(got);
        if (want.phases) {
          EXPECT_EQ(got[i].numberPhases, want.phases) << describe(got);
        }
        // At most one decimal on the wire, always.
        EXPECT_DOUBLE_EQ(got[i].limit, truncate_to_tenth(got[i].limit));
      }
    }
  }

  if (c.offer) {
    const auto connector = std::find_if(
        c.connectors.begin(), c.connectors.end(),
        [&](const ConnectorContext& x) { return x.connector_id == c.offer->connector_id; });
    ASSERT_NE(connector, c.connectors.end());
    const auto offered =
        connector_offer(inputs, *connector, c.now, c.now, std::chrono::seconds{c.offer->horizon_s});
    const auto text = describe(offered, c.now);
    ASSERT_EQ(offered.size(), c.offer->expected.size()) << "got " << text;
    for (std::size_t i = 0; i < offered.size(); ++i) {
      const auto& want = c.offer->expected[i];
      EXPECT_EQ(offered[i].start, c.now + std::chrono::seconds{want.offset_s}) << text;
      ASSERT_TRUE(offered[i].limit) << text;
      if (want.limit) {
        EXPECT_NEAR(offered[i].limit->current_a, *want.limit, 1e-9) << text;
      }
      if (want.phases) {
        EXPECT_EQ(offered[i].limit->phases, *want.phases) << text;
      }
      if (want.source) {
        EXPECT_EQ(offered[i].limit->source, *want.source) << text;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Data, LimitCases, testing::Range<std::size_t>(0, all_cases().size()),
                         [](const testing::TestParamInfo<std::size_t>& param_info) {
                           const auto& c = all_cases().at(param_info.param);
                           auto name = c.file + "_" + c.name;
                           for (auto& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(LimitCaseFiles, ThereAreEnoughCases) {
  EXPECT_GE(all_cases().size(), 40U) << "folder: " << EO_TEST_DATA_DIR << "/limits";
}

}  // namespace
