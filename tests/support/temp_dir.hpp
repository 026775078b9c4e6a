#pragma once
// A fresh folder under the system's temp directory, removed with everything in it at the end of the test.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace test_support {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "eo_test") {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            (std::string(prefix) + "_" + std::to_string(random()) + "_" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }

  // Binary, so that tests control every byte (line endings, garbage).
  std::filesystem::path write(std::string_view name, std::string_view bytes) const {
    auto file_path = path_ / name;
    std::ofstream out(file_path, std::ios::binary);
    out << bytes;
    return file_path;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace test_support
