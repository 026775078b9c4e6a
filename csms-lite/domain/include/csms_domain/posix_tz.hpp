#pragma once
// The POSIX TZ rule string ("GMT0BST,M3.5.0/1,M10.5.0") as RFC 8536 §3.3 uses it in a TZif footer:
// the zone's rule for every instant after the file's last explicit transition. Extensions of
// RFC 8536 §3.3.1 accepted: <+03>-style quoted names, transition times from -167 to 167 hours.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms_domain/result.hpp"

namespace csms::domain {

// One of the three POSIX date forms: Jn (1..365, 29 February never counted), n (0..365, counted),
// Mm.w.d (day d (0 = Sunday) of week w (1..5, 5 = the last) of month m).
struct PosixDate {
  enum class Kind { JulianNoLeap, JulianZero, MonthWeekDay };
  Kind kind = Kind::MonthWeekDay;
  int day = 0;  // Jn / n: the number; Mm.w.d: d
  int month = 0;
  int week = 0;
  friend bool operator==(const PosixDate&, const PosixDate&) = default;
};

struct PosixDst {
  std::string name;
  int utc_offset_s = 0;  // east of Greenwich positive (POSIX writes the opposite sign)
  PosixDate start;
  int start_time_s = 7200;  // local (standard) time of day the change happens; POSIX default 02:00
  PosixDate end;
  int end_time_s = 7200;  // local (daylight) time of day
  friend bool operator==(const PosixDst&, const PosixDst&) = default;
};

struct PosixTz {
  std::string std_name;
  int std_utc_offset_s = 0;  // east positive
  std::optional<PosixDst> dst;
  friend bool operator==(const PosixTz&, const PosixTz&) = default;
};

// A change of offset: from `at` on, local time is UTC + utc_offset_s.
struct OffsetChange {
  UtcTime at;
  int utc_offset_s = 0;
  friend bool operator==(const OffsetChange&, const OffsetChange&) = default;
};

// Parses a TZ rule; the error names the offending position. A daylight-saving name without rules
// is rejected: POSIX leaves the default rule to the implementation, and TZif footers always spell
// it out.
Result<PosixTz> parse_posix_tz(std::string_view text);

// The rule's offset changes whose instant lies in the UTC calendar year `year`, in time order
// (none without DST). DST all year (RFC 8536 §3.3.1: "EST5EDT,0/0,J365/25") yields no change.
std::vector<OffsetChange> posix_changes_in_year(const PosixTz& tz, int year);

// The offset in force at `at`.
int posix_offset_at(const PosixTz& tz, UtcTime at);

}  // namespace csms::domain
