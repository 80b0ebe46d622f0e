#include "server/hangul/name_priors.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace irum::hangul {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

// A small table: 김 21.5%, 이/리 14.7%, 남궁 with no census figure; syllables and whole names
// of two populations used, the third empty.
PriorModel Small(double whole_name = 0.5) {
  std::vector<Surname> surnames = {
      {"김", "", {"Kim", "Gim"}, 21.5},
      {"이", "리", {"Lee", "Yi", "Ri"}, 14.7},
      {"남궁", "", {"Namgung", "Namkoong"}, 0},
  };
  // Given-name counts per population (modern, older, dprk), as {first syllable, later}; places.
  const std::vector<SyllableCount> syllables = {
      {"여", {{30, 0}, {10, 0}, {0, 0}}, 0},
      {"정", {{0, 50}, {0, 40}, {0, 0}}, 7},
      {"종", {{0, 5}, {0, 5}, {0, 0}}, 0},
  };
  std::vector<GivenNameCount> given = {{"여정", {20, 5, 0}}};
  return PriorModel(surnames, syllables, given, {0.5, 0.5, 0.0}, whole_name);
}

TEST(PriorModel, SurnamesCostTheirShare) {
  const PriorModel priors = Small();
  float kim = 0, lee = 0, ri = 0, namgung = 0, unused = 0;
  ASSERT_TRUE(priors.SurnameCost(U"김", &kim));
  ASSERT_TRUE(priors.SurnameCost(U"이", &lee));
  ASSERT_TRUE(priors.SurnameCost(U"리", &ri));  // The North's form, at the same share.
  ASSERT_TRUE(priors.SurnameCost(U"남궁", &namgung));
  EXPECT_NEAR(kim, -std::log(0.215), 1e-5);
  EXPECT_FLOAT_EQ(lee, ri);
  EXPECT_NEAR(namgung, -std::log(0.147), 1e-5);  // No figure: the table's smallest share.
  EXPECT_FALSE(priors.SurnameCost(U"박", &unused));
  // What the table does not list: 100% - 21.5% - 14.7% (the rows with a figure).
  EXPECT_NEAR(priors.unknown_surname_cost(), -std::log(1 - 0.362), 1e-5);
  EXPECT_TRUE(priors.two_syllable_surnames().Contains(U"남궁"));
  EXPECT_FALSE(priors.two_syllable_surnames().Contains(U"김"));
  EXPECT_EQ(priors.longest_surname_spelling(), std::string("namkoong").size());
}

TEST(PriorModel, TellsWhichFormASurnameIsIn) {
  const PriorModel priors = Small();
  EXPECT_EQ(priors.FormOf(U"리"), PriorModel::SurnameForm::kNorth);
  EXPECT_EQ(priors.FormOf(U"이"), PriorModel::SurnameForm::kSouth);
  EXPECT_EQ(priors.FormOf(U"김"), PriorModel::SurnameForm::kOnly);
  EXPECT_EQ(priors.FormOf(U"박"), PriorModel::SurnameForm::kNotListed);
}

TEST(PriorModel, SpellingsNameBothFormsCheapestFirst) {
  const PriorModel priors = Small();
  EXPECT_THAT(priors.SurnamesSpelled("RI"),
              ElementsAre(Field(&SurnameReading::hangul, "이"), Field(&SurnameReading::hangul, "리")));
  EXPECT_THAT(priors.SurnamesSpelled("Kim"), ElementsAre(Field(&SurnameReading::hangul, "김")));
  EXPECT_THAT(priors.SurnamesSpelled("Nam-koong"), ElementsAre(Field(&SurnameReading::hangul, "남궁")));
  EXPECT_THAT(priors.SurnamesSpelled("Smith"), IsEmpty());
}

TEST(PriorModel, GivenNamesMixSyllablesAndWholeNames) {
  const PriorModel priors = Small();
  // Cheaper as a later syllable where the counts put it; the seen syllable beats the unseen one.
  EXPECT_LT(priors.SyllableCost(U'정', PriorModel::Position::kGiven, 1),
            priors.SyllableCost(U'정', PriorModel::Position::kGiven, 0));
  EXPECT_LT(priors.SyllableCost(U'정', PriorModel::Position::kGiven, 1),
            priors.SyllableCost(U'종', PriorModel::Position::kGiven, 1));
  EXPECT_LT(priors.SyllableCost(U'정', PriorModel::Position::kPlace, 0),
            priors.SyllableCost(U'여', PriorModel::Position::kPlace, 0));
  // Text takes the cheaper of the two.
  EXPECT_DOUBLE_EQ(priors.SyllableCost(U'정', PriorModel::Position::kText, 1),
                   std::min(priors.SyllableCost(U'정', PriorModel::Position::kGiven, 1),
                            priors.SyllableCost(U'정', PriorModel::Position::kPlace, 1)));
  // A whole name that is counted beats its syllables alone, and the weight says by how much.
  EXPECT_LT(Small(0.5).GivenNameCost(U"여정"), Small(0.0).GivenNameCost(U"여정"));
  EXPECT_LT(priors.GivenNameCost(U"여정"), priors.GivenNameCost(U"여종"));
  EXPECT_TRUE(std::isinf(priors.GivenNameCost(U"여a")));
  EXPECT_TRUE(std::isinf(priors.SyllableCost(U'a', PriorModel::Position::kGiven, 0)));
}

TEST(PriorModel, TheNorthKoreanPopulationBacksOffToTheOlder) {
  // Older names: 정 80, 종 20 as first syllables; North Korean names, few: 정 4, 여 1.
  const std::vector<SyllableCount> syllables = {
      {"여", {{0, 0}, {0, 0}, {1, 0}}, 0},
      {"정", {{0, 0}, {80, 0}, {4, 0}}, 0},
      {"종", {{0, 0}, {20, 0}, {0, 0}}, 0},
  };
  const std::array<double, kPopulations> mix = {0.0, 0.5, 0.5};
  const PriorModel flat({}, syllables, {}, mix, 0.0, {}, 0.0);
  const PriorModel backed_off({}, syllables, {}, mix, 0.0, {}, 10.0);
  auto p = [](const PriorModel& m, const char32_t* given) {
    return m.GivenNameProbabilities(given)[kDprkPopulation];
  };
  // Backing off: (count + 10 * p_older) / (5 + 10); p_older by add-half smoothing.
  const double older_jong = (20 + 0.5) / (100 + 0.5 * 11172);
  EXPECT_NEAR(p(backed_off, U"종"), (0 + 10 * older_jong) / 15, 1e-6);
  // The older population's preference shows where the North's names are silent (종 over an
  // unseen syllable), the North's own counts where they speak (정, 여).
  EXPECT_GT(p(backed_off, U"종"), p(backed_off, U"갑"));
  EXPECT_GT(p(backed_off, U"정"), p(backed_off, U"종"));
  EXPECT_GT(p(backed_off, U"여"), p(backed_off, U"종"));
  // Add-half smoothing over 11,172 syllables leaves five names nearly flat.
  EXPECT_LT(p(flat, U"정") / p(flat, U"갑"), 10);
  EXPECT_GT(p(backed_off, U"정") / p(backed_off, U"갑"), 100);
  // The other populations are as before.
  EXPECT_DOUBLE_EQ(flat.GivenNameProbabilities(U"정")[1], backed_off.GivenNameProbabilities(U"정")[1]);
}

TEST(PriorModel, SmoothsASyllableTowardsItsJamoWhenAsked) {
  // Older names: 정 and 혁 as first syllables; none ends in ㄷ.
  const std::vector<SyllableCount> syllables = {
      {"정", {{0, 0}, {60, 0}, {0, 0}}, 0},
      {"혁", {{0, 0}, {40, 0}, {0, 0}}, 0},
  };
  const std::array<double, kPopulations> mix = {0.0, 1.0, 0.0};
  const PriorModel add_half({}, syllables, {}, mix, 0.0, {}, 0.0);
  const PriorModel jamo({}, syllables, {}, mix, 0.0, {}, 0.0, {}, {0.0, 10.0, 0.0});
  auto p = [](const PriorModel& m, const char32_t* given) {
    return m.GivenNameProbabilities(given)[1];
  };
  // Add-half: every unseen syllable alike.
  EXPECT_FLOAT_EQ(p(add_half, U"정"), (60 + 0.5) / (100 + 0.5 * 11172));
  EXPECT_DOUBLE_EQ(p(add_half, U"젇"), p(add_half, U"형"));
  // Towards the jamo: (count + 10 * P(lead) P(vowel) P(tail)) / (100 + 10), each jamo add-one
  // smoothed: 형 (ㅎ 41/119, ㅕ 41/121, ㅇ 61/128) against 젇 (ㅈ 61/119, ㅓ 61/121, ㄷ 1/128).
  const double hyeong = 41.0 / 119 * 41.0 / 121 * 61.0 / 128;
  const double jeot = 61.0 / 119 * 61.0 / 121 * 1.0 / 128;
  EXPECT_NEAR(p(jamo, U"형"), 10 * hyeong / 110, 1e-7);
  EXPECT_NEAR(p(jamo, U"젇"), 10 * jeot / 110, 1e-7);
  EXPECT_NEAR(p(jamo, U"정"), (60 + 10 * 61.0 / 119 * 61.0 / 121 * 61.0 / 128) / 110, 1e-6);
  EXPECT_GT(p(jamo, U"형"), 10 * p(jamo, U"젇"));
  // The other populations are as before.
  EXPECT_DOUBLE_EQ(add_half.GivenNameProbabilities(U"정")[0], jamo.GivenNameProbabilities(U"정")[0]);
}

TEST(PriorModel, WeighsTheSyllablesByTheNamesLength) {
  const std::vector<SyllableCount> syllables = {
      {"세", {{10, 0}, {0, 0}, {0, 0}}, 0},
      {"이", {{0, 10}, {0, 0}, {0, 0}}, 0},
      {"훈", {{0, 10}, {0, 0}, {0, 0}}, 0},
  };
  const std::array<double, kPopulations> mix = {1.0, 0.0, 0.0};
  GivenNameLengths lengths;
  lengths.share[0][0] = 0.02;   // One syllable.
  lengths.share[0][1] = 0.97;   // Two.
  lengths.share[0][2] = 0.001;  // Three.
  lengths.share[0][3] = 0.0001;  // Four or more.
  const PriorModel flat({}, syllables, {}, mix, 0.0);
  const PriorModel weighed({}, syllables, {}, mix, 0.0, {}, 0.0, lengths);
  auto p = [](const PriorModel& m, const char32_t* given) {
    return m.GivenNameProbabilities(given)[0];
  };
  // The lengths' shares multiply the syllables' product; without them each length's products
  // would sum to 1.
  EXPECT_NEAR(p(weighed, U"세훈"), 0.97 * p(flat, U"세훈"), 1e-12);
  EXPECT_NEAR(p(weighed, U"세이훈"), 0.001 * p(flat, U"세이훈"), 1e-12);
  EXPECT_NEAR(p(weighed, U"세"), 0.02 * p(flat, U"세"), 1e-12);
  EXPECT_NEAR(p(weighed, U"세이훈훈훈"), 0.0001 * p(flat, U"세이훈훈훈"), 1e-15);
  EXPECT_LT(weighed.GivenNameCost(U"세훈"), weighed.GivenNameCost(U"세이훈") - 5);
}

TEST(TwoSyllableSurnames, SplitsANameWrittenAsOneWord) {
  const TwoSyllableSurnames table({"남궁", "선우", "김", "not hangul"});
  const TwoSyllableSurnames none;
  const struct {
    const char32_t* name;
    size_t with_table, without;
  } kCases[] = {
      {U"선우혁", 2, 1},    {U"남궁민수", 2, 2}, {U"김선우", 1, 1}, {U"김정은", 1, 1},
      {U"제갈공명", 1, 2},  {U"선우", 1, 1},     {U"김", 1, 1},     {U"", 0, 0},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(table.SurnameLength(c.name), c.with_table) << static_cast<int>(c.name[0]);
    EXPECT_EQ(none.SurnameLength(c.name), c.without) << static_cast<int>(c.name[0]);
  }
  EXPECT_TRUE(table.Contains(U"선우"));
  EXPECT_FALSE(table.Contains(U"김"));  // One syllable: not kept.
}

TEST(PriorModel, PacksUpToFourSyllables) {
  EXPECT_NE(PackSyllables(U"남궁"), PackSyllables(U"궁남"));
  EXPECT_NE(PackSyllables(U"가"), PackSyllables(U"가가"));
  EXPECT_NE(PackSyllables(U"가나다라"), 0u);
  EXPECT_EQ(PackSyllables(U"가나다라마"), 0u);
  EXPECT_EQ(PackSyllables(U""), 0u);
  EXPECT_EQ(PackSyllables(U"a"), 0u);
}

}  // namespace
}  // namespace irum::hangul
