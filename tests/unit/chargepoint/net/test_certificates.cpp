#include "test_certificates.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace chargepoint::net::testing {

std::string write_temp_file(const std::string& text, const std::string& name_hint) {
  static std::atomic<int> counter{0};
  const auto path =
      std::filesystem::temp_directory_path() / ("eo-ws-test-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(counter++) + "-" + name_hint);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace chargepoint::net::testing
