#pragma once
// Serves the web UI from a folder. Read-only, GET/HEAD only, and nothing outside the folder: the
// listener may be reachable from the whole LAN.
#include <filesystem>

#include "csms/net/http.hpp"

namespace csms::net {

class StaticFiles : public HttpHandler {
 public:
  // `root` must exist; it is made canonical once here.
  explicit StaticFiles(std::filesystem::path root);

  // "/" and directories map to their index.html. Refuses "..", "." and encoded dots or slashes
  // (400), dot-files and anything that resolves outside the root, e.g. through a symlink (404).
  // Responses carry a weak ETag and "Cache-Control: no-cache": the UI is small and must never be
  // stale after an upgrade, so revalidation (304) is the right trade.
  HttpResponse handle(const HttpRequest& request) override;

 private:
  std::filesystem::path root_;
};

// Content type by file extension (lower-case compare); "application/octet-stream" when unknown.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace csms::net
