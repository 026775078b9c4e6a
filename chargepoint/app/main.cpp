// eo-chargepoint: the OCPP 1.6J charge point daemon. Wiring only: every behaviour lives in a
// library.

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "app/daemon.hpp"
#include "app/settings.hpp"
#include "common/program.hpp"

#ifndef EO_VERSION
#define EO_VERSION "dev"
#endif

namespace {

bool g_restart = false;

}  // namespace

int main(int argc, char** argv) {
  // The database holds the AuthorizationKey: files we create are not for other users.
  umask(027);
  const common::ProgramInfo info{
      .name = "eo-chargepoint",
      .summary = "OCPP 1.6J charge point daemon for EO Smart Home Hub and EO Mini Pro 2 chargers",
      .version = EO_VERSION,
      .flags = {},
      .schema = &chargepoint::settings_schema(),
      .default_config_path = "/etc/eo-ocpp/chargepoint.conf",
  };
  const int code = common::run_program(argc, argv, info, [](const common::ConfigValues& settings) {
    switch (chargepoint::run_daemon(settings, EO_VERSION)) {
      case chargepoint::DaemonExit::stopped:
        return 0;
      case chargepoint::DaemonExit::restart_requested:
        g_restart = true;
        return 0;
      case chargepoint::DaemonExit::failed:
        return 1;
      case chargepoint::DaemonExit::bad_configuration:
        return 2;
    }
    return 1;
  });
  if (g_restart) {
    // OCPP Reset: start again from scratch (all state is in the database), same arguments, same
    // pid.
    spdlog::shutdown();
    execv("/proc/self/exe", argv);
    std::fprintf(stderr, "eo-chargepoint: restart failed: %s\n", std::strerror(errno));
    return 1;
  }
  return code;
}
