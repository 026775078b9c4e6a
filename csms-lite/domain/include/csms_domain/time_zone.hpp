#pragma once
// IANA time zones without the C++20 tzdb: GCC 12's libstdc++ has the <chrono> calendar types but no
// std::chrono::locate_zone / zoned_time (they arrived in GCC 14). We read the compiled TZif files
// every Linux system ships in /usr/share/zoneinfo (RFC 8536), so the rules stay as current as the
// OS's tzdata package, and fall back to the file's POSIX TZ footer for instants after its last
// explicit transition (the "slim" files of recent tzdata have no explicit transitions after 2007).
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms_domain/posix_tz.hpp"
#include "csms_domain/result.hpp"

namespace csms::domain {

// A wall-clock time in some zone, as seconds counted as if the zone were UTC.
using LocalTime = std::chrono::local_seconds;

// What a TZif file says (RFC 8536 §3), reduced to what we use: the UTC offset over time. The
// version 2+ (64-bit) data block is used when present.
struct TzifData {
  int version = 1;                    // 1 for a version-0 file, else 2, 3 or 4
  int initial_utc_offset_s = 0;       // local time type 0: before the first transition
  std::vector<OffsetChange> changes;  // explicit transitions, strictly increasing
  std::string footer;                 // the TZ string, empty when there is none
};

// Parses a TZif file; the error says which part is malformed. Files with leap-second records
// ("right/" zones) are refused: their timestamps are not POSIX seconds.
Result<TzifData> parse_tzif(std::string_view bytes);

class TimeZone {
 public:
  static TimeZone utc();
  static Result<TimeZone> from_tzif(std::string name, std::string_view bytes);
  static Result<TimeZone> from_posix(std::string name, std::string_view rule);

  const std::string& name() const { return name_; }
  // UTC + offset = local time.
  std::chrono::seconds utc_offset(UtcTime at) const;
  LocalTime to_local(UtcTime at) const;
  // The first instant after `after` at which the offset changes, if the zone ever changes again.
  std::optional<UtcTime> next_change(UtcTime after) const;
  // The last instant at or before `at` at which the offset changed.
  std::optional<UtcTime> previous_change(UtcTime at) const;

 private:
  std::string name_;
  int initial_utc_offset_s_ = 0;
  std::vector<OffsetChange> changes_;  // only those that change the offset
  std::optional<UtcTime> rule_from_;   // the last explicit transition of the file
  std::optional<PosixTz> rule_;        // from rule_from_ on (always, when unset)
};

// Loads zones by IANA name from a TZif tree. Names are checked before any file is opened: only
// [A-Za-z0-9_+-./] characters, no empty, "." or ".." component, no leading '/'.
class ZoneDb {
 public:
  explicit ZoneDb(std::filesystem::path root = "/usr/share/zoneinfo") : root_(std::move(root)) {}
  Result<TimeZone> load(std::string_view name) const;

 private:
  std::filesystem::path root_;
};

}  // namespace csms::domain
