#include "csms_domain/tariff.hpp"

#include <algorithm>
#include <cmath>

#include "csms_domain/money.hpp"
#include "csms_domain/weekly_plan.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;

const std::vector<weekday> every_day = {Monday, Tuesday,  Wednesday, Thursday,
                                        Friday, Saturday, Sunday};
constexpr std::int64_t max_price_micros = 1'000'000LL * 1'000'000;

std::vector<WeekSpan> tariff_spans(const Tariff& tariff) {
  std::vector<WeekSpan> spans;
  for (std::size_t i = 0; i < tariff.periods.size(); ++i) {
    const auto& p = tariff.periods[i];
    append_week_spans(spans, p.days.empty() ? every_day : p.days, p.start, p.end, 0.0, i);
  }
  sort_week_spans(spans);
  return spans;
}

std::string sample_text(std::size_t i) {
  return "samples[" + std::to_string(i) + "]";
}

}  // namespace

std::vector<std::string> tariff_errors(const Tariff& tariff) {
  std::vector<std::string> errors;
  if (tariff.id.empty()) errors.push_back("id: empty");
  if (tariff.version < 1) errors.push_back("version: must be 1 or more");
  const bool iso_currency =
      tariff.currency.size() == 3 && std::all_of(tariff.currency.begin(), tariff.currency.end(),
                                                 [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!iso_currency)
    errors.push_back("currency: \"" + tariff.currency + "\" is not an ISO 4217 code");
  if (tariff.minor_digits < 0 || tariff.minor_digits > 4)
    errors.push_back("minor_digits: must be 0..4");
  if (tariff.default_price_micros_per_kwh < 0 ||
      tariff.default_price_micros_per_kwh > max_price_micros) {
    errors.push_back("default price: must be 0..1000000 per kWh");
  }
  bool periods_ok = true;
  for (std::size_t i = 0; i < tariff.periods.size(); ++i) {
    const auto& p = tariff.periods[i];
    const std::string where = "periods[" + std::to_string(i) + "]: ";
    auto found = slot_errors(p.days.empty() ? every_day : p.days, p.start, p.end, where);
    if (p.price_micros_per_kwh < 0 || p.price_micros_per_kwh > max_price_micros) {
      found.push_back(where + "price must be 0..1000000 per kWh");
    }
    if (!found.empty()) periods_ok = false;
    errors.insert(errors.end(), found.begin(), found.end());
  }
  if (!periods_ok) return errors;
  const auto overlaps = overlap_errors(tariff_spans(tariff), [&](std::size_t i) {
    const auto& p = tariff.periods[i];
    return "periods[" + std::to_string(i) + "] (" +
           describe_slot(p.days.empty() ? every_day : p.days, p.start, p.end) + ")";
  });
  errors.insert(errors.end(), overlaps.begin(), overlaps.end());
  return errors;
}

const Tariff* tariff_in_force(std::span<const Tariff> versions, std::string_view id,
                              UtcTime session_start) {
  const Tariff* best = nullptr;
  for (const auto& tariff : versions) {
    if (tariff.id != id || tariff.effective_from > session_start) continue;
    if (!best || tariff.version > best->version) best = &tariff;
  }
  return best;
}

Result<SessionCost> session_cost(std::span<const EnergySample> samples, const Tariff& tariff,
                                 const TimeZone& zone) {
  if (const auto errors = tariff_errors(tariff); !errors.empty())
    return Error{"tariff " + errors.front()};
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (!std::isfinite(samples[i].energy_wh))
      return Error{sample_text(i) + ": energy is not a number"};
    if (i == 0) continue;
    if (samples[i].at <= samples[i - 1].at) {
      return Error{sample_text(i) + ": not after " + sample_text(i - 1)};
    }
    if (samples[i].energy_wh < samples[i - 1].energy_wh) {
      return Error{sample_text(i) + ": energy register went down from " +
                   std::to_string(samples[i - 1].energy_wh) + " to " +
                   std::to_string(samples[i].energy_wh) + " Wh"};
    }
  }
  SessionCost cost{tariff.id, tariff.version, tariff.currency, tariff.minor_digits, 0.0, 0, {}};
  if (samples.size() < 2) return cost;

  const auto spans = tariff_spans(tariff);
  // Energy per line, exact; line k ↔ lines[k], found by period index (default: nullopt).
  std::vector<long double> energy_wh;
  const auto line_for = [&](std::optional<std::size_t> period) -> std::size_t {
    for (std::size_t k = 0; k < cost.lines.size(); ++k) {
      if (cost.lines[k].period == period) return k;
    }
    CostLine line;
    line.period = period;
    line.label = period ? tariff.periods[*period].label : "Standard";
    line.price_micros_per_kwh =
        period ? tariff.periods[*period].price_micros_per_kwh : tariff.default_price_micros_per_kwh;
    cost.lines.push_back(line);
    energy_wh.push_back(0.0L);
    return cost.lines.size() - 1;
  };
  for (std::size_t i = 1; i < samples.size(); ++i) {
    const UtcTime from = samples[i - 1].at;
    const UtcTime to = samples[i].at;
    const long double delta_wh =
        static_cast<long double>(samples[i].energy_wh) - samples[i - 1].energy_wh;
    const auto total_s = static_cast<long double>((to - from).count());
    // Walk the interval in time order so lines appear in the order they were used.
    UtcTime cursor = from;
    const auto attribute = [&](std::optional<std::size_t> period, UtcTime begin, UtcTime end) {
      energy_wh[line_for(period)] +=
          delta_wh * static_cast<long double>((end - begin).count()) / total_s;
    };
    for (const auto& piece : spans_between(spans, zone, from, to)) {
      if (piece.start > cursor) attribute(std::nullopt, cursor, piece.start);
      attribute(piece.window, piece.start, piece.end);
      cursor = piece.end;
    }
    if (cursor < to) attribute(std::nullopt, cursor, to);
  }
  // minor units = Wh / 1000 × micros / 10^6 × 10^digits
  const long double to_minor = static_cast<long double>(pow10(tariff.minor_digits)) / 1e9L;
  std::vector<long double> exact_minor;
  long double exact_total = 0.0L;
  for (std::size_t k = 0; k < cost.lines.size(); ++k) {
    exact_minor.push_back(energy_wh[k] *
                          static_cast<long double>(cost.lines[k].price_micros_per_kwh) * to_minor);
    exact_total += exact_minor.back();
    cost.lines[k].energy_wh = static_cast<double>(energy_wh[k]);
  }
  // Far beyond any real session, and beyond what an int64 of minor units holds after scaling.
  if (!(std::fabs(exact_total) < 1e12L))
    return Error{"cost out of range: check the energy samples"};
  cost.total_minor = round_half_even(exact_total);
  const auto parts = split_largest_remainder(cost.total_minor, exact_minor);
  for (std::size_t k = 0; k < cost.lines.size(); ++k) cost.lines[k].cost_minor = parts[k];
  cost.energy_wh = samples.back().energy_wh - samples.front().energy_wh;
  return cost;
}

}  // namespace csms::domain
