#include "features/charge_point_messages.hpp"

#include <spdlog/spdlog.h>

#include "ocpp/messages/all.hpp"

namespace csms {

using namespace ocpp::messages;

namespace {

IdTagInfo accepted() {
  IdTagInfo info;
  info.status = AuthorizationStatus::Accepted;
  return info;
}

void register_core(ocpp::Router& router, ChargePointRecord& record, TransactionIds& transactions,
                   const CentralSystemSettings& settings, std::function<void()> on_booted) {
  router.on<BootNotificationRequest>([&record, &settings, on_booted = std::move(on_booted)](
                                         const BootNotificationRequest& request) {
    record.boot = request;
    record.booted_at = ocpp::DateTime::now();
    spdlog::info("{}: BootNotification from {} {} (firmware {})", record.id, request.chargePointVendor,
                 request.chargePointModel, request.firmwareVersion.value_or("?"));
    if (on_booted) on_booted();
    return BootNotificationResponse{RegistrationStatus::Accepted, ocpp::DateTime::now(),
                                    static_cast<int>(settings.heartbeat_interval.count())};
  });
  router.on<HeartbeatRequest>([&record](const HeartbeatRequest&) {
    record.last_heartbeat = ocpp::DateTime::now();
    return HeartbeatResponse{*record.last_heartbeat};
  });
  router.on<StatusNotificationRequest>([&record](const StatusNotificationRequest& request) {
    auto& connector = record.connectors[request.connectorId];
    connector.status = std::string(to_string(request.status));
    connector.error_code = std::string(to_string(request.errorCode));
    connector.info = request.info;
    connector.timestamp = request.timestamp.value_or(ocpp::DateTime::now());
    spdlog::info("{}: connector {} is {} ({})", record.id, request.connectorId, connector.status, connector.error_code);
    return StatusNotificationResponse{};
  });
  // Until id tags can be managed (csms-lite issue), every id tag is accepted.
  router.on<AuthorizeRequest>([](const AuthorizeRequest&) { return AuthorizeResponse{accepted()}; });
  router.on<StartTransactionRequest>([&record, &transactions](const StartTransactionRequest& request) {
    const int id = transactions.next();
    spdlog::info("{}: transaction {} started on connector {} by {} at {} Wh", record.id, id, request.connectorId,
                 request.idTag, request.meterStart);
    return StartTransactionResponse{accepted(), id};
  });
  // OCPP 1.6 §5.9: a StopTransaction is always answered normally, also for an unknown or -1 transaction id,
  // so that a charge point never retries it forever.
  router.on<StopTransactionRequest>([&record](const StopTransactionRequest& request) {
    spdlog::info("{}: transaction {} stopped at {} Wh", record.id, request.transactionId, request.meterStop);
    StopTransactionResponse response;
    if (request.idTag) response.idTagInfo = accepted();
    return response;
  });
  router.on<MeterValuesRequest>([&record](const MeterValuesRequest& request) {
    record.last_meter_values = request;
    return MeterValuesResponse{};
  });
  router.on<DataTransferRequest>([](const DataTransferRequest&) {
    return DataTransferResponse{DataTransferStatus::UnknownVendorId, std::nullopt};
  });
}

void register_notifications(ocpp::Router& router, ChargePointRecord& record) {
  router.on<DiagnosticsStatusNotificationRequest>([&record](const DiagnosticsStatusNotificationRequest& request) {
    spdlog::info("{}: diagnostics {}", record.id, to_string(request.status));
    return DiagnosticsStatusNotificationResponse{};
  });
  router.on<FirmwareStatusNotificationRequest>([&record](const FirmwareStatusNotificationRequest& request) {
    spdlog::info("{}: firmware {}", record.id, to_string(request.status));
    return FirmwareStatusNotificationResponse{};
  });
  router.on<SecurityEventNotificationRequest>([&record](const SecurityEventNotificationRequest& request) {
    spdlog::warn("{}: security event {}", record.id, request.type);
    return SecurityEventNotificationResponse{};
  });
  router.on<LogStatusNotificationRequest>([&record](const LogStatusNotificationRequest& request) {
    spdlog::info("{}: log upload {}", record.id, to_string(request.status));
    return LogStatusNotificationResponse{};
  });
  router.on<SignedFirmwareStatusNotificationRequest>([&record](const SignedFirmwareStatusNotificationRequest& request) {
    spdlog::info("{}: signed firmware {}", record.id, to_string(request.status));
    return SignedFirmwareStatusNotificationResponse{};
  });
  // No certificate authority is configured yet, so certificate signing requests are refused.
  router.on<SignCertificateRequest>([](const SignCertificateRequest&) {
    return SignCertificateResponse{GenericStatus::Rejected};
  });
}

}  // namespace

void register_charge_point_messages(ocpp::Router& router, ChargePointRecord& record, TransactionIds& transactions,
                                    const CentralSystemSettings& settings, std::function<void()> on_booted) {
  register_core(router, record, transactions, settings, std::move(on_booted));
  register_notifications(router, record);
}

}  // namespace csms
