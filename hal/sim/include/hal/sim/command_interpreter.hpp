#pragma once
// The simulator's text control language (docs/simulator.md): one command line in, one reply line
// out. Replies start with "ok" or "error: <why>"; nothing is changed by a command that is refused.
// It holds no I/O, so the control socket, tests and any other front end share it.
#include <string>
#include <string_view>

#include "hal/sim/simulated_charger.hpp"

namespace hal::sim {

class CommandInterpreter {
 public:
  explicit CommandInterpreter(SimulatedCharger& charger) : charger_(charger) {}

  // `line` is one command without its line end (a trailing CR is ignored). The reply has no
  // newline.
  std::string execute(std::string_view line);

 private:
  SimulatedCharger& charger_;
};

// The `status` object: everything the snapshot holds, as one line of JSON.
std::string status_json(const SimSnapshot& snapshot);

}  // namespace hal::sim
