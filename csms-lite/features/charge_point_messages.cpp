#include "features/charge_point_messages.hpp"

#include <spdlog/spdlog.h>

#include "features/meter_readings.hpp"
#include "ocpp/messages/all.hpp"

namespace csms {

using namespace ocpp::messages;

void register_charge_point_notifications(ocpp::Router& router, const MessageContext& context);

std::int64_t unix_ms(const ocpp::DateTime& time) {
  return time.time_point().time_since_epoch().count();
}
std::int64_t unix_ms(common::WallTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}
ocpp::DateTime date_time(common::WallTime time) {
  return ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(time));
}

namespace {

ocpp::rpc::CallError storage_error(const store::Error& error) {
  // The charge point keeps transaction messages and sends them again; a later try may succeed.
  spdlog::error("store: {}", error.message);
  return ocpp::make_error(ocpp::rpc::ErrorCode::InternalError,
                          "the central system could not store this");
}

IdTagInfo info_with(AuthorizationStatus status) {
  IdTagInfo info;
  info.status = status;
  return info;
}

// OCPP 1.6 §4.10: transaction messages are delivered at least once, so a StartTransaction whose
// answer was lost comes again unchanged. An open transaction with the same connector, idTag, time
// and register is that one, not a second: a new id would leave the first open for ever. Only open
// ones: the charge point sends nothing of a transaction after its Start until the Start is
// answered.
std::optional<std::int64_t> repeated_start(store::Store& store,
                                           const store::TransactionStart& start) {
  const auto open = store.transactions.open_for(start.charge_point_id);
  if (!open) return std::nullopt;  // a storage problem shows at the insert
  for (const auto& t : *open) {
    if (t.start.connector_id == start.connector_id && t.start.id_tag == start.id_tag &&
        t.start.start_ms == start.start_ms && t.start.meter_start_wh == start.meter_start_wh &&
        t.start.reservation_id == start.reservation_id) {
      return t.id;
    }
  }
  return std::nullopt;
}

void emit(const MessageContext& context, nlohmann::json event) {
  if (!context.emit) return;
  event["chargePointId"] = context.record.id;
  event["at"] = date_time(context.clock.now());
  context.emit(event);
}

void register_boot(ocpp::Router& router, const MessageContext& context) {
  router.on<BootNotificationRequest>(
      [context](const BootNotificationRequest& request) -> ocpp::Outcome<BootNotificationResponse> {
        auto& record = context.record;
        const auto now = context.clock.now();
        spdlog::info("{}: BootNotification from {} {} (firmware {}), {}", record.id,
                     request.chargePointVendor, request.chargePointModel,
                     request.firmwareVersion.value_or("?"), to_string(record.registration));
        if (auto stored = context.store.charge_points.record_boot(
                record.id, nlohmann::json(request).dump(), unix_ms(now));
            !stored) {
          return storage_error(stored.error());
        }
        record.boot = request;
        record.booted_at = date_time(now);
        record.last_boot = request;
        record.last_boot_at = record.booted_at;
        emit(context, {{"type", "Booted"}, {"registration", to_string(record.registration)}});
        switch (record.registration) {
          case Registration::Accepted:
            if (context.on_booted) context.on_booted();
            return BootNotificationResponse{
                RegistrationStatus::Accepted, date_time(now),
                static_cast<int>(context.settings.heartbeat_interval.count())};
          case Registration::Pending:
            // OCPP 1.6 §4.2: Pending lets the central system read the configuration before
            // accepting.
            if (context.on_booted) context.on_booted();
            return BootNotificationResponse{
                RegistrationStatus::Pending, date_time(now),
                static_cast<int>(context.settings.boot_retry_interval.count())};
          case Registration::Rejected:
            break;
        }
        return BootNotificationResponse{
            RegistrationStatus::Rejected, date_time(now),
            static_cast<int>(context.settings.boot_retry_interval.count())};
      });
}

void register_status(ocpp::Router& router, const MessageContext& context) {
  router.on<HeartbeatRequest>([context](const HeartbeatRequest&) {
    const auto now = date_time(context.clock.now());
    context.record.last_heartbeat = now;
    context.store.buffer.seen(context.record.id, unix_ms(now));
    return HeartbeatResponse{now};
  });
  router.on<StatusNotificationRequest>([context](const StatusNotificationRequest& request) {
    auto& record = context.record;
    auto& connector = record.connectors[request.connectorId];
    const auto status = std::string(to_string(request.status));
    const auto error_code = std::string(to_string(request.errorCode));
    const bool changed = connector.status != status || connector.error_code != error_code;
    connector.status = status;
    connector.error_code = error_code;
    connector.info = request.info;
    connector.timestamp = request.timestamp.value_or(date_time(context.clock.now()));
    spdlog::info("{}: connector {} is {} ({})", record.id, request.connectorId, status, error_code);
    context.store.buffer.connector_status(
        record.id, store::StoredConnector{request.connectorId, status, error_code, request.info,
                                          request.vendorErrorCode, unix_ms(connector.timestamp)});
    if (changed) {
      emit(context, {{"type", "StatusChanged"},
                     {"connectorId", request.connectorId},
                     {"status", status},
                     {"errorCode", error_code},
                     {"timestamp", connector.timestamp}});
    }
    return StatusNotificationResponse{};
  });
}

void register_transactions(ocpp::Router& router, const MessageContext& context) {
  router.on<AuthorizeRequest>([context](const AuthorizeRequest& request) {
    return AuthorizeResponse{
        authorize_id_tag(context.store, context.settings, request.idTag, context.clock.now())};
  });
  router.on<StartTransactionRequest>(
      [context](const StartTransactionRequest& request) -> ocpp::Outcome<StartTransactionResponse> {
        auto& record = context.record;
        const auto info =
            authorize_id_tag(context.store, context.settings, request.idTag, context.clock.now());
        // OCPP 1.6 §5.16: the transaction exists even when the tag is refused; the charge point
        // stops it.
        const store::TransactionStart start{
            record.id,
            request.connectorId,
            request.idTag,
            request.reservationId ? std::optional<std::int64_t>(*request.reservationId)
                                  : std::nullopt,
            unix_ms(request.timestamp),
            request.meterStart};
        if (const auto again = repeated_start(context.store, start)) {
          record.connectors[request.connectorId].transaction_id = *again;
          spdlog::info("{}: transaction {} started again (a repeated StartTransaction)", record.id,
                       *again);
          return StartTransactionResponse{info, static_cast<int>(*again)};
        }
        auto id = context.store.transactions.start(start);
        if (!id) return storage_error(id.error());
        record.connectors[request.connectorId].transaction_id = *id;
        spdlog::info("{}: transaction {} started on connector {} by {} at {} Wh", record.id, *id,
                     request.connectorId, request.idTag, request.meterStart);
        emit(context, {{"type", "TransactionStarted"},
                       {"transactionId", *id},
                       {"connectorId", request.connectorId},
                       {"idTag", request.idTag},
                       {"meterStartWh", request.meterStart},
                       {"idTagStatus", to_string(info.status)}});
        return StartTransactionResponse{info, static_cast<int>(*id)};
      });
  // OCPP 1.6 §5.17: a StopTransaction is always answered normally, also for an unknown or -1
  // transaction id (kept as an orphan stop), so that a charge point never retries it forever.
  router.on<StopTransactionRequest>([context](const StopTransactionRequest& request)
                                        -> ocpp::Outcome<StopTransactionResponse> {
    auto& record = context.record;
    const auto now = context.clock.now();
    auto outcome = context.store.transactions.stop(
        record.id,
        store::TransactionStop{
            request.transactionId, request.idTag, unix_ms(request.timestamp), request.meterStop,
            request.reason ? std::optional<std::string>(to_string(*request.reason)) : std::nullopt},
        unix_ms(now));
    if (!outcome) return storage_error(outcome.error());
    int connector_id = 0;
    for (auto& [id, connector] : record.connectors) {
      if (connector.transaction_id == request.transactionId) {
        connector.transaction_id.reset();
        connector_id = id;
      }
    }
    if (request.transactionData) {
      context.store.buffer.add_samples(
          to_samples(record.id, connector_id, request.transactionId, *request.transactionData));
    }
    switch (*outcome) {
      case store::StopOutcome::Stopped:
        spdlog::info("{}: transaction {} stopped at {} Wh", record.id, request.transactionId,
                     request.meterStop);
        emit(context, {{"type", "TransactionStopped"},
                       {"transactionId", request.transactionId},
                       {"meterStopWh", request.meterStop},
                       {"reason", request.reason ? to_string(*request.reason) : "Local"}});
        break;
      case store::StopOutcome::AlreadyStopped:
        spdlog::info("{}: transaction {} stopped again (a repeated StopTransaction)", record.id,
                     request.transactionId);
        break;
      case store::StopOutcome::Orphan:
        spdlog::info(
            "{}: transaction {} stopped at {} Wh: not a transaction of this charge point, kept as "
            "an orphan stop",
            record.id, request.transactionId, request.meterStop);
        break;
    }
    StopTransactionResponse response;
    if (request.idTag)
      response.idTagInfo = authorize_id_tag(context.store, context.settings, *request.idTag, now);
    return response;
  });
  router.on<MeterValuesRequest>([context](const MeterValuesRequest& request) {
    auto& record = context.record;
    record.last_meter_values = request;
    auto& connector = record.connectors[request.connectorId];
    update_readings(connector, request.meterValue);
    const std::optional<std::int64_t> transaction =
        request.transactionId ? std::optional<std::int64_t>(*request.transactionId)
                              : connector.transaction_id;
    context.store.buffer.add_samples(
        to_samples(record.id, request.connectorId, transaction, request.meterValue));
    // For the live views (the web UI's event stream): not stored, the samples are.
    emit(context, {{"type", "MeterValues"}, {"connectorId", request.connectorId}});
    return MeterValuesResponse{};
  });
}

}  // namespace

IdTagInfo authorize_id_tag(store::Store& store, const CentralSystemSettings& settings,
                           const std::string& id_tag, common::WallTime now) {
  auto found = store.id_tags.find(id_tag);
  if (!found) {
    spdlog::error("store: reading id tag: {}", found.error().message);
    return info_with(AuthorizationStatus::Invalid);
  }
  if (!*found) {
    return info_with(settings.unknown_id_tags == UnknownIdTags::Accept
                         ? AuthorizationStatus::Accepted
                         : AuthorizationStatus::Invalid);
  }
  const auto& tag = **found;
  IdTagInfo info;
  info.parentIdTag = tag.parent_id_tag;
  if (tag.expiry_ms)
    info.expiryDate = ocpp::DateTime(ocpp::TimePoint(std::chrono::milliseconds(*tag.expiry_ms)));
  if (tag.status == "Blocked") {
    info.status = AuthorizationStatus::Blocked;
  } else if (tag.status == "Invalid") {
    info.status = AuthorizationStatus::Invalid;
  } else if (tag.status == "Expired" || (tag.expiry_ms && *tag.expiry_ms <= unix_ms(now))) {
    info.status = AuthorizationStatus::Expired;
  } else {
    info.status = AuthorizationStatus::Accepted;
  }
  return info;
}

void register_charge_point_messages(ocpp::Router& router, MessageContext context) {
  register_boot(router, context);
  register_status(router, context);
  register_transactions(router, context);
  register_charge_point_notifications(router, context);
}

}  // namespace csms
