#pragma once
// The charge point's report of the current it offers and why: DataTransfer vendorId "org.eo-ocpp",
// messageId "OfferedLimit", data `{"connectorId":1,"limit_a":16.0,"source":"TxDefault","phases":3,
// "next_change":"2026-11-22T17:00:00Z","detail":"..."}` (defined by the charge point side in
// docs/smart-charging.md). Kept in this one function so the format can follow that document.
#include <optional>
#include <string>

#include "ocpp/messages/core_status.hpp"

namespace csms {

inline constexpr std::string_view k_openeo_vendor_id = "org.eo-ocpp";
inline constexpr std::string_view k_offered_limit_message_id = "OfferedLimit";

struct OfferedLimitReport {
  int connector_id = 0;
  double limit_a = 0;
  std::string source;
  std::optional<int> phases;
  std::optional<std::string> next_change;  // RFC 3339, when the schedule next changes the offer
  std::optional<std::string> detail;       // the reason in words (a stale CT, a held resume)
};

// nullopt when the DataTransfer is not an OfferedLimit; an error message when it is one but its
// data is malformed (answered Rejected, so the sender sees its mistake).
struct OfferedLimitParse {
  std::optional<OfferedLimitReport> report;
  std::string error;
};
std::optional<OfferedLimitParse> parse_offered_limit(
    const ocpp::messages::DataTransferRequest& request);

}  // namespace csms
