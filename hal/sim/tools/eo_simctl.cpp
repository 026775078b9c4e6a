// eo-simctl: drives the simulated EO box of a running eo-chargepoint (docs/simulator.md).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "hal/sim/simctl.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return hal::sim::run_simctl(args, std::getenv("EO_SIM_SOCKET"), std::cout, std::cerr);
}
