#pragma once
// The charge point daemon's composition root: builds every part from the settings, wires them and
// runs the loop. Only this file (and main.cpp) know all concrete types.
#include "common/config.hpp"

namespace chargepoint {

enum class DaemonExit { stopped, restart_requested, failed };

DaemonExit run_daemon(const common::ConfigValues& settings, const char* version);

}  // namespace chargepoint
