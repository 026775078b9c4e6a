// GET /api/chargers/{id}/log: the port's frames as JSON, for logged-in users only; and the list of
// chargers carries each one's configuration, so the web UI loads with one request.
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

using namespace std::chrono_literals;

// 2026-11-22T10:00:00Z
const Time k_at = Time(std::chrono::seconds(1795341600));

TEST_F(ApiTest, MessageLogIsTheFramesNewestFirst) {
  const auto login = set_up_and_log_in();
  auto& log = port_.frame_logs["CP1"];
  log.capacity = 200;
  log.frames.push_back(FrameView{k_at + 1500ms, "out", "CALLRESULT", "19", "Heartbeat",
                                 R"([3,"19",{"currentTime":"2026-11-22T10:00:01Z"}])", 47, false});
  log.frames.push_back(
      FrameView{k_at, "in", "CALL", "19", "Heartbeat", R"([2,"19","Heartbeat",{}])", 24, false});
  log.frames.push_back(
      FrameView{k_at - 1s, "in", "invalid", std::nullopt, std::nullopt, "[2,\"x", 9000, true});

  const auto response = as_user(login, "GET", "/api/chargers/CP1/log");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(header(response, "Cache-Control"), "no-store");
  const auto body = json(response);
  EXPECT_EQ(body["chargerId"], "CP1");
  EXPECT_EQ(body["capacity"], 200);
  ASSERT_EQ(body["items"].size(), 3u);
  EXPECT_EQ(body["items"][0],
            nlohmann::json::parse(R"({"at":"2026-11-22T10:00:01.500Z","direction":"out",
              "type":"CALLRESULT","messageId":"19","action":"Heartbeat",
              "frame":"[3,\"19\",{\"currentTime\":\"2026-11-22T10:00:01Z\"}]","bytes":47,
              "truncated":false})"));
  EXPECT_EQ(body["items"][1]["direction"], "in");
  EXPECT_TRUE(body["items"][2]["messageId"].is_null());
  EXPECT_TRUE(body["items"][2]["action"].is_null());
  EXPECT_EQ(body["items"][2]["truncated"], true);
  EXPECT_EQ(body["items"][2]["bytes"], 9000);

  // A charge point that has said nothing yet: an empty list, not an error.
  const auto empty = json(as_user(login, "GET", "/api/chargers/CP2/log"));
  EXPECT_EQ(empty["items"], nlohmann::json::array());
  EXPECT_EQ(as_user(login, "GET", "/api/chargers/NOPE/log").status, 404);
}

TEST_F(ApiTest, MessageLogNeedsALogin) {
  set_up_and_log_in();
  port_.frame_logs["CP1"].frames.push_back(FrameView{
      k_at, "in", "CALL", "1", "Authorize", R"([2,"1","Authorize",{"idTag":"A"}])", 30, false});
  EXPECT_EQ(send("GET", "/api/chargers/CP1/log").status, 401);
}

TEST_F(ApiTest, ChargerListCarriesEachConfiguration) {
  const auto login = set_up_and_log_in();
  const auto body = json(as_user(login, "GET", "/api/chargers"));
  ASSERT_EQ(body["chargers"].size(), 2u);
  for (const auto& charger : body["chargers"]) {
    EXPECT_EQ(charger["configuration"]["HeartbeatInterval"], "300") << charger["id"];
    EXPECT_TRUE(charger.contains("configurationAt")) << charger["id"];
  }
}

}  // namespace
}  // namespace csms::api::testing
