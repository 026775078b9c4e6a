#include "features/smart_charging/offer_report.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "features/smart_charging/vendor_reply.hpp"
#include "ocpp/messages/core_status.hpp"
#include "ocpp/types/datetime.hpp"

namespace chargepoint::smart_charging {

namespace {

using ocpp::messages::DataTransferRequest;
using ocpp::messages::DataTransferStatus;

bool idle(const OfferReport& report) {
  return report.limit.current_a == 0 && report.limit.source == limits::LimitSource::None &&
         report.detail.empty();
}

}  // namespace

std::string offered_limit_data(const OfferReport& report) {
  nlohmann::json data{{"connectorId", report.connector_id},
                      {"limit_a", limits::truncate_to_tenth(report.limit.current_a)},
                      {"source", limits::to_string(report.limit.source)},
                      {"phases", report.limit.phases}};
  if (report.next_change) {
    const auto whole = std::chrono::ceil<std::chrono::seconds>(*report.next_change);
    data["next_change"] =
        ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(whole)).to_string();
  }
  if (!report.detail.empty()) data["detail"] = report.detail;
  return data.dump();
}

OfferReporter::OfferReporter(const ConfigurationStore& config, common::TimerFactory& timers,
                             const common::Clock& clock, std::string vendor_id)
    : config_(config),
      clock_(clock),
      vendor_id_(std::move(vendor_id)),
      delay_timer_(timers.make_timer()) {}

bool OfferReporter::enabled() const {
  return config_.get_bool(k_offered_limit_report_key);
}

void OfferReporter::attach(ocpp::Session* session) {
  if (session == session_) return;
  session_ = session;
  ++generation_;
  unsupported_ = false;
  in_flight_ = false;  // a call of the old session resolves as ConnectionClosed, ignored below
  last_sent_.reset();
  delay_timer_->cancel();
  // A new central system (or the same after a gap) learns the present, unless it is the idle
  // state it assumes anyway.
  if (session_ && latest_ && !idle(*latest_)) send_if_due();
}

void OfferReporter::offer_changed(const OfferReport& report) {
  latest_ = report;
  send_if_due();
}

void OfferReporter::configuration_changed(std::string_view key) {
  if (key != k_offered_limit_report_key) return;
  last_sent_.reset();  // switched on: the present goes out again
  send_if_due();
}

void OfferReporter::send_if_due() {
  if (!session_ || unsupported_ || in_flight_ || !latest_ || !enabled()) return;
  if (last_sent_ == latest_) return;
  const auto now = clock_.now();
  if (last_sent_at_ && now - *last_sent_at_ < k_min_interval) {
    // The hot path (a CT sample a second) never sends more often; the newest state goes out then.
    if (!delay_timer_->armed()) {
      const auto wait =
          std::chrono::ceil<std::chrono::milliseconds>(*last_sent_at_ + k_min_interval - now);
      delay_timer_->start(wait, [this] { send_if_due(); });
    }
    return;
  }
  send();
}

void OfferReporter::send() {
  DataTransferRequest request;
  request.vendorId = vendor_id_;
  request.messageId = k_offered_limit_message_id;
  request.data = offered_limit_data(*latest_);
  in_flight_ = true;
  last_sent_ = latest_;
  last_sent_at_ = clock_.now();
  ++sent_;
  session_->call(request, [this, generation = generation_](
                              const ocpp::CallOutcome<DataTransferRequest::Response>& outcome) {
    if (generation != generation_) return;  // an answer from a connection that has ended
    in_flight_ = false;
    // A central system that never answers DataTransfer costs one call timeout per change, not a
    // retry loop.
    if (vendor_reply(outcome, k_offered_limit_message_id) == VendorReply::NotSupported) {
      unsupported_ = true;
      return;
    }
    send_if_due();
  });
}

}  // namespace chargepoint::smart_charging
