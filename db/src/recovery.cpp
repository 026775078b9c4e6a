// Database::move_aside_and_recreate: what the daemon does with a file it cannot use, so that a
// damaged SD-card sector costs the stored state but not the charger.
#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <string>
#include <system_error>

#include "db/database.hpp"

namespace eo::db {

namespace {

std::string utc_stamp(std::chrono::system_clock::time_point now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const auto length = std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return std::string(text, length);
}

}  // namespace

Result<Database::Recreated> Database::move_aside_and_recreate(
    const std::string& path, std::chrono::system_clock::time_point now,
    const OpenOptions& options) {
  namespace fs = std::filesystem;
  if (path.empty() || path == ":memory:") {
    return make_error(ErrorKind::InvalidArgument,
                      "move_aside_and_recreate needs a database file, got '" + path + "'");
  }
  std::error_code error;
  if (!fs::exists(path, error)) {
    return make_error(ErrorKind::NotFound,
                      "cannot move database '" + path + "' aside: it does not exist");
  }
  // Two failures in the same second must not overwrite the first evidence.
  const std::string base = path + ".corrupt-" + utc_stamp(now);
  std::string target = base;
  for (int n = 1; fs::exists(target, error) || fs::exists(target + "-wal", error); ++n) {
    target = base + "-" + std::to_string(n);
  }
  fs::rename(path, target, error);
  if (error) {
    return make_error(ErrorKind::Io, "cannot move database '" + path + "' to '" + target +
                                         "': " + error.message());
  }
  // The WAL belongs to the bad file: replayed into a fresh one it would corrupt it. The -shm is
  // only an index of the WAL and is rebuilt.
  if (fs::exists(path + "-wal", error)) {
    fs::rename(path + "-wal", target + "-wal", error);
    if (error) {
      return make_error(ErrorKind::Io, "moved database '" + path + "' to '" + target +
                                           "' but not its WAL: " + error.message());
    }
  }
  fs::remove(path + "-shm", error);

  spdlog::critical(
      "store: database '{}' was unusable; moved it to '{}' and starting with an empty one. Stored "
      "transactions, queued messages and settings are no longer known to the charger; they can be "
      "recovered from the moved file.",
      path, target);
  auto fresh = open(path, options);
  if (!fresh) return fresh.error();
  return Recreated{std::move(*fresh), target};
}

}  // namespace eo::db
