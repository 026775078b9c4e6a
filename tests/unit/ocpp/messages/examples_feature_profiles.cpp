// Example payloads for the optional feature profiles of OCPP 1.6: Firmware Management, Local Auth
// List Management, Reservation, Smart Charging and Remote Trigger.
#include "examples.hpp"

namespace ocpp::test {

using namespace ocpp::messages;

std::vector<Example> feature_profile_examples() {
  return {
      // --- UpdateFirmware / FirmwareStatusNotification ---
      example<UpdateFirmwareRequest>(Coverage::Full, R"({
        "location": "https://firmware.example.com/eo-genius/1.5.0.bin", "retries": 3,
        "retrieveDate": "2026-03-15T02:00:00Z", "retryInterval": 600})"),
      example<UpdateFirmwareRequest>(Coverage::Required, R"({
        "location": "ftp://firmware.example.com/eo-genius-1.5.0.bin",
        "retrieveDate": "2026-03-15T02:00:00Z"})"),
      example<UpdateFirmwareResponse>(Coverage::Full, "{}"),
      example<FirmwareStatusNotificationRequest>(Coverage::Full,
                                                 R"({"status": "InstallationFailed"})"),
      example<FirmwareStatusNotificationResponse>(Coverage::Full, "{}"),

      // --- GetDiagnostics / DiagnosticsStatusNotification ---
      example<GetDiagnosticsRequest>(Coverage::Full, R"({
        "location": "ftp://diag:secret@logs.example.com/uploads/", "retries": 2,
        "retryInterval": 120,
        "startTime": "2026-03-13T00:00:00Z", "stopTime": "2026-03-14T00:00:00Z"})"),
      example<GetDiagnosticsRequest>(Coverage::Required,
                                     R"({"location": "https://logs.example.com/upload"})"),
      example<GetDiagnosticsResponse>(
          Coverage::Full, R"({"fileName": "diagnostics-EOG-2231-0042-20260314.tar.gz"})"),
      example<GetDiagnosticsResponse>(Coverage::Required, "{}"),
      example<DiagnosticsStatusNotificationRequest>(Coverage::Full, R"({"status": "Uploaded"})"),
      example<DiagnosticsStatusNotificationResponse>(Coverage::Full, "{}"),

      // --- GetLocalListVersion / SendLocalList ---
      example<GetLocalListVersionRequest>(Coverage::Full, "{}"),
      example<GetLocalListVersionResponse>(Coverage::Full, R"({"listVersion": 17})"),
      example<GetLocalListVersionResponse>(Coverage::Partial, R"({"listVersion": -1})",
                                           "Unsupported"),
      example<SendLocalListRequest>(Coverage::Full, R"({
        "listVersion": 18, "updateType": "Differential", "localAuthorizationList": [
          {"idTag": "04E91A2B3C4D80", "idTagInfo": {
            "status": "Accepted", "expiryDate": "2027-01-01T00:00:00Z",
            "parentIdTag": "FLEET-0007"}},
          {"idTag": "04A0B1C2D3E4F5", "idTagInfo": {"status": "Blocked"}},
          {"idTag": "0477665544"}]})"),
      example<SendLocalListRequest>(Coverage::Required,
                                    R"({"listVersion": 1, "updateType": "Full"})"),
      example<SendLocalListResponse>(Coverage::Full, R"({"status": "VersionMismatch"})"),

      // --- ReserveNow / CancelReservation ---
      example<ReserveNowRequest>(Coverage::Full, R"({
        "connectorId": 1, "expiryDate": "2026-03-14T12:30:00Z", "idTag": "04E91A2B3C4D80",
        "parentIdTag": "FLEET-0007", "reservationId": 42})"),
      example<ReserveNowRequest>(Coverage::Required, R"({
        "connectorId": 0, "expiryDate": "2026-03-14T12:30:00Z", "idTag": "04E91A2B3C4D80",
        "reservationId": 43})"),
      example<ReserveNowResponse>(Coverage::Full, R"({"status": "Occupied"})"),
      example<CancelReservationRequest>(Coverage::Full, R"({"reservationId": 42})"),
      example<CancelReservationResponse>(Coverage::Full, R"({"status": "Accepted"})"),

      // --- SetChargingProfile / ClearChargingProfile / GetCompositeSchedule ---
      example<SetChargingProfileRequest>(Coverage::Full, R"({
        "connectorId": 1, "csChargingProfiles": {
          "chargingProfileId": 12, "transactionId": 918273, "stackLevel": 1,
          "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Recurring",
          "recurrencyKind": "Weekly", "validFrom": "2026-03-01T00:00:00Z",
          "validTo": "2026-06-01T00:00:00Z",
          "chargingSchedule": {
            "duration": 604800, "startSchedule": "2026-03-09T00:00:00Z", "chargingRateUnit": "W",
            "chargingSchedulePeriod": [
              {"startPeriod": 0, "limit": 11000.0, "numberPhases": 3},
              {"startPeriod": 61200, "limit": 3680.0, "numberPhases": 1}],
            "minChargingRate": 1380.0}}})"),
      example<SetChargingProfileRequest>(Coverage::Required, R"({
        "connectorId": 0, "csChargingProfiles": {
          "chargingProfileId": 1, "stackLevel": 0,
          "chargingProfilePurpose": "ChargePointMaxProfile",
          "chargingProfileKind": "Absolute", "chargingSchedule": {
            "chargingRateUnit": "A",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 32.0}]}}})"),
      example<SetChargingProfileResponse>(Coverage::Full, R"({"status": "NotSupported"})"),
      example<ClearChargingProfileRequest>(Coverage::Full, R"({
        "id": 12, "connectorId": 1, "chargingProfilePurpose": "TxDefaultProfile",
        "stackLevel": 0})"),
      example<ClearChargingProfileRequest>(Coverage::Required, "{}"),
      example<ClearChargingProfileResponse>(Coverage::Full, R"({"status": "Unknown"})"),
      example<GetCompositeScheduleRequest>(
          Coverage::Full, R"({"connectorId": 1, "duration": 3600, "chargingRateUnit": "A"})"),
      example<GetCompositeScheduleRequest>(Coverage::Required,
                                           R"({"connectorId": 0, "duration": 86400})"),
      example<GetCompositeScheduleResponse>(Coverage::Full, R"({
        "status": "Accepted", "connectorId": 1, "scheduleStart": "2026-03-14T10:00:00Z",
        "chargingSchedule": {
          "duration": 3600, "startSchedule": "2026-03-14T10:00:00Z", "chargingRateUnit": "A",
          "chargingSchedulePeriod": [
            {"startPeriod": 0, "limit": 16.0, "numberPhases": 3},
            {"startPeriod": 1800, "limit": 7.2, "numberPhases": 1}],
          "minChargingRate": 6.1}})"),
      example<GetCompositeScheduleResponse>(Coverage::Required, R"({"status": "Rejected"})"),

      // --- TriggerMessage ---
      example<TriggerMessageRequest>(
          Coverage::Full, R"({"requestedMessage": "StatusNotification", "connectorId": 1})"),
      example<TriggerMessageRequest>(Coverage::Required,
                                     R"({"requestedMessage": "DiagnosticsStatusNotification"})"),
      example<TriggerMessageResponse>(Coverage::Full, R"({"status": "NotImplemented"})"),
  };
}

}  // namespace ocpp::test
