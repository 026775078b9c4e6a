// Checks every message struct against its official schema, field by field: names, optionality, JSON
// types and enumeration tables. The walk is driven by the structs' visit_fields and the schema
// files, so a new or renamed field cannot slip past it.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocpp/messages/all.hpp"
#include "schema_support.hpp"

namespace {

using nlohmann::json;
using ocpp::DateTime;
using namespace ocpp::messages;

template <class T>
struct Optional : std::false_type {};
template <class T>
struct Optional<std::optional<T>> : std::true_type {
  using type = T;
};
template <class T>
struct Vector : std::false_type {};
template <class T>
struct Vector<std::vector<T>> : std::true_type {
  using type = T;
};

template <class T>
concept WireStruct = requires {
  visit_fields(std::type_identity<T>{}, [](const char*, auto) {});
};

template <class C, class M>
M member_type(M C::*);

class SchemaConformance {
 public:
  explicit SchemaConformance(std::string schema_name)
      : name_(std::move(schema_name)), root_(ocpp::test::schema(name_)) {}

  template <class T>
  std::vector<std::string> check() {
    check_node<T>(root_, name_);
    return problems_;
  }
  const std::set<std::string>& exceptions_used() const { return exceptions_used_; }

 private:
  void fail(const std::string& path, const std::string& what) {
    problems_.push_back(path + ": " + what);
  }
  static std::string type_of(const json& node) { return node.value("type", ""); }

  template <class T>
  void check_node(const json& raw, const std::string& path) {
    const json& node = ocpp::test::resolve(root_, raw);
    const bool is_enum = node.contains("enum");
    const bool is_date_time = node.value("format", "") == "date-time";
    if constexpr (std::is_same_v<T, int>) {
      if (type_of(node) == "number" && ocpp::test::integer_errata().contains(path)) {
        exceptions_used_.insert(path);
      } else if (type_of(node) != "integer") {
        fail(path, "int field, schema type " + type_of(node));
      }
    } else if constexpr (std::is_same_v<T, double>) {
      if (type_of(node) != "number") fail(path, "double field, schema type " + type_of(node));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (type_of(node) != "boolean") fail(path, "bool field, schema type " + type_of(node));
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (type_of(node) != "string" || is_enum || is_date_time) {
        fail(path, "plain string field, schema says " + node.dump());
      }
    } else if constexpr (std::is_same_v<T, DateTime>) {
      if (type_of(node) != "string" || !is_date_time)
        fail(path, "DateTime field, schema " + node.dump());
    } else if constexpr (NamedEnum<T>) {
      check_enum<T>(node, path);
    } else if constexpr (Vector<T>::value) {
      if (type_of(node) != "array") return fail(path, "vector field, schema type " + type_of(node));
      check_node<typename Vector<T>::type>(node["items"], ocpp::test::child_path(path, "[]", ""));
    } else if constexpr (WireStruct<T>) {
      check_object<T>(node, path);
    } else {
      static_assert(!sizeof(T), "a wire type the conformance test does not know");
    }
  }

  template <class E>
  void check_enum(const json& node, const std::string& path) {
    if (type_of(node) != "string" || !node.contains("enum"))
      return fail(path, "enum field, no enum");
    std::set<std::string> ours;
    for (const auto& [value, name] : EnumNames<E>::names) {
      if (!ours.insert(std::string(name)).second)
        fail(path, "name listed twice: " + std::string(name));
      if (enum_from_string<E>(name) != value)
        fail(path, "name maps back wrongly: " + std::string(name));
    }
    std::set<std::string> theirs;
    for (const auto& name : node["enum"]) theirs.insert(name.get<std::string>());
    for (const auto& name : ours) {
      if (!theirs.contains(name)) fail(path, "enum name not in the schema: " + name);
    }
    for (const auto& name : theirs) {
      if (!ours.contains(name)) fail(path, "schema enum name missing from the table: " + name);
    }
  }

  template <class T>
  void check_object(const json& node, const std::string& path) {
    if (type_of(node) != "object") return fail(path, "struct, schema type " + type_of(node));
    const json properties = node.value("properties", json::object());
    const json required = node.value("required", json::array());
    const auto is_required = [&](const std::string& key) {
      return std::find(required.begin(), required.end(), key) != required.end();
    };
    std::set<std::string> seen;
    visit_fields(std::type_identity<T>{}, [&](const char* key, auto member) {
      using Member = decltype(member_type(member));
      const std::string field_path = ocpp::test::child_path(path, "/", key);
      seen.insert(key);
      if (!properties.contains(key)) return fail(field_path, "field not in the schema");
      if (Optional<Member>::value == is_required(key)) {
        fail(field_path, Optional<Member>::value ? "optional field, required in the schema"
                                                 : "required field, optional in the schema");
      }
      if constexpr (Optional<Member>::value) {
        check_node<typename Optional<Member>::type>(properties[key], field_path);
      } else {
        check_node<Member>(properties[key], field_path);
      }
    });
    for (const auto& [key, property] : properties.items()) {
      const std::string field_path = ocpp::test::child_path(path, "/", key);
      if (seen.contains(key)) continue;
      if (ocpp::test::unmodelled_properties().contains(field_path)) {
        exceptions_used_.insert(field_path);
      } else {
        fail(field_path, "schema property without a struct field");
      }
    }
    for (const auto& key : required) {
      if (!properties.contains(key.get<std::string>()))
        fail(path, "required but undefined: " + key.dump());
    }
  }

  std::string name_;
  const json& root_;
  std::vector<std::string> problems_;
  std::set<std::string> exceptions_used_;
};

template <class T>
std::vector<std::string> conformance_problems(const std::string& schema_name) {
  return SchemaConformance(schema_name).check<T>();
}

template <class Request>
class MessageSchema : public ::testing::Test {};

template <class Tuple>
struct GTestTypes;
template <class... Ts>
struct GTestTypes<std::tuple<Ts...>> {
  using type = ::testing::Types<Ts...>;
};

struct ActionName {
  template <class Request>
  static std::string GetName(int) {  // NOLINT(readability-identifier-naming): gtest's interface
    return std::string(Request::action);
  }
};

TYPED_TEST_SUITE(MessageSchema, GTestTypes<AllRequests>::type, ActionName);

TYPED_TEST(MessageSchema, ActionNamesARequestAndAResponseSchema) {
  const std::string action(TypeParam::action);
  ASSERT_TRUE(ocpp::test::has_schema(action)) << action;
  ASSERT_TRUE(ocpp::test::has_schema(action + "Response")) << action;
  // The core schemas carry a title, the security ones an $id; both name the action again.
  const auto& request = ocpp::test::schema(action);
  const auto& response = ocpp::test::schema(action + "Response");
  EXPECT_EQ(request.value("title", action + "Request"), action + "Request");
  EXPECT_EQ(response.value("title", action + "Response"), action + "Response");
  EXPECT_TRUE(request.value("$id", ":" + action + ".req").ends_with(":" + action + ".req"));
  EXPECT_TRUE(response.value("$id", ":" + action + ".conf").ends_with(":" + action + ".conf"));
  EXPECT_TRUE(request.contains("title") || request.contains("$id")) << action;
}

TYPED_TEST(MessageSchema, RequestStructMatchesSchema) {
  const auto problems = conformance_problems<TypeParam>(std::string(TypeParam::action));
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TYPED_TEST(MessageSchema, ResponseStructMatchesSchema) {
  using Response = typename TypeParam::Response;
  const auto problems = conformance_problems<Response>(std::string(TypeParam::action) + "Response");
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

// A default-constructed message carries its required fields and nothing else: empty optionals are
// omitted rather than sent as null.
TYPED_TEST(MessageSchema, DefaultConstructedHasOnlyRequiredFields) {
  const std::string action(TypeParam::action);
  const json request = TypeParam{};
  const json response = typename TypeParam::Response{};
  for (const auto& [name, value] :
       {std::pair{action, request}, std::pair{action + "Response", response}}) {
    const auto present = ocpp::test::instance_paths(value);
    const auto required = ocpp::test::schema_paths(name, true);
    for (const auto& path : present) EXPECT_TRUE(required.contains(path)) << name << path;
    for (const auto& key : ocpp::test::schema(name).value("required", json::array())) {
      EXPECT_TRUE(value.contains(key.template get<std::string>())) << name << " lacks " << key;
    }
    EXPECT_EQ(value.dump().find("null"), std::string::npos) << value.dump();
  }
}

template <class... Requests>
std::vector<std::string> actions_of(std::tuple<Requests...>*) {
  return {std::string(Requests::action)...};
}

TEST(MessageCatalogue, AllRequestsIsSortedAndCoversEverySchema) {
  const auto actions = actions_of(static_cast<AllRequests*>(nullptr));
  EXPECT_TRUE(std::is_sorted(actions.begin(), actions.end()));
  std::set<std::string> expected;
  for (const auto& action : actions) {
    expected.insert(action);
    expected.insert(action + "Response");
  }
  const auto names = ocpp::test::schema_names();
  EXPECT_EQ(names.size(), 78U);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);
  EXPECT_EQ(actions.size(), k_message_count);
}

TEST(MessageCatalogue, AllResponsesFollowsAllRequests) {
  static_assert(std::is_same_v<std::tuple_element_t<0, AllResponses>, AuthorizeResponse>);
  static_assert(std::is_same_v<std::tuple_element_t<38, AllResponses>, UpdateFirmwareResponse>);
  static_assert(std::tuple_size_v<AllResponses> == k_message_count);
}

// Every deliberate difference must still be needed; otherwise the list hides a real mismatch.
template <class... Requests>
std::set<std::string> exceptions_used(std::tuple<Requests...>*) {
  std::set<std::string> used;
  const auto collect = [&]<class T>(const std::string& name) {
    SchemaConformance conformance(name);
    conformance.check<T>();
    used.insert(conformance.exceptions_used().begin(), conformance.exceptions_used().end());
  };
  (collect.template operator()<Requests>(std::string(Requests::action)), ...);
  (collect.template operator()<typename Requests::Response>(std::string(Requests::action) +
                                                            "Response"),
   ...);
  return used;
}

TEST(MessageCatalogue, EveryListedSchemaDifferenceIsStillNeeded) {
  auto expected = ocpp::test::integer_errata();
  expected.insert(ocpp::test::unmodelled_properties().begin(),
                  ocpp::test::unmodelled_properties().end());
  EXPECT_EQ(exceptions_used(static_cast<AllRequests*>(nullptr)), expected);
}

}  // namespace
