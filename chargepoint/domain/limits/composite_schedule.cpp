#include "domain/limits/composite_schedule.hpp"

#include <algorithm>
#include <vector>

#include "domain/limits/pointwise.hpp"

namespace chargepoint::limits {
namespace {

using namespace ocpp::messages;
using std::chrono::seconds;

Limit hardware_limit(const BoxRating& box) {
  return {box.max_current_a, box.phases, LimitSource::Hardware};
}

// The whole box: what its connectors draw together, capped by what the box may draw (OCPP 1.6
// §5.7: connector 0 reports "the total expected energy flow of the Charge Point").
Schedule box_offer(const CompositeInputs& inputs, common::WallTime now, common::WallTime from,
                   seconds horizon) {
  std::vector<Schedule> offers;
  for (const auto& connector : inputs.connectors) {
    offers.push_back(connector_offer(inputs, connector, now, from, horizon));
  }
  auto summed = detail::pointwise(
      offers, {}, from, from + horizon,
      [](common::WallTime, std::span<const std::optional<Limit>> values) -> std::optional<Limit> {
        std::optional<Limit> sum;
        for (const auto& value : values) {
          if (!value) continue;
          if (!sum) {
            sum = value;
            continue;
          }
          sum->current_a += value->current_a;
          sum->phases = std::max(sum->phases, value->phases);
        }
        return sum;
      });
  const ConnectorContext box_itself{0, std::nullopt, std::nullopt};
  auto ocpp = ocpp_layers(inputs.profiles, box_itself, inputs.box, now, inputs.tx_profile_end, from,
                          horizon);
  // Without connectors, the box's own TxDefault is the plan.
  const std::vector<Layer> layers{
      {LayerRole::Plan, inputs.connectors.empty() ? std::move(ocpp.plan) : std::move(summed)},
      {LayerRole::Cap, std::move(ocpp.charge_point_max)}};
  return compose(layers, hardware_limit(inputs.box), from, horizon);
}

double in_unit(const Limit& limit, ChargingRateUnit unit, const BoxRating& box) {
  if (unit == ChargingRateUnit::A) return truncate_to_tenth(limit.current_a);
  return truncate_to_tenth(limit.current_a * box.nominal_voltage_v * limit.phases);
}

}  // namespace

Schedule connector_offer(const CompositeInputs& inputs, const ConnectorContext& connector,
                         common::WallTime now, common::WallTime from, seconds horizon) {
  auto ocpp = ocpp_layers(inputs.profiles, connector, inputs.box, now, inputs.tx_profile_end, from,
                          horizon);
  std::vector<Layer> layers{{LayerRole::Cap, std::move(ocpp.charge_point_max)},
                            {LayerRole::Plan, std::move(ocpp.plan)}};
  layers.insert(layers.end(), inputs.local_layers.begin(), inputs.local_layers.end());
  return compose(layers, hardware_limit(inputs.box), from, horizon);
}

GetCompositeScheduleResponse composite_schedule(const GetCompositeScheduleRequest& request,
                                                common::WallTime received_at,
                                                const CompositeInputs& inputs) {
  GetCompositeScheduleResponse response;
  response.status = GetCompositeScheduleStatus::Rejected;
  const auto connector = std::find_if(
      inputs.connectors.begin(), inputs.connectors.end(),
      [&](const ConnectorContext& c) { return c.connector_id == request.connectorId; });
  if (request.duration < 0) return response;
  if (request.connectorId != 0 && connector == inputs.connectors.end()) return response;

  const auto start = std::chrono::floor<seconds>(received_at);
  const seconds horizon{request.duration};
  const auto offered = request.connectorId == 0
                           ? box_offer(inputs, received_at, start, horizon)
                           : connector_offer(inputs, *connector, received_at, start, horizon);

  ChargingSchedule schedule;
  schedule.duration = request.duration;
  schedule.startSchedule =
      ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(start));
  schedule.chargingRateUnit = request.chargingRateUnit.value_or(ChargingRateUnit::A);
  auto& periods = schedule.chargingSchedulePeriod;
  for (const auto& period : offered) {
    if (!period.limit) continue;  // compose() fills every gap; kept for safety
    const auto offset = std::chrono::duration_cast<seconds>(period.start - start);
    const ChargingSchedulePeriod out{static_cast<int>(offset.count()),
                                     in_unit(*period.limit, schedule.chargingRateUnit, inputs.box),
                                     period.limit->phases};
    // Two boundaries within one second: the later one is what holds from that second on.
    if (!periods.empty() && periods.back().startPeriod == out.startPeriod) periods.pop_back();
    if (!periods.empty() && periods.back().limit == out.limit &&
        periods.back().numberPhases == out.numberPhases) {
      continue;
    }
    periods.push_back(out);
  }
  response.status = GetCompositeScheduleStatus::Accepted;
  response.connectorId = request.connectorId;
  response.scheduleStart = schedule.startSchedule;
  response.chargingSchedule = std::move(schedule);
  return response;
}

}  // namespace chargepoint::limits
