#pragma once
// Helpers for writing OCPP wire structs: optional fields are omitted when empty (never `null`), and
// enums convert through an explicit name table, so an unknown string is an error and not silently the
// first enumerator (which is what NLOHMANN_JSON_SERIALIZE_ENUM would do).
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "ocpp/types/datetime.hpp"

namespace ocpp::messages {

// Specialise EnumNames<E> with `static constexpr std::array<std::pair<E, std::string_view>, N> names`.
template <class E>
struct EnumNames;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires { EnumNames<E>::names; };

template <NamedEnum E>
constexpr std::string_view to_string(E value) {
  for (const auto& [enumerator, name] : EnumNames<E>::names) {
    if (enumerator == value) return name;
  }
  return {};
}

template <NamedEnum E>
constexpr std::optional<E> enum_from_string(std::string_view text) {
  for (const auto& [enumerator, name] : EnumNames<E>::names) {
    if (name == text) return enumerator;
  }
  return std::nullopt;
}

template <NamedEnum E>
void to_json(nlohmann::json& j, E value) {
  j = std::string(to_string(value));
}

template <NamedEnum E>
void from_json(const nlohmann::json& j, E& value) {
  const auto parsed = enum_from_string<E>(j.get_ref<const std::string&>());
  if (!parsed) {
    throw nlohmann::json::other_error::create(501, "unknown enumeration value: " + j.get<std::string>(), &j);
  }
  value = *parsed;
}

namespace detail {

template <class T>
void put(nlohmann::json& j, const char* key, const T& value) {
  j[key] = value;
}
template <class T>
void put(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}
template <class T>
void get(const nlohmann::json& j, const char* key, T& value) {
  j.at(key).get_to(value);
}
template <class T>
void get(const nlohmann::json& j, const char* key, std::optional<T>& value) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    value.reset();
  } else {
    value = it->template get<T>();
  }
}

}  // namespace detail

// Decodes a wire struct; throws nlohmann::json::exception like get<T>() does. Prefer it to
// get<T>(): GCC 12 at -O2 reports a bogus -Wmaybe-uninitialized (GCC bug 80635) for the unused
// payload of an empty std::optional when some small structs are copied out of get<T>(). The copy
// here is the one it trips on, so the pragma can stay this narrow.
template <class T>
T decode(const nlohmann::json& j) {
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
  T value{};
  j.get_to(value);
  return value;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
}

}  // namespace ocpp::messages

// Macro arguments here are member and type names, which cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define OCPP_DETAIL_PUT(field) ::ocpp::messages::detail::put(j, #field, value.field);
#define OCPP_DETAIL_GET(field) ::ocpp::messages::detail::get(j, #field, value.field);
#define OCPP_DETAIL_VISIT(field) visitor(#field, &Self::field);

// Declares to_json/from_json for a struct whose member names are the wire names. Use inside the
// struct's namespace. Structs without fields use OCPP_EMPTY_MESSAGE instead.
//
// Both also declare `visit_fields(std::type_identity<Type>, visitor)`, found by ADL, which calls
// `visitor("wireName", &Type::member)` for each field in order. It lets a test walk every struct
// next to its schema (names, optionality, types, enum tables) instead of trusting hand-made lists.
#define OCPP_FIELDS(Type, ...)                                                   \
  inline void to_json(nlohmann::json& j, const Type& value) {                    \
    j = nlohmann::json::object();                                                \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(OCPP_DETAIL_PUT, __VA_ARGS__))      \
  }                                                                              \
  inline void from_json(const nlohmann::json& j, Type& value) {                  \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(OCPP_DETAIL_GET, __VA_ARGS__))      \
  }                                                                              \
  template <class Visitor>                                                       \
  constexpr void visit_fields(std::type_identity<Type>, Visitor&& visitor) {     \
    using Self = Type;                                                           \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(OCPP_DETAIL_VISIT, __VA_ARGS__))    \
  }

#define OCPP_EMPTY_MESSAGE(Type)                                                        \
  inline void to_json(nlohmann::json& j, const Type&) { j = nlohmann::json::object(); } \
  inline void from_json(const nlohmann::json&, Type&) {}                                \
  template <class Visitor>                                                              \
  constexpr void visit_fields(std::type_identity<Type>, Visitor&&) {}
// NOLINTEND(bugprone-macro-parentheses)
