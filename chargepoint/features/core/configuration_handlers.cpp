#include "features/core/configuration_handlers.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint::core {

using namespace ocpp::messages;

namespace {

KeyValue key_value(const ConfigurationStore& store, std::string_view name) {
  const auto* definition = find_key(name);
  KeyValue entry;
  entry.key = std::string(name);
  entry.readonly = definition->access == KeyAccess::ReadOnly;
  // A write-only key (AuthorizationKey) is reported as existing, never with its value.
  if (store.readable(name)) entry.value = store.get(name);
  return entry;
}

}  // namespace

GetConfigurationResponse get_configuration(const ConfigurationStore& store,
                                           const GetConfigurationRequest& request) {
  GetConfigurationResponse response;
  std::vector<KeyValue> known;
  std::vector<std::string> unknown;
  if (!request.key || request.key->empty()) {
    for (const auto name : store.keys()) {
      if (store.readable(name)) known.push_back(key_value(store, name));
    }
  } else {
    for (const auto& name : *request.key) {
      if (find_key(name) != nullptr) {
        known.push_back(key_value(store, name));
      } else {
        unknown.push_back(name);
      }
    }
  }
  if (!known.empty()) response.configurationKey = std::move(known);
  if (!unknown.empty()) response.unknownKey = std::move(unknown);
  return response;
}

ChangeConfigurationResponse change_configuration(ConfigurationStore& store,
                                                 const ChangeConfigurationRequest& request) {
  const auto result = store.change(request.key, request.value);
  ChangeConfigurationResponse response;
  switch (result) {
    case ChangeResult::Accepted:
      response.status = ConfigurationStatus::Accepted;
      break;
    case ChangeResult::Rejected:
      response.status = ConfigurationStatus::Rejected;
      break;
    case ChangeResult::RebootRequired:
      response.status = ConfigurationStatus::RebootRequired;
      break;
    case ChangeResult::NotSupported:
      response.status = ConfigurationStatus::NotSupported;
      break;
  }
  const bool secret = !store.readable(request.key);
  spdlog::info("configuration: {} = \"{}\": {}", request.key, secret ? "(hidden)" : request.value,
               to_string(response.status));
  return response;
}

void register_configuration_handlers(ocpp::Router& router, ConfigurationStore& store) {
  router.on<GetConfigurationRequest>([&store](const GetConfigurationRequest& request) {
    return get_configuration(store, request);
  });
  router.on<ChangeConfigurationRequest>([&store](const ChangeConfigurationRequest& request) {
    return change_configuration(store, request);
  });
}

}  // namespace chargepoint::core
