#pragma once
// The daemon's own settings (the file /etc/eo-ocpp/chargepoint.conf and --set overrides). OCPP
// configuration keys are separate: they belong to the central system (ConfigurationStore).
#include "common/config.hpp"

namespace chargepoint {

const common::ConfigSchema& settings_schema();

}  // namespace chargepoint
