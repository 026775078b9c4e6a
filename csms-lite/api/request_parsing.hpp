#pragma once
// Reading what a client sent: the query string and JSON bodies, with a precise ApiError (and the
// field at fault) for everything wrong. 400: unreadable; 413: too large; 415: not JSON;
// 422: readable JSON with a missing or wrongly typed field.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/ports.hpp"
#include "csms/net/http.hpp"

namespace csms::api {

inline constexpr std::size_t default_max_body_bytes = 64 * 1024;
inline constexpr std::size_t max_json_depth = 32;

class Query {
 public:
  // Throws ApiError 400 for bad percent-encoding or a parameter given twice.
  static Query parse(std::string_view query);

  std::optional<std::string> text(std::string_view name, std::size_t max_length = 200) const;
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<Time> time(std::string_view name) const;     // RFC 3339
  std::optional<bool> boolean(std::string_view name) const;  // true|false
  Page page(std::size_t max_limit = 500) const;              // offset, limit

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Splits "/a/b?x=1" into path and query ("" when none).
std::pair<std::string_view, std::string_view> split_target(std::string_view target);

// The body as a JSON object: checks size, Content-Type and nesting depth before parsing.
nlohmann::json json_body(const net::HttpRequest& request,
                         std::size_t max_bytes = default_max_body_bytes);

// Typed access to one JSON object's fields; errors name the field by its JSON path.
class Fields {
 public:
  explicit Fields(const nlohmann::json& object, std::string path = {});

  std::string required_string(std::string_view name, std::size_t min_length,
                              std::size_t max_length) const;
  std::optional<std::string> optional_string(std::string_view name, std::size_t max_length) const;
  std::optional<Time> optional_time(std::string_view name) const;
  // 422 for any field not in `known`: a typo should not be silently ignored.
  void only(std::initializer_list<std::string_view> known) const;

 private:
  std::string where(std::string_view name) const;
  const nlohmann::json* find(std::string_view name) const;
  const nlohmann::json& object_;
  std::string path_;
};

std::string format_time(Time time);  // RFC 3339 UTC, e.g. "2026-11-22T10:00:00Z"
std::string json_type_name(const nlohmann::json& value);

}  // namespace csms::api
