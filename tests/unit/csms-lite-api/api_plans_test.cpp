// /api/schedules, /api/tariffs and /api/transactions.csv over the fake: routing, the query
// parameters, the CSV response's headers, and errors mapped to their statuses.
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

class PlanRoutesTest : public ApiTest {
 protected:
  PlanRoutesTest() : login_(set_up_and_log_in()) {}
  Login login_;
};

TEST_F(PlanRoutesTest, SchedulesGlobalAndPerCharger) {
  const std::string plan =
      R"({"time_zone":"Europe/London","windows":[{"days":["Mon"],"start":"00:30","end":"05:30","current_a":32}]})";
  const auto saved = as_user(login_, "PUT", "/api/schedules", plan);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json(saved)["plan"]["windows"][0]["current_a"], 32);
  EXPECT_TRUE(json(saved)["sent_to"].is_array());
  EXPECT_EQ(json(as_user(login_, "GET", "/api/schedules"))["plan"]["time_zone"], "Europe/London");
  ASSERT_EQ(as_user(login_, "PUT", "/api/schedules?charger=CP1", plan).status, 200);
  EXPECT_EQ(json(as_user(login_, "GET", "/api/schedules?charger=CP1"))["charger"], "CP1");
  EXPECT_EQ(as_user(login_, "PUT", "/api/schedules", R"({"otherwise_a":0})").status, 422);
  EXPECT_EQ(as_user(login_, "DELETE", "/api/schedules?charger=CP1").status, 204);
  EXPECT_EQ(as_user(login_, "DELETE", "/api/schedules?charger=CP1").status, 404);
  EXPECT_EQ(as_user(login_, "DELETE", "/api/schedules").status, 204);  // the global plan
  EXPECT_EQ(as_user(login_, "DELETE", "/api/schedules").status, 404);
  EXPECT_EQ(send("GET", "/api/schedules").status, 401);
}

TEST_F(PlanRoutesTest, Tariffs) {
  EXPECT_TRUE(json(as_user(login_, "GET", "/api/tariffs"))["tariff"].is_null());
  const auto saved = as_user(login_, "PUT", "/api/tariffs",
                             R"({"currency":"GBP","default_price_per_kwh":"0.30"})");
  ASSERT_EQ(saved.status, 200);
  EXPECT_EQ(json(saved)["tariff"]["currency"], "GBP");
  EXPECT_EQ(as_user(login_, "PUT", "/api/tariffs", "[1]").status, 422);  // not an object
  EXPECT_EQ(as_user(login_, "PUT", "/api/tariffs", "{").status, 400);
}

TEST_F(PlanRoutesTest, TransactionsCsvIsAnAttachmentOfEveryMatchingSession) {
  port_.transactions_ = {TransactionView{}, TransactionView{}};
  port_.transactions_[0].id = 7;
  port_.transactions_[1].id = 8;
  const auto csv = as_user(login_, "GET", "/api/transactions.csv?charger=CP1&active=false");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body, "session_id\r\n7\r\n8\r\n");
  bool attachment = false;
  for (const auto& [name, value] : csv.headers)
    attachment = attachment || (name == "Content-Disposition" && value.find("attachment") == 0);
  EXPECT_TRUE(attachment);
  ASSERT_TRUE(port_.last_transaction_filter.has_value());
  EXPECT_EQ(port_.last_transaction_filter->charger_id, "CP1");
  EXPECT_EQ(port_.last_transaction_filter->active, false);
  EXPECT_EQ(as_user(login_, "GET", "/api/transactions.csv?from=yesterday").status, 400);
}

}  // namespace
}  // namespace csms::api::testing
