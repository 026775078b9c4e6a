#include "features/ct_readings.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "features/offered_limit.hpp"

namespace csms {

namespace {

// A CT clamp on a house supply reads at most a few hundred amps; anything past this is garbage.
constexpr double k_max_ct_a = 1000;
constexpr std::size_t k_max_channels = 3;

bool amps(const nlohmann::json& value) {
  return value.is_number() && std::isfinite(value.get<double>()) && value.get<double>() >= 0 &&
         value.get<double>() <= k_max_ct_a;
}

// The error of one channel object, or "" when it is good; `out` is filled then.
std::string parse_channel(const nlohmann::json& item, std::size_t index, CtChannelReport& out) {
  const auto where = "channels[" + std::to_string(index) + "]";
  if (!item.is_object()) return where + " is not a JSON object";
  const auto channel = item.find("channel");
  if (channel == item.end() || !channel->is_string() ||
      std::find(std::begin(k_ct_channels), std::end(k_ct_channels),
                channel->get_ref<const std::string&>()) == std::end(k_ct_channels)) {
    return where + ".channel must be \"site\", \"solar\" or \"vehicle\"";
  }
  const auto current = item.find("current_a");
  if (current == item.end() || !amps(*current))
    return where + ".current_a must be a number of amperes from 0 to 1000";
  const auto raw = item.find("raw_a");
  if (raw != item.end() && !raw->is_null() && !amps(*raw))
    return where + ".raw_a must be a number of amperes from 0 to 1000 when given";
  out.channel = channel->get<std::string>();
  out.current_a = current->get<double>();
  if (raw != item.end() && !raw->is_null()) out.raw_a = raw->get<double>();
  return "";
}

}  // namespace

std::optional<CtReadingsParse> parse_ct_readings(
    const ocpp::messages::DataTransferRequest& request) {
  if (request.vendorId != k_openeo_vendor_id || request.messageId != k_ct_readings_message_id)
    return std::nullopt;
  CtReadingsParse parsed;
  const auto data = nlohmann::json::parse(request.data.value_or(""), nullptr, false);
  if (!data.is_object()) {
    parsed.error = "data is not a JSON object";
    return parsed;
  }
  const auto timestamp = data.find("timestamp");
  const auto when = timestamp != data.end() && timestamp->is_string()
                        ? ocpp::DateTime::parse(timestamp->get<std::string>())
                        : std::nullopt;
  if (!when) {
    parsed.error = "timestamp must be an RFC 3339 date and time";
    return parsed;
  }
  const auto channels = data.find("channels");
  if (channels == data.end() || !channels->is_array() || channels->size() > k_max_channels) {
    parsed.error = "channels must be an array of at most 3 readings";
    return parsed;
  }
  CtReadingsReport report{*when, {}};
  for (std::size_t i = 0; i < channels->size(); ++i) {
    CtChannelReport channel;
    if (auto error = parse_channel(channels->at(i), i, channel); !error.empty()) {
      parsed.error = std::move(error);
      return parsed;
    }
    const bool repeated =
        std::any_of(report.channels.begin(), report.channels.end(),
                    [&channel](const auto& other) { return other.channel == channel.channel; });
    if (repeated) {
      parsed.error = "channel \"" + channel.channel + "\" is given twice";
      return parsed;
    }
    report.channels.push_back(std::move(channel));
  }
  parsed.report = std::move(report);
  return parsed;
}

std::string ct_measurand(std::string_view channel, bool raw) {
  return "ct." + std::string(channel) + (raw ? ".raw" : "");
}

std::vector<store::MeterSample> ct_samples(const std::string& charge_point_id,
                                           const CtReadingsReport& report) {
  std::vector<store::MeterSample> rows;
  const auto at_ms = report.timestamp.time_point().time_since_epoch().count();
  const auto row = [&](std::string measurand, double value) {
    rows.push_back(store::MeterSample{charge_point_id, 0, std::nullopt, std::move(measurand), "",
                                      "A", 0, at_ms,
                                      static_cast<std::int64_t>(std::llround(value * 1000)), 1});
  };
  for (const auto& channel : report.channels) {
    row(ct_measurand(channel.channel, false), channel.current_a);
    if (channel.raw_a) row(ct_measurand(channel.channel, true), *channel.raw_a);
  }
  return rows;
}

}  // namespace csms
