#include "features/core/data_transfer.hpp"

#include <spdlog/spdlog.h>

#include "ocpp/messages/core_status.hpp"

namespace chargepoint::core {

using ocpp::messages::DataTransferRequest;
using ocpp::messages::DataTransferResponse;
using ocpp::messages::DataTransferStatus;

void register_data_transfer(ocpp::Router& router, std::string own_vendor_id) {
  router.on<DataTransferRequest>(
      [vendor = std::move(own_vendor_id)](const DataTransferRequest& request) {
        DataTransferResponse response;
        // §5.6: the vendorId is compared exactly; an unknown vendor answers UnknownVendorId, an
        // unknown messageId of a known vendor UnknownMessageId.
        response.status = request.vendorId == vendor ? DataTransferStatus::UnknownMessageId
                                                     : DataTransferStatus::UnknownVendorId;
        spdlog::info("DataTransfer from vendor '{:.60}' message '{:.60}': {}", request.vendorId,
                     request.messageId.value_or(""), ocpp::messages::to_string(response.status));
        return response;
      });
}

}  // namespace chargepoint::core
