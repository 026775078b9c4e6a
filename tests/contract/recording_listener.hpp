#pragma once
// A hal::ChargerEvents fake that records every event in order, for the contract suite and the
// simulator's own tests.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hal/charger.hpp"

namespace hal::testing {

struct RecordedEvent {
  enum class Kind { state, sample, fault_raised, fault_cleared, link_lost, link_restored };
  Kind kind = Kind::state;
  VehicleState state = VehicleState::unknown;
  MeterSample sample{};
  Fault fault{FaultCode::internal, {}};
  std::string reason;
};

class RecordingListener : public ChargerEvents {
 public:
  using Kind = RecordedEvent::Kind;

  void on_vehicle_state(VehicleState state) override { add(Kind::state).state = state; }
  void on_meter_sample(const MeterSample& sample) override { add(Kind::sample).sample = sample; }
  void on_fault_raised(const Fault& fault) override { add(Kind::fault_raised).fault = fault; }
  void on_fault_cleared(FaultCode code) override { add(Kind::fault_cleared).fault.code = code; }
  void on_link_lost(std::string_view reason) override { add(Kind::link_lost).reason = reason; }
  void on_link_restored() override { add(Kind::link_restored); }

  const std::vector<RecordedEvent>& events() const { return events_; }
  std::size_t size() const { return events_.size(); }
  void clear() { events_.clear(); }

  std::size_t count(Kind kind, std::size_t from = 0) const {
    return static_cast<std::size_t>(
        std::count_if(events_.begin() + static_cast<std::ptrdiff_t>(from), events_.end(),
                      [kind](const auto& event) { return event.kind == kind; }));
  }
  // Everything but meter samples: what must not repeat when a command is repeated.
  std::size_t count_non_samples() const { return events_.size() - count(Kind::sample); }
  // Index of the first event of `kind` at or after `from`, or size() when there is none.
  std::size_t find(Kind kind, std::size_t from = 0) const {
    for (std::size_t i = from; i < events_.size(); ++i)
      if (events_[i].kind == kind) return i;
    return events_.size();
  }
  std::vector<VehicleState> states() const {
    std::vector<VehicleState> result;
    for (const auto& event : events_)
      if (event.kind == Kind::state) result.push_back(event.state);
    return result;
  }
  std::vector<MeterSample> samples() const {
    std::vector<MeterSample> result;
    for (const auto& event : events_)
      if (event.kind == Kind::sample) result.push_back(event.sample);
    return result;
  }
  std::optional<VehicleState> last_state() const {
    for (auto it = events_.rbegin(); it != events_.rend(); ++it)
      if (it->kind == Kind::state) return it->state;
    return std::nullopt;
  }
  std::optional<MeterSample> last_sample() const {
    for (auto it = events_.rbegin(); it != events_.rend(); ++it)
      if (it->kind == Kind::sample) return it->sample;
    return std::nullopt;
  }

 private:
  RecordedEvent& add(Kind kind) {
    events_.emplace_back();
    events_.back().kind = kind;
    return events_.back();
  }

  std::vector<RecordedEvent> events_;
};

}  // namespace hal::testing
