// Pure helpers of the WebSocket client: URL handling, back-off arithmetic, Basic auth. No I/O here.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "chargepoint/net/ws_client.hpp"
#include "common/percent_encoding.hpp"

namespace chargepoint::net {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Whitespace and control characters have no business in a configured URL.
bool has_forbidden_char(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f;
  });
}

bool starts_with_ignore_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit))
    return false;
  const int value = std::stoi(std::string(port));
  return value >= 1 && value <= 65535;
}

bool valid_ipv6_literal(std::string_view host) {
  // Coarse check (hex digits, ':' and '.' for an embedded IPv4); the resolver does the exact
  // parsing.
  if (host.find(':') == std::string_view::npos) return false;
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return is_hex_digit(c) || c == ':' || c == '.'; });
}

bool valid_reg_name(std::string_view host) {
  return std::none_of(host.begin(), host.end(),
                      [](char c) { return c == '[' || c == ']' || c == '\\'; });
}

}  // namespace

std::optional<ParsedUrl> parse_ws_url(std::string_view url) {
  if (has_forbidden_char(url)) return std::nullopt;
  ParsedUrl parsed;
  std::string_view rest;
  if (starts_with_ignore_case(url, "ws://")) {
    rest = url.substr(5);
  } else if (starts_with_ignore_case(url, "wss://")) {
    parsed.tls = true;
    rest = url.substr(6);
  } else {
    return std::nullopt;
  }
  // RFC 6455 §3: fragment identifiers are meaningless in ws URIs and must not be used.
  if (rest.find('#') != std::string_view::npos) return std::nullopt;

  const auto authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  const std::string_view path =
      authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  // Credentials belong in authorization_key, never in the URL (it ends up in logs).
  if (authority.find('@') != std::string_view::npos) return std::nullopt;

  std::string_view host;
  std::string_view port_part;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    if (!valid_ipv6_literal(host)) return std::nullopt;
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      has_port = true;
      port_part = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      has_port = true;
      port_part = authority.substr(colon + 1);
    }
    if (!valid_reg_name(host)) return std::nullopt;
  }
  if (host.empty()) return std::nullopt;
  if (has_port && !valid_port(port_part)) return std::nullopt;

  parsed.host = std::string(host);
  parsed.port = has_port ? std::string(port_part) : (parsed.tls ? "443" : "80");
  if (path.empty()) {
    parsed.target = "/";
  } else if (path.front() == '?') {
    parsed.target = "/" + std::string(path);
  } else {
    parsed.target = std::string(path);
  }
  return parsed;
}

std::string percent_encode_path_segment(std::string_view segment) {
  return common::percent_encode_segment(segment);
}

std::string build_connect_url(std::string_view endpoint_url, std::string_view charge_point_id) {
  const auto query_start = endpoint_url.find('?');
  std::string_view base = endpoint_url.substr(0, query_start);
  const std::string_view query =
      query_start == std::string_view::npos ? "" : endpoint_url.substr(query_start);
  if (charge_point_id.empty()) return std::string(endpoint_url);
  // Strip trailing slashes of the path, but never the "//" right after the scheme.
  const auto scheme_end = base.find("://");
  const std::size_t keep_at_least = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  while (base.size() > keep_at_least && base.back() == '/') base.remove_suffix(1);
  std::string url(base);
  url += '/';
  url += percent_encode_path_segment(charge_point_id);
  url += query;
  return url;
}

std::chrono::milliseconds backoff_delay(std::uint32_t attempt, std::chrono::milliseconds min,
                                        std::chrono::milliseconds max, double jitter,
                                        double random01) {
  const double min_ms = static_cast<double>(std::max<std::int64_t>(0, min.count()));
  const double max_ms = std::max(min_ms, static_cast<double>(max.count()));
  // Doubles in double arithmetic: 2^attempt saturates at the cap long before it could overflow.
  const double base_ms = std::min(
      max_ms, min_ms * std::exp2(static_cast<double>(std::min<std::uint32_t>(attempt, 64))));
  // A NaN argument falls back to "no jitter" / "middle" (std::clamp would pass NaN through).
  const double j = std::isnan(jitter) ? 0.0 : std::clamp(jitter, 0.0, 1.0);
  const double r = std::isnan(random01) ? 0.5 : std::clamp(random01, 0.0, 1.0);
  const double delay_ms = std::clamp(base_ms * (1.0 + j * (2.0 * r - 1.0)), 0.0, max_ms);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(delay_ms)));
}

std::string basic_auth_header(std::string_view user, std::string_view password) {
  static constexpr std::string_view k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string plain;
  plain.reserve(user.size() + 1 + password.size());
  plain.append(user).append(":").append(password);

  std::string encoded = "Basic ";
  std::size_t i = 0;
  for (; i + 3 <= plain.size(); i += 3) {
    const std::uint32_t triple = (static_cast<unsigned char>(plain[i]) << 16) |
                                 (static_cast<unsigned char>(plain[i + 1]) << 8) |
                                 static_cast<unsigned char>(plain[i + 2]);
    encoded.push_back(k_alphabet[(triple >> 18) & 0x3f]);
    encoded.push_back(k_alphabet[(triple >> 12) & 0x3f]);
    encoded.push_back(k_alphabet[(triple >> 6) & 0x3f]);
    encoded.push_back(k_alphabet[triple & 0x3f]);
  }
  const std::size_t left = plain.size() - i;
  if (left > 0) {
    std::uint32_t triple = static_cast<std::uint32_t>(static_cast<unsigned char>(plain[i])) << 16;
    if (left == 2)
      triple |= static_cast<std::uint32_t>(static_cast<unsigned char>(plain[i + 1])) << 8;
    encoded.push_back(k_alphabet[(triple >> 18) & 0x3f]);
    encoded.push_back(k_alphabet[(triple >> 12) & 0x3f]);
    encoded.push_back(left == 2 ? k_alphabet[(triple >> 6) & 0x3f] : '=');
    encoded.push_back('=');
  }
  return encoded;
}

std::string host_header_value(const ParsedUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  std::string value = ipv6 ? "[" + url.host + "]" : url.host;
  const bool default_port = url.port == (url.tls ? "443" : "80");
  if (!default_port) value += ":" + url.port;
  return value;
}

}  // namespace chargepoint::net
