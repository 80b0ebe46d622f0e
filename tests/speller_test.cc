#include "server/hangul/speller.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/hangul/decode.h"
#include "server/text/utf8.h"
#include "tests/bundled_tables.h"

namespace irum::hangul {
namespace {

using ::testing::IsEmpty;
using ::testing::Not;

// The bundled model: spelling model, style weights and surnames (tables/spelling_model.tsv,
// name_model.tsv, surnames.tsv, surname_spellings.tsv).
const Decoder& Bundled() {
  static const Decoder* decoder = [] {
    const catalog::ParsedTables parsed = ParseBundledTables(
        {"spelling_model.tsv", "name_model.tsv", "surnames.tsv", "surname_spellings.tsv"});
    return new Decoder(parsed.language.surnames, parsed.language.name_priors);
  }();
  return *decoder;
}

std::vector<SpelledName> Spell(const char* hangul, bool north, int max_results = 5) {
  return SpellName(text::CodePoints(hangul), Bundled().priors(), Bundled().spelling(),
                   {north, max_results});
}

std::vector<std::string> Latin(const std::vector<SpelledName>& spelled) {
  std::vector<std::string> out;
  for (const SpelledName& s : spelled) out.push_back(s.latin);
  return out;
}

struct Case {
  const char* hangul;
  bool north;
  const char* first;  // The spelling expected first; "" when the data leave it open.
  std::vector<std::string> top3;  // Spellings expected among the first three.
};

TEST(SpellName, SpellsNamesAsTheirPeopleWriteThem) {
  const Case kCases[] = {
      // South: the surname as the table's spellings and the model rank it, the given name
      // hyphenated in passport or Revised Romanization spelling. Where the training names are
      // few (myung 1, myoung 1, myeong 2 in assembly20), the order among them is open.
      {"이재명", false, "", {"Lee Jae-myung", "Lee Jae-myeong"}},
      {"최태원", false, "Choi Tae-won", {"Choe Tae-won"}},
      {"박근혜", false, "", {"Park Geun-hye", "Park Keun-hye"}},
      {"윤석열", false, "", {"Yoon Suk-yeol", "Yoon Seok-yeol"}},
      {"김 정은", false, "", {"Kim Jung-eun", "Kim Jeong-eun"}},
      // The surname as the passport counts spell it (Namgung 555, Namkung 359, Namkoong 194).
      {"남궁민", false, "Namgung Min", {"Namkung Min"}},
      {"신동빈", false, "Shin Dong-bin", {"Sin Dong-bin"}},
      // North: the DPRK press style, given syllables apart, the surname in its northern form.
      {"김여정", true, "Kim Yo Jong", {}},
      {"이선권", true, "Ri Son Gwon", {}},
      {"리선권", true, "Ri Son Gwon", {}},
      {"박봉주", true, "Pak Pong Ju", {}},
      {"최룡해", true, "Choe Ryong Hae", {}},
      {"김정은", true, "Kim Jong Un", {}},
      // A surname alone, of one syllable or two.
      {"김", false, "Kim", {}},
      {"남궁", false, "Namgung", {}},
      {"황보", false, "Hwangbo", {}},
      {"이", false, "Lee", {"Yi"}},
      {"리설주", true, "Ri Sol Ju", {}},
      {"최영림", true, "Choe Yong Rim", {}},
      {"오극렬", true, "O Kuk Ryol", {}},
  };
  for (const Case& c : kCases) {
    const std::vector<SpelledName> spelled = Spell(c.hangul, c.north, 3);
    ASSERT_FALSE(spelled.empty()) << c.hangul;
    const std::vector<std::string> latin = Latin(spelled);
    if (*c.first) {
      EXPECT_EQ(latin[0], c.first) << c.hangul << ": " << testing::PrintToString(latin);
    }
    for (const std::string& expected : c.top3) {
      EXPECT_THAT(latin, testing::Contains(expected)) << c.hangul;
    }
  }
}

TEST(SpellName, SharesAreProbabilitiesBestFirst) {
  for (const char* name : {"이재명", "김여정", "황보철"}) {
    for (bool north : {false, true}) {
      const std::vector<SpelledName> spelled = Spell(name, north, 8);
      ASSERT_FALSE(spelled.empty()) << name;
      double sum = 0;
      for (size_t i = 0; i < spelled.size(); ++i) {
        EXPECT_GE(spelled[i].share, 0.001) << name;
        if (i > 0) {
          EXPECT_LE(spelled[i].share, spelled[i - 1].share) << name;
        }
        sum += spelled[i].share;
      }
      EXPECT_LE(sum, 1.0 + 1e-9) << name;
      // No spelling twice.
      std::vector<std::string> latin = Latin(spelled);
      std::sort(latin.begin(), latin.end());
      EXPECT_EQ(std::unique(latin.begin(), latin.end()), latin.end()) << name;
    }
  }
}

TEST(SpellName, KeepsToMaxResults) {
  EXPECT_EQ(Spell("이재명", false, 1).size(), 1u);
  EXPECT_EQ(Spell("이재명", false, 3).size(), 3u);
}

TEST(SpellName, RefusesWhatIsNoName) {
  for (const char* text : {"", "Kim", "김a", "김 여 정", "ㄱㄴ", " 김여정", "김여정 위원장"}) {
    EXPECT_THAT(Spell(text, false), IsEmpty()) << text;
  }
  // Text of many syllables is no name (and is refused at once, not spelled at length).
  std::string long_text;
  for (int i = 0; i < 4000; ++i) long_text += "가";
  EXPECT_THAT(Spell(long_text.c_str(), false), IsEmpty());
  EXPECT_THAT(Spell("김가나다라마바사", false), Not(IsEmpty()));  // Eight syllables: the most.
  EXPECT_THAT(Spell("김가나다라마바사아", false), IsEmpty());
}

}  // namespace
}  // namespace irum::hangul
