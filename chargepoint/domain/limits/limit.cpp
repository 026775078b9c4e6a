#include "domain/limits/limit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace chargepoint::limits {
namespace {

constexpr auto k_source_names = std::to_array<std::pair<LimitSource, std::string_view>>({
    {LimitSource::Hardware, "Hardware"},
    {LimitSource::ChargePointMax, "ChargePointMax"},
    {LimitSource::TxDefault, "TxDefault"},
    {LimitSource::Tx, "Tx"},
    {LimitSource::Schedule, "Schedule"},
    {LimitSource::Solar, "Solar"},
    {LimitSource::SiteLoad, "SiteLoad"},
    {LimitSource::Manual, "Manual"},
    {LimitSource::Contactor, "Contactor"},
    {LimitSource::None, "None"},
});

bool same_limit(const std::optional<Limit>& a, const std::optional<Limit>& b, MergeRule rule) {
  if (!a || !b) return a.has_value() == b.has_value();
  if (rule == MergeRule::SameLimitAndSource) return *a == *b;
  return a->current_a == b->current_a && a->phases == b->phases;
}

}  // namespace

std::string_view to_string(LimitSource source) {
  for (const auto& [value, name] : k_source_names) {
    if (value == source) return name;
  }
  return "None";
}

std::optional<LimitSource> limit_source_from_string(std::string_view text) {
  for (const auto& [value, name] : k_source_names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::optional<Limit> limit_at(const Schedule& schedule, common::WallTime at) {
  const auto after =
      std::upper_bound(schedule.begin(), schedule.end(), at,
                       [](common::WallTime t, const Period& p) { return t < p.start; });
  if (after == schedule.begin()) return std::nullopt;
  return std::prev(after)->limit;
}

std::optional<common::WallTime> next_change_after(const Schedule& schedule,
                                                  common::WallTime after) {
  const auto next =
      std::upper_bound(schedule.begin(), schedule.end(), after,
                       [](common::WallTime t, const Period& p) { return t < p.start; });
  if (next == schedule.end()) return std::nullopt;
  return next->start;
}

Schedule merge_adjacent(const Schedule& schedule, MergeRule rule) {
  Schedule merged;
  for (const auto& period : schedule) {
    if (!merged.empty() && same_limit(merged.back().limit, period.limit, rule)) continue;
    merged.push_back(period);
  }
  return merged;
}

double truncate_to_tenth(double value) {
  if (!std::isfinite(value) || value <= 0.0) return 0.0;
  return std::floor(value * 10.0 + 1e-6) / 10.0;
}

}  // namespace chargepoint::limits
