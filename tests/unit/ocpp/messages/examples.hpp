#pragma once
// Example payloads for every OCPP 1.6J message, one list per feature area, and the typed operations
// the example test needs to run them through the message structs without knowing their types.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocpp/messages/all.hpp"

namespace ocpp::test {

enum class Coverage {
  Full,      // every property the schema defines appears at least once
  Required,  // exactly the required properties
  Partial,   // some other realistic combination; no coverage claim
};

struct Example {
  std::string schema;  // `Authorize` or `AuthorizeResponse`
  Coverage coverage = Coverage::Partial;
  std::string label;  // unique per schema: Full, Required or a word for the case
  std::string payload;
  // json → struct → json.
  std::function<nlohmann::json(const nlohmann::json&)> round_trip;
  // json → struct, struct → json → struct; true when both structs compare equal.
  std::function<bool(const nlohmann::json&)> struct_round_trip;
};

// `X` for a request struct, `XResponse` for a response struct.
template <class T>
std::string schema_name() {
  if constexpr (requires { T::action; }) {
    return std::string(T::action);
  } else {
    std::string name;
    [&]<class... Requests>(std::tuple<Requests...>*) {
      ((std::is_same_v<typename Requests::Response, T> ? void(name = std::string(Requests::action))
                                                       : void()),
       ...);
    }(static_cast<messages::AllRequests*>(nullptr));
    return name + "Response";
  }
}

template <class T>
Example example(Coverage coverage, std::string payload, std::string label = {}) {
  if (label.empty()) label = coverage == Coverage::Full ? "Full" : "Required";
  return Example{
      schema_name<T>(),
      coverage,
      std::move(label),
      std::move(payload),
      [](const nlohmann::json& j) { return nlohmann::json(messages::decode<T>(j)); },
      [](const nlohmann::json& j) {
        const auto value = messages::decode<T>(j);
        return messages::decode<T>(nlohmann::json(value)) == value;
      },
  };
}

// Keeps gtest from dumping the std::functions byte by byte when a parameterised test fails.
// NOLINTNEXTLINE(readability-identifier-naming): the name gtest looks for
inline void PrintTo(const Example& example, std::ostream* out) {
  *out << example.schema << "/" << example.label << " " << example.payload;
}

std::vector<Example> core_transaction_examples();
std::vector<Example> core_operation_examples();
std::vector<Example> feature_profile_examples();
std::vector<Example> security_examples();

}  // namespace ocpp::test
