#include "domain/configuration_keys.hpp"

#include <array>

namespace chargepoint {
namespace {

// Must name exactly what domain/meter_measurands.cpp can build (a test checks both lists agree).
constexpr std::array<std::string_view, 8> k_measurands{"Energy.Active.Import.Register",
                                                       "Power.Active.Import",
                                                       "Current.Import",
                                                       "Current.Offered",
                                                       "Voltage",
                                                       "Frequency",
                                                       "Temperature",
                                                       "SoC"};

constexpr std::int64_t k_day_s = 86400;
constexpr std::int64_t k_measurand_list_max = 8;

// Defaults follow what a home charger with a local central system wants: heartbeats every 5
// minutes, samples every minute, quarter-hour aligned readings, pings every 30 s.
constexpr std::array<KeyDefinition, 49> k_keys{{
    {"AllowOfflineTxForUnknownId", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    {"AuthorizationCacheEnabled", KeyType::Boolean, KeyAccess::ReadWrite, "true"},
    {"AuthorizeRemoteTxRequests", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    // Smart Charging (OCPP 1.6 §9.4), honest values: what features/smart_charging enforces.
    {"ChargeProfileMaxStackLevel", KeyType::Integer, KeyAccess::ReadOnly, "8"},
    {"ChargingScheduleAllowedChargingRateUnit", KeyType::String, KeyAccess::ReadOnly,
     "Current,Power"},
    {"ChargingScheduleMaxPeriods", KeyType::Integer, KeyAccess::ReadOnly, "48"},
    {"ClockAlignedDataInterval", KeyType::Integer, KeyAccess::ReadWrite, "900", false, 0, k_day_s},
    {"ConnectionTimeOut", KeyType::Integer, KeyAccess::ReadWrite, "120", false, 1, 3600},
    {"ConnectorPhaseRotation", KeyType::String, KeyAccess::ReadWrite,
     "0.NotApplicable,1.NotApplicable"},
    {"GetConfigurationMaxKeys", KeyType::Integer, KeyAccess::ReadOnly, "50"},
    {"HeartbeatInterval", KeyType::Integer, KeyAccess::ReadWrite, "300", false, 0, k_day_s},
    {"LocalAuthorizeOffline", KeyType::Boolean, KeyAccess::ReadWrite, "true"},
    {"LocalPreAuthorize", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    {"MaxChargingProfilesInstalled", KeyType::Integer, KeyAccess::ReadOnly, "20"},
    {"MaxEnergyOnInvalidId", KeyType::Integer, KeyAccess::ReadWrite, "0", false, 0, 1000000},
    {"MeterValuesAlignedData", KeyType::MeasurandList, KeyAccess::ReadWrite,
     "Energy.Active.Import.Register", false, 0, k_measurand_list_max},
    {"MeterValuesAlignedDataMaxLength", KeyType::Integer, KeyAccess::ReadOnly, "8"},
    {"MeterValuesSampledData", KeyType::MeasurandList, KeyAccess::ReadWrite,
     "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Current.Offered,Voltage",
     false, 0, k_measurand_list_max},
    {"MeterValuesSampledDataMaxLength", KeyType::Integer, KeyAccess::ReadOnly, "8"},
    {"MeterValueSampleInterval", KeyType::Integer, KeyAccess::ReadWrite, "60", false, 0, k_day_s},
    {"MinimumStatusDuration", KeyType::Integer, KeyAccess::ReadWrite, "0", false, 0, 3600},
    {"NumberOfConnectors", KeyType::Integer, KeyAccess::ReadOnly, "1"},
    {"ResetRetries", KeyType::Integer, KeyAccess::ReadWrite, "1", false, 0, 10},
    {"StopTransactionOnEVSideDisconnect", KeyType::Boolean, KeyAccess::ReadWrite, "true"},
    {"StopTransactionOnInvalidId", KeyType::Boolean, KeyAccess::ReadWrite, "true"},
    {"StopTxnAlignedData", KeyType::MeasurandList, KeyAccess::ReadWrite, "", false, 0,
     k_measurand_list_max},
    {"StopTxnAlignedDataMaxLength", KeyType::Integer, KeyAccess::ReadOnly, "8"},
    {"StopTxnSampledData", KeyType::MeasurandList, KeyAccess::ReadWrite, "", false, 0,
     k_measurand_list_max},
    {"StopTxnSampledDataMaxLength", KeyType::Integer, KeyAccess::ReadOnly, "8"},
    // Only what is implemented: issue by issue this list grows (Smart Charging, RemoteTrigger, …).
    {"SupportedFeatureProfiles", KeyType::ProfileList, KeyAccess::ReadOnly,
     "Core,RemoteTrigger,SmartCharging"},
    {"TransactionMessageAttempts", KeyType::Integer, KeyAccess::ReadWrite, "5", false, 1, 100},
    {"TransactionMessageRetryInterval", KeyType::Integer, KeyAccess::ReadWrite, "30", false, 1,
     k_day_s},
    {"UnlockConnectorOnEVSideDisconnect", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    {"WebSocketPingInterval", KeyType::Integer, KeyAccess::ReadWrite, "30", false, 0, k_day_s},
    // OCPP 1.6 security whitepaper: the Basic-auth password. Never readable.
    {"AuthorizationKey", KeyType::String, KeyAccess::WriteOnly, "", false, 0, 40},
    // Vendor keys of the limit governor (README "Smart charging"): local limits any CSMS, Home
    // Assistant included, can set with ChangeConfiguration. Amps are per phase.
    {"EO_NominalVoltageV", KeyType::Integer, KeyAccess::ReadWrite, "230", false, 100, 480},
    {"EO_TxProfileEndFallsBack", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    {"EO_SiteLimitA", KeyType::Integer, KeyAccess::ReadWrite, "0", false, 0, 1000},
    {"EO_SiteResumeMarginA", KeyType::Integer, KeyAccess::ReadWrite, "2", false, 0, 32},
    {"EO_SiteIncreaseDelayS", KeyType::Integer, KeyAccess::ReadWrite, "10", false, 0, 3600},
    {"EO_SolarEnabled", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    {"EO_SolarReserveA", KeyType::Integer, KeyAccess::ReadWrite, "0", false, 0, 100},
    {"EO_SolarGridImportA", KeyType::Integer, KeyAccess::ReadWrite, "0", false, 0, 32},
    {"EO_SolarStartDelayS", KeyType::Integer, KeyAccess::ReadWrite, "60", false, 0, 3600},
    {"EO_SolarStopDelayS", KeyType::Integer, KeyAccess::ReadWrite, "300", false, 0, 3600},
    {"EO_SolarNeverStop", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
    // Fail safe: a CT reading older than this counts as none (the site then as at its limit).
    {"EO_CtReadingTimeoutS", KeyType::Integer, KeyAccess::ReadWrite, "5", false, 1, 300},
    // Closes of the contactor held back so that it switches at most this often per rolling hour
    // (opens never are); 0 = no limit.
    {"EO_MaxContactorSwitchesPerHour", KeyType::Integer, KeyAccess::ReadWrite, "10", false, 0,
     3600},
    // The vendor DataTransfer "OfferedLimit" (docs/smart-charging.md).
    {"EO_OfferedLimitReport", KeyType::Boolean, KeyAccess::ReadWrite, "true"},
}};

// CT calibration (docs/eo-board.md, "CT clamps"), written by csms-lite or any CSMS with
// ChangeConfiguration and applied to the next meter sample: amps = raw × scale + offset, per
// channel. Bounds in thousandths: scale 0.5 to 2.0, offset −2 A to +2 A. In their own table so the
// other vendor keys can grow without touching this one.
constexpr std::array<KeyDefinition, 8> k_ct_keys{{
    {"EO_CtSiteScale", KeyType::Decimal, KeyAccess::ReadWrite, "1", false, 500, 2000},
    {"EO_CtSiteOffsetA", KeyType::Decimal, KeyAccess::ReadWrite, "0", false, -2000, 2000},
    {"EO_CtVehicleScale", KeyType::Decimal, KeyAccess::ReadWrite, "1", false, 500, 2000},
    {"EO_CtVehicleOffsetA", KeyType::Decimal, KeyAccess::ReadWrite, "0", false, -2000, 2000},
    {"EO_CtSolarScale", KeyType::Decimal, KeyAccess::ReadWrite, "1", false, 500, 2000},
    {"EO_CtSolarOffsetA", KeyType::Decimal, KeyAccess::ReadWrite, "0", false, -2000, 2000},
    // The vendor DataTransfer "CtReadings" (docs/smart-charging.md) every this many seconds; 0 =
    // off.
    {"EO_CtReportIntervalS", KeyType::Integer, KeyAccess::ReadWrite, "10", false, 0, 3600},
    // The site CT as MeterValues on connector 0 (Current.Import, Inlet) every
    // MeterValueSampleInterval; off by default (features/smart_charging/ct_report.hpp says why).
    {"EO_CtSiteMeterValues", KeyType::Boolean, KeyAccess::ReadWrite, "false"},
}};

template <std::size_t A, std::size_t B>
constexpr std::array<KeyDefinition, A + B> joined(const std::array<KeyDefinition, A>& a,
                                                  const std::array<KeyDefinition, B>& b) {
  std::array<KeyDefinition, A + B> all{};
  for (std::size_t i = 0; i < A; ++i) all[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) all[A + i] = b[i];
  return all;
}

constexpr auto k_all_keys = joined(k_keys, k_ct_keys);

}  // namespace

std::span<const std::string_view> supported_measurands() {
  return k_measurands;
}
std::span<const KeyDefinition> configuration_keys() {
  return k_all_keys;
}

const KeyDefinition* find_key(std::string_view name) {
  for (const auto& key : k_all_keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace chargepoint
