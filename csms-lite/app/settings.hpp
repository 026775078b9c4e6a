#pragma once
// csms-lite's settings (the file /etc/eo-ocpp/csms-lite.conf and --set overrides).
#include "common/config.hpp"

namespace csms {

const common::ConfigSchema& settings_schema();

}  // namespace csms
