// Prints the schemas this build validates with — after errata and corrections — as one JSON object
// {"Action.req": schema, "Action.conf": schema}, so a test can compare them with another copy.
#include <iostream>

#include "ocpp/schema/registry.hpp"

int main() {
  const auto& registry = ocpp::schema::Registry::instance();
  nlohmann::json all = nlohmann::json::object();
  for (const auto& action : registry.actions()) {
    all[action + ".req"] = *registry.find(action, ocpp::schema::MessageKind::Request);
    all[action + ".conf"] = *registry.find(action, ocpp::schema::MessageKind::Response);
  }
  std::cout << all.dump(2) << "\n";
  return 0;
}
