#include "features/smart_charging/vendor_reply.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint::smart_charging {

VendorReply vendor_reply(
    const ocpp::CallOutcome<ocpp::messages::DataTransferRequest::Response>& outcome,
    std::string_view message_id) {
  using ocpp::messages::DataTransferStatus;
  if (!outcome.ok()) {
    spdlog::debug("{} DataTransfer failed: {}", message_id,
                  ocpp::rpc::to_string(outcome.error().kind));
    return VendorReply::Failed;
  }
  if (outcome->status == DataTransferStatus::UnknownVendorId ||
      outcome->status == DataTransferStatus::UnknownMessageId) {
    spdlog::info(
        "the central system does not take the {} DataTransfer ({}); not sent again on this "
        "connection",
        message_id, ocpp::messages::to_string(outcome->status));
    return VendorReply::NotSupported;
  }
  return VendorReply::Answered;
}

}  // namespace chargepoint::smart_charging
