// The pure rules behind the WebSocket upgrade: decoding, subprotocol lists, ids, Basic auth and the
// order in which refusals are decided.
#include <gtest/gtest.h>

#include <stdexcept>

#include "csms/net/detail/upgrade_rules.hpp"
#include "csms/net/detail/uri.hpp"
#include "net_test_support.hpp"

namespace csms::net::detail {
namespace {

TEST(Uri, PercentDecodesAndRejectsBadEscapes) {
  EXPECT_EQ(percent_decode("EO%20Box%201"), "EO Box 1");
  EXPECT_EQ(percent_decode("a+b%2fc"), "a+b/c");
  EXPECT_EQ(percent_decode("%zz"), std::nullopt);
  EXPECT_EQ(percent_decode("abc%2"), std::nullopt);
  EXPECT_EQ(percent_decode("abc%"), std::nullopt);
}

TEST(Uri, Base64DecodesWithAndWithoutPadding) {
  EXPECT_EQ(base64_decode("Q1AxOnNlY3JldA=="), "CP1:secret");
  EXPECT_EQ(base64_decode("Q1AxOnNlY3JldA"), "CP1:secret");
  EXPECT_EQ(base64_decode("Q1Ax*"), std::nullopt);
  EXPECT_EQ(base64_decode("Q"), std::nullopt);
}

TEST(Uri, PathStopsAtQueryAndFragment) {
  EXPECT_EQ(path_of("/ocpp/CP1?x=1"), "/ocpp/CP1");
  EXPECT_EQ(path_of("/a#b"), "/a");
}

TEST(UpgradeRules, SubprotocolMustBeOfferedExactly) {
  EXPECT_TRUE(offers_subprotocol("ocpp1.6", "ocpp1.6"));
  EXPECT_TRUE(offers_subprotocol("ocpp2.0.1, ocpp1.6", "ocpp1.6"));
  EXPECT_TRUE(offers_subprotocol(" ocpp1.6 ,ocpp2.0", "ocpp1.6"));
  EXPECT_FALSE(offers_subprotocol("ocpp1.6j", "ocpp1.6"));
  EXPECT_FALSE(offers_subprotocol("ocpp1.5, ocpp2.0.1", "ocpp1.6"));
  EXPECT_FALSE(offers_subprotocol("", "ocpp1.6"));
}

TEST(UpgradeRules, PrefixMatchesWholeSegments) {
  EXPECT_TRUE(is_under_prefix("/ocpp/CP1", "/ocpp"));
  EXPECT_TRUE(is_under_prefix("/ocpp/CP1", "/ocpp/"));
  EXPECT_TRUE(is_under_prefix("/ocpp", "/ocpp"));
  EXPECT_FALSE(is_under_prefix("/ocppx/CP1", "/ocpp"));
  EXPECT_FALSE(is_under_prefix("/api/CP1", "/ocpp"));
  EXPECT_TRUE(is_under_prefix("/CP1", ""));
}

TEST(UpgradeRules, ChargePointIdIsTheDecodedLastSegment) {
  EXPECT_EQ(charge_point_id_from_path("/ocpp/CP1"), "CP1");
  EXPECT_EQ(charge_point_id_from_path("/ocpp/v16/CP1"), "CP1");
  EXPECT_EQ(charge_point_id_from_path("/ocpp/EO%20Box%201"), "EO Box 1");
  EXPECT_EQ(charge_point_id_from_path("/ocpp/" + std::string(48, 'x')), std::string(48, 'x'));
  EXPECT_EQ(charge_point_id_from_path("/ocpp/" + std::string(49, 'x')), std::nullopt);
  EXPECT_EQ(charge_point_id_from_path("/ocpp/"), std::nullopt);
  EXPECT_EQ(charge_point_id_from_path("/ocpp/CP%0A1"), std::nullopt);
  EXPECT_EQ(charge_point_id_from_path("/ocpp/CP%2F1"), std::nullopt);
  EXPECT_EQ(charge_point_id_from_path("/ocpp/CP%G1"), std::nullopt);
}

TEST(UpgradeRules, ParsesBasicCredentials) {
  const auto credentials = parse_basic_auth(testing::basic_auth("CP1", "pa:ss"));
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->user, "CP1");
  EXPECT_EQ(credentials->password, "pa:ss");  // only the first ':' separates (RFC 7617)
  EXPECT_TRUE(parse_basic_auth("basic Q1AxOnNlY3JldA=="));
  EXPECT_FALSE(parse_basic_auth("Bearer abc"));
  EXPECT_FALSE(parse_basic_auth("Basic !!!"));
  EXPECT_FALSE(parse_basic_auth("Basic Q1Ax"));  // "CP1": no colon
}

class ThrowingGate : public ChargePointGate {
 public:
  AuthResult admit(std::string_view, std::optional<std::string_view>) override {
    throw std::runtime_error("database gone");
  }
};

TEST(UpgradeRules, RefusalsComeInOrderAndTheGateIsAskedLast) {
  testing::FakeGate gate;
  gate.known["CP1"] = "secret";

  UpgradeRequestView request{"/elsewhere/CP1", {}, std::nullopt};
  EXPECT_EQ(decide_upgrade(request, "/ocpp", gate).status, 404);

  request.target = "/ocpp/CP1";
  EXPECT_EQ(decide_upgrade(request, "/ocpp", gate).status, 400);  // no subprotocol
  request.protocol_headers = {"ocpp2.0.1", "ocpp1.6"};            // two header lines
  request.target = "/ocpp/";
  EXPECT_EQ(decide_upgrade(request, "/ocpp", gate).status, 400);  // no id
  EXPECT_TRUE(gate.calls.empty());

  request.target = "/ocpp/CP1";
  const auto other_user = testing::basic_auth("CP2", "secret");
  request.authorization = other_user;
  const auto mismatch = decide_upgrade(request, "/ocpp", gate);
  EXPECT_EQ(mismatch.status, 401);
  EXPECT_TRUE(mismatch.ask_for_credentials);
  EXPECT_TRUE(gate.calls.empty());

  const auto right = testing::basic_auth("CP1", "secret");
  request.authorization = right;
  const auto accepted = decide_upgrade(request, "/ocpp", gate);
  EXPECT_TRUE(accepted.accepted());
  EXPECT_EQ(accepted.charge_point_id, "CP1");
  ASSERT_EQ(gate.calls.size(), 1u);
  EXPECT_EQ(gate.calls[0].second, "secret");

  ThrowingGate throwing;
  EXPECT_EQ(decide_upgrade(request, "/ocpp", throwing).status, 500);
}

}  // namespace
}  // namespace csms::net::detail
