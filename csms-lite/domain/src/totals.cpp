#include "csms_domain/totals.hpp"

#include <cstdio>

#include "csms_domain/money.hpp"
#include "csms_domain/weekly_plan.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;

year_month_day local_date(const TimeZone& zone, UtcTime at) {
  return year_month_day{floor<days>(zone.to_local(at))};
}

// Local day → share of the session's sampled energy; {start day: 1} without usable samples.
std::map<sys_days, long double> day_shares(const SessionRecord& session, const TimeZone& zone) {
  // Each local day of the week is a slot, so spans_between cuts the intervals at local midnights
  // with the same wall-clock rules as plans and tariffs.
  static const std::vector<WeekSpan> day_spans = [] {
    std::vector<WeekSpan> spans;
    for (int d = 0; d < 7; ++d)
      spans.push_back({d * 86400, (d + 1) * 86400, 0.0, static_cast<std::size_t>(d)});
    return spans;
  }();
  std::map<sys_days, long double> energy;
  long double total = 0.0L;
  for (std::size_t i = 1; i < session.samples.size(); ++i) {
    const auto& a = session.samples[i - 1];
    const auto& b = session.samples[i];
    const long double delta = static_cast<long double>(b.energy_wh) - a.energy_wh;
    if (b.at <= a.at || !(delta > 0.0L)) continue;  // out of order or no energy: nothing to weigh
    const auto length_s = static_cast<long double>((b.at - a.at).count());
    for (const auto& piece : spans_between(day_spans, zone, a.at, b.at)) {
      const long double part =
          delta * static_cast<long double>((piece.end - piece.start).count()) / length_s;
      energy[sys_days{local_date(zone, piece.start)}] += part;
      total += part;
    }
  }
  if (!(total > 0.0L)) return {{sys_days{local_date(zone, session.start)}, 1.0L}};
  for (auto& [day, share] : energy) share /= total;
  return energy;
}

year_month_day bucket_start(year_month_day day, TotalsPeriod period) {
  switch (period) {
    case TotalsPeriod::Day:
      return day;
    case TotalsPeriod::Week: {
      const sys_days d{day};
      return year_month_day{d - days{weekday{d}.iso_encoding() - 1}};
    }
    case TotalsPeriod::Month:
      return day.year() / day.month() / 1;
  }
  return day;
}

std::string label_of(year_month_day first, TotalsPeriod period) {
  char text[64];
  const int y = static_cast<int>(first.year());
  const auto m = static_cast<unsigned>(first.month());
  const auto d = static_cast<unsigned>(first.day());
  switch (period) {
    case TotalsPeriod::Week:
      return iso_week_label(first);
    case TotalsPeriod::Month:
      std::snprintf(text, sizeof text, "%04d-%02u", y, m);
      return text;
    case TotalsPeriod::Day:
      break;
  }
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
  return text;
}

}  // namespace

std::string iso_week_label(year_month_day day) {
  const sys_days d{day};
  const sys_days thursday = d - days{weekday{d}.iso_encoding()} + days{4};
  const year_month_day thursday_date{thursday};
  const sys_days jan1{thursday_date.year() / January / 1};
  const auto week = (thursday - jan1).count() / 7 + 1;
  char text[64];
  std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(thursday_date.year()),
                static_cast<int>(week));
  return text;
}

std::vector<PeriodTotal> totals(std::span<const SessionRecord> sessions, const TimeZone& zone,
                                TotalsPeriod period) {
  std::map<sys_days, PeriodTotal> buckets;
  const auto bucket = [&](year_month_day day) -> PeriodTotal& {
    const auto first = bucket_start(day, period);
    auto [it, inserted] = buckets.try_emplace(sys_days{first});
    if (inserted) {
      it->second.first_day = first;
      it->second.label = label_of(first, period);
    }
    return it->second;
  };
  for (const auto& session : sessions) {
    bucket(local_date(zone, session.start)).sessions += 1;
    const auto shares = day_shares(session, zone);
    std::vector<long double> weights;
    for (const auto& [day, share] : shares) weights.push_back(share);
    const auto cost_parts = session.cost_minor
                                ? split_largest_remainder(*session.cost_minor, weights)
                                : std::vector<std::int64_t>(weights.size(), 0);
    std::size_t k = 0;
    for (const auto& [day, share] : shares) {
      auto& total = bucket(year_month_day{day});
      total.energy_wh += static_cast<double>(static_cast<long double>(session.energy_wh) * share);
      if (session.cost_minor) total.cost_minor[session.currency] += cost_parts[k];
      ++k;
    }
  }
  std::vector<PeriodTotal> result;
  for (auto& [day, total] : buckets) result.push_back(std::move(total));
  return result;
}

}  // namespace csms::domain
