#pragma once
// Every OCPP 1.6J message: the 28 of the core specification and the 11 of the security extension.
// AllRequests drives the typed tests and the router's tables; keep it sorted by action.
#include <cstddef>
#include <tuple>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/messages/charging_profile.hpp"
#include "ocpp/messages/common_types.hpp"
#include "ocpp/messages/core_configuration.hpp"
#include "ocpp/messages/core_remote.hpp"
#include "ocpp/messages/core_status.hpp"
#include "ocpp/messages/core_transaction.hpp"
#include "ocpp/messages/firmware.hpp"
#include "ocpp/messages/heartbeat.hpp"
#include "ocpp/messages/local_auth_list.hpp"
#include "ocpp/messages/meter_value.hpp"
#include "ocpp/messages/remote_trigger.hpp"
#include "ocpp/messages/reservation.hpp"
#include "ocpp/messages/security_certificates.hpp"
#include "ocpp/messages/security_firmware.hpp"
#include "ocpp/messages/security_logging.hpp"
#include "ocpp/messages/smart_charging.hpp"

namespace ocpp::messages {

using AllRequests = std::tuple<
    AuthorizeRequest, BootNotificationRequest, CancelReservationRequest, CertificateSignedRequest,
    ChangeAvailabilityRequest, ChangeConfigurationRequest, ClearCacheRequest,
    ClearChargingProfileRequest, DataTransferRequest, DeleteCertificateRequest,
    DiagnosticsStatusNotificationRequest, ExtendedTriggerMessageRequest,
    FirmwareStatusNotificationRequest, GetCompositeScheduleRequest, GetConfigurationRequest,
    GetDiagnosticsRequest, GetInstalledCertificateIdsRequest, GetLocalListVersionRequest,
    GetLogRequest, HeartbeatRequest, InstallCertificateRequest, LogStatusNotificationRequest,
    MeterValuesRequest, RemoteStartTransactionRequest, RemoteStopTransactionRequest,
    ReserveNowRequest, ResetRequest, SecurityEventNotificationRequest, SendLocalListRequest,
    SetChargingProfileRequest, SignCertificateRequest, SignedFirmwareStatusNotificationRequest,
    SignedUpdateFirmwareRequest, StartTransactionRequest, StatusNotificationRequest,
    StopTransactionRequest, TriggerMessageRequest, UnlockConnectorRequest, UpdateFirmwareRequest>;

template <class Requests>
struct ResponsesOf;
template <class... Requests>
struct ResponsesOf<std::tuple<Requests...>> {
  using type = std::tuple<typename Requests::Response...>;
};

// The responses, in the same order as AllRequests.
using AllResponses = ResponsesOf<AllRequests>::type;

inline constexpr std::size_t k_message_count = 39;
static_assert(std::tuple_size_v<AllRequests> == k_message_count);

}  // namespace ocpp::messages
