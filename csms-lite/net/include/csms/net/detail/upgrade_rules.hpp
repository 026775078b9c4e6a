#pragma once
// Whether a WebSocket upgrade request is accepted, decided without sockets: the HTTP session feeds
// the request's parts in and sends the verdict back. Kept pure so that every refusal is
// unit-tested. Internal to csms_net (namespace detail); the header is reachable only for the unit
// tests.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms/net/ocpp_connection.hpp"

namespace csms::net::detail {

inline constexpr std::string_view ocpp_subprotocol = "ocpp1.6";

struct UpgradeRequestView {
  std::string_view target;
  std::vector<std::string_view> protocol_headers;  // each Sec-WebSocket-Protocol field value
  std::optional<std::string_view> authorization;
};

struct UpgradeDecision {
  int status = 101;                  // 101: accept; otherwise the HTTP status of the refusal
  std::string charge_point_id;       // set once known, for logs even when refused
  std::string body;                  // plain-text explanation for refusals
  bool ask_for_credentials = false;  // 401: add WWW-Authenticate
  bool accepted() const { return status == 101; }
};

// "/ocpp", "/ocpp/" and "" (everything) are all valid prefixes; the match is on whole segments, so
// "/ocppx/CP1" is not under "/ocpp".
bool is_under_prefix(std::string_view path, std::string_view prefix);

// `header_value` is a comma-separated token list; tokens compare exactly (RFC 6455 §4.1).
bool offers_subprotocol(std::string_view header_value, std::string_view wanted);

// The last segment of `path`, percent-decoded; nullopt when empty, badly encoded, longer than
// max_charge_point_id_length, or containing control characters or '/'.
std::optional<std::string> charge_point_id_from_path(std::string_view path);

struct BasicCredentials {
  std::string user;
  std::string password;
};
// "Basic <base64(user:password)>", scheme case-insensitive (RFC 7617).
std::optional<BasicCredentials> parse_basic_auth(std::string_view header_value);

// Checks in this order: prefix (404), subprotocol (400), id (400), credentials and gate (401/404).
// The gate is asked only when everything before passed. An exception from the gate becomes 500.
UpgradeDecision decide_upgrade(const UpgradeRequestView& request, std::string_view prefix,
                               ChargePointGate& gate);

}  // namespace csms::net::detail
