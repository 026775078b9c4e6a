#pragma once
// eo-simctl, the control socket's command-line client, as a function so tests can run it
// in-process. Plain POSIX sockets: the tool stays tiny and does not link Asio.
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace hal::sim {

inline constexpr const char* default_control_socket_path = "/run/eo-ocpp/sim.sock";

// `eo-simctl [--socket PATH] <command words...>`: sends the words as one line and prints the reply.
// The socket is PATH, else `env_socket` (EO_SIM_SOCKET) when non-empty, else the default path.
// Returns the exit status: 0 for an "ok" reply, 1 for "error: ...", 2 when the daemon cannot be
// reached (or does not answer within `reply_timeout`) and for usage errors.
int run_simctl(const std::vector<std::string>& args, const char* env_socket, std::ostream& out,
               std::ostream& err,
               std::chrono::milliseconds reply_timeout = std::chrono::seconds(5));

}  // namespace hal::sim
