#pragma once
// Zones for the tests: Europe/London from the system's TZif file when it is installed (the real
// path), else from its POSIX rule, which is exact for every year since 1996.
#include <chrono>
#include <string>

#include "csms_domain/time_zone.hpp"

namespace csms::domain::testing {

inline TimeZone london() {
  if (auto zone = ZoneDb().load("Europe/London")) return *zone;
  return *TimeZone::from_posix("Europe/London", "GMT0BST,M3.5.0/1,M10.5.0");
}

// 2026-03-29T01:00:00Z style literals for readability.
inline UtcTime utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace csms::domain::testing
