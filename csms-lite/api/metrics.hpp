#pragma once
// GET /metrics in the Prometheus text exposition format 0.0.4: one gauge or counter family per
// quantity, labelled by charge point (and connector), base units in the names (Prometheus naming
// guide: _amperes, _watts, _volts, _watt_hours; counters end in _total).
#include <string>
#include <string_view>
#include <vector>

#include "api/ports.hpp"

namespace csms::api {

enum class MetricsAccess {
  Public,  // anyone who can reach the port (a LAN Prometheus)
  Token,   // Authorization: Bearer <API token>
  Off,     // 404
};

// "public" | "token" | "off"; nullopt for anything else.
std::optional<MetricsAccess> parse_metrics_access(std::string_view text);

inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

std::string render_metrics(const std::vector<ChargerView>& chargers);

// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
std::string escape_label_value(std::string_view value);

}  // namespace csms::api
