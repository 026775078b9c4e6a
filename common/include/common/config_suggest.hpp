#pragma once
// "Did you mean …?" for typed names: config keys, sections, enum values and command-line flags.
// Most typos in a hand-edited file are one or two letters off, so a small edit distance finds them.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace common {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two adjacent
// characters each cost one. Case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is at most `max_distance` edits away, comparing
// case-insensitively (so `[OCPP]` finds `ocpp`). Ties go to the earliest candidate. When `word` is
// itself a candidate there is nothing to suggest: nullopt.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates,
                                         std::size_t max_distance = 2);

}  // namespace common
