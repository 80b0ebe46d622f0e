#include "server/hangul/latin_words.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

using ::testing::ElementsAreArray;

// Each word as its pieces joined by '-', Hangul as itself, a trailing ',' for comma_after, '.'
// for dot_after and '!' for unreadable.
std::vector<std::string> Shown(absl::string_view query) {
  std::vector<std::string> out;
  for (const LatinWord& w : SplitLatinWords(query)) {
    std::string s;
    for (const std::string& p : w.pieces) s += (s.empty() ? "" : "-") + p;
    for (char32_t c : w.hangul) text::AppendUtf8(c, &s);
    if (w.comma_after) s += ",";
    if (w.dot_after) s += ".";
    if (w.unreadable) s += "!";
    out.push_back(s);
  }
  return out;
}

TEST(LatinWords, SplitsAndFoldsLikeTheDecoderReads) {
  const struct {
    const char* query;
    std::vector<std::string> words;
  } kCases[] = {
      {"Kim Yo-jong", {"kim", "yo-jong"}},
      {"KIM, Yŏ-jŏng", {"kim,", "yO-jOng"}},
      {"KIM , Yo Jong", {"kim,", "yo", "jong"}},
      {"P'yŏngyang", {"p'yOngyang"}},
      {"Su'ng Ch'o'l", {"sUng", "ch'Ol"}},        // The sanctions lists' ASCII for breves.
      {"MY'ONG", {"myOng"}},                      // The apostrophe before the vowel it marks.
      {"Myo' ng-ch'o' l", {"myOng-ch'Ol"}},       // A space after a breve's apostrophe is a slip.
      {"Kaesong  City", {"kaesong", "city"}},
      {"Yo\u2010jong", {"yo-jong"}},               // Unicode hyphen.
      {"Yo\u200Bjong", {"yojong"}},                // Zero-width space: ignored.
      {"창신1동", {"창신", "1", "동"}},                // Digits make a word of their own.
      {"Changsin 1(il)-dong", {"changsin", "1", "dong"}},
      {"Bullo·Bongmu-dong", {"bullo.", "bongmu-dong"}},  // Middle dots separate, and are kept.
      {"Geumho 2·3(i·sam)-ga-dong", {"geumho", "2.", "3", "ga-dong"}},
      {"Sanggye6·7-dong", {"sanggye", "6.", "7", "dong"}},
      {"김 Yo", {"김", "yo"}},
      {"Kim#", {"kim!"}},
      {"", {}},
      {" - , ", {}},
  };
  for (const auto& c : kCases) {
    EXPECT_THAT(Shown(c.query), ElementsAreArray(c.words)) << c.query;
  }
}

TEST(LatinWords, KnowsWordsInCapitals) {
  const std::vector<LatinWord> words = SplitLatinWords("SHIN Dong-bin KIM Ŏ A 김");
  ASSERT_EQ(words.size(), 6u);
  EXPECT_TRUE(words[0].AllCaps());   // SHIN
  EXPECT_FALSE(words[1].AllCaps());  // Dong-bin
  EXPECT_TRUE(words[1].has_lowercase);
  EXPECT_TRUE(words[2].AllCaps());   // KIM
  EXPECT_FALSE(words[3].AllCaps());  // Ŏ: one letter says nothing.
  EXPECT_FALSE(words[4].AllCaps());  // A
  EXPECT_FALSE(words[5].AllCaps());  // Hangul
}

TEST(LatinWords, JoinedDropsBrevesAndApostrophes) {
  const std::vector<LatinWord> words = SplitLatinWords("Ch'oe Yŏ-jŏng");
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0].Joined(), "choe");
  EXPECT_EQ(words[1].Joined(), "yojong");
}

TEST(LatinWords, FoldSpellingKeepsLettersOnly) {
  EXPECT_EQ(FoldSpelling("Ch'oe"), "choe");
  EXPECT_EQ(FoldSpelling("Chŏng"), "chong");
  EXPECT_EQ(FoldSpelling("RHEE"), "rhee");
  EXPECT_EQ(FoldSpelling("Nam-goong"), "namgoong");
  EXPECT_EQ(FoldSpelling("-"), "");
}

}  // namespace
}  // namespace irum::hangul
