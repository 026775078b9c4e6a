// Every frame of tests/data/malformed_frames/ (also the fuzzer's seed corpus) goes through the
// Endpoint and through a Session whose router has handlers. Whatever the bytes: no crash, no
// exception, at most one frame sent, and that frame is a well-formed CALLERROR.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/messages/heartbeat.hpp"
#include "ocpp/rpc/endpoint.hpp"
#include "ocpp/session.hpp"
#include "rpc_test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ocpp::test::is_well_formed_call_error;

struct Frame {
  std::string name;
  std::string bytes;
};

std::vector<Frame> load_corpus() {
  const fs::path folder = fs::path(EO_TEST_DATA_DIR) / "malformed_frames";
  std::vector<Frame> frames;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".frame") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    frames.push_back(
        {entry.path().stem().string(), std::string(std::istreambuf_iterator<char>(in), {})});
  }
  std::sort(frames.begin(), frames.end(),
            [](const Frame& a, const Frame& b) { return a.name < b.name; });
  return frames;
}

const std::vector<Frame>& corpus() {
  static const std::vector<Frame> frames = load_corpus();
  return frames;
}

ocpp::Router make_router() {
  using namespace ocpp::messages;
  ocpp::Router router;
  router.on<HeartbeatRequest>(
      [](const HeartbeatRequest&) { return HeartbeatResponse{ocpp::DateTime::now()}; });
  router.on<BootNotificationRequest>([](const BootNotificationRequest&) {
    return BootNotificationResponse{RegistrationStatus::Accepted, ocpp::DateTime::now(), 300};
  });
  const auto accepted = [](const json&) -> ocpp::Outcome<json> {
    return json{{"status", "Accepted"}};
  };
  router.on_raw("DataTransfer", accepted);
  router.on_raw("Reset", accepted);
  router.on_raw("SetChargingProfile", accepted);
  return router;
}

TEST(MalformedCorpus, HasTheExpectedSpread) {
  ASSERT_GE(corpus().size(), 40U) << "corpus folder: " << EO_TEST_DATA_DIR << "/malformed_frames";
  const auto has = [](const char* name) {
    return std::any_of(corpus().begin(), corpus().end(),
                       [&](const Frame& f) { return f.name == name; });
  };
  EXPECT_TRUE(has("deep_nesting_10000_arrays"));
  EXPECT_TRUE(has("call_string_1mb"));
  const auto big = std::find_if(corpus().begin(), corpus().end(),
                                [](const Frame& f) { return f.name == "call_string_1mb"; });
  ASSERT_NE(big, corpus().end());
  EXPECT_GE(big->bytes.size(), std::size_t{1} << 20);
}

TEST(MalformedCorpus, EndpointAnswersAtMostOnceWithAWellFormedCallError) {
  for (const auto& frame : corpus()) {
    SCOPED_TRACE(frame.name);
    ocpp::rpc::Endpoint endpoint;
    ocpp::rpc::Actions out;
    ASSERT_NO_THROW(out = endpoint.receive(frame.bytes));
    const auto sent = ocpp::test::sent_texts(out);
    EXPECT_LE(sent.size(), 1U);
    for (const auto& text : sent) EXPECT_TRUE(is_well_formed_call_error(text));
    EXPECT_TRUE(ocpp::test::actions_of<ocpp::rpc::act::Resolve>(out).empty());
  }
}

TEST(MalformedCorpus, SessionAnswersAtMostOnceWithAWellFormedCallError) {
  const auto router = make_router();
  for (const auto& frame : corpus()) {
    SCOPED_TRACE(frame.name);
    ocpp::test::FakeSessionIo io;
    ocpp::Session session(router, io, {});
    ASSERT_NO_THROW(session.receive(frame.bytes));
    EXPECT_LE(io.sent.size(), 1U);
    for (const auto& text : io.sent) EXPECT_TRUE(is_well_formed_call_error(text));
  }
}

TEST(MalformedCorpus, SessionWithACallOutstandingStaysConsistent) {
  // Our call has id "1", like most corpus frames: results for it that are broken must resolve it
  // (as InvalidResponse, not leave it waiting for the timeout), and nothing else may be sent.
  const auto router = make_router();
  for (const auto& frame : corpus()) {
    SCOPED_TRACE(frame.name);
    ocpp::test::FakeSessionIo io;
    ocpp::Session session(router, io, {});
    int resolved = 0;
    session.call_raw("Heartbeat", json::object(), [&](ocpp::CallOutcome<json>) { ++resolved; });
    ASSERT_EQ(io.sent.size(), 1U);
    ASSERT_EQ(json::parse(io.sent[0]).at(1), "1");
    ASSERT_NO_THROW(session.receive(frame.bytes));
    EXPECT_LE(io.sent.size(), 2U);
    for (std::size_t i = 1; i < io.sent.size(); ++i)
      EXPECT_TRUE(is_well_formed_call_error(io.sent[i]));
    EXPECT_LE(resolved, 1);
    EXPECT_EQ(resolved == 1, !session.endpoint().call_outstanding());
    session.close();
    EXPECT_EQ(resolved, 1);
  }
}

}  // namespace
