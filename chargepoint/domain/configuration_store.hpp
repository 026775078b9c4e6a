#pragma once
// The charge point's OCPP configuration: current values of the keys in configuration_keys(), type-checked
// changes, and change listeners (HeartbeatInterval reschedules the heartbeat, WebSocketPingInterval
// re-arms the ping, …). Plain values; persistence is attached by the owner through on_change.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/configuration_keys.hpp"

namespace chargepoint {

enum class ChangeResult { Accepted, Rejected, RebootRequired, NotSupported };

class ConfigurationStore {
 public:
  using Listener = std::function<void(std::string_view key, const std::string& value)>;

  ConfigurationStore();

  // nullopt for unknown keys. Write-only keys are readable here (the daemon needs them), just never
  // reported over OCPP: see readable().
  std::optional<std::string> get(std::string_view key) const;
  bool readable(std::string_view key) const;
  std::int64_t get_int(std::string_view key) const;  // the key must be a known Integer key
  bool get_bool(std::string_view key) const;         // the key must be a known Boolean key

  // Validates and stores a value as ChangeConfiguration does (OCPP 1.6 §5.3).
  ChangeResult change(std::string_view key, std::string_view value);
  // Sets a value without the read-only check (start-up configuration, values the CSMS dictates such as
  // the BootNotification interval). Still validated; returns false when the value is not valid.
  bool set_internal(std::string_view key, std::string_view value);

  void on_change(Listener listener) { listeners_.push_back(std::move(listener)); }

  // Every known key, in table order.
  std::vector<std::string_view> keys() const;

  // Why a value is not valid for a key, or nullopt when it is.
  static std::optional<std::string> check_value(const KeyDefinition& key, std::string_view value);

 private:
  void store(const KeyDefinition& key, std::string_view value);

  std::map<std::string, std::string, std::less<>> values_;
  std::vector<Listener> listeners_;
};

}  // namespace chargepoint
