#include "server/text/tokenize.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace irum::text {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// The words of `text` as strings, each with its sentence: "word@sentence", sentences counted by
// SentenceEndsBetween between each two words.
std::vector<std::string> Words(absl::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  std::vector<std::string> out;
  int sentence = 0;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const Token& t = (*tokens)[i];
    if (i > 0 && SentenceEndsBetween(text, (*tokens)[i - 1].end, t.begin)) ++sentence;
    out.push_back(std::string(text.substr(t.begin, t.end - t.begin)) + "@" +
                  std::to_string(sentence));
  }
  return out;
}

struct TokenizeCase {
  const char* text;
  std::vector<std::string> words;
};

TEST(TokenizeTest, FindsWordsAndSentences) {
  const TokenizeCase cases[] = {
      {"Kim Yo-jong said.", {"Kim@0", "Yo@0", "jong@0", "said@0"}},
      // Apostrophes between letters stay inside a word; possessives too.
      {"P'yŏngyang and Kaesong's zone", {"P'yŏngyang@0", "and@0", "Kaesong's@0", "zone@0"}},
      {"Kaesong’s", {"Kaesong’s@0"}},
      // Hangul words keep their particles; the caller strips them.
      {"김여정은 개성에서 말했다.", {"김여정은@0", "개성에서@0", "말했다@0"}},
      // No sentence break after an abbreviation of a title; one after a full stop.
      {"Mr. Suh met Kim. Then he left.", {"Mr@0", "Suh@0", "met@0", "Kim@0", "Then@1", "he@1", "left@1"}},
      {"Sanggye 6·7-dong", {"Sanggye@0", "6@0", "7@0", "dong@0"}},
      // Sentences end at ! and ?, after closing quotes, and at a line break; not within a number.
      {"“Go!” Kim said? Yes.\nNo 3.5 times", {"Go@0", "Kim@1", "said@1", "Yes@2", "No@3", "3.5@3", "times@3"}},
      {"다. 그", {"다@0", "그@1"}},
      {"", {}},
      {" , . ", {}},
  };
  for (const TokenizeCase& c : cases) {
    EXPECT_THAT(Words(c.text), ElementsAreArray(c.words)) << c.text;
  }
}

TEST(TokenizeTest, GivesOffsetsInBytesAndCodePoints) {
  const std::string text = "개성 Kaesŏng";
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].begin, 0u);
  EXPECT_EQ((*tokens)[0].end, 6u);  // Two syllables of three bytes.
  EXPECT_EQ((*tokens)[0].cp_end, 2);
  EXPECT_EQ((*tokens)[1].begin, 7u);
  EXPECT_EQ((*tokens)[1].end, text.size());
  EXPECT_EQ((*tokens)[1].cp_begin, 3);
  EXPECT_EQ((*tokens)[1].cp_end, 10);  // ŏ is one code point.
  // Characters outside the Basic Multilingual Plane count once.
  tokens = Tokenize("𝐊im Jong");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[1].begin, 7u);  // 𝐊 is four bytes.
  EXPECT_EQ((*tokens)[1].cp_begin, 4);
}

// Tokenize's fast path agrees with ICU's word iterator: on random text over the characters it
// knows and those it leaves to ICU (combining marks, Hangul, kana, Greek, emoji, controls), and on
// the annotation corpus.
void ExpectSameAsIcu(absl::string_view text) {
  absl::StatusOr<std::vector<Token>> fast = Tokenize(text);
  absl::StatusOr<std::vector<Token>> icu = TokenizeWithIcu(text);
  ASSERT_TRUE(fast.ok()) << fast.status();
  ASSERT_TRUE(icu.ok()) << icu.status();
  auto show = [text](const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens) {
      out += "[" + std::string(text.substr(t.begin, t.end - t.begin)) + "]" +
             std::to_string(t.cp_begin) + "-" + std::to_string(t.cp_end) + " ";
    }
    return out;
  };
  EXPECT_EQ(show(*fast), show(*icu)) << "text: \"" << text << "\"";
}

// Calls `check` on `count` random texts of 1 to `max_pieces` pieces each (a fixed seed: the same
// texts every run), until a check fails.
template <typename Check>
void OnRandomTexts(const std::vector<std::string>& pieces, uint32_t seed, int count,
                   size_t max_pieces, Check check) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1), length(1, max_pieces);
  for (int n = 0; n < count && !::testing::Test::HasFailure(); ++n) {
    std::string text;
    for (size_t k = length(random); k > 0; --k) text += pieces[piece(random)];
    check(text);
  }
}

TEST(TokenizeTest, FastPathAgreesWithIcuOnRandomText) {
  const std::vector<std::string> pieces = {
      "a", "Z", "k", "ŏ", "É", "ß", "ǃ", "0", "7", "_", ".", "'", "’", "‘", ",", ";", ":", "-",
      " ", "  ", "\n", "\r\n", "\t", "\v", "\f", "\u00A0", "“", "”", "—", "–", "…", "×", "·",
      "!", "?", "(", "\"", "\x01", "김", "정", "조선민주주의인민공화국국무위원장은", "ㄱ", "\u0306", "\u0300", "\u00AD", "\u200D",
      "金", "ア", "ー", "Ω", "😀", "\u2024", "\uFE55"};
  OnRandomTexts(pieces, 20261201, 30000, 16, ExpectSameAsIcu);
}

// The texts of the annotation corpus (tests/annotate_corpus), marks and all.
std::vector<std::string> CorpusTexts() {
  std::vector<std::string> out;
  for (const char* name : {"en.txt", "ko.txt", "heldout/en.txt", "heldout/ko.txt"}) {
    std::ifstream in(std::string(IRUM_SOURCE_DIR "/tests/annotate_corpus/") + name);
    EXPECT_TRUE(in) << name;
    std::stringstream text;
    text << in.rdbuf();
    out.push_back(text.str());
  }
  return out;
}

TEST(TokenizeTest, FastPathAgreesWithIcuOnTheCorpus) {
  for (const std::string& text : CorpusTexts()) ExpectSameAsIcu(text);
}

// SentenceEndsBetween, which lets ICU read only the text near the range, agrees with ICU's
// sentence iterator over the whole text between every two words.
void ExpectSentencesAsIcu(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
  sentences->setText(&utext, status);
  std::vector<size_t> boundaries;
  for (int32_t b = sentences->first(); b != icu::BreakIterator::DONE; b = sentences->next()) {
    boundaries.push_back(static_cast<size_t>(b));
  }
  utext_close(&utext);
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  ASSERT_TRUE(tokens.ok());
  for (size_t i = 1; i < tokens->size(); ++i) {
    const size_t from = (*tokens)[i - 1].end, to = (*tokens)[i].begin;
    const auto next = std::upper_bound(boundaries.begin(), boundaries.end(), from);
    const bool icu = next != boundaries.end() && *next <= to;
    ASSERT_EQ(SentenceEndsBetween(text, from, to), icu)
        << "between \"" << text.substr(0, from) << "\" and \"" << text.substr(to) << "\"";
  }
}

TEST(TokenizeTest, SentencesAgreeWithIcuOnRandomText) {
  const std::vector<std::string> pieces = {
      "Kim", "said", "Mr", "Dr", "U.S", "e.g", "No", "3", ".", ". ", ".  ", "? ", "! ", "\n",
      "\r\n", " ", " ", " ", "”", "“", ")", "(", "'", "’", "-", "·", ",", "…", "다", "。", "Jr"};
  OnRandomTexts(pieces, 20261202, 5000, 24, ExpectSentencesAsIcu);
  // Far more text on either side than the range's neighbourhood.
  ExpectSentencesAsIcu(std::string(300, 'a') + " Mr. " + std::string(300, 'b') + ". Kim" +
                       std::string(100, ' ') + ". Then");
}

TEST(TokenizeTest, SentencesAgreeWithIcuOnTheCorpus) {
  for (const std::string& text : CorpusTexts()) ExpectSentencesAsIcu(text);
}

}  // namespace
}  // namespace irum::text
