#include "domain/limits/stacking.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "domain/limits/pointwise.hpp"

namespace chargepoint::limits {
namespace {

using ocpp::messages::ChargingProfilePurpose;
using Group = std::vector<const InstalledProfile*>;

// Where a group's "any profile within its validity window" can change.
void add_validity_bounds(const Group& group, std::vector<common::WallTime>& out) {
  for (const auto* installed : group) {
    if (installed->profile.validFrom) out.emplace_back(installed->profile.validFrom->time_point());
    if (installed->profile.validTo) out.emplace_back(installed->profile.validTo->time_point());
  }
}

bool any_within_validity(const Group& group, common::WallTime at) {
  return std::any_of(group.begin(), group.end(), [&](const InstalledProfile* installed) {
    return within_validity(installed->profile, at);
  });
}

bool applies_to_transaction(const InstalledProfile& installed, const ConnectorContext& connector) {
  if (!connector.transaction_start) return false;
  const auto& wanted = installed.profile.transactionId;
  return !wanted || wanted == connector.transaction_id;
}

}  // namespace

bool within_validity(const ocpp::messages::ChargingProfile& profile, common::WallTime at) {
  if (profile.validFrom && at < common::WallTime{profile.validFrom->time_point()}) return false;
  if (profile.validTo && at >= common::WallTime{profile.validTo->time_point()}) return false;
  return true;
}

Schedule stack_profiles(std::span<const InstalledProfile* const> group,
                        const ExpandContext& context, common::WallTime from,
                        std::chrono::seconds horizon) {
  Group by_level(group.begin(), group.end());
  std::stable_sort(by_level.begin(), by_level.end(),
                   [](const InstalledProfile* a, const InstalledProfile* b) {
                     return a->profile.stackLevel > b->profile.stackLevel;
                   });
  std::vector<Schedule> expanded;
  expanded.reserve(by_level.size());
  for (const auto* installed : by_level) {
    expanded.push_back(expand_profile(*installed, context, from, horizon));
  }
  const auto stacked = detail::pointwise(
      expanded, {}, from, from + horizon,
      [](common::WallTime, std::span<const std::optional<Limit>> values) -> std::optional<Limit> {
        // expand_profile already leaves a gap outside the validity window, so the first limit in
        // stack order is the highest valid level with a period here.
        for (const auto& value : values) {
          if (value) return value;
        }
        return std::nullopt;
      });
  return merge_adjacent(stacked, MergeRule::SameLimitAndSource);
}

OcppLayers ocpp_layers(std::span<const InstalledProfile> profiles,
                       const ConnectorContext& connector, const BoxRating& box,
                       common::WallTime now, TxProfileEnd tx_profile_end, common::WallTime from,
                       std::chrono::seconds horizon) {
  Group charge_point_max, tx_default_box, tx_default_own, tx;
  for (const auto& installed : profiles) {
    switch (installed.profile.chargingProfilePurpose) {
      case ChargingProfilePurpose::ChargePointMaxProfile:
        if (installed.connector_id == 0) charge_point_max.push_back(&installed);
        break;
      case ChargingProfilePurpose::TxDefaultProfile:
        if (installed.connector_id == 0)
          tx_default_box.push_back(&installed);
        else if (installed.connector_id == connector.connector_id) {
          tx_default_own.push_back(&installed);
        }
        break;
      case ChargingProfilePurpose::TxProfile:
        if (installed.connector_id == connector.connector_id && connector.connector_id > 0 &&
            applies_to_transaction(installed, connector)) {
          tx.push_back(&installed);
        }
        break;
    }
  }
  const ExpandContext context{now, connector.transaction_start, box};
  OcppLayers layers;
  layers.charge_point_max = stack_profiles(charge_point_max, context, from, horizon);

  const std::array<Schedule, 3> plans{stack_profiles(tx, context, from, horizon),
                                      stack_profiles(tx_default_own, context, from, horizon),
                                      stack_profiles(tx_default_box, context, from, horizon)};
  std::vector<common::WallTime> bounds;
  add_validity_bounds(tx, bounds);
  add_validity_bounds(tx_default_own, bounds);
  const auto plan = detail::pointwise(
      plans, bounds, from, from + horizon,
      [&](common::WallTime at,
          std::span<const std::optional<Limit>> values) -> std::optional<Limit> {
        const auto& tx_limit = values[0];
        if (tx_limit) return tx_limit;
        if (tx_profile_end == TxProfileEnd::KeepsOverruling && any_within_validity(tx, at)) {
          return std::nullopt;
        }
        return any_within_validity(tx_default_own, at) ? values[1] : values[2];
      });
  layers.plan = merge_adjacent(plan, MergeRule::SameLimitAndSource);
  return layers;
}

}  // namespace chargepoint::limits
