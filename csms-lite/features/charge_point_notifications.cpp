// The charge point's reports besides transactions: DataTransfer (with the offered-limit report),
// diagnostics and firmware status, and the security whitepaper's notifications. Each is kept in the
// event log through the write buffer.
#include <spdlog/spdlog.h>

#include "features/charge_point_messages.hpp"
#include "features/ct_readings.hpp"
#include "features/offered_limit.hpp"
#include "ocpp/messages/all.hpp"

namespace csms {

using namespace ocpp::messages;

void register_charge_point_notifications(ocpp::Router& router, const MessageContext& context);

namespace {

void log_event(const MessageContext& context, std::string kind, const nlohmann::json& detail) {
  context.store.buffer.event(store::ChargePointEvent{0, context.record.id, std::move(kind),
                                                     detail.dump(), unix_ms(context.clock.now())});
}

DataTransferResponse offered_limit(const MessageContext& context, const OfferedLimitParse& parsed) {
  if (!parsed.report) {
    spdlog::warn("{}: malformed OfferedLimit report: {}", context.record.id, parsed.error);
    return DataTransferResponse{DataTransferStatus::Rejected, parsed.error};
  }
  const auto& report = *parsed.report;
  auto& connector = context.record.connectors[report.connector_id];
  const bool changed = !connector.offered || connector.offered->limit_a != report.limit_a ||
                       connector.offered->source != report.source ||
                       connector.offered->phases != report.phases ||
                       connector.offered->next_change != report.next_change ||
                       connector.offered->detail != report.detail;
  connector.offered =
      OfferedLimit{report.limit_a,     report.source, report.phases, date_time(context.clock.now()),
                   report.next_change, report.detail};
  if (changed && context.emit) {
    context.emit(
        {{"type", "OfferedLimitChanged"},
         {"chargePointId", context.record.id},
         {"at", connector.offered->at},
         {"connectorId", report.connector_id},
         {"limitA", report.limit_a},
         {"source", report.source},
         {"phases", report.phases ? nlohmann::json(*report.phases) : nlohmann::json(nullptr)},
         {"nextChange",
          report.next_change ? nlohmann::json(*report.next_change) : nlohmann::json(nullptr)},
         {"detail", report.detail ? nlohmann::json(*report.detail) : nlohmann::json(nullptr)}});
  }
  return DataTransferResponse{DataTransferStatus::Accepted, std::nullopt};
}

DataTransferResponse ct_readings(const MessageContext& context, const CtReadingsParse& parsed) {
  if (!parsed.report) {
    spdlog::warn("{}: malformed CtReadings report: {}", context.record.id, parsed.error);
    return DataTransferResponse{DataTransferStatus::Rejected, parsed.error};
  }
  const auto& report = *parsed.report;
  nlohmann::json changed = nlohmann::json::array();
  for (const auto& channel : report.channels) {
    auto [slot, inserted] = context.record.ct_channels.try_emplace(channel.channel);
    // A report that arrives late (a slow link) must not replace a newer reading.
    if (!inserted && report.timestamp < slot->second.at) continue;
    slot->second = CtChannelState{channel.current_a, channel.raw_a, report.timestamp};
    changed.push_back(channel.channel);
  }
  // The series go through the write buffer like meter values (SD card: batched, no commit per
  // report).
  context.store.buffer.add_samples(ct_samples(context.record.id, report));
  if (!changed.empty() && context.emit) {
    context.emit({{"type", "CtReadings"},
                  {"chargePointId", context.record.id},
                  {"at", report.timestamp},
                  {"channels", changed}});
  }
  return DataTransferResponse{DataTransferStatus::Accepted, std::nullopt};
}

}  // namespace

void register_charge_point_notifications(ocpp::Router& router, const MessageContext& context) {
  router.on<DataTransferRequest>([context](const DataTransferRequest& request) {
    // CtReadings come every few seconds and are kept as meter series: the event log (on the SD
    // card) gets only the malformed ones.
    if (const auto parsed = parse_ct_readings(request)) {
      if (!parsed->report) log_event(context, "DataTransfer", request);
      return ct_readings(context, *parsed);
    }
    log_event(context, "DataTransfer", request);
    if (const auto parsed = parse_offered_limit(request)) return offered_limit(context, *parsed);
    if (request.vendorId == k_openeo_vendor_id) {
      return DataTransferResponse{DataTransferStatus::UnknownMessageId, std::nullopt};
    }
    return DataTransferResponse{DataTransferStatus::UnknownVendorId, std::nullopt};
  });
  router.on<DiagnosticsStatusNotificationRequest>(
      [context](const DiagnosticsStatusNotificationRequest& request) {
        spdlog::info("{}: diagnostics {}", context.record.id, to_string(request.status));
        log_event(context, "DiagnosticsStatus", request);
        return DiagnosticsStatusNotificationResponse{};
      });
  router.on<FirmwareStatusNotificationRequest>(
      [context](const FirmwareStatusNotificationRequest& request) {
        spdlog::info("{}: firmware {}", context.record.id, to_string(request.status));
        log_event(context, "FirmwareStatus", request);
        return FirmwareStatusNotificationResponse{};
      });
  // OCPP 1.6 security whitepaper §4: a CALL of its own, validated against its schema like the rest.
  router.on<SecurityEventNotificationRequest>(
      [context](const SecurityEventNotificationRequest& request) {
        spdlog::warn("{}: security event {}", context.record.id, request.type);
        log_event(context, "SecurityEvent", request);
        return SecurityEventNotificationResponse{};
      });
  router.on<LogStatusNotificationRequest>([context](const LogStatusNotificationRequest& request) {
    spdlog::info("{}: log upload {}", context.record.id, to_string(request.status));
    log_event(context, "LogStatus", request);
    return LogStatusNotificationResponse{};
  });
  router.on<SignedFirmwareStatusNotificationRequest>(
      [context](const SignedFirmwareStatusNotificationRequest& request) {
        spdlog::info("{}: signed firmware {}", context.record.id, to_string(request.status));
        log_event(context, "SignedFirmwareStatus", request);
        return SignedFirmwareStatusNotificationResponse{};
      });
  // No certificate authority is configured, so certificate signing requests are refused.
  router.on<SignCertificateRequest>([](const SignCertificateRequest&) {
    return SignCertificateResponse{GenericStatus::Rejected};
  });
}

}  // namespace csms
