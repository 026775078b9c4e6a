#pragma once
// csms-lite's settings (the file /etc/eo-ocpp/csms-lite.conf and --set overrides).
#include "common/config.hpp"
#include "features/central_system.hpp"
#include "registry/charge_point_registry.hpp"
#include "store/write_buffer.hpp"

namespace csms {

const common::ConfigSchema& settings_schema();

// The settings that need more than one value to be checked, turned into the types that use them.
// Throws std::invalid_argument naming the settings that do not fit together.
struct CoreSettings {
  std::string database_path;
  store::BatchOptions batch;
  CentralSystemOptions central;
  UnknownChargePoints unknown_charge_points = UnknownChargePoints::Pending;
  // Both empty: plain HTTP. Both set: TLS (checked together; the files are loaded by main).
  std::string tls_certificate_file;
  std::string tls_private_key_file;
};
CoreSettings core_settings(const common::ConfigValues& values);

}  // namespace csms
