#pragma once
// Energy and cost totals per local day, ISO week (Monday start) or calendar month (issue 6).
//
// A session that crosses midnight is split between the days by its energy samples, when it has
// any that show energy: each local day gets the share of the sampled energy that fell in it (energy
// between two samples spread evenly over the time between them, as for cost), applied to the
// session's energy and cost; cost shares are rounded so that they add up to the session's cost
// exactly. Without such samples the whole session counts on the local day it started. A session
// counts once, in the bucket where it started.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "csms_domain/tariff.hpp"
#include "csms_domain/time_zone.hpp"

namespace csms::domain {

// A finished or running charging session as csms-lite keeps it.
struct SessionRecord {
  std::string session_id;
  std::string charge_point_id;
  int connector_id = 1;
  std::string id_tag;
  UtcTime start{};
  std::optional<UtcTime> stop;  // absent while the session runs
  double energy_wh = 0.0;
  std::optional<std::int64_t> cost_minor;  // absent when no tariff applied
  std::string currency;                    // of cost_minor
  int minor_digits = 2;
  std::string stop_reason;            // OCPP 1.6 StopTransaction reason; empty while running
  std::vector<EnergySample> samples;  // register readings, in time order (may be empty)
};

enum class TotalsPeriod { Day, Week, Month };

struct PeriodTotal {
  std::chrono::year_month_day first_day;  // local: the day, the ISO week's Monday, the 1st
  std::string label;                      // "2026-03-29", "2026-W13", "2026-03"
  double energy_wh = 0.0;
  std::map<std::string, std::int64_t> cost_minor;  // by currency
  int sessions = 0;                                // started in this period
};

// Buckets with energy, cost or sessions, in time order.
std::vector<PeriodTotal> totals(std::span<const SessionRecord> sessions, const TimeZone& zone,
                                TotalsPeriod period);

// "2026-W13" for a local date: ISO 8601 week numbering (weeks start on Monday; week 1 holds the
// year's first Thursday).
std::string iso_week_label(std::chrono::year_month_day day);

}  // namespace csms::domain
