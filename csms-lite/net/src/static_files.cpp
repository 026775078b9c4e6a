#include "csms/net/static_files.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>

#include <spdlog/spdlog.h>

#include "csms/net/detail/uri.hpp"

namespace csms::net {

namespace fs = std::filesystem;

namespace {

HttpResponse text_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (iequals(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// True when `file` is `root` or below it; both canonical. Compared by components so that
// "/srv/web-private" is not taken to be inside "/srv/web".
bool is_within(const fs::path& file, const fs::path& root) {
  auto file_it = file.begin();
  for (auto root_it = root.begin(); root_it != root.end(); ++root_it, ++file_it) {
    if (file_it == file.end() || *file_it != *root_it) return false;
  }
  return true;
}

std::string make_etag(std::uintmax_t size_bytes, fs::file_time_type modified) {
  std::ostringstream out;
  out << "W/\"" << std::hex << size_bytes << '-' << modified.time_since_epoch().count() << '"';
  return out.str();
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  return detail::trim(if_none_match) == "*" || if_none_match.find(etag) != std::string_view::npos;
}

}  // namespace

std::string_view content_type_for(const fs::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> types{{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  const auto extension = file.extension().string();
  for (const auto& [suffix, type] : types) {
    if (iequals(extension, suffix)) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(fs::canonical(root)) {}

HttpResponse StaticFiles::handle(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    auto response = text_response(405, "Method not allowed\n");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }

  const auto raw_path = detail::path_of(request.target);
  // Encoded dots, slashes and backslashes have no business in a UI path; they are how traversal
  // slips past filters that look at the raw text only, so refuse them before decoding.
  if (raw_path.empty() || raw_path.front() != '/' ||
      raw_path.find('\\') != std::string_view::npos || contains_ci(raw_path, "%2e") ||
      contains_ci(raw_path, "%2f") || contains_ci(raw_path, "%5c")) {
    return text_response(400, "Bad path\n");
  }
  const auto decoded = detail::percent_decode(raw_path.substr(1));
  if (!decoded) return text_response(400, "Bad path\n");

  // Build the relative path segment by segment: an empty segment ("//etc") would make the rest an
  // absolute path, which std::filesystem's operator/ lets replace the root.
  fs::path relative;
  std::string_view rest = *decoded;
  bool ends_with_slash = rest.empty();
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == ".." ||
        segment.find('\0') != std::string_view::npos) {
      return text_response(400, "Bad path\n");
    }
    // Dot-files (.git, .env) are never part of the UI.
    if (segment.front() == '.') return text_response(404, "Not found\n");
    relative /= fs::path(std::string(segment));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
    ends_with_slash = rest.empty();
  }

  std::error_code ec;
  auto file = root_ / relative;
  if (fs::is_directory(file, ec)) {
    if (!ends_with_slash) {
      // Relative links inside the folder's index.html only resolve with the trailing slash.
      auto response = text_response(301, "Moved\n");
      response.headers.emplace_back("Location", std::string(raw_path) + "/");
      return response;
    }
    file /= "index.html";
  }
  // Canonical resolves symlinks: a link inside the folder that points outside it is not served.
  const auto resolved = fs::canonical(file, ec);
  if (ec || !is_within(resolved, root_) || !fs::is_regular_file(resolved, ec)) {
    return text_response(404, "Not found\n");
  }

  const auto size_bytes = fs::file_size(resolved, ec);
  const auto modified = fs::last_write_time(resolved, ec);
  if (ec) return text_response(404, "Not found\n");
  const auto etag = make_etag(size_bytes, modified);

  HttpResponse response;
  response.content_type = std::string(content_type_for(resolved));
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (const auto if_none_match = request.header("If-None-Match");
      if_none_match && etag_matches(*if_none_match, etag)) {
    response.status = 304;
    return response;
  }

  std::ifstream in(resolved, std::ios::binary);
  if (!in) {
    spdlog::warn("csms-lite: cannot read {}", resolved.string());
    return text_response(500, "Cannot read file\n");
  }
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return response;
}

}  // namespace csms::net
