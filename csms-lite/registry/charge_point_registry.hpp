#pragma once
// What csms-lite knows about each charge point right now (the ChargePointState the API reads):
// registration, credentials, connection, boot data, connector status and the latest readings. The
// durable part is in the store; this is loaded from it at start and kept up to date by the
// handlers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/types/datetime.hpp"
#include "registry/frame_log.hpp"

namespace csms {

struct Reading {
  double value = 0;
  std::string unit;
  ocpp::DateTime at;
};

// The current a charge point offers and why (DataTransfer org.eo-ocpp / OfferedLimit).
struct OfferedLimit {
  double limit_a = 0;
  std::string source;  // the winning layer: ChargePointMax, TxDefault, Tx, Solar, SiteLoad, ...
  std::optional<int> phases;
  ocpp::DateTime at;
  std::optional<std::string> next_change;
  std::optional<std::string> detail;
};

// The newest reading of one CT clamp (DataTransfer org.eo-ocpp / CtReadings).
struct CtChannelState {
  double current_a = 0;         // calibrated by the charge point
  std::optional<double> raw_a;  // before its scale and offset
  ocpp::DateTime at;            // when the charge point read it
};

struct ConnectorState {
  std::string status;
  std::string error_code;
  std::optional<std::string> info;
  ocpp::DateTime timestamp;
  std::optional<std::int64_t> transaction_id;  // the open transaction on this connector
  // Latest sample per "<measurand>[.<phase>]" (e.g. "Current.Import.L1",
  // "Energy.Active.Import.Register") from the outlet/EV side; readings located at the Inlet (the
  // site's CT clamps) go to ct_readings.
  std::map<std::string, Reading> readings;
  std::map<std::string, Reading> ct_readings;
  std::optional<OfferedLimit> offered;
};

enum class Registration { Accepted, Pending, Rejected };
std::string_view to_string(Registration registration);
std::optional<Registration> registration_from_string(std::string_view text);

struct ChargePointRecord {
  std::string id;
  std::optional<std::string>
      password_hash;  // nullopt: this charge point connects without Basic auth
  Registration registration = Registration::Accepted;
  bool connected = false;
  std::string remote_address;
  std::optional<ocpp::DateTime> connected_since;
  std::optional<ocpp::DateTime> last_seen;
  // The BootNotification received by this process (the stored one is in last_boot).
  std::optional<ocpp::messages::BootNotificationRequest> boot;
  std::optional<ocpp::DateTime> booted_at;
  nlohmann::json last_boot;  // the latest BootNotification ever stored, or null
  std::optional<ocpp::DateTime> last_boot_at;
  std::optional<ocpp::DateTime> last_heartbeat;
  std::map<int, ConnectorState> connectors;
  nlohmann::json last_meter_values;                   // the latest MeterValues payload, as received
  std::map<std::string, CtChannelState> ct_channels;  // by channel: "site", "solar", "vehicle"
  nlohmann::json configuration;  // the latest GetConfiguration answer: key → {value, readonly}
  std::optional<ocpp::DateTime> configuration_read_at;
  std::uint64_t messages_in = 0;
  FrameLog frames;  // the last OCPP-J frames both ways, in memory only
};

// The model everyone reads: one name for what the API sees of a charge point.
using ChargePointState = ChargePointRecord;

enum class Admission { Accepted, WrongPassword, Unknown };
// ocpp.unknown_charge_points: hold an unknown id as Pending until a person accepts it, accept it at
// once (Register is the older name), or refuse its connection (HTTP 404).
enum class UnknownChargePoints { Pending, Accept, Reject, Register = Accept };

class ChargePointRegistry {
 public:
  explicit ChargePointRegistry(UnknownChargePoints policy) : policy_(policy) {}

  // `id` or `id:password` entries, comma-separated (the ocpp.charge_points setting), all Accepted.
  // Throws std::invalid_argument naming the bad entry. Returns the ids added or changed.
  std::vector<std::string> add_known(std::string_view list);
  ChargePointRecord& add(std::string id, std::optional<std::string> password);

  // OCPP security profile 1: HTTP Basic auth with the charge point's own password. An unknown id is
  // added per the policy (Pending or Accepted); `added` tells the caller to store it.
  Admission admit(std::string_view id, std::optional<std::string_view> password,
                  bool* added = nullptr);

  ChargePointRecord* find(std::string_view id);
  bool remove(std::string_view id);
  const std::map<std::string, ChargePointRecord, std::less<>>& all() const { return records_; }
  UnknownChargePoints policy() const { return policy_; }

 private:
  UnknownChargePoints policy_;
  std::map<std::string, ChargePointRecord, std::less<>> records_;
};

}  // namespace csms
