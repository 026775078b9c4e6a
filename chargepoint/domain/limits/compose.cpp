#include "domain/limits/compose.hpp"

#include <algorithm>
#include <vector>

#include "domain/limits/pointwise.hpp"

namespace chargepoint::limits {
namespace {

// The lower of two limits; `a` wins a tie.
Limit lower(const Limit& a, const Limit& b) {
  Limit winner = b.current_a < a.current_a ? b : a;
  winner.phases = std::min(a.phases, b.phases);
  return winner;
}

}  // namespace

Schedule compose(std::span<const Layer> layers, const Limit& hardware, common::WallTime from,
                 std::chrono::seconds horizon) {
  std::vector<Schedule> schedules;
  schedules.reserve(layers.size());
  for (const auto& layer : layers) schedules.push_back(layer.schedule);
  const auto end = from + std::max(horizon, std::chrono::seconds{0});

  const auto offered = detail::pointwise(
      schedules, {}, from, end,
      [&](common::WallTime, std::span<const std::optional<Limit>> values) -> std::optional<Limit> {
        std::optional<Limit> plan, solar;
        for (std::size_t i = 0; i < layers.size(); ++i) {
          const auto& value = values[i];
          if (!value) continue;
          if (layers[i].role == LayerRole::Plan) {
            plan = plan ? lower(*plan, *value) : *value;
          } else if (layers[i].role == LayerRole::Solar) {
            if (!solar || value->current_a > solar->current_a) solar = value;
          }
        }
        // No plan limit means "unlimited": solar cannot raise that.
        if (plan && solar && solar->current_a > plan->current_a) plan = solar;

        std::optional<Limit> result = plan;
        for (std::size_t i = 0; i < layers.size(); ++i) {
          const auto& value = values[i];
          if (layers[i].role != LayerRole::Cap || !value) continue;
          result = result ? lower(*result, *value) : *value;
        }
        return result ? lower(*result, hardware) : hardware;
      });
  return merge_adjacent(offered, MergeRule::SameLimitAndSource);
}

Limit board_limit(const Limit& offered, double hardware_max_a) {
  Limit result = offered;
  if (offered.current_a > hardware_max_a) {
    result.current_a = hardware_max_a;
    result.source = LimitSource::Hardware;
  }
  result.current_a = truncate_to_tenth(result.current_a);
  if (result.current_a < k_min_offer_a) result.current_a = 0.0;
  return result;
}

}  // namespace chargepoint::limits
