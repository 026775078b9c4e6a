#pragma once
// RFC 3986 percent-encoding of one path segment (the charge point id in an OCPP URL).
#include <optional>
#include <string>
#include <string_view>

namespace common {

// Keeps the unreserved characters (ALPHA / DIGIT / - . _ ~) and encodes every other byte as %XX.
std::string percent_encode_segment(std::string_view segment);
// Decodes %XX sequences; nullopt for a malformed sequence or an encoded NUL byte.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace common
