#include "api/request_parsing.hpp"

#include <charconv>

#include "api/api_error.hpp"
#include "common/percent_encoding.hpp"
#include "ocpp/types/datetime.hpp"

namespace csms::api {
namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

std::optional<std::string> decode_component(std::string_view text) {
  std::string plus_as_space(text);
  // application/x-www-form-urlencoded (HTML forms, URLSearchParams) sends a space as '+'.
  for (auto& c : plus_as_space) {
    if (c == '+') c = ' ';
  }
  return common::percent_decode(plus_as_space);
}

std::optional<Time> parse_time(std::string_view text) {
  const auto parsed = ocpp::DateTime::parse(text);
  if (!parsed) return std::nullopt;
  return Time(parsed->time_point());
}

// Nesting depth outside strings: nlohmann's parser recurses per level, and a body of 60 000 '['
// would otherwise overflow the stack.
bool nesting_within(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

}  // namespace

std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return {target, {}};
  return {target.substr(0, mark), target.substr(mark + 1)};
}

Query Query::parse(std::string_view query) {
  Query result;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto name = decode_component(pair.substr(0, equals));
    const auto value = decode_component(equals == std::string_view::npos ? std::string_view{}
                                                                         : pair.substr(equals + 1));
    if (!name || !value) throw ApiError(400, "the query string is not correctly percent-encoded");
    if (!result.values_.emplace(*name, *value).second) {
      throw ApiError(400, "query parameter \"" + *name + "\" is given more than once", *name);
    }
  }
  return result;
}

std::optional<std::string> Query::text(std::string_view name, std::size_t max_length) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  if (it->second.size() > max_length) {
    throw ApiError(400,
                   "query parameter \"" + it->first + "\" is longer than " +
                       std::to_string(max_length) + " bytes",
                   it->first);
  }
  return it->second;
}

std::optional<std::int64_t> Query::integer(std::string_view name, std::int64_t min,
                                           std::int64_t max) const {
  const auto text = this->text(name, 30);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    throw ApiError(400,
                   "query parameter \"" + std::string(name) + "\" must be an integer from " +
                       std::to_string(min) + " to " + std::to_string(max) + ", got \"" + *text +
                       "\"",
                   std::string(name));
  }
  return value;
}

std::optional<Time> Query::time(std::string_view name) const {
  const auto text = this->text(name, 40);
  if (!text) return std::nullopt;
  const auto time = parse_time(*text);
  if (!time) {
    throw ApiError(400,
                   "query parameter \"" + std::string(name) +
                       "\" must be an RFC 3339 date-time such as 2026-11-22T10:00:00Z, got \"" +
                       *text + "\"",
                   std::string(name));
  }
  return time;
}

std::optional<bool> Query::boolean(std::string_view name) const {
  const auto text = this->text(name, 10);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  throw ApiError(400, "query parameter \"" + std::string(name) + "\" must be true or false",
                 std::string(name));
}

Page Query::page(std::size_t max_limit) const {
  Page page;
  page.offset = static_cast<std::size_t>(integer("offset", 0, 1'000'000'000).value_or(0));
  page.limit = static_cast<std::size_t>(
      integer("limit", 1, static_cast<std::int64_t>(max_limit)).value_or(50));
  return page;
}

nlohmann::json json_body(const net::HttpRequest& request, std::size_t max_bytes) {
  if (request.body.size() > max_bytes) {
    throw ApiError(413, "the request body is " + std::to_string(request.body.size()) +
                            " bytes; at most " + std::to_string(max_bytes) + " are accepted");
  }
  const auto content_type = request.header("Content-Type");
  if (!content_type) throw ApiError(415, "the request needs Content-Type: application/json");
  const auto semicolon = content_type->find(';');
  const auto media_type = trim(content_type->substr(0, semicolon));
  if (!net::iequals(media_type, "application/json")) {
    throw ApiError(415, "Content-Type must be application/json, not \"" + media_type + "\"");
  }
  if (semicolon != std::string_view::npos) {
    const auto parameter = trim(content_type->substr(semicolon + 1));
    // RFC 8259 §8.1: JSON is UTF-8; a charset parameter is meaningless unless it says so.
    if (!parameter.empty() && !net::iequals(parameter, "charset=utf-8") &&
        !net::iequals(parameter, "charset=\"utf-8\"")) {
      throw ApiError(415, "JSON must be UTF-8, not \"" + parameter + "\"");
    }
  }
  if (!nesting_within(request.body, max_json_depth)) {
    throw ApiError(400, "the JSON body is nested more than " + std::to_string(max_json_depth) +
                            " levels deep");
  }
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    throw ApiError(400, "the body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  if (!body.is_object()) {
    throw ApiError(422, "the body must be a JSON object, not " + json_type_name(body));
  }
  return body;
}

std::string json_type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  if (value.is_array()) return "an array";
  return "an object";
}

Fields::Fields(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string Fields::where(std::string_view name) const {
  return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
}

const nlohmann::json* Fields::find(std::string_view name) const {
  const auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

std::string Fields::required_string(std::string_view name, std::size_t min_length,
                                    std::size_t max_length) const {
  if (!find(name)) throw ApiError(422, "\"" + where(name) + "\" is required", where(name));
  auto value = optional_string(name, max_length);
  if (!value)
    throw ApiError(422, "\"" + where(name) + "\" must be a string, not null", where(name));
  if (value->size() < min_length) {
    throw ApiError(422,
                   "\"" + where(name) + "\" must be at least " + std::to_string(min_length) +
                       (min_length == 1 ? " character" : " characters") + " long",
                   where(name));
  }
  return std::move(*value);
}

std::optional<std::string> Fields::optional_string(std::string_view name,
                                                   std::size_t max_length) const {
  const auto* value = find(name);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    throw ApiError(422, "\"" + where(name) + "\" must be a string, not " + json_type_name(*value),
                   where(name));
  }
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > max_length) {
    throw ApiError(
        422,
        "\"" + where(name) + "\" must be at most " + std::to_string(max_length) + " bytes long",
        where(name));
  }
  return text;
}

std::optional<Time> Fields::optional_time(std::string_view name) const {
  const auto text = optional_string(name, 40);
  if (!text) return std::nullopt;
  const auto time = parse_time(*text);
  if (!time) {
    throw ApiError(422, "\"" + where(name) + "\" must be an RFC 3339 date-time", where(name));
  }
  return time;
}

void Fields::only(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : object_.items()) {
    bool found = false;
    for (const auto name : known) found = found || key == name;
    if (!found) throw ApiError(422, "unknown field \"" + where(key) + "\"", where(key));
  }
}

std::string format_time(Time time) {
  return ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(time)).to_string();
}

}  // namespace csms::api
