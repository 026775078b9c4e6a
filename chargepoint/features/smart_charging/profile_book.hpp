#pragma once
// The charging profiles installed on the charge point and the OCPP 1.6 rules for installing and
// clearing them (§3.13, §5.5, §5.16, issue #5): purposes and connectors, TxProfile only for the
// running transaction, stack levels, replacement, the limits the configuration keys announce,
// persistence. No timers and no hardware: the governor decides when to ask.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/limits/profile_schedule.hpp"
#include "domain/persistence_ports.hpp"
#include "ocpp/messages/smart_charging.hpp"

namespace chargepoint::smart_charging {

// What the configuration keys promise (ChargeProfileMaxStackLevel, ChargingScheduleMaxPeriods,
// MaxChargingProfilesInstalled, ChargingScheduleAllowedChargingRateUnit).
struct ProfileRules {
  int max_stack_level = 8;
  int max_periods = 48;
  int max_installed = 20;
  bool current_allowed = true;
  bool power_allowed = true;
  int connectors = 1;  // connector ids 1..connectors exist
};

// The transaction running on a connector, as a TxProfile needs it.
struct RunningTransaction {
  int connector_id = 1;
  std::optional<int> transaction_id;  // nullopt until StartTransaction.conf gave one
};

// Parses ChargingScheduleAllowedChargingRateUnit ("Current,Power", OCPP 1.6 §9.4).
ProfileRules with_allowed_units(ProfileRules rules, std::string_view allowed_units);

class ProfileBook {
 public:
  explicit ProfileBook(ChargingProfileStore& store) : store_(store) {}

  // Reads the stored profiles and drops those that can never apply again.
  void load(common::WallTime now, bool transaction_running);

  // SetChargingProfile: nullopt when installed (and persisted), else why it was refused.
  std::optional<std::string> set(int connector_id, const ocpp::messages::ChargingProfile& profile,
                                 const ProfileRules& rules,
                                 const std::optional<RunningTransaction>& transaction,
                                 common::WallTime received_at);
  // ClearChargingProfile (OCPP 1.6 §5.5): how many profiles were removed.
  int clear(const ocpp::messages::ClearChargingProfileRequest& request);
  // Removes profiles that will never set a limit again (validTo passed; an Absolute ChargePointMax
  // or TxDefault whose duration ended). Returns how many.
  int purge_expired(common::WallTime now);
  // The next instant after `now` at which purge_expired would remove something.
  std::optional<common::WallTime> next_expiry(common::WallTime now) const;
  // The transaction on the connector ended: its TxProfiles go (OCPP 1.6 §3.13.1). Returns how many.
  int remove_tx_profiles(int connector_id);

  std::span<const limits::InstalledProfile> profiles() const { return profiles_; }

 private:
  void erase_where(const std::function<bool(const limits::InstalledProfile&)>& match, int& count);

  ChargingProfileStore& store_;
  std::vector<limits::InstalledProfile> profiles_;
};

}  // namespace chargepoint::smart_charging
