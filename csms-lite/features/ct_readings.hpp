#pragma once
// The charge point's CT clamp readings: DataTransfer vendorId "org.eo-ocpp", messageId
// "CtReadings", data `{"timestamp":"2026-11-22T12:00:01.234Z","channels":[{"channel":"site",
// "current_a":23.5,"raw_a":22.4}]}` (defined by the charge point side in docs/smart-charging.md).
// Parsed here, kept as the newest reading per channel in the registry and as a series per channel
// in the meter store (measurands "ct.<channel>" and "ct.<channel>.raw", connector 0).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ocpp/messages/core_status.hpp"
#include "ocpp/types/datetime.hpp"
#include "store/meter_repository.hpp"

namespace csms {

inline constexpr std::string_view k_ct_readings_message_id = "CtReadings";
// The channels a charge point may name: the EO boxes' three clamps.
inline constexpr std::string_view k_ct_channels[] = {"site", "solar", "vehicle"};

struct CtChannelReport {
  std::string channel;  // one of k_ct_channels
  double current_a = 0;
  std::optional<double> raw_a;
};

struct CtReadingsReport {
  ocpp::DateTime timestamp;
  std::vector<CtChannelReport> channels;
};

// nullopt when the DataTransfer is not a CtReadings; an error message when it is one but its data
// is malformed (answered Rejected, so the sender sees its mistake).
struct CtReadingsParse {
  std::optional<CtReadingsReport> report;
  std::string error;
};
std::optional<CtReadingsParse> parse_ct_readings(
    const ocpp::messages::DataTransferRequest& request);

// The measurand a channel's series is stored under: "ct.site", or "ct.site.raw" for the raw one.
std::string ct_measurand(std::string_view channel, bool raw);
// The rows for the meter store (connector 0, unit A): a calibrated and, when given, a raw one per
// channel.
std::vector<store::MeterSample> ct_samples(const std::string& charge_point_id,
                                           const CtReadingsReport& report);

}  // namespace csms
