#pragma once
// The simulator's control socket: a Unix-domain stream socket that serves the command interpreter
// (hal/sim/command_interpreter.hpp) line by line, so a user of the running daemon can plug in a
// car, add solar or cut the link (eo-simctl is its client). Asio stays in the .cpp.
//
// Limits: at most `max_clients` connections (one more is told so and closed); a line longer than
// `max_line_bytes` gets an error and the connection is closed. The socket file is created with mode
// 0660, so access is governed by the directory and the group (e.g. /run/eo-ocpp, RuntimeDirectory).
#include <cstddef>
#include <memory>
#include <string>

#include "common/event_loop.hpp"
#include "hal/sim/simulated_charger.hpp"

namespace hal::sim {

class ControlServer {
 public:
  static constexpr std::size_t max_clients = 4;
  static constexpr std::size_t max_line_bytes = 1024;

  ControlServer(common::EventLoop& loop, std::string socket_path, SimulatedCharger& charger);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Removes a stale socket file left by a previous run, then listens. Throws std::runtime_error
  // naming the path and the reason when that fails (a regular file in the way, another process
  // serving the socket, a missing directory, a path too long for a Unix socket, permissions).
  void start();
  // Closes every connection and removes the socket file. Also done by the destructor.
  void stop();

  const std::string& socket_path() const;
  std::size_t client_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hal::sim
