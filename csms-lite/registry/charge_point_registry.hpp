#pragma once
// What csms-lite knows about each charge point: credentials, connection, boot data, connector status and
// the latest readings. In memory for now; the store (SQLite) arrives with the csms-lite issue.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/types/datetime.hpp"

namespace csms {

struct ConnectorState {
  std::string status;
  std::string error_code;
  std::optional<std::string> info;
  ocpp::DateTime timestamp;
};

struct ChargePointRecord {
  std::string id;
  std::optional<std::string> password;  // nullopt: this charge point connects without Basic auth
  bool connected = false;
  std::string remote_address;
  std::optional<ocpp::DateTime> connected_since;
  std::optional<ocpp::DateTime> last_seen;
  std::optional<ocpp::messages::BootNotificationRequest> boot;
  std::optional<ocpp::DateTime> booted_at;
  std::optional<ocpp::DateTime> last_heartbeat;
  std::map<int, ConnectorState> connectors;
  nlohmann::json last_meter_values;   // the latest MeterValues payload, as received
  nlohmann::json configuration;       // the latest GetConfiguration answer: key → {value, readonly}
  std::uint64_t messages_in = 0;
};

enum class Admission { Accepted, WrongPassword, Unknown };
enum class UnknownChargePoints { Register, Reject };

class ChargePointRegistry {
 public:
  explicit ChargePointRegistry(UnknownChargePoints policy) : policy_(policy) {}

  // `id` or `id:password` entries, comma-separated (the ocpp.charge_points setting). Throws
  // std::invalid_argument naming the bad entry.
  void add_known(std::string_view list);
  void add(std::string id, std::optional<std::string> password);

  // OCPP security profile 1: HTTP Basic auth with the charge point's own password.
  Admission admit(std::string_view id, std::optional<std::string_view> password);

  ChargePointRecord* find(std::string_view id);
  const std::map<std::string, ChargePointRecord, std::less<>>& all() const { return records_; }

 private:
  UnknownChargePoints policy_;
  std::map<std::string, ChargePointRecord, std::less<>> records_;
};

}  // namespace csms
