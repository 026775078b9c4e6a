#include <gtest/gtest.h>

#include "common/config_suggest.hpp"
#include "common/config_syntax.hpp"

namespace {
using common::parse_config_text;

TEST(ConfigSyntax, ReadsSectionsEntriesAndLineNumbers) {
  const auto document = parse_config_text(
      "# comment\n"
      "; also a comment\n"
      "\n"
      "[ocpp]\n"
      "  central_system_url = ws://127.0.0.1:8080/ocpp   # trailing comment\n"
      "[ network ]  ; comment after a header\n"
      "reconnect_min_s=1\n");
  EXPECT_TRUE(document.errors.empty());
  ASSERT_EQ(document.sections.size(), 2U);
  EXPECT_EQ(document.sections[0].name, "ocpp");
  EXPECT_EQ(document.sections[0].line_number, 4);
  EXPECT_EQ(document.sections[1].name, "network");
  ASSERT_EQ(document.entries.size(), 2U);
  EXPECT_EQ(document.entries[0].section, "ocpp");
  EXPECT_EQ(document.entries[0].key, "central_system_url");
  EXPECT_EQ(document.entries[0].value, "ws://127.0.0.1:8080/ocpp");
  EXPECT_EQ(document.entries[0].line_number, 5);
  EXPECT_FALSE(document.entries[0].quoted);
  EXPECT_EQ(document.entries[1].section, "network");
  EXPECT_EQ(document.entries[1].value, "1");
  EXPECT_EQ(document.entries[1].line_number, 7);
}

TEST(ConfigSyntax, TrailingCommentNeedsABlankBeforeIt) {
  const auto document = parse_config_text(
      "[s]\n"
      "a = ws://host/path#fragment\n"
      "b = x;y\n"
      "c = x ;y\n"
      "d = x\t# tab before\n"
      "e = # only a comment\n");
  ASSERT_TRUE(document.errors.empty());
  ASSERT_EQ(document.entries.size(), 5U);
  EXPECT_EQ(document.entries[0].value, "ws://host/path#fragment");
  EXPECT_EQ(document.entries[1].value, "x;y");
  EXPECT_EQ(document.entries[2].value, "x");
  EXPECT_EQ(document.entries[3].value, "x");
  EXPECT_EQ(document.entries[4].value, "");
  EXPECT_FALSE(document.entries[4].quoted);
}

TEST(ConfigSyntax, DoubleQuotesKeepEverythingAndResolveEscapes) {
  const auto document = parse_config_text(
      "[s]\n"
      "a = \"EO Box\"\n"
      "b = \"  # not a comment ; \"  # a comment\n"
      "c = \"say \\\"hi\\\" \\\\ bye\"\n"
      "d = \"\"\n"
      "e = \"=\"\n");
  ASSERT_TRUE(document.errors.empty());
  ASSERT_EQ(document.entries.size(), 5U);
  EXPECT_EQ(document.entries[0].value, "EO Box");
  EXPECT_TRUE(document.entries[0].quoted);
  EXPECT_EQ(document.entries[1].value, "  # not a comment ; ");
  EXPECT_EQ(document.entries[2].value, "say \"hi\" \\ bye");
  EXPECT_EQ(document.entries[3].value, "");
  EXPECT_TRUE(document.entries[3].quoted);
  EXPECT_EQ(document.entries[4].value, "=");
}

TEST(ConfigSyntax, SingleQuotesAreLiteral) {
  const auto document =
      parse_config_text("[s]\npath = 'C:\\chargers\\eo'  # Windows habits\nq = 'a\"b'\n");
  ASSERT_TRUE(document.errors.empty());
  ASSERT_EQ(document.entries.size(), 2U);
  EXPECT_EQ(document.entries[0].value, "C:\\chargers\\eo");
  EXPECT_EQ(document.entries[1].value, "a\"b");
}

TEST(ConfigSyntax, UnquotedValueKeepsInnerQuotesAndBlanks) {
  const auto document = parse_config_text("[s]\nname = EO \"big\" Box   \n");
  ASSERT_EQ(document.entries.size(), 1U);
  EXPECT_EQ(document.entries[0].value, "EO \"big\" Box");
}

TEST(ConfigSyntax, AcceptsCrlfAndByteOrderMark) {
  const auto document = parse_config_text("\xEF\xBB\xBF[s]\r\na = 1\r\nb = \"x\"\r\n");
  ASSERT_TRUE(document.errors.empty());
  ASSERT_EQ(document.sections.size(), 1U);
  EXPECT_EQ(document.sections[0].name, "s");
  ASSERT_EQ(document.entries.size(), 2U);
  EXPECT_EQ(document.entries[0].value, "1");
  EXPECT_EQ(document.entries[1].value, "x");
}

TEST(ConfigSyntax, LastLineWithoutNewlineAndEmptyText) {
  EXPECT_EQ(parse_config_text("[s]\na = 1").entries.size(), 1U);
  const auto empty = parse_config_text("");
  EXPECT_TRUE(empty.entries.empty());
  EXPECT_TRUE(empty.errors.empty());
}

TEST(ConfigSyntax, KeysBeforeAnySectionHaveAnEmptySection) {
  const auto document = parse_config_text("a = 1\n");
  ASSERT_EQ(document.entries.size(), 1U);
  EXPECT_EQ(document.entries[0].section, "");
}

struct SyntaxCase {
  const char* text;
  int line_number;
  const char* key;
  const char* message;
};

TEST(ConfigSyntax, ReportsEachErrorWithItsLine) {
  const SyntaxCase cases[] = {
      {"[s]\njust words\n", 2, "",
       "expected \"key = value\", a [section] header or a comment, got \"just words\""},
      {"[s]\n= 5\n", 2, "", "the setting name before \"=\" is missing"},
      {"[s]\nbad key = 5\n", 2, "",
       "bad setting name \"bad key\": a name is made of letters, digits, \"_\" and \"-\""},
      {"[s]\ns.key = 5\n", 2, "",
       "bad setting name \"s.key\": a name is made of letters, digits, \"_\" and \"-\" "
       "(write the section as a [section] line of its own, then \"key = value\" below it)"},
      {"[network\n", 1, "", "bad section header \"[network\": the closing ] is missing"},
      {"[]\n", 1, "",
       "bad section header \"[]\": a section name is made of letters, digits, \"_\" and \"-\""},
      {"[my section]\n", 1, "",
       "bad section header \"[my section]\": a section name is made of letters, digits, "
       "\"_\" and \"-\""},
      {"[s] x\n", 1, "", "unexpected text after the section header: \"x\""},
      {"[s]\na = \"open\n", 2, "s.a", "unterminated quoted value: the closing \" is missing"},
      {"[s]\na = 'open\n", 2, "s.a", "unterminated quoted value: the closing ' is missing"},
      {"[s]\na = \"x\" y\n", 2, "s.a", "unexpected text after the closing quote: \"y\""},
      {"[s]\na = 'x'y\n", 2, "s.a", "unexpected text after the closing quote: \"y\""},
      {"[s]\na = \"C:\\temp\"\n", 2, "s.a",
       "unknown escape \"\\t\" in quoted value "
       "(inside double quotes write \\\" for a quote and \\\\ for a backslash)"},
      {"[s]\na = \"x\\", 2, "s.a",
       "unknown escape \"\\\" in quoted value "
       "(inside double quotes write \\\" for a quote and \\\\ for a backslash)"},
      {"a = \"open\n", 1, "a", "unterminated quoted value: the closing \" is missing"},
  };
  for (const SyntaxCase& c : cases) {
    const auto document = parse_config_text(c.text);
    ASSERT_EQ(document.errors.size(), 1U) << c.text;
    EXPECT_EQ(document.errors[0].line_number, c.line_number) << c.text;
    EXPECT_EQ(document.errors[0].key, c.key) << c.text;
    EXPECT_EQ(document.errors[0].message, c.message) << c.text;
    EXPECT_TRUE(document.entries.empty()) << c.text;
  }
}

TEST(ConfigSyntax, EntriesAfterABadHeaderAreDroppedButStillChecked) {
  const auto document = parse_config_text("[bad header]\na = 1\nb = \"open\n[good]\nc = 2\n");
  ASSERT_EQ(document.errors.size(), 2U);
  EXPECT_EQ(document.errors[0].line_number, 1);
  EXPECT_EQ(document.errors[1].line_number, 3);
  ASSERT_EQ(document.entries.size(), 1U);
  EXPECT_EQ(document.entries[0].key, "c");
  EXPECT_EQ(document.entries[0].section, "good");
}

TEST(ConfigSyntax, CollectsEveryErrorNotJustTheFirst) {
  const auto document = parse_config_text("[s]\noops\na = 1\n[x\nb = \"\n");
  ASSERT_EQ(document.errors.size(), 3U);
  EXPECT_EQ(document.errors[0].line_number, 2);
  EXPECT_EQ(document.errors[1].line_number, 4);
  EXPECT_EQ(document.errors[2].line_number, 5);
}

TEST(ConfigSyntax, QuoteEscapesQuotesAndBackslashes) {
  EXPECT_EQ(common::quote_config_string("plain"), "\"plain\"");
  EXPECT_EQ(common::quote_config_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(common::quote_config_string(""), "\"\"");
}

TEST(ConfigSyntax, ConfigNames) {
  EXPECT_TRUE(common::is_config_name("reconnect_min_s"));
  EXPECT_TRUE(common::is_config_name("csms-lite"));
  EXPECT_TRUE(common::is_config_name("A1"));
  EXPECT_FALSE(common::is_config_name(""));
  EXPECT_FALSE(common::is_config_name("a.b"));
  EXPECT_FALSE(common::is_config_name("a b"));
}

TEST(ConfigSuggest, EditDistance) {
  EXPECT_EQ(common::edit_distance("", ""), 0U);
  EXPECT_EQ(common::edit_distance("abc", ""), 3U);
  EXPECT_EQ(common::edit_distance("", "abc"), 3U);
  EXPECT_EQ(common::edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(common::edit_distance("reconect_min_s", "reconnect_min_s"), 1U);
  EXPECT_EQ(common::edit_distance("reconnetc_min_s", "reconnect_min_s"),
            1U);  // swapped letters: one edit
  EXPECT_EQ(common::edit_distance("Ocpp", "ocpp"), 1U);
}

TEST(ConfigSuggest, ClosestMatch) {
  const std::vector<std::string> names = {"reconnect_min_s", "reconnect_max_s", "ping_interval_s"};
  EXPECT_EQ(common::closest_match("reconnect_mni_s", names), "reconnect_min_s");
  EXPECT_EQ(common::closest_match("RECONNECT_MAX_S", names), "reconnect_max_s");
  EXPECT_EQ(common::closest_match("reconnect_mix_s", names),
            "reconnect_min_s");  // tie: first declared
  EXPECT_EQ(common::closest_match("timeout", names), std::nullopt);
  EXPECT_EQ(common::closest_match("reconnect_min_s", names),
            std::nullopt);  // exact is not a suggestion
  EXPECT_EQ(common::closest_match("reconnect_m_s", names, 1), std::nullopt);
  EXPECT_EQ(common::closest_match("x", {}), std::nullopt);
}

}  // namespace
