#include "csms_domain/time_zone.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace csms::domain {
namespace {

using namespace std::chrono;

int year_of(UtcTime at) {
  return static_cast<int>(year_month_day{floor<days>(at)}.year());
}

}  // namespace

TimeZone TimeZone::utc() {
  TimeZone zone;
  zone.name_ = "UTC";
  return zone;
}

Result<TimeZone> TimeZone::from_tzif(std::string name, std::string_view bytes) {
  auto data = parse_tzif(bytes);
  if (!data) return Error{name + ": " + data.error()};
  TimeZone zone;
  zone.name_ = std::move(name);
  zone.initial_utc_offset_s_ = data->initial_utc_offset_s;
  int current = zone.initial_utc_offset_s_;
  for (const auto& change : data->changes) {
    // Changes of abbreviation or isdst alone do not move local time.
    if (change.utc_offset_s != current) zone.changes_.push_back(change);
    current = change.utc_offset_s;
  }
  if (!data->changes.empty()) zone.rule_from_ = data->changes.back().at;
  if (!data->footer.empty()) {
    auto rule = parse_posix_tz(data->footer);
    if (!rule) return Error{zone.name_ + ": TZif footer: " + rule.error()};
    zone.rule_ = *rule;
  }
  return zone;
}

Result<TimeZone> TimeZone::from_posix(std::string name, std::string_view rule) {
  auto parsed = parse_posix_tz(rule);
  if (!parsed) return Error{parsed.error()};
  TimeZone zone;
  zone.name_ = std::move(name);
  zone.initial_utc_offset_s_ = parsed->std_utc_offset_s;
  zone.rule_ = *parsed;
  return zone;
}

seconds TimeZone::utc_offset(UtcTime at) const {
  // RFC 8536 §3.3: the footer governs instants after the last transition (all of them when the
  // file has none).
  if (rule_ && (!rule_from_ || at >= *rule_from_)) return seconds{posix_offset_at(*rule_, at)};
  const auto after = std::upper_bound(changes_.begin(), changes_.end(), at,
                                      [](UtcTime t, const OffsetChange& c) { return t < c.at; });
  if (after == changes_.begin()) return seconds{initial_utc_offset_s_};
  return seconds{std::prev(after)->utc_offset_s};
}

LocalTime TimeZone::to_local(UtcTime at) const {
  return LocalTime{at.time_since_epoch() + utc_offset(at)};
}

std::optional<UtcTime> TimeZone::next_change(UtcTime after) const {
  const auto explicit_change =
      std::upper_bound(changes_.begin(), changes_.end(), after,
                       [](UtcTime t, const OffsetChange& c) { return t < c.at; });
  if (explicit_change != changes_.end()) return explicit_change->at;
  if (!rule_ || !rule_->dst) return std::nullopt;
  const UtcTime from = rule_from_ ? std::max(after, *rule_from_) : after;
  // A rule with DST changes at least once within any two consecutive years, or never.
  for (int y = year_of(from); y <= year_of(from) + 2; ++y) {
    for (const auto& change : posix_changes_in_year(*rule_, y)) {
      if (change.at <= from) continue;
      if (utc_offset(change.at - seconds{1}) != seconds{change.utc_offset_s}) return change.at;
    }
  }
  return std::nullopt;
}

std::optional<UtcTime> TimeZone::previous_change(UtcTime at) const {
  if (rule_ && rule_->dst && (!rule_from_ || at > *rule_from_)) {
    for (int y = year_of(at); y >= year_of(at) - 2; --y) {
      const auto changes = posix_changes_in_year(*rule_, y);
      for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        if (it->at > at || (rule_from_ && it->at <= *rule_from_)) continue;
        if (utc_offset(it->at - seconds{1}) != seconds{it->utc_offset_s}) return it->at;
      }
    }
  }
  const auto after = std::upper_bound(changes_.begin(), changes_.end(), at,
                                      [](UtcTime t, const OffsetChange& c) { return t < c.at; });
  if (after == changes_.begin()) return std::nullopt;
  return std::prev(after)->at;
}

Result<TimeZone> ZoneDb::load(std::string_view name) const {
  const auto unknown = [&] { return Error{"unknown time zone \"" + std::string(name) + "\""}; };
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/')
    return unknown();
  std::size_t component_start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      const auto component = name.substr(component_start, i - component_start);
      if (component.empty() || component == "." || component == "..") return unknown();
      component_start = i + 1;
      continue;
    }
    const char c = name[i];
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-' || c == '.';
    if (!allowed) return unknown();
  }
  std::ifstream file(root_ / std::filesystem::path(std::string(name)), std::ios::binary);
  if (!file) return unknown();
  // Real zone files are a few kB; a cap keeps a stray large file from being read whole.
  constexpr std::size_t max_bytes = 256 * 1024;
  std::string bytes;
  char buffer[4096];
  while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(file.gcount()));
    if (bytes.size() > max_bytes)
      return Error{"time zone \"" + std::string(name) + "\": file too large"};
  }
  if (bytes.substr(0, 4) != "TZif") return unknown();
  return TimeZone::from_tzif(std::string(name), bytes);
}

}  // namespace csms::domain
