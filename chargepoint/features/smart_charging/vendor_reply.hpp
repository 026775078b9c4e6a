#pragma once
// The answer to one of our vendor DataTransfers (OfferedLimit, CtReadings) and what it means for
// sending more of the same on this connection. A central system that does not know our vendor id
// or message id (OCPP 1.6 §5.6: UnknownVendorId / UnknownMessageId) hears no more of that message;
// a failed call is not resent: the next report carries the present.
#include <string_view>

#include "ocpp/messages/core_status.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::smart_charging {

enum class VendorReply { Answered, Failed, NotSupported };

// Logs what it decides, naming `message_id`.
VendorReply vendor_reply(
    const ocpp::CallOutcome<ocpp::messages::DataTransferRequest::Response>& outcome,
    std::string_view message_id);

}  // namespace chargepoint::smart_charging
