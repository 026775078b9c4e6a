#pragma once
// ChargingProfile, ChargingSchedule and ChargingSchedulePeriod (OCPP 1.6 §7) with their
// enumerations; used by SetChargingProfile, RemoteStartTransaction, ClearChargingProfile and
// GetCompositeSchedule.
#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// OCPP 1.6 §7 ChargingProfilePurposeType.
enum class ChargingProfilePurpose { ChargePointMaxProfile, TxDefaultProfile, TxProfile };
template <>
struct EnumNames<ChargingProfilePurpose> {
  static constexpr auto names = std::to_array<std::pair<ChargingProfilePurpose, std::string_view>>({
      {ChargingProfilePurpose::ChargePointMaxProfile, "ChargePointMaxProfile"},
      {ChargingProfilePurpose::TxDefaultProfile, "TxDefaultProfile"},
      {ChargingProfilePurpose::TxProfile, "TxProfile"},
  });
};

// OCPP 1.6 §7 ChargingProfileKindType.
enum class ChargingProfileKind { Absolute, Recurring, Relative };
template <>
struct EnumNames<ChargingProfileKind> {
  static constexpr auto names = std::to_array<std::pair<ChargingProfileKind, std::string_view>>({
      {ChargingProfileKind::Absolute, "Absolute"},
      {ChargingProfileKind::Recurring, "Recurring"},
      {ChargingProfileKind::Relative, "Relative"},
  });
};

// OCPP 1.6 §7 RecurrencyKindType.
enum class RecurrencyKind { Daily, Weekly };
template <>
struct EnumNames<RecurrencyKind> {
  static constexpr auto names = std::to_array<std::pair<RecurrencyKind, std::string_view>>({
      {RecurrencyKind::Daily, "Daily"},
      {RecurrencyKind::Weekly, "Weekly"},
  });
};

// OCPP 1.6 §7 ChargingRateUnitType: amperes per phase, or watts in total.
enum class ChargingRateUnit { A, W };
template <>
struct EnumNames<ChargingRateUnit> {
  static constexpr auto names = std::to_array<std::pair<ChargingRateUnit, std::string_view>>({
      {ChargingRateUnit::A, "A"},
      {ChargingRateUnit::W, "W"},
  });
};

struct ChargingSchedulePeriod {
  int startPeriod = 0;              // seconds from the start of the schedule
  double limit = 0.0;               // in the schedule's chargingRateUnit
  std::optional<int> numberPhases;  // absent means 3 (OCPP 1.6 §7, ChargingSchedulePeriod)
  friend bool operator==(const ChargingSchedulePeriod&, const ChargingSchedulePeriod&) = default;
};
OCPP_FIELDS(ChargingSchedulePeriod, startPeriod, limit, numberPhases)

struct ChargingSchedule {
  std::optional<int>
      duration;  // seconds; absent means the last period lasts until the profile ends
  std::optional<DateTime> startSchedule;
  ChargingRateUnit chargingRateUnit = ChargingRateUnit::A;
  std::vector<ChargingSchedulePeriod> chargingSchedulePeriod;  // ordered by startPeriod, first at 0
  std::optional<double> minChargingRate;
  friend bool operator==(const ChargingSchedule&, const ChargingSchedule&) = default;
};
OCPP_FIELDS(ChargingSchedule, duration, startSchedule, chargingRateUnit, chargingSchedulePeriod,
            minChargingRate)

struct ChargingProfile {
  int chargingProfileId = 0;
  std::optional<int> transactionId;  // only for TxProfile
  int stackLevel = 0;
  ChargingProfilePurpose chargingProfilePurpose = ChargingProfilePurpose::TxProfile;
  ChargingProfileKind chargingProfileKind = ChargingProfileKind::Absolute;
  std::optional<RecurrencyKind> recurrencyKind;  // only for Recurring
  std::optional<DateTime> validFrom;
  std::optional<DateTime> validTo;
  ChargingSchedule chargingSchedule;
  friend bool operator==(const ChargingProfile&, const ChargingProfile&) = default;
};
OCPP_FIELDS(ChargingProfile, chargingProfileId, transactionId, stackLevel, chargingProfilePurpose,
            chargingProfileKind, recurrencyKind, validFrom, validTo, chargingSchedule)

}  // namespace ocpp::messages
