#include "app/setup_code_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ocpp/types/datetime.hpp"

namespace csms {

namespace {

std::string os_error(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

std::string setup_code_path(const std::string& database_path) {
  if (database_path.empty() || database_path == ":memory:") return "";
  return database_path + ".setup-code";
}

std::string write_setup_code_file(const std::string& path, const auth::SetupCode& code,
                                  const std::string& link_message) {
  if (path.empty()) return "";
  const std::string temporary = path + ".tmp";
  ::unlink(temporary.c_str());
  // O_EXCL and 0600 from creation: the code is never readable by others, not even for a moment.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return os_error("cannot create", temporary);
  const std::string text =
      code.code + "\n" + link_message + "\n" +
      ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(code.expires_at))
          .to_string() +
      "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const auto error = os_error("cannot write", temporary);
      ::close(fd);
      ::unlink(temporary.c_str());
      return error;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return os_error("cannot write", temporary);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const auto error = os_error("cannot rename to", path);
    ::unlink(temporary.c_str());
    return error;
  }
  return "";
}

std::string remove_setup_code_file(const std::string& path) {
  if (path.empty()) return "";
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return os_error("cannot remove", path);
  return "";
}

}  // namespace csms
