#include "domain/meter_transaction_data.hpp"

#include <algorithm>
#include <limits>

namespace chargepoint {
namespace {

using ocpp::messages::Measurand;
using ocpp::messages::MeterValue;
using ocpp::messages::ReadingContext;

// Lower ranks are dropped first.
int keep_rank(const MeterValue& value) {
  const auto context =
      value.sampledValue.empty() ? std::nullopt : value.sampledValue.front().context;
  switch (
      context.value_or(ReadingContext::SamplePeriodic)) {  // absent means Sample.Periodic (§7.45)
    case ReadingContext::SamplePeriodic:
      return 0;
    case ReadingContext::SampleClock:
      return 1;
    case ReadingContext::TransactionBegin:
    case ReadingContext::TransactionEnd:
      return 3;
    default:  // Trigger, Interruption.Begin/End, Other: rare and telling
      return 2;
  }
}

std::vector<Measurand> merged(const std::vector<Measurand>& first,
                              const std::vector<Measurand>& second) {
  auto all = first;
  for (const auto measurand : second) {
    if (std::find(all.begin(), all.end(), measurand) == all.end()) all.push_back(measurand);
  }
  return all;
}

}  // namespace

TransactionMeterData::TransactionMeterData(std::vector<Measurand> sampled,
                                           std::vector<Measurand> aligned, std::size_t max_entries)
    : sampled_(std::move(sampled)),
      aligned_(std::move(aligned)),
      both_(merged(sampled_, aligned_)),
      max_entries_(std::max<std::size_t>(max_entries, 2)) {}

void TransactionMeterData::on_begin(const MeterSnapshot& snapshot) {
  if (auto value = build_meter_value(snapshot, both_, ReadingContext::TransactionBegin))
    add(std::move(*value));
}

void TransactionMeterData::on_periodic(const MeterSnapshot& snapshot) {
  if (auto value = build_meter_value(snapshot, sampled_, ReadingContext::SamplePeriodic))
    add(std::move(*value));
}

void TransactionMeterData::on_aligned(const MeterSnapshot& snapshot) {
  if (auto value = build_meter_value(snapshot, aligned_, ReadingContext::SampleClock))
    add(std::move(*value));
}

void TransactionMeterData::on_end(const MeterSnapshot& snapshot) {
  if (auto value = build_meter_value(snapshot, both_, ReadingContext::TransactionEnd))
    add(std::move(*value));
}

void TransactionMeterData::add(MeterValue value) {
  entries_.push_back(std::move(value));
  while (entries_.size() > max_entries_) drop_one();
}

void TransactionMeterData::drop_one() {
  // Candidates: everything between the first and the newest entry (max_entries_ >= 2 guarantees
  // some).
  std::size_t victim = 1;
  int victim_rank = std::numeric_limits<int>::max();
  auto victim_gap = ocpp::TimePoint::duration::max();
  for (std::size_t i = 1; i + 1 < entries_.size(); ++i) {
    const int rank = keep_rank(entries_[i]);
    const auto gap =
        entries_[i + 1].timestamp.time_point() - entries_[i - 1].timestamp.time_point();
    if (rank < victim_rank || (rank == victim_rank && gap < victim_gap)) {
      victim = i;
      victim_rank = rank;
      victim_gap = gap;
    }
  }
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(victim));
  ++dropped_;
}

std::optional<std::vector<MeterValue>> TransactionMeterData::transaction_data() const {
  if (entries_.empty()) return std::nullopt;
  return entries_;
}

}  // namespace chargepoint
