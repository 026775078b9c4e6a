#pragma once
// Sessions as CSV (RFC 4180), written row by row to a sink so that an export of years of sessions
// never has to exist as one string: the HTTP layer can stream each chunk as it comes.
//
// RFC 4180 §2: CRLF line ends; a field holding a comma, a double quote, CR or LF is enclosed in
// double quotes and its double quotes are doubled. Spreadsheet formula injection (OWASP "CSV
// injection"): a text cell that starts with = + - @, a tab or CR is prefixed with ' so that Excel,
// LibreOffice and Google Sheets show it as text. Numbers we format ourselves are left alone.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "csms_domain/time_zone.hpp"
#include "csms_domain/totals.hpp"

namespace csms::domain {

// One cell as RFC 4180 wants it.
std::string csv_field(std::string_view value);
// A cell holding text from a user or a charge point: neutralised, then csv_field.
std::string csv_text_field(std::string_view value);

class CsvWriter {
 public:
  using Sink = std::function<void(std::string_view chunk)>;
  explicit CsvWriter(Sink sink) : sink_(std::move(sink)) {}
  // Cells already escaped (csv_field / csv_text_field); the row ends with CRLF.
  void row(const std::vector<std::string>& escaped_cells);
  std::size_t rows() const { return rows_; }

 private:
  Sink sink_;
  std::size_t rows_ = 0;
};

// The columns, in order.
inline const std::vector<std::string> session_csv_columns = {
    "session_id", "charge_point", "connector", "id_tag",   "start_local", "stop_local",
    "duration_s", "energy_kwh",   "cost",      "currency", "stop_reason"};

// Writes the header on construction, then one row per session: times as local ISO 8601 with the
// offset in force ("2026-03-29T00:30:00+00:00"), duration in whole seconds, energy in kWh with
// three decimals (rounded half to even to the Wh), cost in the major unit ("12.34"). A running
// session has empty stop, duration and stop reason; one without a tariff, empty cost and currency.
class SessionCsvWriter {
 public:
  // `zone` must outlive the writer.
  SessionCsvWriter(CsvWriter::Sink sink, const TimeZone& zone);
  void write(const SessionRecord& session);

 private:
  CsvWriter writer_;
  const TimeZone& zone_;
};

// "2026-03-29T02:30:00+01:00".
std::string local_iso8601(const TimeZone& zone, UtcTime at);

}  // namespace csms::domain
