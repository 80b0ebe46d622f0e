// The spelling models of the kana and Cyrillic readers: each run of letters costs -ln P(run |
// syllable, place) as the shares say (the decoder's tests show the readers rank with the shares
// of the tables they are given).
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "server/hangul/cyrillic.h"
#include "server/hangul/kana.h"
#include "server/hangul/spelled_syllables.h"

namespace irum::hangul {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// The cost of `syllable` spelled `run` at `place`; infinite when `spellings` does not file it so.
float CostOf(const SpelledSyllables& spellings, std::u32string_view run, char32_t syllable,
             SpellingPlace place) {
  for (const SpelledSyllable& s : spellings.Of(run)) {
    if (s.syllable == syllable) return s.cost[static_cast<size_t>(place)];
  }
  return kInf;
}

TEST(SpelledSyllables, KeepTheCheaperCostPerPlace) {
  SpelledSyllables s;
  auto inside = [](float cost) {
    std::array<float, kSpellingPlaces> at;
    at.fill(kInf);
    at[static_cast<size_t>(SpellingPlace::kInside)] = cost;
    return at;
  };
  s.Add(U"ソン", U'성', inside(2.0f));
  s.Add(U"ソン", U'성', inside(1.0f));
  s.Add(U"ソン", U'성', inside(3.0f));
  s.Add(U"ソン", U'송', 0.5f);  // Every place.
  EXPECT_FLOAT_EQ(CostOf(s, U"ソン", U'성', SpellingPlace::kInside), 1.0f);
  EXPECT_EQ(CostOf(s, U"ソン", U'성', SpellingPlace::kWordStart), kInf);  // Never filed there.
  for (int p = 0; p < kSpellingPlaces; ++p) {
    EXPECT_FLOAT_EQ(CostOf(s, U"ソン", U'송', static_cast<SpellingPlace>(p)), 0.5f);
  }
  EXPECT_EQ(s.Of(U"ソ").size(), 0u);
  EXPECT_EQ(s.Of(U"ソン").size(), 2u);
  EXPECT_EQ(s.longest(), 2u);
}

// A run of letters read as a syllable at a place, and the probability the shares give it.
struct ShareCase {
  const char32_t* run;
  char32_t syllable;
  SpellingPlace place;
  double p;
};

// Kana: a lead ㄱ ㄷ ㅂ ㅈ costs as its row's share at the place; a lead with one row (ㅊ) nothing;
// a vowel's other column its share.
TEST(KanaSpellings, CostAsTheSharesSay) {
  KanaSpellingShares shares;
  shares.voiced = {0.1, 0.6, 0.9, 0.3};
  shares.other_column = 0.2;
  const SpelledSyllables kana = KanaSpellings(shares);
  const ShareCase cases[] = {
      {U"ジョン", U'정', SpellingPlace::kWordStart, 0.1},
      {U"ジョン", U'정', SpellingPlace::kGivenStart, 0.6},
      {U"ジョン", U'정', SpellingPlace::kInside, 0.9},
      {U"チョン", U'정', SpellingPlace::kWordStart, 0.9},
      {U"チョン", U'정', SpellingPlace::kInside, 0.1},
      {U"チョン", U'청', SpellingPlace::kInside, 1.0},  // ㅊ has one row.
      {U"ジョン", U'정', SpellingPlace::kAfterStop, 0.3},
      {U"ソン", U'성', SpellingPlace::kWordStart, 1.0},
      {U"ケ", U'계', SpellingPlace::kWordStart, 0.9 * 0.8},  // 계 ケ, the usual column.
      {U"キェ", U'계', SpellingPlace::kWordStart, 0.9 * 0.2},
      {U"イェ", U'예', SpellingPlace::kWordStart, 0.8},  // Alone, イェ is the usual one.
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(CostOf(kana, c.run, c.syllable, c.place), -std::log(c.p), 1e-5)
        << static_cast<int>(c.place);
  }
  EXPECT_EQ(CostOf(kana, U"ジョン", U'청', SpellingPlace::kInside), kInf);
}

// Cyrillic: Kontsevich's plain and voiced forms by the place's share, the press's ч for ㅈ and е
// for ㅓ at theirs.
TEST(CyrillicSpellings, CostAsTheSharesSay) {
  CyrillicSpellingShares shares;
  shares.voiced = {0.1, 0.5, 0.8, 0.2};
  shares.press_lead = 0.3;
  shares.press_vowel = 0.2;
  shares.press_tail = 0.25;
  const SpelledSyllables cyrillic = CyrillicSpellings(shares);
  const ShareCase cases[] = {
      {U"чжон", U'정', SpellingPlace::kWordStart, 0.7 * 0.9 * 0.8},
      {U"джон", U'정', SpellingPlace::kInside, 0.7 * 0.8 * 0.8},
      {U"чжон", U'정', SpellingPlace::kAfterStop, 0.7 * 0.8 * 0.8},
      {U"чон", U'정', SpellingPlace::kInside, 0.3 * 0.8},   // The press's ч.
      {U"чен", U'정', SpellingPlace::kWordStart, 0.3 * 0.2},  // ч and е: Ким Чен Ын.
      {U"се", U'세', SpellingPlace::kWordStart, 0.8},       // Kontsevich's е for ㅔ.
      {U"се", U'서', SpellingPlace::kWordStart, 0.2},       // The press's е for ㅓ.
      {U"ир", U'일', SpellingPlace::kWordStart, 0.25},      // Ким Ир Сен.
      {U"ил", U'일', SpellingPlace::kWordStart, 0.75},      // Ил, Иль.
      {U"сон", U'성', SpellingPlace::kInside, 0.8},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(CostOf(cyrillic, c.run, c.syllable, c.place), -std::log(c.p), 1e-5)
        << static_cast<int>(c.place);
  }
}

}  // namespace
}  // namespace irum::hangul
