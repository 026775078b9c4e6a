// Example payloads for the eleven messages of the OCPP 1.6 security extension. The PEM blocks and
// hashes have the right shape but belong to no real certificate. Long values are split across
// adjacent raw string literals.
#include "examples.hpp"

namespace ocpp::test {

using namespace ocpp::messages;

std::vector<Example> security_examples() {
  return {
      // --- SignCertificate / CertificateSigned ---
      example<SignCertificateRequest>(
          Coverage::Full, R"({"csr": "-----BEGIN CERTIFICATE REQUEST-----\n)"
                          R"(MIIBVTCB/wIBADBaMQswCQYDVQQGEwJHQjEUMBIGA1UECgwLRU8gQ2hhcmdpbmc=\n)"
                          R"(-----END CERTIFICATE REQUEST-----\n"})"),
      example<SignCertificateResponse>(Coverage::Full, R"({"status": "Accepted"})"),
      example<CertificateSignedRequest>(
          Coverage::Full, R"({"certificateChain": "-----BEGIN CERTIFICATE-----\n)"
                          R"(MIICLDCCAdKgAwIBAgIUOWQ2MzE=\n-----END CERTIFICATE-----\n)"
                          R"(-----BEGIN CERTIFICATE-----\n)"
                          R"(MIIB8jCCAZigAwIBAgIUU3ViQ0E=\n-----END CERTIFICATE-----\n"})"),
      example<CertificateSignedResponse>(Coverage::Full, R"({"status": "Rejected"})"),

      // --- InstallCertificate / DeleteCertificate / GetInstalledCertificateIds ---
      example<InstallCertificateRequest>(
          Coverage::Full, R"({"certificateType": "CentralSystemRootCertificate",)"
                          R"( "certificate": "-----BEGIN CERTIFICATE-----\n)"
                          R"(MIIBtjCCAVugAwIBAgITBmyf1XSXNmY=\n-----END CERTIFICATE-----\n"})"),
      example<InstallCertificateResponse>(Coverage::Full, R"({"status": "Failed"})"),
      example<DeleteCertificateRequest>(Coverage::Full, R"({"certificateHashData": {
        "hashAlgorithm": "SHA256",
        "issuerNameHash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "issuerKeyHash": "5d41402abc4b2a76b9719d911017c592b1f5e7c6d0e3a1f1c9b0ad4e8a7f6c21",
        "serialNumber": "4f1a9c0b7e"}})"),
      example<DeleteCertificateResponse>(Coverage::Full, R"({"status": "NotFound"})"),
      example<GetInstalledCertificateIdsRequest>(
          Coverage::Full, R"({"certificateType": "ManufacturerRootCertificate"})"),
      example<GetInstalledCertificateIdsResponse>(
          Coverage::Full,
          R"({"status": "Accepted", "certificateHashData": [
            {"hashAlgorithm": "SHA384", "serialNumber": "01", "issuerNameHash": ")"
          R"(38b060a751ac96384cd9327eb1b1e36a21fdb71114be0743)"
          R"(4c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",)"
          R"( "issuerKeyHash": ")"
          R"(0cf4a6f0c4cd3e4f0c9f7aa9a8c2d8e6f1b2a3c4d5e6f708)"
          R"(192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"},
            {"hashAlgorithm": "SHA512", "serialNumber": "7d2e", "issuerNameHash": ")"
          R"(cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce)"
          R"(47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",)"
          R"( "issuerKeyHash": ")"
          R"(ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a)"
          R"(2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"}]})"),
      example<GetInstalledCertificateIdsResponse>(Coverage::Required, R"({"status": "NotFound"})"),

      // --- SignedUpdateFirmware / SignedFirmwareStatusNotification ---
      example<SignedUpdateFirmwareRequest>(
          Coverage::Full,
          R"({"retries": 3, "retryInterval": 300, "requestId": 77, "firmware": {
            "location": "https://firmware.example.com/eo-genius/1.5.0-signed.bin",
            "retrieveDateTime": "2026-03-15T02:00:00Z", "installDateTime": "2026-03-15T03:00:00Z",
            "signingCertificate": "-----BEGIN CERTIFICATE-----\n)"
          R"(MIIB2zCCAYGgAwIBAgIURmlybXdhcmU=\n-----END CERTIFICATE-----\n",
            "signature": "MEUCIQDx0r3XjR0m1bq2w9kq3b0Zp0mJmTq1p9P6w8eW4Zk5BAIg)"
          R"(Yl1Zl0QFJ3mC8v8Jr1d3m0mY0b5m8u3Cq7v4bUqW2n8="}})"),
      example<SignedUpdateFirmwareRequest>(
          Coverage::Required,
          R"({"requestId": 78, "firmware": {
            "location": "https://firmware.example.com/eo-genius/1.5.1-signed.bin",
            "retrieveDateTime": "2026-03-16T02:00:00Z",
            "signingCertificate": "-----BEGIN CERTIFICATE-----\n)"
          R"(MIIB2zCCAYGgAwIBAgIURmlybXdhcmU=\n-----END CERTIFICATE-----\n",
            "signature": "MEQCIFd2Jx8ZQ=="}})"),
      example<SignedUpdateFirmwareResponse>(Coverage::Full, R"({"status": "InvalidCertificate"})"),
      example<SignedFirmwareStatusNotificationRequest>(
          Coverage::Full, R"({"status": "SignatureVerified", "requestId": 77})"),
      example<SignedFirmwareStatusNotificationRequest>(Coverage::Required, R"({"status": "Idle"})"),
      example<SignedFirmwareStatusNotificationResponse>(Coverage::Full, "{}"),

      // --- GetLog / LogStatusNotification ---
      example<GetLogRequest>(Coverage::Full, R"({
        "log": {"remoteLocation": "https://logs.example.com/upload/EOG-2231-0042",
                "oldestTimestamp": "2026-03-01T00:00:00Z",
                "latestTimestamp": "2026-03-14T00:00:00Z"},
        "logType": "SecurityLog", "requestId": 501, "retries": 1, "retryInterval": 60})"),
      example<GetLogRequest>(Coverage::Required, R"({
        "log": {"remoteLocation": "ftp://logs.example.com/"}, "logType": "DiagnosticsLog",
        "requestId": 502})"),
      example<GetLogResponse>(
          Coverage::Full, R"({"status": "AcceptedCanceled", "filename": "security-20260314.log"})"),
      example<GetLogResponse>(Coverage::Required, R"({"status": "Rejected"})"),
      example<LogStatusNotificationRequest>(Coverage::Full,
                                            R"({"status": "Uploading", "requestId": 501})"),
      example<LogStatusNotificationRequest>(Coverage::Required, R"({"status": "Idle"})"),
      example<LogStatusNotificationResponse>(Coverage::Full, "{}"),

      // --- SecurityEventNotification ---
      example<SecurityEventNotificationRequest>(Coverage::Full, R"({
        "type": "InvalidCentralSystemCertificate", "timestamp": "2026-03-14T08:00:01.042Z",
        "techInfo": "certificate expired 2026-03-01"})"),
      example<SecurityEventNotificationRequest>(
          Coverage::Required,
          R"({"type": "StartupOfTheDevice", "timestamp": "2026-03-14T08:00:00Z"})"),
      example<SecurityEventNotificationResponse>(Coverage::Full, "{}"),

      // --- ExtendedTriggerMessage ---
      example<ExtendedTriggerMessageRequest>(
          Coverage::Full,
          R"({"requestedMessage": "SignChargePointCertificate", "connectorId": 0})"),
      example<ExtendedTriggerMessageRequest>(Coverage::Required,
                                             R"({"requestedMessage": "LogStatusNotification"})"),
      example<ExtendedTriggerMessageResponse>(Coverage::Full, R"({"status": "Accepted"})"),
  };
}

}  // namespace ocpp::test
