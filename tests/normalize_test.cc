#include "server/text/normalize.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace irum::text {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

Normalizer MakeNormalizer() {
  absl::StatusOr<Normalizer> normalizer = Normalizer::Create();
  EXPECT_TRUE(normalizer.ok()) << normalizer.status();
  return *normalizer;
}

struct KeyCase {
  const char* input;
  const char* key;
};

TEST(NormalizeKey, FoldsSpellingsOfOneNameTogether) {
  const KeyCase kCases[] = {
      {"Kaesong", "kaesong"},
      {"KAESONG", "kaesong"},
      {"Kaesŏng", "kaesong"},           // Precomposed breve.
      {"Kaeso\u0306ng", "kaesong"},     // Combining breve.
      {"Kaesǒng", "kaesong"},           // Caron, a common stand-in for the breve.
      {"Kae-song", "kaesong"},
      {"Kae\u2010song", "kaesong"},     // HYPHEN.
      {"Kae\u2013song", "kaesong"},     // EN DASH.
      {"Kae\u00ADsong", "kaesong"},     // Soft hyphen.
      {"  Kaesong\t", "kaesong"},
      {"Ｋａｅｓｏｎｇ", "kaesong"},     // Full-width.
      {"P'yŏngyang", "pyongyang"},
      {"P’yŏngyang", "pyongyang"},      // RIGHT SINGLE QUOTATION MARK.
      {"P‘yŏngyang", "pyongyang"},      // LEFT SINGLE QUOTATION MARK.
      {"Pʼyŏngyang", "pyongyang"},      // MODIFIER LETTER APOSTROPHE (a letter to Unicode).
      {"Pʻyŏngyang", "pyongyang"},      // MODIFIER LETTER TURNED COMMA.
      {"Hamhŭng", "hamhung"},
      {"Kim Yo-jong", "kimyojong"},
      {"kim yo jong", "kimyojong"},
      {"KIM, Yo Jong", "kimyojong"},
      {"Kim Yŏ-jŏng", "kimyojong"},
      {"Kim\u00A0Yo\u3000Jong", "kimyojong"},  // No-break and ideographic spaces.
      {"개성", "개성"},
      {"김 여정", "김여정"},
      {"\u1100\u1162\u1109\u1165\u11BC", "개성"},  // Conjoining jamo compose to syllables.
      {"開城", "開城"},
      {"Straße", "strasse"},
      {"Ⅱ", "ii"},  // Roman numeral (compatibility) folds to letters.
      {"Route 66", "route66"},
      {"--", ""},
      {"", ""},
  };
  const Normalizer normalizer = MakeNormalizer();
  for (const KeyCase& c : kCases) {
    EXPECT_EQ(normalizer.Key(c.input), c.key) << "input: " << c.input;
  }
}

TEST(NormalizeFold, EachLevelAddsOneStep) {
  const Normalizer normalizer = MakeNormalizer();
  const std::string input = "Ｐ'yŏng-Yang";
  EXPECT_EQ(normalizer.Fold(input, Level::kNone), input);
  EXPECT_EQ(normalizer.Fold(input, Level::kUnicode), "P'yŏng-Yang");
  EXPECT_EQ(normalizer.Fold(input, Level::kCase), "p'yŏng-yang");
  EXPECT_EQ(normalizer.Fold(input, Level::kDiacritics), "p'yong-yang");
  EXPECT_EQ(normalizer.Fold(input, Level::kPunctuation), "pyongyang");
}

// An e and a combining acute accent: a combining mark, which only ICU folds. Appended to an
// input, it sends the input down the ICU path; at every level it folds to `kIcuTail` of it.
constexpr char kIcuSuffix[] = "e\u0301";
std::string IcuTail(Level level) { return level >= Level::kDiacritics ? "e" : "é"; }

// Each input, folded at every level, against the same input with kIcuSuffix appended (which
// takes the ICU path): the fast path's answer with the suffix folded at that level. And every
// input's Explain against each other input, with and without the suffix on both.
void ExpectFastPathAgreesWithIcu(const Normalizer& normalizer,
                                 const std::vector<std::string>& inputs) {
  for (const std::string& input : inputs) {
    for (Level level : {Level::kNone, Level::kUnicode, Level::kCase, Level::kDiacritics,
                        Level::kPunctuation}) {
      const std::string fast = normalizer.Fold(input, level);
      const std::string icu = normalizer.Fold(input + kIcuSuffix, level);
      EXPECT_EQ(fast + IcuTail(level), icu) << input << " at level " << static_cast<int>(level);
    }
  }
  for (const std::string& a : inputs) {
    for (const std::string& b : inputs) {
      EXPECT_EQ(normalizer.Explain(a, b), normalizer.Explain(a + kIcuSuffix, b + kIcuSuffix))
          << a << " vs " << b;
    }
  }
}

TEST(NormalizeFold, AsciiFastPathAgreesWithIcuPath) {
  ExpectFastPathAgreesWithIcu(MakeNormalizer(),
                              {"Kim Yo-jong", "P'YONGYANG", "a.b,c;d", "Route 66"});
}

TEST(NormalizeFold, LatinFastPathAgreesWithIcuPath) {
  const Normalizer normalizer = MakeNormalizer();
  // Latin letters with diacritics, modifier letters, curly quotes and dashes (folded a code point
  // at a time from a table ICU made), with ASCII and Hangul; and characters the table leaves to
  // ICU in the same text (¨ is a space and a combining mark under NFKC; İ folds to i and a
  // combining dot), which must then fold as ICU does.
  std::vector<std::string> inputs = {
      "Kim Yŏ-jŏng", "P’yŏngyang", "Ŭijŏngbu", "Ch‘oe Ryong-hae", "Kim Yoʼjong", "STRAẞE straße",
      "ǅemal Ǆ ǆ", "ŉ Ĳssel ĳ", "ª º ¹²³ ½", "µ", "Ångström Ørsted Łódź", "Kaesŏng—Seoul…",
      "김 Yŏ-jŏng 여정", "İstanbul", "a¨b", "Ｋａｅｓｏｎｇ", "\u00A0non\u2011breaking\u00AD"};
  // And strings drawn at random from such characters (a fixed seed: the same every run).
  const std::vector<std::string> alphabet = {
      "a", "K", "o", "ŏ", "Ŏ", "ŭ", "Ŭ", "é", "É", "ß", "ẞ", "ǅ", "ŉ", "ĳ", "ſ", "ø", "ł", "ʼ",
      "ʻ", "’", "‘", "–", "‐", " ", "-", "'", "1", "¹", "·", "\u00A0", "김", "여", "İ", "¨"};
  uint32_t seed = 12345;
  for (int n = 0; n < 200; ++n) {
    std::string text;
    for (int k = 0; k < 8; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += alphabet[(seed >> 16) % alphabet.size()];
    }
    inputs.push_back(text);
  }
  ExpectFastPathAgreesWithIcu(normalizer, inputs);
  EXPECT_EQ(normalizer.Key("Kim Yŏ-jŏng"), "kimyojong");
  EXPECT_THAT(normalizer.Explain("Kim Yo-jong", "Kim Yŏ-jŏng"),
              ElementsAreArray({Level::kDiacritics}));
}

TEST(NormalizeFold, HangulFastPathAgreesWithIcuPath) {
  const Normalizer normalizer = MakeNormalizer();
  // Text of ASCII and Hangul syllables (the first and the last of the block among them).
  ExpectFastPathAgreesWithIcu(normalizer, {"김 여정", "Kim 김여정-1", "가 힣, 서울", "종로1.2.3.4가동",
                                           "RI Son-gwon 리선권"});
  EXPECT_EQ(normalizer.Key("Kim 김여정-1"), "kim김여정1");
  // Conjoining jamo are no syllables: NFKC composes them (ᄀ+ᅵ+ᆷ is 김), as before.
  EXPECT_EQ(normalizer.Key("\u1100\u1175\u11B7 여정"), "김여정");
}

struct ExplainCase {
  const char* query;
  const char* alias;
  std::vector<Level> steps;
};

TEST(NormalizeExplain, NamesTheStepsAMatchNeeded) {
  const ExplainCase kCases[] = {
      {"Kaesong", "Kaesong", {}},
      {"Kaeso\u0306ng", "Kaesŏng", {}},  // Canonically equivalent: no step.
      {"KAESONG", "Kaesong", {Level::kCase}},
      {"Kaesong", "Kaesŏng", {Level::kDiacritics}},
      {"KAESONG", "Kaesŏng", {Level::kCase, Level::kDiacritics}},
      {"Kae-song", "Kaesong", {Level::kPunctuation}},
      {"kim yo jong", "Kim Yo Jong", {Level::kCase}},
      {"kim yo-jong", "Kim Yo Jong", {Level::kCase, Level::kPunctuation}},
      {"Ｋａｅｓｏｎｇ", "Kaesong", {Level::kUnicode}},
      {"김 여정", "김여정", {Level::kPunctuation}},
  };
  const Normalizer normalizer = MakeNormalizer();
  for (const ExplainCase& c : kCases) {
    EXPECT_THAT(normalizer.Explain(c.query, c.alias), ElementsAreArray(c.steps))
        << c.query << " vs " << c.alias;
  }
}

TEST(ValidateUtf8, AcceptsWellFormedText) {
  for (const char* input : {"", "Kaesong", "개성", "Kaesŏng", "\U0001F600", "\x7F"}) {
    EXPECT_TRUE(ValidateUtf8(input).ok()) << input;
  }
}

struct BadUtf8Case {
  std::string input;
  const char* message;
};

TEST(ValidateUtf8, RejectsMalformedTextNamingTheByte) {
  const BadUtf8Case kCases[] = {
      {"\xFF", "at byte 0"},
      {"Kae\x80song", "at byte 3"},          // Lone continuation byte.
      {"ab\xC3", "at byte 2 (truncated"},    // Truncated two-byte sequence.
      {"\xC0\xAF", "at byte 0"},             // Overlong '/'.
      {"\xE0\x80\xAF", "at byte 0"},         // Overlong, three bytes.
      {"x\xED\xA0\x80", "at byte 1"},        // Surrogate U+D800.
      {"\xF4\x90\x80\x80", "at byte 0"},     // Above U+10FFFF.
      {"\xE2\x28\xA1", "at byte 0"},         // Bad continuation.
  };
  for (const BadUtf8Case& c : kCases) {
    absl::Status status = ValidateUtf8(c.input);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message));
  }
}

TEST(CountCodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0);
  EXPECT_EQ(CountCodePoints("Kaesong"), 7);
  EXPECT_EQ(CountCodePoints("개성"), 2);
  EXPECT_EQ(CountCodePoints("Kaesŏng"), 7);
  EXPECT_EQ(CountCodePoints("\U0001F600"), 1);
}

// Normalizer::AsciiKey (normalize.h), which Annotate keys a text's words with, writes what Key
// returns for ASCII text, and declines any other.
TEST(NormalizerAsciiKeyTest, WritesTheKeyOfAsciiText) {
  const absl::StatusOr<Normalizer> normalizer = Normalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  const struct {
    std::string text;
    bool ascii;
  } cases[] = {
      {"Kaesong", true},   {"KIM_Yo-jong's", true}, {"U.S.", true},        {"1990s", true},
      {"", true},          {" -. ", true},          {std::string(150, 'K'), true},
      {"Kaesŏng", false},  {"김여정은", false},     {"Ｋｉｍ", false},     {"abc\xC2\xA0", false},
  };
  for (const auto& c : cases) {
    std::string out(c.text.size(), '?');
    const size_t n = Normalizer::AsciiKey(c.text, out.data());
    if (!c.ascii) {
      EXPECT_EQ(n, Normalizer::kNotAscii) << c.text;
      continue;
    }
    ASSERT_NE(n, Normalizer::kNotAscii) << c.text;
    EXPECT_EQ(out.substr(0, n), normalizer->Key(c.text)) << c.text;
  }
}

}  // namespace
}  // namespace irum::text
