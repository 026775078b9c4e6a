#include "csms/net/detail/upgrade_rules.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "csms/net/detail/uri.hpp"
#include "csms/net/http.hpp"
#include "csms/net/listener.hpp"

namespace csms::net::detail {

namespace {

std::string_view normalised_prefix(std::string_view prefix) {
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  return prefix;
}

UpgradeDecision refuse(int status, std::string body) {
  UpgradeDecision decision;
  decision.status = status;
  decision.body = std::move(body);
  return decision;
}

}  // namespace

bool is_under_prefix(std::string_view path, std::string_view prefix) {
  prefix = normalised_prefix(prefix);
  if (path.substr(0, prefix.size()) != prefix) return false;
  const auto rest = path.substr(prefix.size());
  return rest.empty() || rest.front() == '/';
}

bool offers_subprotocol(std::string_view header_value, std::string_view wanted) {
  while (!header_value.empty()) {
    const auto comma = header_value.find(',');
    const auto token = trim(header_value.substr(0, comma));
    if (token == wanted) return true;
    if (comma == std::string_view::npos) break;
    header_value.remove_prefix(comma + 1);
  }
  return false;
}

std::optional<std::string> charge_point_id_from_path(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto segment = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto id = percent_decode(segment);
  if (!id || id->empty() || id->size() > max_charge_point_id_length) return std::nullopt;
  for (const char c : *id) {
    const auto byte = static_cast<unsigned char>(c);
    // '/' would make the id ambiguous in the REST API's own paths later on.
    if (byte < 0x20 || byte == 0x7F || c == '/') return std::nullopt;
  }
  return id;
}

std::optional<BasicCredentials> parse_basic_auth(std::string_view header_value) {
  header_value = trim(header_value);
  constexpr std::string_view scheme = "basic ";
  if (header_value.size() <= scheme.size() ||
      !iequals(header_value.substr(0, scheme.size()), scheme)) {
    return std::nullopt;
  }
  const auto decoded = base64_decode(trim(header_value.substr(scheme.size())));
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

UpgradeDecision decide_upgrade(const UpgradeRequestView& request, std::string_view prefix,
                               ChargePointGate& gate) {
  const auto path = path_of(request.target);
  if (!is_under_prefix(path, prefix)) {
    return refuse(404, "No WebSocket endpoint here: charge points connect to " +
                           std::string(normalised_prefix(prefix)) + "/<charge point id>\n");
  }

  bool offered = false;
  for (const auto value : request.protocol_headers)
    offered = offered || offers_subprotocol(value, ocpp_subprotocol);
  if (!offered) {
    return refuse(400,
                  "WebSocket upgrade refused: the Sec-WebSocket-Protocol header must offer ocpp1.6 "
                  "(this server speaks OCPP 1.6J only)\n");
  }

  auto id = charge_point_id_from_path(path);
  if (!id) {
    return refuse(400,
                  "WebSocket upgrade refused: the last path segment must be the charge point id "
                  "(percent-encoded, 1 to 48 bytes, no control characters or '/')\n");
  }

  std::optional<BasicCredentials> credentials;
  if (request.authorization) {
    credentials = parse_basic_auth(*request.authorization);
    // A malformed header or a user name that is not this charge point is a failed login, not an
    // anonymous one: letting it through would bypass a gate that only checks present passwords.
    if (!credentials || credentials->user != *id) {
      auto decision = refuse(401, "Charge point authentication failed\n");
      decision.charge_point_id = std::move(*id);
      decision.ask_for_credentials = true;
      return decision;
    }
  }

  UpgradeDecision decision;
  try {
    const auto password =
        credentials ? std::optional<std::string_view>(credentials->password) : std::nullopt;
    switch (gate.admit(*id, password)) {
      case AuthResult::Accepted:
        break;
      case AuthResult::Unauthorized:
        decision = refuse(401, "Charge point authentication failed\n");
        decision.ask_for_credentials = true;
        break;
      case AuthResult::UnknownChargePoint:
        decision = refuse(404, "Unknown charge point\n");
        break;
    }
  } catch (const std::exception& e) {
    spdlog::error("csms-lite: admitting charge point '{}' failed: {}", *id, e.what());
    decision = refuse(500, "Internal error while admitting the charge point\n");
  }
  decision.charge_point_id = std::move(*id);
  return decision;
}

}  // namespace csms::net::detail
