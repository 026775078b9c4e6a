#include "hal/sim/simctl.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "common/unique_fd.hpp"

namespace hal::sim {

namespace {

constexpr const char* usage =
    "usage: eo-simctl [--socket PATH] <command words...>\n"
    "  Drives the simulated EO box of a running eo-chargepoint, e.g.\n"
    "    eo-simctl plug-in\n"
    "    eo-simctl car soc 80\n"
    "    eo-simctl status\n"
    "  `eo-simctl help` lists every command. The socket is PATH, else $EO_SIM_SOCKET, else ";

using Fd = common::UniqueFd;

int cannot_reach(std::ostream& err, const std::string& path, const std::string& reason) {
  err << "eo-simctl: cannot reach the simulator at " << path << ": " << reason << "\n"
      << "  eo-chargepoint must be running with the simulated box (not the EO board); use --socket "
         "PATH\n"
      << "  or EO_SIM_SOCKET if its control socket is elsewhere.\n";
  return 2;
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    // MSG_NOSIGNAL: a daemon that went away must give an error, not kill us with SIGPIPE.
    const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int run_simctl(const std::vector<std::string>& args, const char* env_socket, std::ostream& out,
               std::ostream& err, std::chrono::milliseconds reply_timeout) {
  std::optional<std::string> socket_option;
  std::size_t i = 0;
  for (; i < args.size() && args[i].rfind("-", 0) == 0; ++i) {
    const auto& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--help" || arg == "-h") {
      out << usage << default_control_socket_path << ".\n";
      return 0;
    }
    if (arg == "--socket") {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        err << "eo-simctl: --socket needs a path\n";
        return 2;
      }
      socket_option = args[++i];
    } else if (arg.rfind("--socket=", 0) == 0 && arg.size() > 9) {
      socket_option = arg.substr(9);
    } else {
      err << "eo-simctl: unknown option " << arg << "\n"
          << usage << default_control_socket_path << ".\n";
      return 2;
    }
  }
  std::string command;
  for (; i < args.size(); ++i) command += (command.empty() ? "" : " ") + args[i];
  if (command.empty()) {
    err << "eo-simctl: no command given\n" << usage << default_control_socket_path << ".\n";
    return 2;
  }
  if (command.find('\n') != std::string::npos || command.find('\r') != std::string::npos) {
    err << "eo-simctl: a command is one line; it must not contain line breaks\n";
    return 2;
  }

  const std::string path = socket_option                       ? *socket_option
                           : env_socket && *env_socket != '\0' ? std::string(env_socket)
                                                               : default_control_socket_path;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path)
    return cannot_reach(err, path, "path too long for a Unix socket");
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);

  const Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return cannot_reach(err, path, std::strerror(errno));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    return cannot_reach(err, path, std::strerror(errno));
  if (!send_all(fd.get(), command + "\n")) return cannot_reach(err, path, std::strerror(errno));

  std::string reply;
  const auto deadline = std::chrono::steady_clock::now() + reply_timeout;
  while (reply.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd waiting{fd.get(), POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&waiting, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return cannot_reach(err, path, std::strerror(errno));
    if (ready == 0)
      return cannot_reach(err, path,
                          "no reply within " + std::to_string(reply_timeout.count()) + " ms");
    char chunk[4096];
    const auto n = ::recv(fd.get(), chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_reach(err, path, std::strerror(errno));
    if (n == 0) return cannot_reach(err, path, "the daemon closed the connection without a reply");
    reply.append(chunk, static_cast<std::size_t>(n));
  }
  reply.erase(reply.find('\n'));
  out << reply << "\n";
  if (reply == "ok" || reply.rfind("ok ", 0) == 0) return 0;
  if (reply.rfind("error:", 0) == 0) return 1;
  err << "eo-simctl: unexpected reply from " << path << "\n";
  return 2;
}

}  // namespace hal::sim
