#include "server/text/quote.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/text/normalize.h"

namespace irum::text {
namespace {

struct QuoteCase {
  std::string input;
  std::string quoted;
};

TEST(Quote, QuotesAtMostAShortPrefixCutAtACharacterBoundary) {
  const QuoteCase kCases[] = {
      {"place/kp/kaesong", "'place/kp/kaesong'"},
      {"", "''"},
      {"P'yŏngyang", "'P'yŏngyang'"},  // Apostrophes as they are.
      {std::string(64, 'x'), "'" + std::string(64, 'x') + "'"},  // Exactly the limit: not cut.
      {std::string(10000, 'x'), "'" + std::string(64, 'x') + "…'"},
      // 21 syllables are 63 bytes; the 22nd would cross 64 and is not cut in half.
      {[] { std::string s; for (int i = 0; i < 30; ++i) s += "개"; return s; }(),
       [] { std::string s = "'"; for (int i = 0; i < 21; ++i) s += "개"; return s + "…'"; }()},
      // Control characters and bytes that are not UTF-8 as escapes: one line, valid UTF-8.
      {"a\nb\tc", "'a\\x0Ab\\x09c'"},
      {"Kae\xFFsong", "'Kae\\xFFsong'"},
      {"\xC3", "'\\xC3'"},                      // A sequence cut short.
      {"\xED\xA0\x80", "'\\xED\\xA0\\x80'"},    // A surrogate.
      {"\xC2\x85", "'\\xC2\\x85'"},             // U+0085, a C1 control.
  };
  for (const QuoteCase& c : kCases) {
    EXPECT_EQ(Quote(c.input), c.quoted) << c.input;
    EXPECT_TRUE(ValidateUtf8(Quote(c.input)).ok()) << c.input;
  }
  // Escapes count their own length: 30 bad bytes fill 64 bytes with 16 escapes of 4.
  EXPECT_EQ(Quote(std::string(30, '\xFF')), "'" + [] {
              std::string s;
              for (int i = 0; i < 16; ++i) s += "\\xFF";
              return s;
            }() + "…'");
  EXPECT_EQ(Quote("abcdef", 3), "'abc…'");
}

}  // namespace
}  // namespace irum::text
