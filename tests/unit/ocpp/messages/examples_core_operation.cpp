// Example payloads for the core operations a central system starts: RemoteStartTransaction,
// RemoteStopTransaction, Reset, UnlockConnector, ChangeAvailability, ChangeConfiguration,
// GetConfiguration and ClearCache.
#include "examples.hpp"

namespace ocpp::test {

using namespace ocpp::messages;

std::vector<Example> core_operation_examples() {
  return {
      // --- RemoteStartTransaction ---
      example<RemoteStartTransactionRequest>(Coverage::Full, R"({
        "connectorId": 1, "idTag": "APP-5F2C19", "chargingProfile": {
          "chargingProfileId": 301, "transactionId": 918274, "stackLevel": 2,
          "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Recurring",
          "recurrencyKind": "Daily", "validFrom": "2026-03-01T00:00:00Z",
          "validTo": "2026-04-01T00:00:00Z",
          "chargingSchedule": {
            "duration": 86400, "startSchedule": "2026-03-14T00:00:00Z", "chargingRateUnit": "A",
            "chargingSchedulePeriod": [
              {"startPeriod": 0, "limit": 6.0, "numberPhases": 1},
              {"startPeriod": 25200, "limit": 32.0, "numberPhases": 3},
              {"startPeriod": 72000, "limit": 10.5}],
            "minChargingRate": 6.0}}})"),
      example<RemoteStartTransactionRequest>(Coverage::Required, R"({"idTag": "APP-5F2C19"})"),
      example<RemoteStartTransactionRequest>(Coverage::Partial, R"({
        "connectorId": 2, "idTag": "APP-5F2C19", "chargingProfile": {
          "chargingProfileId": 302, "stackLevel": 0, "chargingProfilePurpose": "TxProfile",
          "chargingProfileKind": "Relative",
          "chargingSchedule": {"chargingRateUnit": "W", "chargingSchedulePeriod": [
            {"startPeriod": 0, "limit": 7400.0}]}}})",
                                             "MinimalProfile"),
      example<RemoteStartTransactionResponse>(Coverage::Full, R"({"status": "Accepted"})"),

      // --- RemoteStopTransaction ---
      example<RemoteStopTransactionRequest>(Coverage::Full, R"({"transactionId": 918274})"),
      example<RemoteStopTransactionResponse>(Coverage::Full, R"({"status": "Rejected"})"),

      // --- Reset ---
      example<ResetRequest>(Coverage::Full, R"({"type": "Soft"})"),
      example<ResetRequest>(Coverage::Partial, R"({"type": "Hard"})", "Hard"),
      example<ResetResponse>(Coverage::Full, R"({"status": "Accepted"})"),

      // --- UnlockConnector ---
      example<UnlockConnectorRequest>(Coverage::Full, R"({"connectorId": 1})"),
      example<UnlockConnectorResponse>(Coverage::Full, R"({"status": "UnlockFailed"})"),
      example<UnlockConnectorResponse>(Coverage::Partial, R"({"status": "NotSupported"})",
                                       "NotSupported"),

      // --- ChangeAvailability ---
      example<ChangeAvailabilityRequest>(Coverage::Full,
                                         R"({"connectorId": 0, "type": "Inoperative"})"),
      example<ChangeAvailabilityResponse>(Coverage::Full, R"({"status": "Scheduled"})"),

      // --- ChangeConfiguration ---
      example<ChangeConfigurationRequest>(Coverage::Full,
                                          R"({"key": "MeterValueSampleInterval", "value": "60"})"),
      example<ChangeConfigurationRequest>(Coverage::Partial, R"({
        "key": "MeterValuesSampledData",
        "value": "Energy.Active.Import.Register,Current.Import,Voltage"})",
                                          "CsvList"),
      example<ChangeConfigurationResponse>(Coverage::Full, R"({"status": "RebootRequired"})"),

      // --- GetConfiguration ---
      example<GetConfigurationRequest>(
          Coverage::Full,
          R"({"key": ["HeartbeatInterval", "NumberOfConnectors", "VendorSecret"]})"),
      example<GetConfigurationRequest>(Coverage::Required, "{}"),
      example<GetConfigurationRequest>(Coverage::Partial, R"({"key": []})", "EmptyKeyList"),
      example<GetConfigurationResponse>(Coverage::Full, R"({
        "configurationKey": [
          {"key": "HeartbeatInterval", "readonly": false, "value": "300"},
          {"key": "NumberOfConnectors", "readonly": true, "value": "1"},
          {"key": "AuthorizationKey", "readonly": false}],
        "unknownKey": ["VendorSecret"]})"),
      example<GetConfigurationResponse>(Coverage::Required, "{}"),

      // --- ClearCache ---
      example<ClearCacheRequest>(Coverage::Full, "{}"),
      example<ClearCacheResponse>(Coverage::Full, R"({"status": "Accepted"})"),
  };
}

}  // namespace ocpp::test
