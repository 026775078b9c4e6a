#pragma once
// DataTransfer from the central system (OCPP 1.6 §5.6). This charge point has no vendor extensions
// yet: every vendor is unknown except our own, whose message ids are all unknown.
#include <string>

#include "ocpp/router.hpp"

namespace chargepoint::core {

void register_data_transfer(ocpp::Router& router, std::string own_vendor_id);

}  // namespace chargepoint::core
