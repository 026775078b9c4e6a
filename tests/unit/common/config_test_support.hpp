#pragma once
// Shared by the config tests: a schema shaped like the charge point's, and a temporary directory
// for config files that removes itself.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "temp_dir.hpp"
#include <vector>

#include "common/config.hpp"

namespace config_test {

inline common::ConfigSchema test_schema() {
  using namespace std::chrono_literals;
  common::ConfigSchema schema;
  schema
      .add_string("ocpp.central_system_url", common::required,
                  "WebSocket URL of the central system")
      .add_string("ocpp.charge_point_id", "EO Box", "Identity sent to the central system")
      .add_enum("ocpp.security_profile", {"none", "basic", "tls"}, "none",
                "How the charger authenticates")
      .add_seconds("network.reconnect_min_s", 1s, 3600s, 1s, "Shortest wait before reconnecting")
      .add_seconds("network.reconnect_max_s", 1s, 3600s, 300s, "Longest wait before reconnecting")
      .add_bool("network.verify_certificates", true, "Check the server's TLS certificate")
      .add_int("charging.phases", 1, 3, 3, "Phases wired to the charger")
      .add_double("charging.max_current_a", 6, 32, 32, "Highest current offered to the car");
  return schema;
}

using TempDir = test_support::TempDir;

// Writes `text` to chargepoint.conf in a fresh directory, loads it, and shortens the file's path in
// the messages back to `chargepoint.conf` so that expectations stay readable.
struct LoadedFile {
  common::ConfigLoadResult result;
  std::vector<std::string> errors;
};

inline LoadedFile load_file(const common::ConfigSchema& schema, std::string_view text,
                            const std::vector<std::string>& overrides = {}) {
  const TempDir dir;
  const auto file_path = dir.write("chargepoint.conf", text);
  auto result = common::load_config(schema, file_path, overrides);
  std::vector<std::string> errors;
  const std::string prefix = dir.path().string() + "/";
  for (std::string error : result.errors()) {
    if (error.starts_with(prefix)) error.erase(0, prefix.size());
    errors.push_back(std::move(error));
  }
  return LoadedFile{.result = std::move(result), .errors = std::move(errors)};
}

inline const std::string url_line = "[ocpp]\ncentral_system_url = ws://127.0.0.1:8080/ocpp\n";

}  // namespace config_test
