// Every endpoint over the fake central system: happy paths and the precise errors.
#include "api_fixture.hpp"
#include "ocpp/types/datetime.hpp"

namespace csms::api::testing {
namespace {

class EndpointTest : public ApiTest {
 protected:
  EndpointTest() : login_(set_up_and_log_in()) { port_.chargers_[0].registration = "Pending"; }

  // A command through handle_async: the answer comes when the fake completes it.
  std::shared_ptr<RecordingResponder> command(const std::string& target, const std::string& body) {
    net::HttpRequest request;
    request.method = "POST";
    request.target = target;
    request.body = body;
    request.headers = {{"Cookie", login_.cookie}, {"X-CSRF-Token", login_.csrf}};
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    std::shared_ptr<RecordingResponder> responder;
    send_async(request, responder);
    return responder;
  }

  Login login_;
};

TEST_F(EndpointTest, ListsAndGetsChargers) {
  const auto list = as_user(login_, "GET", "/api/chargers");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(header(list, "Cache-Control"), "no-store");
  const auto body = json(list);
  ASSERT_EQ(body["chargers"].size(), 2u);
  EXPECT_EQ(body["chargers"][0]["id"], "CP1");
  EXPECT_EQ(body["chargers"][0]["connectors"][0]["offered"]["source"], "TxDefault");
  EXPECT_EQ(body["chargers"][0]["connectors"][0]["currentA"], 15.8);
  EXPECT_TRUE(body["chargers"][0]["connectors"][0]["powerW"].is_null());

  const auto one = as_user(login_, "GET", "/api/chargers/CP1");
  EXPECT_EQ(json(one)["configuration"]["HeartbeatInterval"], "300");
  const auto missing = as_user(login_, "GET", "/api/chargers/NOPE");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json(missing)["error"]["status"], 404);
  // Percent-encoded ids are decoded once.
  port_.chargers_.push_back(charger("EO Box 1", true));
  EXPECT_EQ(as_user(login_, "GET", "/api/chargers/EO%20Box%201").status, 200);
  EXPECT_EQ(as_user(login_, "GET", "/api/chargers/%zz").status, 400);
}

TEST_F(EndpointTest, AcceptsAndRejectsPendingChargers) {
  const auto accepted = as_user(login_, "POST", "/api/chargers/CP1/accept");
  ASSERT_EQ(accepted.status, 200);
  EXPECT_EQ(json(accepted)["registration"], "Accepted");
  EXPECT_EQ(port_.chargers_[0].registration, "Accepted");
  EXPECT_EQ(as_user(login_, "POST", "/api/chargers/CP1/reject").status, 409);
  EXPECT_EQ(as_user(login_, "POST", "/api/chargers/NOPE/accept").status, 404);
}

TEST_F(EndpointTest, CommandsAnswerWhenTheChargePointDoes) {
  auto responder = command("/api/chargers/CP1/commands/Reset", R"({"type":"Soft"})");
  EXPECT_FALSE(responder->answered());  // deferred
  ASSERT_EQ(port_.commands.size(), 1u);
  EXPECT_EQ(port_.commands[0].action, "Reset");
  EXPECT_EQ(port_.commands[0].payload["type"], "Soft");
  EXPECT_EQ(port_.commands[0].actor, "admin");
  port_.commands[0].done(nlohmann::json{{"status", "Accepted"}});
  ASSERT_TRUE(responder->answered());
  EXPECT_EQ(responder->response_->status, 200);
  EXPECT_EQ(json(*responder->response_), (nlohmann::json{{"result", {{"status", "Accepted"}}}}));
  // A second completion (a confused facade) changes nothing.
  port_.commands[0].done(nlohmann::json{{"status", "Rejected"}});
  EXPECT_EQ(json(*responder->response_)["result"]["status"], "Accepted");

  responder = command("/api/chargers/CP1/commands/ClearCache", "");
  port_.commands[1].done(CommandError{CommandErrorKind::Timeout, "", "no answer in 30 s"});
  EXPECT_EQ(responder->response_->status, 504);
  EXPECT_EQ(json(*responder->response_)["error"]["code"], "timeout");

  responder =
      command("/api/chargers/CP1/commands/TriggerMessage", R"({"requestedMessage":"Heartbeat"})");
  port_.commands[2].done(CommandError{CommandErrorKind::CallError, "NotSupported", "nope"});
  EXPECT_EQ(responder->response_->status, 502);
  EXPECT_EQ(json(*responder->response_)["error"]["callError"], "NotSupported");

  responder = command("/api/chargers/CP2/commands/ClearCache", "");  // CP2 is offline
  EXPECT_EQ(responder->response_->status, 409);
  EXPECT_EQ(json(*responder->response_)["error"]["code"], "not_connected");

  responder = command("/api/chargers/CP1/commands/Reset", "{}");  // the facade refuses it
  EXPECT_EQ(responder->response_->status, 422);
  EXPECT_EQ(json(*responder->response_)["error"]["field"], "type");

  responder = command("/api/chargers/CP1/commands/BootNotification", "{}");
  EXPECT_EQ(responder->response_->status, 404);
  EXPECT_EQ(json(*responder->response_)["error"]["field"], "action");
  responder = command("/api/chargers/CP1/commands/Reset", "[1,2]");
  EXPECT_EQ(responder->response_->status, 422);
  responder = command("/api/chargers/NOPE/commands/Reset", R"({"type":"Hard"})");
  EXPECT_EQ(responder->response_->status, 404);
  EXPECT_EQ(port_.commands.size(), 3u);
}

TEST_F(EndpointTest, MeterSeries) {
  const auto ok =
      as_user(login_, "GET",
              "/api/chargers/CP1/series?from=2026-11-22T10:00:00Z&to=2026-11-22T11:00:00Z"
              "&step=900");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json(ok)["points"].size(), 4u);
  EXPECT_EQ(json(ok)["points"][1]["at"], "2026-11-22T10:15:00Z");
  EXPECT_EQ(json(ok)["stepS"], 900);

  struct Bad {
    const char* query;
    const char* field;
  };
  for (const auto& bad :
       {Bad{"to=2026-11-22T11:00:00Z", "from"}, Bad{"from=2026-11-22T10:00:00Z", "to"},
        Bad{"from=yesterday&to=2026-11-22T11:00:00Z", "from"},
        Bad{"from=2026-11-22T11:00:00Z&to=2026-11-22T10:00:00Z", "to"},
        Bad{"from=2026-11-22T10:00:00Z&to=2026-11-22T11:00:00Z&step=0", "step"},
        Bad{"from=2026-11-22T10:00:00Z&to=2026-11-22T11:00:00Z&step=1x", "step"},
        Bad{"from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z&step=1", "step"},
        Bad{"from=2026-11-22T10:00:00Z&from=2026-11-22T10:00:00Z", "from"}}) {
    const auto response =
        as_user(login_, "GET", std::string("/api/chargers/CP1/series?") + bad.query);
    EXPECT_EQ(response.status, 400) << bad.query;
    EXPECT_EQ(json(response)["error"]["field"], bad.field) << bad.query;
  }
  EXPECT_EQ(as_user(login_, "GET",
                    "/api/chargers/NOPE/series?from=2026-11-22T10:00:00Z&to=2026-11-22T11:00:00Z")
                .status,
            404);
}

TEST_F(EndpointTest, TransactionsAndAuditArePagedAndFiltered) {
  for (int i = 1; i <= 5; ++i) {
    TransactionView t;
    t.id = i;
    t.charger_id = i % 2 ? "CP1" : "CP2";
    t.id_tag = "TAG";
    t.meter_start_wh = 100;
    if (i < 5) {
      t.stopped_at = Time(std::chrono::seconds(1000));
      t.meter_stop_wh = 100.0 + i;
    }
    port_.transactions_.push_back(t);
  }
  auto page = json(as_user(login_, "GET", "/api/transactions?charger=CP1&limit=2&offset=1"));
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["id"], 3);
  EXPECT_EQ(page["items"][0]["energyWh"], 3.0);
  EXPECT_EQ(page["limit"], 2);
  page = json(as_user(login_, "GET", "/api/transactions?active=true"));
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_TRUE(page["items"][0]["energyWh"].is_null());
  as_user(login_, "GET", "/api/transactions?idTag=A%2BB+C&from=2026-11-22T10:00:00%2B01:00");
  ASSERT_TRUE(port_.last_transaction_filter);
  EXPECT_EQ(port_.last_transaction_filter->id_tag, "A+B C");
  EXPECT_EQ(port_.last_transaction_filter->from,
            Time(ocpp::DateTime::parse("2026-11-22T09:00:00Z")->time_point()));
  EXPECT_EQ(as_user(login_, "GET", "/api/transactions?limit=0").status, 400);
  EXPECT_EQ(as_user(login_, "GET", "/api/transactions?limit=501").status, 400);
  EXPECT_EQ(as_user(login_, "GET", "/api/transactions?active=yes").status, 400);

  const auto audit = json(as_user(login_, "GET", "/api/audit?kind=setup"));
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["actor"], "admin");
}

TEST_F(EndpointTest, IdTagCrud) {
  auto created = as_user(login_, "POST", "/api/idtags",
                         R"({"idTag":"CARD1","status":"Blocked","expiry":"2027-01-01T00:00:00Z"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(header(created, "Location"), "/api/idtags/CARD1");
  EXPECT_EQ(as_user(login_, "POST", "/api/idtags", R"({"idTag":"CARD1"})").status, 409);
  EXPECT_EQ(json(as_user(login_, "GET", "/api/idtags/CARD1"))["status"], "Blocked");
  EXPECT_EQ(json(as_user(login_, "GET", "/api/idtags"))["items"].size(), 1u);

  EXPECT_EQ(as_user(login_, "PUT", "/api/idtags/CARD1", R"({"status":"Accepted"})").status, 200);
  EXPECT_EQ(as_user(login_, "PUT", "/api/idtags/CARD2", R"({"note":"guest"})").status, 201);
  EXPECT_EQ(port_.tags_["CARD2"].note, "guest");

  struct Bad {
    const char* body;
    const char* field;
  };
  for (const auto& bad :
       {Bad{R"({"status":"Maybe"})", "status"}, Bad{R"({"status":3})", "status"},
        Bad{R"({"expiry":"soon"})", "expiry"},
        Bad{R"({"parentIdTag":"123456789012345678901"})", "parentIdTag"},
        Bad{R"({"idTag":"OTHER"})", "idTag"}, Bad{R"({"colour":"red"})", "colour"}}) {
    const auto response = as_user(login_, "PUT", "/api/idtags/CARD1", bad.body);
    EXPECT_EQ(response.status, 422) << bad.body;
    EXPECT_EQ(json(response)["error"]["field"], bad.field) << bad.body;
  }
  EXPECT_EQ(as_user(login_, "POST", "/api/idtags", R"({"status":"Accepted"})").status, 422);
  EXPECT_EQ(as_user(login_, "PUT", "/api/idtags/123456789012345678901", "{}").status, 422);

  EXPECT_EQ(as_user(login_, "DELETE", "/api/idtags/CARD1").status, 204);
  EXPECT_EQ(as_user(login_, "DELETE", "/api/idtags/CARD1").status, 404);
  EXPECT_EQ(as_user(login_, "GET", "/api/idtags/CARD1").status, 404);
}

TEST_F(EndpointTest, Settings) {
  EXPECT_EQ(json(as_user(login_, "GET", "/api/settings"))["heartbeatIntervalS"], 300);
  const auto changed = as_user(login_, "PUT", "/api/settings", R"({"heartbeatIntervalS":60})");
  ASSERT_EQ(changed.status, 200);
  EXPECT_EQ(json(changed)["heartbeatIntervalS"], 60);
  const auto wrong = as_user(login_, "PUT", "/api/settings", R"({"heartbeatIntervalS":"soon"})");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(json(wrong)["error"]["field"], "heartbeatIntervalS");
}

TEST_F(EndpointTest, RoutingErrors) {
  const auto not_found = as_user(login_, "GET", "/api/nothing");
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(not_found.content_type, "application/json");
  const auto wrong_method = as_user(login_, "PATCH", "/api/idtags/CARD1");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(header(wrong_method, "Allow"), "DELETE, GET, HEAD, PUT");
  EXPECT_EQ(header(as_user(login_, "GET", "/api/chargers/CP1/accept"), "Allow"), "POST");
  EXPECT_EQ(as_user(login_, "HEAD", "/api/chargers").status, 200);
}

TEST_F(EndpointTest, BodyValidation) {
  auto send_body = [&](const std::string& content_type, const std::string& body) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", login_.cookie},
                                                                {"X-CSRF-Token", login_.csrf}};
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    return send("POST", "/api/idtags", body, headers);
  };
  EXPECT_EQ(send_body("", R"({"idTag":"A"})").status, 415);
  EXPECT_EQ(send_body("text/plain", R"({"idTag":"A"})").status, 415);
  EXPECT_EQ(send_body("application/json; charset=latin1", R"({"idTag":"A"})").status, 415);
  EXPECT_EQ(send_body("Application/JSON; charset=UTF-8", R"({"idTag":"A"})").status, 201);
  const auto malformed = send_body("application/json", R"({"idTag": )");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_NE(json(malformed)["error"]["message"].get<std::string>().find("at byte"),
            std::string::npos);
  EXPECT_EQ(send_body("application/json", std::string(70 * 1024, ' ')).status, 413);
  EXPECT_EQ(send_body("application/json", std::string(5000, '[')).status, 400);  // no stack blowup
  const auto typed = send_body("application/json", R"({"idTag":42})");
  EXPECT_EQ(typed.status, 422);
  EXPECT_EQ(json(typed)["error"]["message"], "\"idTag\" must be a string, not an integer");
}

}  // namespace
}  // namespace csms::api::testing
