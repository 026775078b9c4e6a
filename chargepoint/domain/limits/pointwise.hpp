#pragma once
// Combines schedules instant by instant: the result can only change where an input changes, so it
// is enough to evaluate the combination at `from` and at every input boundary inside the window.
#include <algorithm>
#include <span>
#include <vector>

#include "domain/limits/limit.hpp"

namespace chargepoint::limits::detail {

// `combine(at, values)` gets each input's limit at `at`, in input order. Boundaries in
// `extra_breakpoints` (validity windows, which are not periods) are evaluated too. The result
// starts at `from`, covers [from, end) and is not merged.
template <class Combine>
Schedule pointwise(std::span<const Schedule> inputs,
                   std::span<const common::WallTime> extra_breakpoints, common::WallTime from,
                   common::WallTime end, Combine&& combine) {
  std::vector<common::WallTime> breakpoints{from};
  for (const auto& schedule : inputs) {
    for (const auto& period : schedule) {
      if (period.start > from && period.start < end) breakpoints.push_back(period.start);
    }
  }
  for (const auto at : extra_breakpoints) {
    if (at > from && at < end) breakpoints.push_back(at);
  }
  std::sort(breakpoints.begin(), breakpoints.end());
  breakpoints.erase(std::unique(breakpoints.begin(), breakpoints.end()), breakpoints.end());

  Schedule result;
  result.reserve(breakpoints.size());
  std::vector<std::optional<Limit>> values(inputs.size());
  for (const auto at : breakpoints) {
    for (std::size_t i = 0; i < inputs.size(); ++i) values[i] = limit_at(inputs[i], at);
    result.push_back({at, combine(at, std::span<const std::optional<Limit>>(values))});
  }
  return result;
}

}  // namespace chargepoint::limits::detail
