// Example payloads for the core messages a charge point sends: BootNotification, Heartbeat,
// StatusNotification, Authorize, StartTransaction, MeterValues, StopTransaction and DataTransfer.
#include "examples.hpp"

namespace ocpp::test {

using namespace ocpp::messages;

std::vector<Example> core_transaction_examples() {
  return {
      // --- BootNotification ---
      example<BootNotificationRequest>(Coverage::Full, R"({
        "chargePointVendor": "EO Charging", "chargePointModel": "EO Genius",
        "chargePointSerialNumber": "EOG-2231-0042", "chargeBoxSerialNumber": "EOG-2231-0042-B",
        "firmwareVersion": "1.4.2+ocpp.3", "iccid": "8944110068251234567",
        "imsi": "234150999999999",
        "meterType": "Eastron SDM630", "meterSerialNumber": "SDM-0191817"})"),
      example<BootNotificationRequest>(
          Coverage::Required,
          R"({"chargePointVendor": "EO Charging", "chargePointModel": "EO Mini Pro 2"})"),
      example<BootNotificationResponse>(
          Coverage::Full,
          R"({"status": "Accepted", "currentTime": "2026-03-14T09:26:53Z", "interval": 300})"),
      example<BootNotificationResponse>(
          Coverage::Partial,
          R"({"status": "Pending", "currentTime": "2026-03-14T09:26:53.589Z", "interval": 60})",
          "Pending"),

      // --- Heartbeat ---
      example<HeartbeatRequest>(Coverage::Full, "{}"),
      example<HeartbeatResponse>(Coverage::Full, R"({"currentTime": "2026-03-14T09:31:53.120Z"})"),

      // --- StatusNotification ---
      example<StatusNotificationRequest>(Coverage::Full, R"({
        "connectorId": 1, "errorCode": "GroundFailure", "info": "RCD tripped, 6 mA DC",
        "status": "Faulted", "timestamp": "2026-03-14T10:02:11Z", "vendorId": "com.eocharging",
        "vendorErrorCode": "E-RCD-DC"})"),
      example<StatusNotificationRequest>(
          Coverage::Required,
          R"({"connectorId": 0, "errorCode": "NoError", "status": "Available"})"),
      example<StatusNotificationResponse>(Coverage::Full, "{}"),

      // --- Authorize ---
      example<AuthorizeRequest>(Coverage::Full, R"({"idTag": "04E91A2B3C4D80"})"),
      example<AuthorizeResponse>(Coverage::Full, R"({"idTagInfo": {
        "status": "Accepted", "expiryDate": "2026-12-31T23:59:59Z",
        "parentIdTag": "FLEET-0007"}})"),
      example<AuthorizeResponse>(Coverage::Required, R"({"idTagInfo": {"status": "Blocked"}})"),

      // --- StartTransaction ---
      example<StartTransactionRequest>(Coverage::Full, R"({
        "connectorId": 1, "idTag": "04E91A2B3C4D80", "meterStart": 1234567, "reservationId": 42,
        "timestamp": "2026-03-14T10:15:00Z"})"),
      example<StartTransactionRequest>(Coverage::Required, R"({
        "connectorId": 2, "idTag": "04E91A2B3C4D80", "meterStart": 0,
        "timestamp": "2026-03-14T10:15:00.250Z"})"),
      example<StartTransactionResponse>(Coverage::Full, R"({"idTagInfo": {
        "status": "ConcurrentTx", "expiryDate": "2026-12-31T23:59:59Z",
        "parentIdTag": "FLEET-0007"},
        "transactionId": 918273})"),
      example<StartTransactionResponse>(
          Coverage::Required, R"({"idTagInfo": {"status": "Accepted"}, "transactionId": 5})"),

      // --- MeterValues ---
      example<MeterValuesRequest>(Coverage::Full, R"({
        "connectorId": 1, "transactionId": 918273, "meterValue": [
          {"timestamp": "2026-03-14T10:30:00Z", "sampledValue": [
            {"value": "1240567", "context": "Sample.Clock", "format": "Raw",
             "measurand": "Energy.Active.Import.Register", "location": "Outlet", "unit": "Wh"},
            {"value": "15.9", "context": "Sample.Clock", "measurand": "Current.Import",
             "phase": "L1",
             "location": "Outlet", "unit": "A"},
            {"value": "231.4", "measurand": "Voltage", "phase": "L1-N", "unit": "V"},
            {"value": "41.5", "measurand": "Temperature", "location": "Body", "unit": "Celsius"},
            {"value": "38.0", "measurand": "Temperature", "location": "Body", "unit": "Celcius"},
            {"value": "7.36", "measurand": "Power.Active.Import", "unit": "kW"},
            {"value": "67", "measurand": "SoC", "location": "EV", "unit": "Percent"}]},
          {"timestamp": "2026-03-14T10:30:10.500Z", "sampledValue": [
            {"value": "AAECAwQFBgcICQ==", "context": "Trigger", "format": "SignedData",
             "measurand": "Energy.Active.Import.Register", "location": "Outlet",
             "unit": "kWh"}]}]})"),
      example<MeterValuesRequest>(Coverage::Required, R"({"connectorId": 0, "meterValue": [
        {"timestamp": "2026-03-14T10:30:00Z", "sampledValue": [{"value": "98231"}]}]})"),
      example<MeterValuesResponse>(Coverage::Full, "{}"),

      // --- StopTransaction ---
      example<StopTransactionRequest>(Coverage::Full, R"({
        "idTag": "04E91A2B3C4D80", "meterStop": 1252001, "timestamp": "2026-03-14T11:45:12Z",
        "transactionId": 918273, "reason": "EVDisconnected", "transactionData": [
          {"timestamp": "2026-03-14T10:15:00Z", "sampledValue": [
            {"value": "1234567", "context": "Transaction.Begin", "format": "Raw",
             "measurand": "Energy.Active.Import.Register", "phase": "L1", "location": "Outlet",
             "unit": "Wh"}]},
          {"timestamp": "2026-03-14T11:45:12Z", "sampledValue": [
            {"value": "1252001", "context": "Transaction.End", "unit": "Wh"}]}]})"),
      example<StopTransactionRequest>(Coverage::Required,
                                      R"({"meterStop": 1252001, "timestamp": "2026-03-14T11:45:12Z",
              "transactionId": 918273})"),
      example<StopTransactionRequest>(Coverage::Partial, R"({
        "meterStop": 40, "timestamp": "2026-03-14T11:45:12Z", "transactionId": 7,
        "reason": "DeAuthorized",
        "transactionData": []})",
                                      "EmptyTransactionData"),
      example<StopTransactionResponse>(Coverage::Full, R"({"idTagInfo": {
        "status": "Expired", "expiryDate": "2026-03-14T11:00:00Z", "parentIdTag": "FLEET-0007"}})"),
      example<StopTransactionResponse>(Coverage::Required, "{}"),

      // --- DataTransfer (either direction) ---
      example<DataTransferRequest>(Coverage::Full, R"({
        "vendorId": "com.eocharging", "messageId": "SetSolarMode",
        "data": "{\"mode\":\"SolarOnly\",\"minCurrentA\":6}"})"),
      example<DataTransferRequest>(Coverage::Required, R"({"vendorId": "com.eocharging"})"),
      example<DataTransferResponse>(
          Coverage::Full, R"({"status": "Accepted", "data": "{\"mode\":\"SolarOnly\"}"})"),
      example<DataTransferResponse>(Coverage::Required, R"({"status": "UnknownMessageId"})"),
  };
}

}  // namespace ocpp::test
