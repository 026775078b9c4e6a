#pragma once
// Time-of-day tariffs and what a session cost under one (issue 6).
//
// A tariff is a list of local-time periods of the week with a price per kWh; outside them the
// default price applies. Tariffs are versioned and a version never changes once used: a session
// stores (tariff id, version) and is always costed with that version.
//
// Cost rules:
//   * Energy between two meter samples is spread evenly over the time between them and attributed
//     to the tariff periods by time, so an interval that straddles 07:00 is prorated.
//   * Local time is the zone's wall clock at each instant, as for charging plans: the repeated
//     autumn hour is charged at its period's price twice, the missing spring hour never.
//   * Each line's exact cost = energy_kWh × price; the total is the exact sum rounded once, half to
//     even, to the currency's minor unit; the lines are then rounded so that they add up to the
//     total exactly (largest remainder), so a line may differ from its own rounding by one unit.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "csms_domain/result.hpp"
#include "csms_domain/time_zone.hpp"

namespace csms::domain {

struct TariffPeriod {
  std::vector<std::chrono::weekday> days;  // empty: every day
  std::chrono::minutes start{0};  // local, as for ChargingWindow (end ≤ start crosses midnight)
  std::chrono::minutes end{0};
  std::int64_t price_micros_per_kwh = 0;  // millionths of the major unit: 0.245 GBP = 245000
  std::string label;                      // "Night", shown on the invoice line
};

struct Tariff {
  std::string id;
  int version = 1;
  UtcTime effective_from{};      // the version applies to sessions starting at or after this
  std::string currency = "GBP";  // ISO 4217
  int minor_digits = 2;          // pence
  std::int64_t default_price_micros_per_kwh = 0;
  std::vector<TariffPeriod> periods;
};

// Every problem, each naming the field; empty when the tariff is usable.
std::vector<std::string> tariff_errors(const Tariff& tariff);

// The version of tariff `id` for a session starting at `session_start`: the highest version whose
// effective_from is at or before it; nullptr when none.
const Tariff* tariff_in_force(std::span<const Tariff> versions, std::string_view id,
                              UtcTime session_start);

// A reading of the session's energy register (Energy.Active.Import.Register), in Wh.
struct EnergySample {
  UtcTime at;
  double energy_wh = 0.0;
  friend bool operator==(const EnergySample&, const EnergySample&) = default;
};

struct CostLine {
  std::optional<std::size_t> period;  // index in tariff.periods; nullopt: the default price
  std::string label;                  // the period's label, "Standard" for the default price
  std::int64_t price_micros_per_kwh = 0;
  double energy_wh = 0.0;
  std::int64_t cost_minor = 0;
};

struct SessionCost {
  std::string tariff_id;
  int tariff_version = 0;
  std::string currency;
  int minor_digits = 2;
  double energy_wh = 0.0;  // last sample minus first
  std::int64_t total_minor = 0;
  std::vector<CostLine> lines;  // in the order the periods were first used
};

// Samples must be in time order (strictly), finite, and the register must not go down; the error
// names the sample. One sample (or none) is a session without energy.
Result<SessionCost> session_cost(std::span<const EnergySample> samples, const Tariff& tariff,
                                 const TimeZone& zone);

}  // namespace csms::domain
