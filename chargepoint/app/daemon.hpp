#pragma once
// The charge point daemon's composition root: builds every part from the settings, wires them and
// runs the loop. Only this file (and main.cpp) know all concrete types.
#include "common/config.hpp"

namespace chargepoint {

// bad_configuration: a setting the daemon only finds unusable at start-up (exit code 2, as for the
// file).
enum class DaemonExit { stopped, restart_requested, failed, bad_configuration };

DaemonExit run_daemon(const common::ConfigValues& settings, const char* version);

}  // namespace chargepoint
