#pragma once
// GetConfiguration and ChangeConfiguration (OCPP 1.6 §5.8, §5.3) over the ConfigurationStore.
#include "domain/configuration_store.hpp"
#include "ocpp/messages/core_configuration.hpp"
#include "ocpp/router.hpp"

namespace chargepoint::core {

ocpp::messages::GetConfigurationResponse get_configuration(
    const ConfigurationStore& store, const ocpp::messages::GetConfigurationRequest& request);
ocpp::messages::ChangeConfigurationResponse change_configuration(
    ConfigurationStore& store, const ocpp::messages::ChangeConfigurationRequest& request);

void register_configuration_handlers(ocpp::Router& router, ConfigurationStore& store);

}  // namespace chargepoint::core
