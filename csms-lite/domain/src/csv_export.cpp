#include "csms_domain/csv_export.hpp"

#include <cmath>
#include <cstdio>

#include "csms_domain/money.hpp"

namespace csms::domain {

using namespace std::chrono;

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_text_field(std::string_view value) {
  if (!value.empty() &&
      std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    return csv_field("'" + std::string(value));
  }
  return csv_field(value);
}

void CsvWriter::row(const std::vector<std::string>& escaped_cells) {
  std::string line;
  for (std::size_t i = 0; i < escaped_cells.size(); ++i) {
    if (i > 0) line += ',';
    line += escaped_cells[i];
  }
  line += "\r\n";
  sink_(line);
  ++rows_;
}

std::string local_iso8601(const TimeZone& zone, UtcTime at) {
  const auto local = zone.to_local(at);
  const auto day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss<seconds> time{local - day};
  const auto offset_s = zone.utc_offset(at).count();
  const long long offset_abs = offset_s < 0 ? -offset_s : offset_s;
  char text[128];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02lld:%02lld",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long long>(time.hours().count()),
                static_cast<long long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()), offset_s < 0 ? '-' : '+',
                offset_abs / 3600, (offset_abs % 3600) / 60);
  return text;
}

SessionCsvWriter::SessionCsvWriter(CsvWriter::Sink sink, const TimeZone& zone)
    : writer_(std::move(sink)), zone_(zone) {
  std::vector<std::string> header;
  for (const auto& column : session_csv_columns) header.push_back(csv_field(column));
  writer_.row(header);
}

void SessionCsvWriter::write(const SessionRecord& session) {
  const bool stopped = session.stop.has_value();
  const std::int64_t energy_wh = std::isfinite(session.energy_wh)
                                     ? std::llrint(session.energy_wh)
                                     : 0;  // FE_TONEAREST: half to even
  writer_.row({
      csv_text_field(session.session_id),
      csv_text_field(session.charge_point_id),
      std::to_string(session.connector_id),
      csv_text_field(session.id_tag),
      local_iso8601(zone_, session.start),
      stopped ? local_iso8601(zone_, *session.stop) : "",
      stopped ? std::to_string((*session.stop - session.start).count()) : "",
      format_minor(energy_wh, 3),
      session.cost_minor ? format_minor(*session.cost_minor, session.minor_digits) : "",
      session.cost_minor ? csv_text_field(session.currency) : "",
      stopped ? csv_text_field(session.stop_reason) : "",
  });
}

}  // namespace csms::domain
