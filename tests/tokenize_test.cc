#include "server/text/tokenize.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace irum::text {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// The words of `text` as strings, each with its sentence: "word@sentence".
std::vector<std::string> Words(absl::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  std::vector<std::string> out;
  for (const Token& t : *tokens) {
    out.push_back(std::string(text.substr(t.begin, t.end - t.begin)) + "@" +
                  std::to_string(t.sentence));
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

}  // namespace
}  // namespace irum::text
