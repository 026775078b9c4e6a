// The hand-written OpenAPI document and the router agree, route for route.
#include <fstream>
#include <set>
#include <sstream>

#include "api/openapi.hpp"
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST_F(ApiTest, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  const auto document = nlohmann::json::parse(openapi_document());
  EXPECT_EQ(document["openapi"], "3.0.3");
  std::set<std::string> documented;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      documented.insert(lower(method) + " " + path);
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }
  std::set<std::string> routed = {"get /metrics"};  // served beside the router
  for (const auto& route : api_.router().routes()) {
    routed.insert(lower(route.method) + " " + route.pattern);
  }
  EXPECT_EQ(documented, routed);

  // Path parameters are declared where the pattern has them.
  for (const auto& route : api_.router().routes()) {
    const auto& operation = document["paths"][route.pattern][lower(route.method)];
    for (const auto& segment : route.segments) {
      if (!segment.starts_with('{')) continue;
      const auto name = segment.substr(1, segment.size() - 2);
      bool declared = false;
      for (const auto& parameter : operation.value("parameters", nlohmann::json::array())) {
        declared = declared || (parameter["in"] == "path" && parameter["name"] == name);
      }
      EXPECT_TRUE(declared) << route.method << " " << route.pattern << " " << name;
    }
  }
}

TEST_F(ApiTest, ServesTheCompiledInDocumentUnchanged) {
  std::ifstream file(EO_OPENAPI_JSON);
  std::stringstream content;
  content << file.rdbuf();
  EXPECT_EQ(openapi_document(), content.str());
  const auto login = set_up_and_log_in();
  const auto response = as_user(login, "GET", "/api/openapi.json");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, content.str());
}

}  // namespace
}  // namespace csms::api::testing
