// RFC 8536 (TZif) reader, written from the RFC.
#include <algorithm>
#include <cstdint>

#include "csms_domain/time_zone.hpp"

namespace csms::domain {
namespace {

constexpr std::size_t header_size = 44;  // RFC 8536 §3.1

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

std::uint32_t be32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::int64_t be64(std::string_view bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return static_cast<std::int64_t>(value);
}

Result<Header> read_header(std::string_view bytes, std::size_t at) {
  if (bytes.size() < at + header_size) return Error{"TZif: truncated header"};
  if (bytes.substr(at, 4) != "TZif") return Error{"TZif: bad magic (not a TZif file)"};
  Header h;
  h.version = bytes[at + 4];
  if (h.version != '\0' && h.version != '2' && h.version != '3' && h.version != '4') {
    return Error{"TZif: unknown version byte"};
  }
  std::size_t field = at + 20;
  for (std::uint32_t* count :
       {&h.isutcnt, &h.isstdcnt, &h.leapcnt, &h.timecnt, &h.typecnt, &h.charcnt}) {
    *count = be32(bytes, field);
    field += 4;
  }
  // RFC 8536 §3.1: typecnt and charcnt MUST NOT be zero; isutcnt/isstdcnt are zero or typecnt.
  if (h.typecnt == 0 || h.charcnt == 0) return Error{"TZif: no local time types"};
  if (h.typecnt > 256) return Error{"TZif: more than 256 local time types"};
  if ((h.isutcnt != 0 && h.isutcnt != h.typecnt) || (h.isstdcnt != 0 && h.isstdcnt != h.typecnt)) {
    return Error{"TZif: UT/standard indicator count differs from the type count"};
  }
  return h;
}

std::size_t block_size(const Header& h, std::size_t time_size) {
  return std::size_t{h.timecnt} * time_size + h.timecnt + std::size_t{h.typecnt} * 6 + h.charcnt +
         std::size_t{h.leapcnt} * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

Result<TzifData> read_block(std::string_view bytes, std::size_t at, const Header& h,
                            std::size_t time_size, int version) {
  if (h.leapcnt != 0)
    return Error{"TZif: leap-second records are not supported (a \"right/\" zone?)"};
  if (bytes.size() < at + block_size(h, time_size)) return Error{"TZif: truncated data block"};
  const std::size_t times_at = at;
  const std::size_t indices_at = times_at + std::size_t{h.timecnt} * time_size;
  const std::size_t types_at = indices_at + h.timecnt;
  std::vector<int> offsets;
  for (std::uint32_t i = 0; i < h.typecnt; ++i) {
    const auto utoff = static_cast<std::int32_t>(be32(bytes, types_at + i * 6));
    // RFC 8536 §3.2: -2^31 is not allowed; real offsets stay within ±26 h.
    if (utoff < -26 * 3600 || utoff > 26 * 3600) return Error{"TZif: UTC offset out of range"};
    if (static_cast<unsigned char>(bytes[types_at + i * 6 + 5]) >= h.charcnt) {
      return Error{"TZif: abbreviation index out of range"};
    }
    offsets.push_back(utoff);
  }
  TzifData data;
  data.version = version;
  data.initial_utc_offset_s = offsets[0];
  std::int64_t previous = 0;
  for (std::uint32_t i = 0; i < h.timecnt; ++i) {
    const std::int64_t when = time_size == 8
                                  ? be64(bytes, times_at + i * 8)
                                  : static_cast<std::int32_t>(be32(bytes, times_at + i * 4));
    if (i > 0 && when <= previous) return Error{"TZif: transition times not ascending"};
    previous = when;
    const auto type = static_cast<unsigned char>(bytes[indices_at + i]);
    if (type >= h.typecnt) return Error{"TZif: transition type index out of range"};
    // Real files hold times from -2^59 ("the big bang", in some fat files) to 2037; clamping to
    // about ±3000 years keeps the calendar maths on them within std::chrono::year's range.
    constexpr std::int64_t limit_s = 100'000'000'000;
    const std::int64_t clamped = std::clamp(when, -limit_s, limit_s);
    data.changes.push_back({UtcTime{std::chrono::seconds{clamped}}, offsets[type]});
  }
  return data;
}

}  // namespace

Result<TzifData> parse_tzif(std::string_view bytes) {
  auto first = read_header(bytes, 0);
  if (!first) return Error{first.error()};
  if (first->version == '\0') return read_block(bytes, header_size, *first, 4, 1);
  // RFC 8536 §3: version 2+ readers skip the 32-bit block and use the second header and block.
  const std::size_t second_at = header_size + block_size(*first, 4);
  auto second = read_header(bytes, second_at);
  if (!second) return Error{second.error()};
  const int version = second->version - '0';
  auto data = read_block(bytes, second_at + header_size, *second, 8, version);
  if (!data) return data;
  // RFC 8536 §3.3: the footer is "\n" TZ-string "\n".
  const std::size_t footer_at = second_at + header_size + block_size(*second, 8);
  const std::string_view rest = bytes.substr(footer_at);
  if (rest.size() < 2 || rest.front() != '\n') return Error{"TZif: missing footer"};
  const auto end = rest.find('\n', 1);
  if (end == std::string_view::npos) return Error{"TZif: unterminated footer"};
  data.value().footer = std::string(rest.substr(1, end - 1));
  return data;
}

}  // namespace csms::domain
