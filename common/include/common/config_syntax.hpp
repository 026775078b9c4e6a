#pragma once
// The config file's syntax, knowing nothing about which settings exist. config.hpp checks the
// result against a schema; keeping the two apart lets each be tested alone.
//
// The rules (the file is edited by hand, often by people who are not programmers):
// - One statement per line. Lines may end in CRLF; a UTF-8 byte order mark at the start is ignored
//   (both are what Windows editors write).
// - Blank lines and lines whose first non-blank character is `#` or `;` are comments.
// - `[section]` starts a section: letters, digits, `_` and `-`; spaces inside the brackets are
//   ignored; a comment may follow. A section may appear more than once.
// - `key = value` sets a setting of the current section; the key uses letters, digits, `_` and `-`.
// - An unquoted value runs to the end of the line or to a `#` or `;` that follows a space or tab (a
//   trailing comment); blanks around it are dropped. So `ws://host/#x` keeps its `#`.
// - `"double quoted"` values keep everything between the quotes, including `#`, `;` and blanks;
//   `\"` is a quote and `\\` a backslash, any other backslash is an error (so that a Windows path
//   cannot silently lose characters). `'single quoted'` values are taken literally, no escapes.
//   After the closing quote only blanks and a comment may follow.
// - Names are case-sensitive.
#include <string>
#include <string_view>
#include <vector>

namespace common {

struct ConfigSectionHeader {
  std::string name;
  int line_number = 0;
};

struct ConfigEntry {
  std::string section;  // empty when the line comes before any section header
  std::string key;
  std::string value;    // quotes removed and escapes resolved
  bool quoted = false;  // an empty unquoted value is a forgotten value, `""` is a deliberate one
  int line_number = 0;
};

struct ConfigSyntaxError {
  int line_number = 0;
  std::string key;  // `section.key` when the line got that far, otherwise empty
  std::string message;
};

struct ConfigDocument {
  std::vector<ConfigSectionHeader> sections;  // valid headers only, in file order
  std::vector<ConfigEntry> entries;           // in file order
  std::vector<ConfigSyntaxError> errors;      // in file order
};

// Lines after a malformed section header are checked for syntax but not returned as entries: nobody
// can tell which section they were meant for, and guessing would bury the one real error under
// many.
ConfigDocument parse_config_text(std::string_view text);

// A section or key name: letters, digits, `_` and `-`, at least one.
bool is_config_name(std::string_view text);

// `"text"` with `"` and `\` escaped: how values are quoted in messages and in the rendered
// template, so that what a message shows can be pasted back into the file.
std::string quote_config_string(std::string_view text);

}  // namespace common
