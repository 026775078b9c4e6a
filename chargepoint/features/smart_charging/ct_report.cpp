#include "features/smart_charging/ct_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "features/smart_charging/vendor_reply.hpp"
#include "ocpp/messages/core_status.hpp"
#include "ocpp/types/datetime.hpp"

namespace chargepoint::smart_charging {

namespace {

using ocpp::messages::DataTransferRequest;
using ocpp::messages::DataTransferStatus;

struct ChannelKeys {
  std::string_view name;
  const char* scale_key;
  const char* offset_key;
};
// The order of the report: the site first (what the limits mostly use).
constexpr std::array<ChannelKeys, 3> k_channels{{
    {"site", "EO_CtSiteScale", "EO_CtSiteOffsetA"},
    {"solar", "EO_CtSolarScale", "EO_CtSolarOffsetA"},
    {"vehicle", "EO_CtVehicleScale", "EO_CtVehicleOffsetA"},
}};

std::optional<double> reading_of(const hal::CtReadings& ct, std::size_t channel) {
  switch (channel) {
    case 0:
      return ct.site_a;
    case 1:
      return ct.solar_a;
    default:
      return ct.vehicle_a;
  }
}

double hundredths(double amps) {
  return std::round(amps * 100.0) / 100.0;
}

double decimal_key(const ConfigurationStore& config, const char* key, double fallback) {
  const auto text = config.get(key).value_or("");
  double value = fallback;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} ? value : fallback;  // validated by the store: only a missing key
}

}  // namespace

std::string ct_readings_data(common::WallTime timestamp,
                             std::span<const CtChannelReading> channels) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : channels) {
    list.push_back({{"channel", c.channel},
                    {"current_a", hundredths(c.current_a)},
                    {"raw_a", hundredths(c.raw_a)}});
  }
  const ocpp::DateTime at(std::chrono::time_point_cast<std::chrono::milliseconds>(timestamp));
  return nlohmann::json{{"timestamp", at.to_string()}, {"channels", list}}.dump();
}

nlohmann::json site_meter_values(common::WallTime timestamp, double site_a) {
  char value[32];
  std::snprintf(value, sizeof value, "%.2f", hundredths(site_a));
  const ocpp::DateTime at(std::chrono::time_point_cast<std::chrono::milliseconds>(timestamp));
  const nlohmann::json sample = {{"value", value},
                                 {"context", "Sample.Periodic"},
                                 {"measurand", "Current.Import"},
                                 {"location", "Inlet"},
                                 {"unit", "A"}};
  return {
      {"connectorId", 0},
      {"meterValue", nlohmann::json::array({{{"timestamp", at.to_string()},
                                             {"sampledValue", nlohmann::json::array({sample})}}})}};
}

double raw_from_calibrated(double current_a, const CtCalibration& calibration) {
  // Scale is at least 0.5 (configuration_keys.cpp), never 0.
  return std::max(0.0, (current_a - calibration.offset_a) / calibration.scale);
}

CtReporter::CtReporter(const ConfigurationStore& config, common::TimerFactory& timers,
                       const common::Clock& clock, std::string vendor_id, bool hal_calibrates)
    : config_(config),
      clock_(clock),
      vendor_id_(std::move(vendor_id)),
      hal_calibrates_(hal_calibrates),
      timer_(timers.make_timer()),
      meter_timer_(timers.make_timer()) {}

CtCalibration CtReporter::calibration_of(std::size_t channel) const {
  if (!hal_calibrates_) return {};
  const auto& keys = k_channels[channel];
  return {decimal_key(config_, keys.scale_key, 1.0), decimal_key(config_, keys.offset_key, 0.0)};
}

void CtReporter::attach(ocpp::Session* session) {
  if (session == session_) return;
  session_ = session;
  ++generation_;
  unsupported_ = false;
  in_flight_ = false;  // a call of the old session resolves as ConnectionClosed, ignored below
  schedule();
  schedule_meter_values();
}

void CtReporter::on_sample(const hal::CtReadings& ct) {
  const auto now = clock_.now();
  for (std::size_t i = 0; i < k_channels.size(); ++i) {
    // The driver calibrated this reading just now with the keys as they are now (a key change
    // reaches the driver at once, before the next sample): the calibration to invert is this one.
    if (const auto amps = reading_of(ct, i)) latest_[i] = Latest{*amps, calibration_of(i), now};
  }
}

void CtReporter::configuration_changed(std::string_view key) {
  if (key == k_ct_report_interval_key) schedule();
  if (key == k_ct_site_meter_values_key || key == "MeterValueSampleInterval")
    schedule_meter_values();
}

std::vector<CtChannelReading> CtReporter::fresh_readings() const {
  const auto now = clock_.now();
  const std::chrono::seconds timeout(config_.get_int("EO_CtReadingTimeoutS"));
  std::vector<CtChannelReading> out;
  for (std::size_t i = 0; i < k_channels.size(); ++i) {
    const auto& latest = latest_[i];
    // A reading from the future (the clock was set back) is as unknown as an old one.
    if (!latest || now - latest->at > timeout || latest->at > now) continue;
    out.push_back(CtChannelReading{k_channels[i].name, latest->current_a,
                                   raw_from_calibrated(latest->current_a, latest->calibration)});
  }
  return out;
}

void CtReporter::schedule() {
  timer_->cancel();
  const auto interval_s = config_.get_int(k_ct_report_interval_key);
  if (!session_ || unsupported_ || interval_s <= 0) return;
  timer_->start(std::chrono::seconds(interval_s), [this] { tick(); });
}

void CtReporter::tick() {
  schedule();              // the next one first: a send that fails must not stop the reports
  if (in_flight_) return;  // the previous report is not answered yet: this one is skipped
  auto channels = fresh_readings();
  if (channels.empty()) return;
  // The newest reading sent (a stale channel is older than every fresh one, a future one is out).
  const auto now = clock_.now();
  common::WallTime newest{};
  for (const auto& latest : latest_) {
    if (latest && latest->at <= now) newest = std::max(newest, latest->at);
  }
  send(std::move(channels), newest);
}

void CtReporter::schedule_meter_values() {
  meter_timer_->cancel();
  const auto interval_s = config_.get_int("MeterValueSampleInterval");
  if (!session_ || !config_.get_bool(k_ct_site_meter_values_key) || interval_s <= 0) return;
  meter_timer_->start(std::chrono::seconds(interval_s), [this] {
    schedule_meter_values();
    send_meter_values();
  });
}

void CtReporter::send_meter_values() {
  const auto channels = fresh_readings();
  if (channels.empty() || channels.front().channel != "site") return;  // no live site reading
  // Not queued, like every reading outside a transaction (metering.hpp): only the present counts.
  session_->call_raw("MeterValues", site_meter_values(latest_[0]->at, channels.front().current_a),
                     [](const auto&) {});
}

void CtReporter::send(std::vector<CtChannelReading> channels, common::WallTime newest) {
  DataTransferRequest request;
  request.vendorId = vendor_id_;
  request.messageId = k_ct_readings_message_id;
  request.data = ct_readings_data(newest, channels);
  in_flight_ = true;
  ++sent_;
  session_->call(request, [this, generation = generation_](
                              const ocpp::CallOutcome<DataTransferRequest::Response>& outcome) {
    if (generation != generation_) return;  // an answer from a connection that has ended
    in_flight_ = false;
    if (vendor_reply(outcome, k_ct_readings_message_id) == VendorReply::NotSupported) {
      unsupported_ = true;
      timer_->cancel();
    }
  });
}

}  // namespace chargepoint::smart_charging
