// CommandService over a real ocpp::Session whose frames a test reads and answers, on manual timers:
// validation before sending, one call in flight with the rest queued in order, timeouts,
// CALLERRORs, a disconnect mid-call, the queue bound, and the audit log of each.
#include <gtest/gtest.h>

#include <map>

#include "../store/csms_store_support.hpp"
#include "command_peers.hpp"
#include "features/commands.hpp"

namespace {

using namespace csms;
using nlohmann::json;
using namespace std::chrono_literals;

using csms_test::Peer;
using csms_test::Targets;

class CommandsTest : public ::testing::Test {
 protected:
  CommandsTest() : commands(targets, *world.store, world.clock, CommandOptions{3}) {
    targets.peers.emplace("CP1", std::make_unique<Peer>(world.timers));
  }
  Peer& peer() { return *targets.peers.at("CP1"); }
  CommandCallback keep(std::vector<CommandResult>& into) {
    return [&into](const CommandResult& result) { into.push_back(result); };
  }
  std::vector<store::CommandLogEntry> audit() {
    return *world.store->commands.page("", std::nullopt, 100);
  }

  csms_test::World world;
  Targets targets;
  CommandService commands;
};

TEST_F(CommandsTest, AnAnswerReachesTheCallerAndTheAuditLog) {
  std::vector<CommandResult> results;
  commands.reset("CP1", false, keep(results), "admin");
  const auto call = peer().io.last();
  EXPECT_EQ(call.at(2), "Reset");
  EXPECT_EQ(call.at(3), json({{"type", "Soft"}}));
  EXPECT_TRUE(results.empty());
  peer().io.answer_last({{"status", "Accepted"}});
  ASSERT_EQ(results.size(), 1U);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(results[0].value().at("status"), "Accepted");
  const auto log = audit();
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].requested_by, "admin");
  EXPECT_EQ(log[0].outcome, "Accepted");
  EXPECT_TRUE(log[0].finished_ms);
}

TEST_F(CommandsTest, RefusedBeforeSendingWithAPreciseReason) {
  std::vector<CommandResult> results;
  commands.send("CP1", "Reset", {{"type", "Medium"}}, keep(results));
  commands.send("CP1", "BootNotification", json::object(), keep(results));
  commands.send("CP1", "Teleport", json::object(), keep(results));
  commands.send("CP9", "ClearCache", json::object(), keep(results));
  ASSERT_EQ(results.size(), 4U);
  EXPECT_EQ(results[0].error().kind, CommandErrorKind::InvalidPayload);
  EXPECT_EQ(results[0].error().code, "PropertyConstraintViolation");
  EXPECT_NE(results[0].error().description.find("type"), std::string::npos);
  EXPECT_EQ(results[1].error().kind, CommandErrorKind::UnknownAction);  // charge-point-initiated
  EXPECT_EQ(results[2].error().kind, CommandErrorKind::UnknownAction);
  EXPECT_EQ(results[3].error().kind, CommandErrorKind::NotConnected);
  EXPECT_TRUE(peer().io.sent.empty());
  const auto log = audit();
  ASSERT_EQ(log.size(), 4U);
  EXPECT_EQ(log[0].error_code, "NotConnected");
  EXPECT_EQ(log[3].error_code, "InvalidPayload:PropertyConstraintViolation");
}

TEST_F(CommandsTest, OneCallInFlightTheRestInOrderAndTheQueueIsBounded) {
  std::vector<CommandResult> results;
  commands.send("CP1", "ClearCache", json::object(), keep(results));
  commands.change_configuration("CP1", "HeartbeatInterval", "60", keep(results));
  commands.trigger_message("CP1", "StatusNotification", 1, keep(results));
  commands.send("CP1", "GetLocalListVersion", json::object(),
                keep(results));  // the fourth: over the bound
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0].error().kind, CommandErrorKind::QueueFull);
  EXPECT_EQ(peer().io.sent.size(), 1U);  // only the first is on the wire
  EXPECT_EQ(commands.in_flight("CP1"), 3U);
  peer().io.answer_last({{"status", "Accepted"}});
  EXPECT_EQ(peer().io.last().at(2), "ChangeConfiguration");
  peer().io.answer_last({{"status", "RebootRequired"}});
  EXPECT_EQ(peer().io.last().at(2), "TriggerMessage");
  peer().io.answer_last({{"status", "Accepted"}});
  ASSERT_EQ(results.size(), 4U);
  EXPECT_EQ(results[2].value().at("status"), "RebootRequired");
  EXPECT_EQ(commands.in_flight("CP1"), 0U);
}

TEST_F(CommandsTest, TimeoutsAndCallErrorsAreTyped) {
  std::vector<CommandResult> results;
  commands.remote_stop("CP1", 42, keep(results));
  commands.remote_start("CP1", "TAG", 1, keep(results));
  world.timers.advance(29s);
  EXPECT_TRUE(results.empty());
  world.timers.advance(1s);
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0].error().kind, CommandErrorKind::Timeout);
  // The queued one goes out after the timeout, and is answered with a CALLERROR.
  const auto second = peer().io.last();
  EXPECT_EQ(second.at(2), "RemoteStartTransaction");
  peer().session.receive(
      json::array({4, second.at(1), "NotSupported", "no remote start here", json::object()})
          .dump());
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[1].error().kind, CommandErrorKind::CallError);
  EXPECT_EQ(results[1].error().code, "NotSupported");
  EXPECT_EQ(results[1].error().description, "no remote start here");
  const auto log = audit();
  EXPECT_EQ(log[1].error_code, "Timeout");
  EXPECT_EQ(log[0].error_code, "CallError:NotSupported");
}

TEST_F(CommandsTest, ADisconnectMidCallEndsEveryPendingCommand) {
  std::vector<CommandResult> results;
  commands.send("CP1", "UnlockConnector", {{"connectorId", 1}}, keep(results));
  commands.send("CP1", "GetDiagnostics", {{"location", "ftp://example.org/"}}, keep(results));
  peer().session.close();
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[0].error().kind, CommandErrorKind::ConnectionClosed);
  EXPECT_EQ(results[1].error().kind, CommandErrorKind::ConnectionClosed);
  EXPECT_EQ(commands.in_flight("CP1"), 0U);
  targets.peers.clear();
  commands.send("CP1", "ClearCache", json::object(), keep(results));
  EXPECT_EQ(results.back().error().kind, CommandErrorKind::NotConnected);
}

TEST_F(CommandsTest, AnAnswerThatBreaksItsSchemaIsReported) {
  std::vector<CommandResult> results;
  commands.send("CP1", "ClearCache", json::object(), keep(results));
  peer().io.answer_last({{"status", "Perhaps"}});
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0].error().kind, CommandErrorKind::InvalidResponse);
}

}  // namespace
