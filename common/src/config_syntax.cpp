#include "common/config_syntax.hpp"

#include <algorithm>
#include <optional>

namespace common {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

bool is_comment_start(char c) {
  return c == '#' || c == ';';
}

// What may follow a closing quote or bracket: nothing, or a comment.
bool only_comment_left(std::string_view rest) {
  rest = trim(rest);
  return rest.empty() || is_comment_start(rest.front());
}

struct ValueParse {
  std::string value;
  bool quoted = false;
  std::optional<std::string> error;
};

ValueParse parse_double_quoted(std::string_view text) {
  ValueParse result{.value = {}, .quoted = true, .error = std::nullopt};
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      if (!only_comment_left(text.substr(i + 1))) {
        result.error = "unexpected text after the closing quote: " +
                       quote_config_string(trim(text.substr(i + 1)));
      }
      return result;
    }
    if (c == '\\') {
      if (i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
        result.value += text[++i];
        continue;
      }
      const std::string escape = i + 1 < text.size() ? std::string{'\\', text[i + 1]} : "\\";
      result.error =
          "unknown escape \"" + escape +
          "\" in quoted value (inside double quotes write \\\" for a quote and \\\\ for a "
          "backslash)";
      return result;
    }
    result.value += c;
  }
  result.error = "unterminated quoted value: the closing \" is missing";
  return result;
}

ValueParse parse_single_quoted(std::string_view text) {
  ValueParse result{.value = {}, .quoted = true, .error = std::nullopt};
  const std::size_t close = text.find('\'', 1);
  if (close == std::string_view::npos) {
    result.error = "unterminated quoted value: the closing ' is missing";
    return result;
  }
  result.value = std::string(text.substr(1, close - 1));
  if (!only_comment_left(text.substr(close + 1))) {
    result.error = "unexpected text after the closing quote: " +
                   quote_config_string(trim(text.substr(close + 1)));
  }
  return result;
}

// `text` starts right after the `=`.
ValueParse parse_value(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '"') return parse_double_quoted(text);
  if (!text.empty() && text.front() == '\'') return parse_single_quoted(text);
  // A trailing comment needs a blank before it so that URLs with fragments and values like `a;b`
  // survive.
  std::size_t end = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_comment_start(text[i]) && (i == 0 || is_blank(text[i - 1]))) {
      end = i;
      break;
    }
  }
  return ValueParse{
      .value = std::string(trim(text.substr(0, end))), .quoted = false, .error = std::nullopt};
}

class Parser {
 public:
  ConfigDocument run(std::string_view text) {
    constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    if (text.starts_with(byte_order_mark)) text.remove_prefix(byte_order_mark.size());
    int line_number = 0;
    while (!text.empty()) {
      const std::size_t newline = text.find('\n');
      std::string_view line = text.substr(0, newline);
      text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
      if (line.ends_with('\r')) line.remove_suffix(1);
      parse_line(trim(line), ++line_number);
    }
    return std::move(document_);
  }

 private:
  void parse_line(std::string_view line, int line_number) {
    if (line.empty() || is_comment_start(line.front())) return;
    if (line.front() == '[') {
      parse_section_header(line, line_number);
    } else {
      parse_assignment(line, line_number);
    }
  }

  void parse_section_header(std::string_view line, int line_number) {
    const std::size_t close = line.find(']');
    const std::string_view name =
        trim(line.substr(1, close == std::string_view::npos ? line.npos : close - 1));
    in_bad_section_ = true;
    if (close == std::string_view::npos) {
      error(line_number, {},
            "bad section header " + quote_config_string(line) + ": the closing ] is missing");
    } else if (!is_config_name(name)) {
      error(line_number, {},
            "bad section header " + quote_config_string(line) +
                ": a section name is made of letters, digits, \"_\" and \"-\"");
    } else if (!only_comment_left(line.substr(close + 1))) {
      error(line_number, {},
            "unexpected text after the section header: " +
                quote_config_string(trim(line.substr(close + 1))));
    } else {
      in_bad_section_ = false;
      section_ = std::string(name);
      document_.sections.push_back({.name = section_, .line_number = line_number});
    }
  }

  void parse_assignment(std::string_view line, int line_number) {
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      error(line_number, {},
            "expected \"key = value\", a [section] header or a comment, got " +
                quote_config_string(line));
      return;
    }
    const std::string_view key = trim(line.substr(0, equals));
    if (key.empty()) {
      error(line_number, {}, "the setting name before \"=\" is missing");
      return;
    }
    if (!is_config_name(key)) {
      std::string message = "bad setting name " + quote_config_string(key) +
                            ": a name is made of letters, digits, \"_\" and \"-\"";
      if (key.find('.') != std::string_view::npos) {
        message +=
            " (write the section as a [section] line of its own, then \"key = value\" below it)";
      }
      error(line_number, {}, std::move(message));
      return;
    }
    const std::string full_key =
        section_.empty() ? std::string(key) : section_ + "." + std::string(key);
    ValueParse value = parse_value(line.substr(equals + 1));
    if (value.error) {
      error(line_number, full_key, std::move(*value.error));
      return;
    }
    if (in_bad_section_) return;
    document_.entries.push_back({.section = section_,
                                 .key = std::string(key),
                                 .value = std::move(value.value),
                                 .quoted = value.quoted,
                                 .line_number = line_number});
  }

  void error(int line_number, std::string key, std::string message) {
    document_.errors.push_back(
        {.line_number = line_number, .key = std::move(key), .message = std::move(message)});
  }

  ConfigDocument document_;
  std::string section_;
  bool in_bad_section_ = false;
};

}  // namespace

ConfigDocument parse_config_text(std::string_view text) {
  return Parser{}.run(text);
}

bool is_config_name(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string quote_config_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace common
