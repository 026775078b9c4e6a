#include "ocpp/schema/validator.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include "ocpp/types/datetime.hpp"

namespace ocpp::schema {
namespace {

using nlohmann::json;
using rpc::ErrorCode;

// Cuts at a UTF-8 character boundary so the text stays valid when it is sent back in a CALLERROR.
std::string shorten(std::string_view text, std::size_t max_bytes = 40) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// Names the offending value for a message. Containers are only named: dumping one costs its whole size and
// recurses once per nesting level, and this runs on whatever a peer sent.
std::string describe(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) {
    return json(shorten(value.get_ref<const std::string&>())).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return value.dump();
}

// JSON-schema string length counts characters, not bytes: count UTF-8 lead bytes.
std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (const unsigned char c : text) {
    if ((c & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

bool is_integral(const json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  const double d = value.get<double>();
  return std::isfinite(d) && std::trunc(d) == d;
}

// OCPP 1.6 §2 defines `integer` as 32 bits; a larger value would be silently truncated when decoded.
bool fits_int32(const json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= std::numeric_limits<std::int32_t>::max();
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    return v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max();
  }
  const double d = value.get<double>();
  return d >= std::numeric_limits<std::int32_t>::min() && d <= std::numeric_limits<std::int32_t>::max();
}

bool has_type(const json& value, std::string_view type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return is_integral(value);
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return true;  // an unknown type keyword constrains nothing
}

// RFC 3986 §3.1: scheme ":" with scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then no spaces.
bool is_uri(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = text[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!(alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) return false;
  }
  for (const unsigned char c : text) {
    if (c <= 0x20 || c == 0x7F) return false;
  }
  return true;
}

class Checker {
 public:
  explicit Checker(const json& root) : root_(root) {}

  std::optional<ValidationError> check(const json& schema, const json& value, const std::string& path) {
    const json& s = resolve(schema);
    if (const auto it = s.find("type"); it != s.end() && it->is_string()) {
      const auto& type = it->get_ref<const std::string&>();
      if (!has_type(value, type)) {
        return fail(ErrorCode::TypeConstraintViolation, path, "expected " + type + ", got " + describe(value));
      }
      if (type == "integer" && !fits_int32(value)) {
        return fail(ErrorCode::PropertyConstraintViolation, path,
                    describe(value) + " does not fit a 32-bit integer (OCPP 1.6 §2)");
      }
    }
    if (const auto it = s.find("enum"); it != s.end() && it->is_array()) {
      bool found = false;
      for (const auto& allowed : *it) found = found || allowed == value;
      if (!found) return fail(ErrorCode::PropertyConstraintViolation, path, describe(value) + " is not an allowed value");
    }
    if (value.is_string()) return check_string(s, value.get_ref<const std::string&>(), path);
    if (value.is_number()) return check_number(s, value, path);
    if (value.is_array()) return check_array(s, value, path);
    if (value.is_object()) return check_object(s, value, path);
    return std::nullopt;
  }

 private:
  const json& resolve(const json& schema) const {
    const json* current = &schema;
    // A bounded number of hops: a $ref cycle in a schema must not hang us.
    for (int hops = 0; hops < 8; ++hops) {
      const auto it = current->find("$ref");
      if (it == current->end() || !it->is_string()) return *current;
      const auto& ref = it->get_ref<const std::string&>();
      if (ref.empty() || ref[0] != '#') return *current;
      // Only the schemas' own `#/definitions/...` refs reach here, but a malformed pointer in a schema passed
      // to validate() must not throw out of a validator that promises to return errors.
      try {
        const auto pointer = json::json_pointer(ref.substr(1));
        if (!root_.contains(pointer)) return *current;
        current = &root_.at(pointer);
      } catch (const json::exception&) {
        return *current;
      }
    }
    return *current;
  }

  static std::optional<ValidationError> fail(ErrorCode code, const std::string& path, std::string message) {
    return ValidationError{code, path, std::move(message)};
  }

  static std::optional<ValidationError> check_string(const json& s, const std::string& text, const std::string& path) {
    if (const auto it = s.find("maxLength"); it != s.end() && it->is_number_integer()) {
      const auto limit = it->get<std::size_t>();
      if (code_points(text) > limit) {
        return fail(ErrorCode::PropertyConstraintViolation, path,
                    "longer than " + std::to_string(limit) + " characters");
      }
    }
    if (const auto it = s.find("format"); it != s.end() && it->is_string()) {
      const auto& format = it->get_ref<const std::string&>();
      if (format == "date-time" && !DateTime::parse(text)) {
        return fail(ErrorCode::PropertyConstraintViolation, path, "\"" + shorten(text) + "\" is not an RFC 3339 date-time");
      }
      if (format == "uri" && !is_uri(text)) {
        return fail(ErrorCode::PropertyConstraintViolation, path, "\"" + shorten(text) + "\" is not a URI");
      }
    }
    return std::nullopt;
  }

  static std::optional<ValidationError> check_number(const json& s, const json& value, const std::string& path) {
    if (const auto it = s.find("multipleOf"); it != s.end() && it->is_number()) {
      if (!is_decimal_multiple(value.get<double>(), it->get<double>())) {
        return fail(ErrorCode::PropertyConstraintViolation, path,
                    describe(value) + " is not a multiple of " + it->dump());
      }
    }
    return std::nullopt;
  }

  std::optional<ValidationError> check_array(const json& s, const json& value, const std::string& path) {
    if (const auto it = s.find("minItems"); it != s.end() && it->is_number_integer()) {
      if (value.size() < it->get<std::size_t>()) {
        return fail(ErrorCode::OccurenceConstraintViolation, path,
                    "needs at least " + it->dump() + " item(s), has " + std::to_string(value.size()));
      }
    }
    if (const auto it = s.find("items"); it != s.end() && it->is_object()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (auto error = check(*it, value[i], path + "[" + std::to_string(i) + "]")) return error;
      }
    }
    return std::nullopt;
  }

  std::optional<ValidationError> check_object(const json& s, const json& value, const std::string& path) {
    const auto properties = s.find("properties");
    const bool has_properties = properties != s.end() && properties->is_object();
    if (const auto it = s.find("required"); it != s.end() && it->is_array()) {
      for (const auto& name : *it) {
        if (name.is_string() && !value.contains(name.get_ref<const std::string&>())) {
          return fail(ErrorCode::OccurenceConstraintViolation, join(path, name.get<std::string>()),
                      "required field is missing");
        }
      }
    }
    if (const auto it = s.find("additionalProperties"); it != s.end() && *it == false) {
      for (const auto& [key, ignored] : value.items()) {
        if (!has_properties || !properties->contains(key)) {
          // The key is the peer's: cut it so that the CALLERROR does not echo a huge one back.
          return fail(ErrorCode::FormationViolation, join(path, shorten(key)), "unknown field");
        }
      }
    }
    if (has_properties) {
      for (const auto& [key, member] : value.items()) {
        const auto sub = properties->find(key);
        if (sub == properties->end()) continue;
        if (auto error = check(*sub, member, join(path, key))) return error;
      }
    }
    return std::nullopt;
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  const json& root_;
};

}  // namespace

std::optional<ValidationError> validate(const json& root, const json& schema, const json& instance) {
  return Checker(root).check(schema, instance, "");
}

}  // namespace ocpp::schema
