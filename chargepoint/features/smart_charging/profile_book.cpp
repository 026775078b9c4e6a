#include "features/smart_charging/profile_book.hpp"

#include <algorithm>

namespace chargepoint::smart_charging {

namespace {

using ocpp::messages::ChargingProfile;
using ocpp::messages::ChargingProfileKind;
using ocpp::messages::ChargingProfilePurpose;
using ocpp::messages::ChargingRateUnit;

// The purpose/connector/transaction rules of OCPP 1.6 §3.13.1 and §5.16.
std::optional<std::string> purpose_error(int connector_id, const ChargingProfile& profile,
                                         const std::optional<RunningTransaction>& transaction) {
  const auto purpose = profile.chargingProfilePurpose;
  if (purpose != ChargingProfilePurpose::TxProfile && profile.transactionId) {
    return "transactionId is only allowed in a TxProfile";
  }
  switch (purpose) {
    case ChargingProfilePurpose::ChargePointMaxProfile:
      if (connector_id != 0) return std::string("a ChargePointMaxProfile must be on connector 0");
      return std::nullopt;
    case ChargingProfilePurpose::TxDefaultProfile:
      return std::nullopt;
    case ChargingProfilePurpose::TxProfile:
      if (connector_id == 0) return std::string("a TxProfile must be on a connector, not 0");
      if (!transaction || transaction->connector_id != connector_id) {
        return "no transaction is running on connector " + std::to_string(connector_id);
      }
      if (profile.transactionId && profile.transactionId != transaction->transaction_id) {
        return "transactionId " + std::to_string(*profile.transactionId) +
               " is not the running transaction" +
               (transaction->transaction_id
                    ? " (" + std::to_string(*transaction->transaction_id) + ")"
                    : std::string(" (its id is not known yet)"));
      }
      return std::nullopt;
  }
  return std::string("unknown purpose");
}

// An Absolute schedule with a duration ends at a fixed instant; past it the profile never limits
// again. Not so for a TxProfile: while its transaction runs, an ended TxProfile still overrules the
// TxDefault (TxProfileEnd::KeepsOverruling), and it goes with its transaction anyway.
std::optional<common::WallTime> schedule_end(const limits::InstalledProfile& installed) {
  const auto& profile = installed.profile;
  const auto& schedule = profile.chargingSchedule;
  if (profile.chargingProfilePurpose == ChargingProfilePurpose::TxProfile) return std::nullopt;
  if (profile.chargingProfileKind != ChargingProfileKind::Absolute || !schedule.duration) {
    return std::nullopt;
  }
  const auto start =
      schedule.startSchedule ? schedule.startSchedule->time_point() : installed.received_at;
  return start + std::chrono::seconds(*schedule.duration);
}

// When the profile stops counting for good: validTo, or the end of its schedule.
std::optional<common::WallTime> end_of(const limits::InstalledProfile& installed) {
  std::optional<common::WallTime> end = schedule_end(installed);
  if (const auto& valid_to = installed.profile.validTo) {
    const common::WallTime to = valid_to->time_point();
    if (!end || to < *end) end = to;
  }
  return end;
}

bool expired(const limits::InstalledProfile& installed, common::WallTime now) {
  const auto end = end_of(installed);
  return end && *end <= now;
}

}  // namespace

ProfileRules with_allowed_units(ProfileRules rules, std::string_view allowed_units) {
  rules.current_allowed = false;
  rules.power_allowed = false;
  while (!allowed_units.empty()) {
    const auto comma = allowed_units.find(',');
    const auto item = allowed_units.substr(0, comma);
    if (item == "Current") rules.current_allowed = true;
    if (item == "Power") rules.power_allowed = true;
    allowed_units = comma == std::string_view::npos ? "" : allowed_units.substr(comma + 1);
  }
  return rules;
}

void ProfileBook::load(common::WallTime now, bool transaction_running) {
  profiles_ = store_.load();
  int dropped = purge_expired(now);
  // A TxProfile belongs to a transaction; after a restart without one running, its transaction
  // has ended (closed with PowerLoss by the recovery).
  if (!transaction_running) {
    erase_where(
        [](const auto& p) {
          return p.profile.chargingProfilePurpose == ChargingProfilePurpose::TxProfile;
        },
        dropped);
  }
}

std::optional<std::string> ProfileBook::set(int connector_id, const ChargingProfile& profile,
                                            const ProfileRules& rules,
                                            const std::optional<RunningTransaction>& transaction,
                                            common::WallTime received_at) {
  if (connector_id < 0 || connector_id > rules.connectors) {
    return "connector " + std::to_string(connector_id) + " does not exist";
  }
  if (auto error = limits::profile_error(profile)) return error;
  if (profile.stackLevel < 0 || profile.stackLevel > rules.max_stack_level) {
    return "stackLevel " + std::to_string(profile.stackLevel) + " is outside 0.." +
           std::to_string(rules.max_stack_level) + " (ChargeProfileMaxStackLevel)";
  }
  const auto periods = profile.chargingSchedule.chargingSchedulePeriod.size();
  if (periods > static_cast<std::size_t>(rules.max_periods)) {
    return std::to_string(periods) + " periods, more than ChargingScheduleMaxPeriods (" +
           std::to_string(rules.max_periods) + ")";
  }
  const auto unit = profile.chargingSchedule.chargingRateUnit;
  if ((unit == ChargingRateUnit::A && !rules.current_allowed) ||
      (unit == ChargingRateUnit::W && !rules.power_allowed)) {
    return "unit " + std::string(ocpp::messages::to_string(unit)) +
           " is not in ChargingScheduleAllowedChargingRateUnit";
  }
  if (auto error = purpose_error(connector_id, profile, transaction)) return error;
  if (profile.validTo && profile.validTo->time_point() <= received_at) {
    return std::string("validTo is already past");
  }

  // OCPP 1.6 §3.13.2: the same id, or the same purpose and stack level on the same connector,
  // replaces. The limit counts what is installed after the replacement (issue #5): a replacement is
  // never refused because the store is full.
  const auto replaced = [&](const limits::InstalledProfile& p) {
    return p.profile.chargingProfileId == profile.chargingProfileId ||
           (p.connector_id == connector_id &&
            p.profile.chargingProfilePurpose == profile.chargingProfilePurpose &&
            p.profile.stackLevel == profile.stackLevel);
  };
  const auto kept = std::count_if(profiles_.begin(), profiles_.end(),
                                  [&](const auto& p) { return !replaced(p); });
  if (kept + 1 > rules.max_installed) {
    return "already " + std::to_string(kept) +
           " profiles installed (MaxChargingProfilesInstalled " +
           std::to_string(rules.max_installed) + ")";
  }
  int removed = 0;
  erase_where(replaced, removed);
  limits::InstalledProfile installed{connector_id, profile, received_at};
  store_.put(installed);
  profiles_.push_back(std::move(installed));
  return std::nullopt;
}

int ProfileBook::clear(const ocpp::messages::ClearChargingProfileRequest& request) {
  int removed = 0;
  erase_where(
      [&request](const limits::InstalledProfile& p) {
        // OCPP 1.6 §5.5: an id identifies one profile and the other criteria do not count then;
        // otherwise every given field must match (stackLevel 0 included: it is a real filter).
        if (request.id) return p.profile.chargingProfileId == *request.id;
        if (request.connectorId && p.connector_id != *request.connectorId) return false;
        if (request.chargingProfilePurpose &&
            p.profile.chargingProfilePurpose != *request.chargingProfilePurpose) {
          return false;
        }
        return !request.stackLevel || p.profile.stackLevel == *request.stackLevel;
      },
      removed);
  return removed;
}

int ProfileBook::purge_expired(common::WallTime now) {
  int removed = 0;
  erase_where([now](const auto& p) { return expired(p, now); }, removed);
  return removed;
}

std::optional<common::WallTime> ProfileBook::next_expiry(common::WallTime now) const {
  std::optional<common::WallTime> next;
  for (const auto& installed : profiles_) {
    const auto end = end_of(installed);
    if (end && *end > now && (!next || *end < *next)) next = end;
  }
  return next;
}

int ProfileBook::remove_tx_profiles(int connector_id) {
  int removed = 0;
  erase_where(
      [connector_id](const auto& p) {
        return p.connector_id == connector_id &&
               p.profile.chargingProfilePurpose == ChargingProfilePurpose::TxProfile;
      },
      removed);
  return removed;
}

void ProfileBook::erase_where(const std::function<bool(const limits::InstalledProfile&)>& match,
                              int& count) {
  for (auto it = profiles_.begin(); it != profiles_.end();) {
    if (match(*it)) {
      store_.remove(it->profile.chargingProfileId);
      it = profiles_.erase(it);
      ++count;
    } else {
      ++it;
    }
  }
}

}  // namespace chargepoint::smart_charging
