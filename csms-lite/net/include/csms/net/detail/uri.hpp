#pragma once
// Small pure helpers for request targets and headers, shared by the static files handler and the
// upgrade rules. No Beast here: they are unit-tested without sockets.
// Internal to csms_net (namespace detail); the header is reachable only for the unit tests.
#include <optional>
#include <string>
#include <string_view>

#include "common/percent_encoding.hpp"

namespace csms::net::detail {

// The path part of an origin-form target: everything before '?' or '#'.
std::string_view path_of(std::string_view target);

// RFC 3986 percent-decoding, shared with the rest of the project: nullopt for a '%' not followed by two
// hex digits, or for an encoded NUL. '+' stays '+': that rule belongs to form bodies, not to paths.
using common::percent_decode;

// RFC 4648 base64 (standard alphabet, padding optional). nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view text);

std::string_view trim(std::string_view text);

}  // namespace csms::net::detail
