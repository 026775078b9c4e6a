// The WebSocket client's pure helpers: no sockets, no loop.
#include <gtest/gtest.h>

#include <limits>

#include "chargepoint/net/ws_client.hpp"

namespace chargepoint::net {
namespace {

using std::chrono::milliseconds;

TEST(ParseWsUrl, PlainUrlWithPortAndPath) {
  const auto url = parse_ws_url("ws://csms.example:8080/ocpp/CP1");
  ASSERT_TRUE(url);
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->host, "csms.example");
  EXPECT_EQ(url->port, "8080");
  EXPECT_EQ(url->target, "/ocpp/CP1");
}

TEST(ParseWsUrl, DefaultPortsAndRootTarget) {
  const auto plain = parse_ws_url("ws://csms.example");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, "80");
  EXPECT_EQ(plain->target, "/");
  const auto secure = parse_ws_url("WSS://csms.example/");
  ASSERT_TRUE(secure);
  EXPECT_TRUE(secure->tls);
  EXPECT_EQ(secure->port, "443");
  EXPECT_EQ(secure->target, "/");
}

TEST(ParseWsUrl, KeepsTheQueryInTheTarget) {
  const auto url = parse_ws_url("ws://h/ocpp?token=1");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->target, "/ocpp?token=1");
  const auto bare = parse_ws_url("ws://h?x=1");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->host, "h");
  EXPECT_EQ(bare->target, "/?x=1");
}

TEST(ParseWsUrl, Ipv6Literal) {
  const auto url = parse_ws_url("wss://[::1]:9443/ocpp");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "9443");
  const auto no_port = parse_ws_url("ws://[fe80::1]/x");
  ASSERT_TRUE(no_port);
  EXPECT_EQ(no_port->host, "fe80::1");
  EXPECT_EQ(no_port->port, "80");
}

TEST(ParseWsUrl, RejectsBadUrls) {
  for (const char* bad : {"",
                          "http://h/x",
                          "https://h/x",
                          "ftp://h",
                          "ws:/h",
                          "ws//h",
                          "ws://",
                          "ws:///path",
                          "ws://:80/x",
                          "ws://h:0/x",
                          "ws://h:65536/x",
                          "ws://h:99999999/x",
                          "ws://h:abc/x",
                          "ws://h:/x",
                          "ws://h:-1/x",
                          "ws://user:pw@h/x",
                          "ws://h/x#frag",
                          "ws://h/a b",
                          "ws://[::1/x",
                          "ws://[]/x",
                          "ws://[::1]x/y",
                          "ws://[zz::1]/x",
                          "ws://h]/x",
                          " ws://h/x"}) {
    EXPECT_FALSE(parse_ws_url(bad)) << bad;
  }
}

TEST(ParseWsUrl, AcceptsPortBounds) {
  EXPECT_TRUE(parse_ws_url("ws://h:1/"));
  EXPECT_TRUE(parse_ws_url("ws://h:65535/"));
}

TEST(PercentEncode, KeepsUnreservedCharacters) {
  EXPECT_EQ(percent_encode_path_segment("AZaz09-._~"), "AZaz09-._~");
}

TEST(PercentEncode, EncodesSpacesSlashesAndReserved) {
  EXPECT_EQ(percent_encode_path_segment("CP 1/2"), "CP%201%2F2");
  EXPECT_EQ(percent_encode_path_segment("a?b#c%d+e:f@g"), "a%3Fb%23c%25d%2Be%3Af%40g");
}

TEST(PercentEncode, EncodesUtf8BytewiseUppercaseHex) {
  EXPECT_EQ(percent_encode_path_segment("Ladesäule"), "Lades%C3%A4ule");
  EXPECT_EQ(percent_encode_path_segment("\xE2\x82\xAC"), "%E2%82%AC");  // €
  EXPECT_EQ(percent_encode_path_segment(std::string_view("\0x", 2)), "%00x");
}

TEST(BuildConnectUrl, AppendsTheEncodedIdWithOneSlash) {
  EXPECT_EQ(build_connect_url("ws://h/ocpp", "CP1"), "ws://h/ocpp/CP1");
  EXPECT_EQ(build_connect_url("ws://h/ocpp/", "CP1"), "ws://h/ocpp/CP1");
  EXPECT_EQ(build_connect_url("ws://h/ocpp//", "CP1"), "ws://h/ocpp/CP1");
  EXPECT_EQ(build_connect_url("ws://h", "CP1"), "ws://h/CP1");
  EXPECT_EQ(build_connect_url("ws://h/", "CP1"), "ws://h/CP1");
  EXPECT_EQ(build_connect_url("wss://h:8443/a/b", "CP 1/x"), "wss://h:8443/a/b/CP%201%2Fx");
}

TEST(BuildConnectUrl, KeepsTheQueryAtTheEnd) {
  EXPECT_EQ(build_connect_url("ws://h/ocpp/?tenant=3", "CP1"), "ws://h/ocpp/CP1?tenant=3");
}

TEST(BuildConnectUrl, EmptyIdLeavesTheEndpointAlone) {
  EXPECT_EQ(build_connect_url("ws://h/ocpp/", ""), "ws://h/ocpp/");
}

TEST(BackoffDelay, DoublesFromMinUpToTheCap) {
  const milliseconds min(1000);
  const milliseconds max(60000);
  EXPECT_EQ(backoff_delay(0, min, max, 0.0, 0.5), milliseconds(1000));
  EXPECT_EQ(backoff_delay(1, min, max, 0.0, 0.5), milliseconds(2000));
  EXPECT_EQ(backoff_delay(2, min, max, 0.0, 0.5), milliseconds(4000));
  EXPECT_EQ(backoff_delay(5, min, max, 0.0, 0.5), milliseconds(32000));
  EXPECT_EQ(backoff_delay(6, min, max, 0.0, 0.5), milliseconds(60000));
  EXPECT_EQ(backoff_delay(1000, min, max, 0.0, 0.5), milliseconds(60000));
  EXPECT_EQ(backoff_delay(UINT32_MAX, min, max, 0.25, 1.0), milliseconds(60000));
}

TEST(BackoffDelay, JitterStaysWithinBoundsAndNeverExceedsTheCap) {
  const milliseconds min(1000);
  const milliseconds max(60000);
  for (std::uint32_t attempt = 0; attempt < 10; ++attempt) {
    const double base = std::min(60000.0, 1000.0 * static_cast<double>(1u << attempt));
    for (const double r : {0.0, 0.1, 0.5, 0.9, 1.0}) {
      const auto delay = backoff_delay(attempt, min, max, 0.25, r).count();
      EXPECT_GE(delay, static_cast<long>(base * 0.75) - 1) << attempt << " " << r;
      EXPECT_LE(delay, static_cast<long>(std::min(60000.0, base * 1.25)) + 1)
          << attempt << " " << r;
    }
  }
  EXPECT_EQ(backoff_delay(0, min, max, 0.25, 0.0), milliseconds(750));
  EXPECT_EQ(backoff_delay(0, min, max, 0.25, 1.0), milliseconds(1250));
  EXPECT_EQ(backoff_delay(10, min, max, 0.25, 0.0), milliseconds(45000));
}

TEST(BackoffDelay, OutOfRangeArgumentsAreClamped) {
  EXPECT_EQ(backoff_delay(0, milliseconds(1000), milliseconds(500), 0.0, 0.5),
            milliseconds(1000));  // max < min
  EXPECT_EQ(backoff_delay(0, milliseconds(1000), milliseconds(60000), 5.0, 0.0),
            milliseconds(0));  // jitter ≤ 1
  EXPECT_EQ(backoff_delay(0, milliseconds(1000), milliseconds(60000), -1.0, 0.0),
            milliseconds(1000));
  EXPECT_EQ(backoff_delay(0, milliseconds(1000), milliseconds(60000), 0.5, 7.0),
            milliseconds(1500));
  EXPECT_EQ(backoff_delay(0, milliseconds(1000), milliseconds(60000), 0.5, -3.0),
            milliseconds(500));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(backoff_delay(1, milliseconds(1000), milliseconds(60000), nan, 0.0),
            milliseconds(2000));
  EXPECT_EQ(backoff_delay(1, milliseconds(1000), milliseconds(60000), 0.5, nan),
            milliseconds(2000));
}

TEST(BasicAuthHeader, EncodesUserColonPassword) {
  // RFC 7617 §2 example.
  EXPECT_EQ(basic_auth_header("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(basic_auth_header("CP1", "0123456789abcdef"), "Basic Q1AxOjAxMjM0NTY3ODlhYmNkZWY=");
}

TEST(BasicAuthHeader, CoversEveryPaddingLength) {
  EXPECT_EQ(basic_auth_header("", ""), "Basic Og==");          // ":"
  EXPECT_EQ(basic_auth_header("a", ""), "Basic YTo=");         // "a:"
  EXPECT_EQ(basic_auth_header("ab", ""), "Basic YWI6");        // "ab:"
  EXPECT_EQ(basic_auth_header("\xff", "\xfe"), "Basic /zr+");  // high bytes use '/' and '+'
}

TEST(HostHeaderValue, OmitsDefaultPortsAndBracketsIpv6) {
  EXPECT_EQ(host_header_value(*parse_ws_url("ws://h/")), "h");
  EXPECT_EQ(host_header_value(*parse_ws_url("ws://h:8080/")), "h:8080");
  EXPECT_EQ(host_header_value(*parse_ws_url("wss://h:443/")), "h");
  EXPECT_EQ(host_header_value(*parse_ws_url("wss://h:80/")), "h:80");
  EXPECT_EQ(host_header_value(*parse_ws_url("ws://[::1]:9000/")), "[::1]:9000");
}

}  // namespace
}  // namespace chargepoint::net
