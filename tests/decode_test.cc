#include "server/hangul/decode.h"

#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/catalog/table_reader.h"
#include "server/hangul/lattice.h"
#include "server/hangul/spelled_syllables.h"
#include "tests/bundled_tables.h"

namespace irum::hangul {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

// The bundled spelling model (tables/spelling_model.tsv, fitted by scripts/fit-name-model) and
// style weights, with a few surnames of its own and no name priors: these tests see the spelling
// model, not the statistics of names.
NamePriors BundledSpellingModel() {
  const catalog::ParsedTables parsed = ParseBundledTables({"spelling_model.tsv", "name_model.tsv"});
  NamePriors priors;
  priors.spelling = parsed.language.name_priors.spelling;
  priors.model.style = parsed.language.name_priors.model.style;
  priors.model.place_style = parsed.language.name_priors.model.place_style;
  return priors;
}

const Decoder& TestDecoder() {
  static const auto* decoder = new Decoder(
      {{"김", "", {"Kim", "Gim"}, 21.5},
       {"박", "", {"Park", "Pak", "Bak"}, 8.4},
       {"이", "리", {"Lee", "Yi", "Rhee", "Ri", "I"}, 14.7},
       {"정", "", {"Jung", "Jeong", "Chung", "Chong", "Jong"}, 4.8},
       {"남궁", "", {"Namgung", "Namkung"}, 0}},
      BundledSpellingModel());
  return *decoder;
}

// The decoder of the bundled tables, priors too, as irumd builds it.
const Decoder& BundledDecoder() {
  static const Decoder* decoder = [] {
    const catalog::ParsedTables parsed =
        ParseBundledTables({"spelling_model.tsv", "name_model.tsv", "surnames.tsv",
                            "syllable_priors.tsv", "given_names.tsv", "surname_spellings.tsv",
                            "hanja_readings.tsv"});
    return new Decoder(parsed.language.surnames, parsed.language.name_priors);
  }();
  return *decoder;
}

std::vector<std::string> Readings(absl::string_view latin, StringKind kind = StringKind::kPerson,
                                  int max_results = 5) {
  std::vector<std::string> out;
  // A wide beam: without priors to rank them, the readings sought here are not among the few
  // that production's beam keeps.
  for (const DecodedName& d : TestDecoder().Decode(latin, {kind, max_results, 12})) {
    out.push_back(d.hangul);
  }
  return out;
}

struct Case {
  const char* latin;
  const char* hangul;
};

TEST(Decode, ReadsUnambiguousSpellingsFirst) {
  const Case kCases[] = {
      {"Kim Yŏ-jŏng", "김여정"},     {"Kim Yeo-jeong", "김여정"},  {"Park Geun-hye", "박근혜"},
      {"Pak Kŭn-hye", "박근혜"},     {"Namgung Min", "남궁민"},    {"Chung Sŭng-jun", "정승준"},
      {"Kim Ch'ŏl", "김철"},         {"김여정", "김여정"},          {"Kim Yŏjŏng", "김여정"},
      {"KIM, Yŏ Jŏng", "김여정"},    {"Kimyŏjŏng", "김여정"},
  };
  for (const Case& c : kCases) {
    std::vector<std::string> readings = Readings(c.latin);
    ASSERT_FALSE(readings.empty()) << c.latin;
    EXPECT_EQ(readings[0], c.hangul) << c.latin;
  }
}

TEST(Decode, KeepsAmbiguousReadingsInTheTopFive) {
  const Case kCases[] = {
      {"Kim Yo Jong", "김여정"},  // Yo = 여 or 요, Jong = 정 or 종 without breves.
      {"Ri Son Gwon", "리선권"},  // The North's form of the surname; the South's is 이.
      {"Lee Seon-gwon", "이선권"}, {"Kim Jong Un", "김정은"},
  };
  for (const Case& c : kCases) {
    EXPECT_THAT(Readings(c.latin), Contains(c.hangul)) << c.latin;
  }
}

TEST(Decode, UndoesTheSoundChangesOfTranscription) {
  const Case kCases[] = {{"Jongno", "종로"},     {"Silla", "신라"},       {"Wangsimni", "왕십리"},
                         {"Baengma", "백마"},    {"Byeollae", "별내"},    {"Dongnip", "독립"},
                         {"Baegam", "백암"},     {"Hangeul", "한글"},     {"Kaesŏng", "개성"}};
  for (const Case& c : kCases) {
    EXPECT_THAT(Readings(c.latin, StringKind::kPlace, 20), Contains(c.hangul)) << c.latin;
  }
}

TEST(Decode, TurnsEnglishGenericsIntoTheHangulUnit) {
  const Decoder decoder({}, BundledSpellingModel(), {{"city", "시"}, {"mount", "산"}, {"river", "강"}});
  for (const char* latin : {"Kaesŏng City", "KAESŎNG CITY"}) {
    std::vector<DecodedName> readings = decoder.Decode(latin, {StringKind::kPlace, 5});
    ASSERT_FALSE(readings.empty()) << latin;
    EXPECT_EQ(readings[0].hangul, "개성시") << latin;
  }
  std::vector<DecodedName> paektu = decoder.Decode("Mount Paektu", {StringKind::kPlace, 10});
  ASSERT_FALSE(paektu.empty());
  EXPECT_EQ(paektu[0].hangul.substr(paektu[0].hangul.size() - 3), "산");
  EXPECT_THAT(decoder.Decode("River", {StringKind::kPlace, 5}), IsEmpty());
  // Persons keep every word.
  EXPECT_THAT(decoder.Decode("Kim City", {StringKind::kPerson, 5}), IsEmpty());
}

TEST(Decode, KeepsTheMiddleDotsOfPlaceNames) {
  const Case kCases[] = {
      {"Bullo·Bongmu-dong", "불로·봉무동"},  // Two neighbourhoods merged into one.
      {"Sanggye6·7-dong", "상계 6·7 동"},     // 6 and 7, not 67.
      {"Bullo Bongmu-dong", "불로 봉무동"},
  };
  for (const Case& c : kCases) {
    EXPECT_THAT(Readings(c.latin, StringKind::kPlace, 10), Contains(c.hangul)) << c.latin;
  }
}

TEST(Decode, ReadsTheSurnameLastAtACost) {
  std::vector<DecodedName> readings = TestDecoder().Decode("Yŏ-jŏng Kim", {StringKind::kPerson, 5});
  ASSERT_FALSE(readings.empty());
  EXPECT_EQ(readings[0].hangul, "김여정");
  EXPECT_TRUE(readings[0].surname_last);
}

TEST(Decode, WeighsTheOrderByHowOftenTheSurnameComesLast) {
  // "Jong Pak Kim": 정 or 김 as the surname, either end. Even odds read the surname last about
  // as readily as first; the press's odds (a few spellings in a thousand) put it first, while a
  // name whose first word is no surname ("Yo-jong Kim") still reads with it last.
  NamePriors priors = BundledSpellingModel();
  const std::vector<Surname> surnames = {{"김", "", {"Kim"}, 21.5},
                                         {"정", "", {"Jung", "Jong"}, 4.8}};
  priors.model.surname_last = 0.5;
  const Decoder even(surnames, priors);
  priors.model.surname_last = 0.003;
  const Decoder press(surnames, priors);
  auto last_share = [](const Decoder& d, const char* latin) {
    double last = 0;
    for (const DecodedName& r : d.Decode(latin, {StringKind::kPerson, 50})) {
      if (r.surname_last) last += r.score;
    }
    return last;
  };
  EXPECT_GT(last_share(even, "Jong Pak Kim"), 0.2);
  // (Kim is 4.5 times as common a surname as Jung: the press's odds against it, 0.003, become
  // about 0.014.)
  EXPECT_LT(last_share(press, "Jong Pak Kim"), 0.05);
  EXPECT_LT(last_share(press, "Jong Pak Kim"), last_share(even, "Jong Pak Kim") / 10);
  EXPECT_GT(last_share(press, "Yo-jong Kim"), 0.99);
}

TEST(Decode, TakesTheWordInCapitalsForTheSurname) {
  const struct {
    const char* latin;
    const char* first;
    bool surname_last;
  } kCases[] = {
      {"KIM Yŏ-jŏng", "김여정", false},
      {"Yŏ-jŏng KIM", "김여정", true},
      {"Yŏ Jŏng KIM", "김여정", true},
  };
  for (const auto& c : kCases) {
    std::vector<DecodedName> readings = TestDecoder().Decode(c.latin, {StringKind::kPerson, 20});
    ASSERT_FALSE(readings.empty()) << c.latin;
    EXPECT_EQ(readings[0].hangul, c.first) << c.latin;
    EXPECT_EQ(readings[0].surname_last, c.surname_last) << c.latin;
  }
  // With one word in capitals, the other order is not read at all.
  for (const DecodedName& d : TestDecoder().Decode("JONG Kim", {StringKind::kPerson, 50})) {
    EXPECT_FALSE(d.surname_last) << d.hangul;
  }
  for (const DecodedName& d : TestDecoder().Decode("Jong KIM", {StringKind::kPerson, 50})) {
    EXPECT_TRUE(d.surname_last) << d.hangul;
  }
}

// The priors of the tests that weigh 정 against 종 by population: the bundled spelling model and,
// as given names' first syllables, 종 `majority` times in 100 older names and 정 `majority` times
// in 100 North Korean ones (the other one the rest); 철 after either, as common in both; the two
// populations mixed alike, no modern names.
NamePriors JeongJongPriors(int majority) {
  NamePriors priors = BundledSpellingModel();
  // Given-name counts per population (modern, older, dprk), as {first syllable, later}.
  priors.syllables = {
      {"정", {{0, 0}, {100 - majority, 0}, {majority, 0}}, 0},
      {"종", {{0, 0}, {majority, 0}, {100 - majority, 0}}, 0},
      {"철", {{0, 0}, {0, 100}, {0, 100}}, 0},
  };
  priors.model.mix = {0.0, 0.5, 0.5};
  return priors;
}

// Sets P(population | style): `plain` for the North's press style, `others` for the rest.
void SetPopulationByStyle(const std::array<double, kPopulations>& plain,
                          const std::array<double, kPopulations>& others, NamePriors* priors) {
  for (int s = 0; s < kStyles; ++s) {
    priors->model.population[s] = std::string(kStyleNames[s]) == "plain" ? plain : others;
  }
}

const std::vector<Surname>& KimOnly() {
  static const auto* surnames = new std::vector<Surname>{{"김", "", {"Kim"}, 21.5}};
  return *surnames;
}

TEST(Decode, WeighsThePopulationsByTheStyleOfTheSpelling) {
  // Older names prefer 종 as the first syllable, North Korean names 정; 철 is as common in both.
  NamePriors priors = JeongJongPriors(90);
  // Without P(population | style) every style takes the mixture; with it, the North's press
  // style (plain) is the North Korean population's and the others the older one's.
  const Decoder mixed(KimOnly(), priors);
  SetPopulationByStyle({0, 0, 1}, {0, 1, 0}, &priors);
  const Decoder by_style(KimOnly(), priors);
  auto score = [](const Decoder& d, const char* latin, const char* hangul) {
    for (const DecodedName& r : d.Decode(latin, {StringKind::kPerson, 20})) {
      if (r.hangul == hangul) return r.score;
    }
    return 0.0;
  };
  // "Kim Jong Chol" is the North's style (ŏ written o): 정 gains.
  EXPECT_GT(score(by_style, "Kim Jong Chol", "김정철"), score(mixed, "Kim Jong Chol", "김정철"));
  // "Kim Jong-cheol" spells 종 in RR, where the older names' 종 gains.
  EXPECT_GT(score(by_style, "Kim Jong-cheol", "김종철"), score(mixed, "Kim Jong-cheol", "김종철"));
}

// A caller who knows whose names they are (DecodeOptions::korea) has the given name weighed by
// that Korea's populations only, in every style: a North Korean's "Jong" is likelier 정, a South
// Korean's 종, whatever the style; not knowing lies between.
TEST(Decode, WeighsTheGivenNameByTheKoreaTheCallerGives) {
  NamePriors priors = JeongJongPriors(80);
  SetPopulationByStyle({0, 0.5, 0.5}, {0, 0.9, 0.1}, &priors);
  const Decoder decoder(KimOnly(), priors);
  auto first_and_score = [&](Korea korea) {
    DecodeOptions options{StringKind::kPerson, 20};
    options.korea = korea;
    const std::vector<DecodedName> readings = decoder.Decode("Kim Jong Chol", options);
    double jeong = 0;
    for (const DecodedName& r : readings) {
      if (r.hangul == "김정철") jeong = r.score;
    }
    return std::make_pair(readings.empty() ? std::string() : readings.front().hangul, jeong);
  };
  const auto [north_first, north] = first_and_score(Korea::kNorth);
  const auto [south_first, south] = first_and_score(Korea::kSouth);
  const auto [either_first, either] = first_and_score(Korea::kUnknown);
  EXPECT_EQ(north_first, "김정철");
  EXPECT_EQ(south_first, "김종철");
  EXPECT_GT(north, either);
  EXPECT_LT(south, either);
}

// The surname's form follows the Korea given: the North writes 리 where the South writes 이.
TEST(Decode, WritesTheSurnameInTheFormOfTheKoreaTheCallerGives) {
  const Decoder& decoder = BundledDecoder();
  const struct {
    const char* latin;
    Korea korea;
    const char* hangul;
  } kCases[] = {{"Lee Seung-gi", Korea::kNorth, "리승기"},
                {"Lee Seung-gi", Korea::kSouth, "이승기"},
                {"Ro Kwang Chol", Korea::kNorth, "로광철"},
                {"Ro Kwang Chol", Korea::kSouth, "노광철"}};
  for (const auto& c : kCases) {
    DecodeOptions options{StringKind::kPerson, 3};
    options.korea = c.korea;
    const std::vector<DecodedName> readings = decoder.Decode(c.latin, options);
    ASSERT_FALSE(readings.empty()) << c.latin;
    EXPECT_EQ(readings.front().hangul, c.hangul) << c.latin;
  }
}

// "Hye" spells no surname the tables list or the passport samples count: read as a surname the tables do not list
// only while DecodeOptions::unlisted_surnames allows, or where the query marks it as the surname
// by capitals. "Kim" read last is the surname either way.
TEST(Decode, ReadsAnUnlistedSurnameOnlyWhenAllowedOrMarked) {
  const Decoder& decoder = BundledDecoder();
  auto first_order = [&](absl::string_view latin, bool unlisted) {
    DecodeOptions options{StringKind::kPerson, 20};
    options.unlisted_surnames = unlisted;
    const std::vector<DecodedName> readings = decoder.Decode(latin, options);
    EXPECT_FALSE(readings.empty()) << latin;
    return std::count_if(readings.begin(), readings.end(),
                         [](const DecodedName& d) { return !d.surname_last; });
  };
  EXPECT_GT(first_order("Hye Kim", true), 0);
  EXPECT_EQ(first_order("Hye Kim", false), 0);
  EXPECT_GT(first_order("HYE Kim", false), 0);
  DecodeOptions listed_only{StringKind::kPerson, 3};
  listed_only.unlisted_surnames = false;
  const std::vector<DecodedName> readings = decoder.Decode("Hye Kim", listed_only);
  ASSERT_FALSE(readings.empty());
  EXPECT_EQ(readings.front().hangul, "김혜");
  EXPECT_TRUE(readings.front().surname_last);
}

// McCune-Reischauer with apostrophes is the rarest style among real person names (P(style) about
// 0.001), and "Chun" reads 천 or 춘 more cheaply in the commoner styles, which cannot spell p' or
// t': the lattice must keep the style's readings until those letters come.
TEST(Decode, KeepsARareStylesReadingsUntilTheLettersOnlyItSpells) {
  const Decoder& decoder = BundledDecoder();
  const Case kCases[] = {
      {"Hong Chun-p'yo", "홍준표"}, {"Chŏng Chun-t'aek", "정준택"}, {"Kim Chun-p'il", "김준필"}};
  for (const Case& c : kCases) {
    const std::vector<DecodedName> readings = decoder.Decode(c.latin, {StringKind::kPerson, 3});
    ASSERT_FALSE(readings.empty()) << c.latin;
    EXPECT_EQ(readings.front().hangul, c.hangul) << c.latin;
  }
}

// A surname the North writes otherwise (리, 로 for 이, 노) takes its North Korean form as often as
// names in the spelling's style are North Korean: the South's passport spellings read 이 and 노,
// the North's press 리.
TEST(Decode, WeighsTheSurnamesNorthAndSouthFormsByTheStyle) {
  const Decoder& decoder = BundledDecoder();
  const Case kCases[] = {{"ROH Chul Rae", "노철래"},
                         {"RHEE In-je", "이인제"},
                         {"Lee Seon-gwon", "이선권"},
                         {"Ri Son Gwon", "리선권"},
                         {"Ri Sol Ju", "리설주"}};
  for (const Case& c : kCases) {
    const std::vector<DecodedName> readings = decoder.Decode(c.latin, {StringKind::kPerson, 3});
    ASSERT_FALSE(readings.empty()) << c.latin;
    EXPECT_EQ(readings.front().hangul, c.hangul) << c.latin;
  }
}

TEST(Decoder, KoreanShareFallsWithTheCostPerLetter) {
  NamePriors priors = BundledSpellingModel();
  EXPECT_EQ(Decoder({}, priors).KoreanShare(9.0), 1.0);  // No quantiles: nothing is judged.
  priors.model.korean_quantiles = {{0.5, 1.0}, {0.9, 2.0}, {0.99, 3.0}};
  const Decoder d({}, priors);
  EXPECT_DOUBLE_EQ(d.KoreanShare(0.0), 1.0);
  EXPECT_DOUBLE_EQ(d.KoreanShare(1.0), 0.5);
  EXPECT_DOUBLE_EQ(d.KoreanShare(1.5), 0.3);   // Halfway from 0.5 to 0.1.
  EXPECT_NEAR(d.KoreanShare(3.0), 0.01, 1e-12);
  EXPECT_NEAR(d.KoreanShare(50.0), 0.01, 1e-12);  // Past the last quantile: its share.
  double last = 1.0;
  for (double x = 0; x < 4; x += 0.1) {
    EXPECT_LE(d.KoreanShare(x), last) << x;
    last = d.KoreanShare(x);
  }
}

TEST(Decode, ScoresAreSharesOfOne) {
  double total = 0;
  for (const DecodedName& d : TestDecoder().Decode("Kim Yo Jong", {StringKind::kPerson, 50})) {
    EXPECT_GT(d.score, 0);
    total += d.score;
  }
  EXPECT_LE(total, 1.0 + 1e-9);
  EXPECT_GT(total, 0.9);
}

TEST(Decode, FindsNoReadingForWhatIsNotRomanizedKorean) {
  for (const char* latin : {"Trump", "NBC", "Kim3", "Smith", "Strasbourg", "", "-- ,"}) {
    EXPECT_THAT(Readings(latin), IsEmpty()) << latin;
  }
}

TEST(Decode, ReadsAWordTheUsualSpellingsCannotByTheRareOnesWhenAsked) {
  // Each needs a chunk rarer than the lattice's usual ones (nn for ㄴ, ou for ㅓ) or a surname
  // spelled as only surnames are (oh for ㅗ, ey for ㅚ), and the Hangul is the one their spellers
  // meant.
  const Case cases[] = {
      {"Kim Gunn", "김건"}, {"Park Gunn", "박건"}, {"Lee Joung-binn", "이정빈"},
      {"Goh Kun", "고건"},  {"Chey Tae-won", "최태원"},
  };
  for (const Case& c : cases) {
    DecodeOptions options{StringKind::kPerson, 5, 6};
    options.rare_spellings = true;
    const std::vector<DecodedName> rare = BundledDecoder().Decode(c.latin, options);
    ASSERT_FALSE(rare.empty()) << c.latin;
    EXPECT_EQ(rare[0].hangul, c.hangul) << c.latin;
  }
  // Without them, the names with a rare chunk (the first two) find no such reading. (Lee
  // Joung-binn does now: Joung and Binn are how passports spell the surnames 정 and 빈, and a given
  // syllable may be spelled whole as its surname is.)
  for (const Case& c : absl::MakeConstSpan(cases, 2)) {
    std::vector<std::string> usual;
    for (const DecodedName& d : BundledDecoder().Decode(c.latin, {StringKind::kPerson, 5, 6})) {
      usual.push_back(d.hangul);
    }
    EXPECT_THAT(usual, Not(Contains(c.hangul))) << c.latin;
  }
  // And what no spelling writes still has no reading.
  DecodeOptions options{StringKind::kPerson, 5, 6};
  options.rare_spellings = true;
  EXPECT_THAT(BundledDecoder().Decode("Trump", options), IsEmpty());
}

TEST(Decode, ReadsAGivenNameWhoseUsualReadingsAreCostlyByTheRareOnesTooWhenAsked) {
  // Ad-hoc spellings one letter off the usual ones (ie for ㅣ, iu for ㅕ): the usual chunks read
  // them as other syllables (지에원) or barely at all, at a cost per letter that sends the word to
  // the rare chunks, where the fitted vowel edits read them as meant. (Park Jiewon and Kim Jiehye
  // the usual chunks read right too: Jie is how passports spell the surname 지.)
  const struct {
    const char* latin;
    const char* hangul;
    bool usual_misreads;
  } cases[] = {
      {"Park Jiewon", "박지원", false},
      {"Kim Jiehye", "김지혜", false},
      {"Lee Soohiun", "이수현", true},
  };
  for (const auto& c : cases) {
    DecodeOptions options{StringKind::kPerson, 5, 6};
    const std::vector<DecodedName> usual = BundledDecoder().Decode(c.latin, options);
    if (c.usual_misreads) {
      EXPECT_TRUE(usual.empty() || usual[0].hangul != c.hangul) << c.latin;
    }
    options.rare_spellings = true;
    const std::vector<DecodedName> rare = BundledDecoder().Decode(c.latin, options);
    ASSERT_FALSE(rare.empty()) << c.latin;
    EXPECT_EQ(rare[0].hangul, c.hangul) << c.latin;
  }
  // A name the usual chunks read well is not read again: its readings are the usual ones.
  DecodeOptions options{StringKind::kPerson, 5, 6};
  const std::vector<DecodedName> usual = BundledDecoder().Decode("Kim Yo-jong", options);
  options.rare_spellings = true;
  const std::vector<DecodedName> rare = BundledDecoder().Decode("Kim Yo-jong", options);
  ASSERT_EQ(rare.size(), usual.size());
  for (size_t i = 0; i < rare.size(); ++i) {
    EXPECT_EQ(rare[i].hangul, usual[i].hangul);
    EXPECT_DOUBLE_EQ(rare[i].score, usual[i].score);
  }
}

TEST(Decode, ReadsASurnameTheQueryMarksByTheRareSpellingsWhenTheUsualOnesCannot) {
  // "HUANG, Wang Ken": the comma says Huang is the surname; no usual chunks spell it as one
  // syllable. Two spellings of the name still read alike (Compare's "same"), not as nothing.
  DecodeOptions options{StringKind::kPerson, 5, 6};
  options.rare_spellings = true;
  const std::vector<DecodedName> a = BundledDecoder().Decode("HUANG, Wang Ken", options);
  const std::vector<DecodedName> b = BundledDecoder().Decode("HUANG, Wang-gen", options);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(a[0].hangul, b[0].hangul);
  EXPECT_THAT(BundledDecoder().Decode("HUANG, Wang Ken", {StringKind::kPerson, 5, 6}), IsEmpty());
}

TEST(Decode, KnowsSurnameSpellings) {
  // A spelling the table lists names the surname in both its forms...
  for (const char* spelling : {"Lee", "RI"}) {
    const std::vector<SurnameReading>& forms = TestDecoder().priors().SurnamesSpelled(spelling);
    ASSERT_EQ(forms.size(), 2u) << spelling;
    EXPECT_THAT((std::vector<std::string>{forms[0].hangul, forms[1].hangul}),
                testing::UnorderedElementsAre("이", "리"))
        << spelling;
  }
  EXPECT_THAT(TestDecoder().priors().SurnamesSpelled("Smith"), IsEmpty());
  // ...and the spelling model says which is likelier: a South Korean spelling the South's form, a
  // North Korean one the North's.
  EXPECT_EQ(Readings("Lee Seon-gwon")[0], "이선권");
  EXPECT_EQ(Readings("RI Sŏn-gwŏn")[0], "리선권");
}

TEST(OrthographyKey, FoldsNorthAndSouthSpellings) {
  const Decoder& d = TestDecoder();
  const Case kPersons[] = {{"리설주", "이설주"}, {"최룡해", "최용해"}, {"김 여정", "김여정"},
                           {"림", "임"}, {"남궁룡", "남궁용"}};
  for (const Case& c : kPersons) {
    EXPECT_EQ(d.OrthographyKey(c.latin, StringKind::kPerson),
              d.OrthographyKey(c.hangul, StringKind::kPerson)) << c.latin;
  }
  const Case kPlaces[] = {{"룡천", "용천"}, {"로동신문", "노동신문"}, {"평양 룡성", "평양 용성"}};
  for (const Case& c : kPlaces) {
    EXPECT_EQ(d.OrthographyKey(c.latin, StringKind::kPlace),
              d.OrthographyKey(c.hangul, StringKind::kPlace)) << c.latin;
  }
  // Inside a word the rule does not apply: 신라 is not 신나.
  EXPECT_NE(d.OrthographyKey("신라", StringKind::kPlace), d.OrthographyKey("신나", StringKind::kPlace));
  EXPECT_NE(d.OrthographyKey("김성철", StringKind::kPerson),
            d.OrthographyKey("김석철", StringKind::kPerson));
}

TEST(Decode, HyphensEndSyllablesAndCommasMarkTheSurname) {
  // Ha-nul: the n after the hyphen starts 늘; it cannot close 하.
  EXPECT_THAT(Readings("Kim Ha-nŭl"), testing::ElementsAre("김하늘", testing::_, testing::_,
                                                            testing::_, testing::_));
  for (const char* latin : {"KIM, Yŏ Jŏng", "KIM , Yŏ Jŏng", "KIM ,Yŏ Jŏng"}) {
    std::vector<std::string> readings = Readings(latin);
    ASSERT_FALSE(readings.empty()) << latin;
    EXPECT_EQ(readings[0], "김여정") << latin;
  }
  // The sanctions lists' ASCII breves: o' and u' for ŏ and ŭ, even with a stray space after.
  EXPECT_EQ(Readings("KIM, Myo'ng-ch'o'l")[0], "김명철");
  EXPECT_EQ(Readings("KIM, Myo' ng-ch'o' l")[0], "김명철");
  // Invisible format characters are ignored.
  EXPECT_EQ(Readings("Kim\u200B Yŏ\u00ADjŏng")[0], "김여정");
}

}  // namespace
}  // namespace irum::hangul

namespace irum::hangul {
namespace {

// Priors where the syllables alone favour 한을 ("Haneul" read 한+을) but the whole given name 하늘
// is common: the whole-name share of NameModel decides between them.
Decoder DecoderWithPriors(double whole_name) {
  NamePriors priors = BundledSpellingModel();
  auto syllable = [](const char* s, int64_t first, int64_t later) {
    SyllableCount c;
    c.syllable = s;
    c.given[0][0] = first;
    c.given[0][1] = later;
    return c;
  };
  priors.syllables = {syllable("한", 900, 0), syllable("을", 0, 900), syllable("하", 100, 0),
                      syllable("늘", 0, 100)};
  GivenNameCount haneul;
  haneul.given = "하늘";
  haneul.count[0] = 100;  // All of 하's and 늘's names.
  priors.given_names = {haneul};
  priors.model.mix[0] = 1;
  priors.model.mix[1] = priors.model.mix[2] = 0;
  priors.model.whole_name = whole_name;
  return Decoder({{"김", "", {"Kim"}, 21.5}}, priors);
}

TEST(Decode, AWholeGivenNameOutweighsItsSyllablesAsTheModelSays) {
  const DecodeOptions options{StringKind::kPerson, 3};
  std::vector<DecodedName> syllables_only = DecoderWithPriors(0).Decode("Kim Haneul", options);
  ASSERT_FALSE(syllables_only.empty());
  EXPECT_EQ(syllables_only[0].hangul, "김한을");
  std::vector<DecodedName> with_names = DecoderWithPriors(0.7).Decode("Kim Haneul", options);
  ASSERT_FALSE(with_names.empty());
  EXPECT_EQ(with_names[0].hangul, "김하늘");
}

TEST(Decode, SyllablePriorsDependOnThePositionInTheGivenName) {
  // 을 is common only as a later syllable: "Eulhan" reads 을한 no better than its spelling says,
  // while "Haneul" reads 한을.
  Decoder decoder = DecoderWithPriors(0);
  std::vector<DecodedName> later = decoder.Decode("Kim Haneul", {StringKind::kPerson, 5});
  std::vector<DecodedName> first = decoder.Decode("Kim Eulhan", {StringKind::kPerson, 5});
  ASSERT_FALSE(later.empty());
  ASSERT_FALSE(first.empty());
  EXPECT_LT(later[0].cost, first[0].cost);
}

TEST(ReadWord, RanksEachHangulOnceCheapestFirstWithinTheBeam) {
  const Decoder& d = TestDecoder();
  const std::array<float, kStyles>& style = d.spelling().person_style_costs();
  for (const char* latin : {"yojong", "Yo-jong", "seongjun", "Kaesong"}) {
    const std::vector<LatinWord> words = SplitLatinWords(latin);
    ASSERT_EQ(words.size(), 1u);
    for (int beam : {1, 4, 12}) {
      const std::vector<WordReading> readings =
          ReadWord(words[0], PriorModel::Position::kGiven, beam, style, d.spelling(), d.priors());
      ASSERT_FALSE(readings.empty()) << latin;
      EXPECT_LE(readings.size(), static_cast<size_t>(beam)) << latin;
      std::set<std::u32string> seen;
      double last = -1;
      for (const WordReading& r : readings) {
        EXPECT_TRUE(seen.insert(std::u32string(View(r.hangul))).second) << latin;
        const double cost = r.prior + SpellingModel::CostOverStyles(r.spell, style);
        EXPECT_GE(cost, last) << latin;
        last = cost;
      }
    }
  }
}

TEST(ReadWord, AMarginKeepsTheFirstReadingAndPrunesTheOthers) {
  // Beam{6, 5}: hypotheses more than 5 (nats) behind their position's best are dropped; what
  // wins without the margin wins with it, with fewer readings behind it. A margin of almost
  // nothing keeps one hypothesis per position.
  const Decoder& d = TestDecoder();
  const std::array<float, kStyles>& style = d.spelling().person_style_costs();
  size_t all = 0, kept = 0, almost_none = 0;
  for (const char* latin : {"yojong", "Yo-jong", "seongjun", "heungmin", "Min-jae", "Kaesong"}) {
    const LatinWord word = SplitLatinWords(latin)[0];
    auto read = [&](Beam beam) {
      return ReadWord(word, PriorModel::Position::kGiven, beam, style, d.spelling(), d.priors());
    };
    const std::vector<WordReading> wide = read(6);
    const std::vector<WordReading> narrow = read(Beam(6, 5));
    const std::vector<WordReading> tiny = read(Beam(6, 1e-3f));
    ASSERT_FALSE(wide.empty()) << latin;
    ASSERT_FALSE(narrow.empty()) << latin;
    ASSERT_FALSE(tiny.empty()) << latin;
    EXPECT_EQ(std::u32string(View(narrow[0].hangul)), std::u32string(View(wide[0].hangul)))
        << latin;
    EXPECT_LE(narrow.size(), wide.size()) << latin;
    EXPECT_LE(tiny.size(), narrow.size()) << latin;
    all += wide.size();
    kept += narrow.size();
    almost_none += tiny.size();
  }
  EXPECT_LT(almost_none, kept);
  EXPECT_LT(kept, all);
}

TEST(ReadWord, ReadsAGivenSyllableSpelledWholeAsItsSurnameIs) {
  // "Leeja" (임이자): 이 spelled Lee, as passports spell the surname (the table's whole rows), in a
  // given name only; without those rows no chunk reads "lee" as 이.
  const Decoder& d = TestDecoder();
  const NamePriors bundled = BundledSpellingModel();
  std::vector<SpellingRow> jamo_rows;
  for (const SpellingRow& r : bundled.spelling) {
    if (r.key.rfind("whole|", 0) != 0) jamo_rows.push_back(r);
  }
  ASSERT_LT(jamo_rows.size(), bundled.spelling.size());
  const std::array<double, kStyles>& styles = bundled.model.style;
  const SpellingModel whole(bundled.spelling, styles, styles, 1e-2);
  const SpellingModel jamo_only(jamo_rows, styles, styles, 1e-2);
  // The rank of 이자 among the readings of Leeja (their number when it is not among them).
  auto rank = [&](const SpellingModel& model, PriorModel::Position position) {
    const std::vector<WordReading> readings = ReadWord(
        SplitLatinWords("Leeja")[0], position, 12, model.person_style_costs(), model, d.priors());
    size_t i = 0;
    while (i < readings.size() && std::u32string(View(readings[i].hangul)) != U"이자") ++i;
    return i;
  };
  EXPECT_LT(rank(whole, PriorModel::Position::kGiven), rank(jamo_only, PriorModel::Position::kGiven));
  // Place names are not spelled so.
  EXPECT_EQ(rank(whole, PriorModel::Position::kPlace), rank(jamo_only, PriorModel::Position::kPlace));
  // A syllable spelled jamo by jamo costs -log(1 - P(whole)) more in the styles that spell whole.
  EXPECT_GT(whole.jamo_syllable_costs()[3], 0);  // passport
  EXPECT_EQ(jamo_only.jamo_syllable_costs()[3], 0);
}

TEST(ReadWord, ReadsHangulAsItselfAndNothingFromWhatIsNoSpelling) {
  const Decoder& d = TestDecoder();
  const std::array<float, kStyles>& style = d.spelling().person_style_costs();
  auto read = [&](const char* text) {
    const std::vector<LatinWord> words = SplitLatinWords(text);
    return words.empty() ? std::vector<WordReading>{}
                         : ReadWord(words[0], PriorModel::Position::kPlace, 8, style, d.spelling(),
                                    d.priors());
  };
  const std::vector<WordReading> hangul = read("개성");
  ASSERT_EQ(hangul.size(), 1u);
  EXPECT_EQ(std::u32string(View(hangul[0].hangul)), U"개성");
  EXPECT_EQ(hangul[0].prior, 0);
  EXPECT_THAT(read("NBC"), IsEmpty());     // No vowel.
  EXPECT_THAT(read("Kim#"), IsEmpty());    // A character no romanization uses.
}

TEST(ReadWord, ReadsOnlySurnamesWhenAskedTo) {
  const Decoder& d = BundledDecoder();
  const std::array<float, kStyles>& style = d.spelling().person_style_costs();
  const TwoSyllableSurnames& surnames = d.priors().two_syllable_surnames();
  // Namgung: a listed two-syllable surname. Yeojeong: two syllables that are none (여정), so no
  // reading at all, though the word is spelled. Gim: one syllable.
  const struct {
    const char* latin;
    const char32_t* first;  // The first reading; null: none.
  } kCases[] = {{"namgung", U"남궁"}, {"yeojeong", nullptr}, {"gim", U"김"}};
  for (const auto& c : kCases) {
    const std::vector<LatinWord> words = SplitLatinWords(c.latin);
    ASSERT_EQ(words.size(), 1u);
    EXPECT_TRUE(Spells(words[0], d.spelling())) << c.latin;
    const std::vector<WordReading> readings = ReadWord(
        words[0], PriorModel::Position::kGiven, 4, style, d.spelling(), d.priors(), false,
        &surnames);
    if (c.first == nullptr) {
      EXPECT_THAT(readings, IsEmpty()) << c.latin;
      continue;
    }
    ASSERT_FALSE(readings.empty()) << c.latin;
    EXPECT_EQ(std::u32string(View(readings[0].hangul)), c.first) << c.latin;
    for (const WordReading& r : readings) {
      EXPECT_TRUE(r.hangul.size() == 1 || surnames.Contains(View(r.hangul))) << c.latin;
    }
  }
}

TEST(Spells, TellsWordsTheModelSpellsFromOthers) {
  const Decoder& d = BundledDecoder();
  for (const char* latin : {"yeojeong", "Kaesong", "han'gul", "Yo-jong", "개성"}) {
    EXPECT_TRUE(Spells(SplitLatinWords(latin)[0], d.spelling())) << latin;
  }
  for (const char* latin : {"NBC", "Kim#", "gunn"}) {  // No vowel; no romanization; rare: nn.
    EXPECT_FALSE(Spells(SplitLatinWords(latin)[0], d.spelling())) << latin;
  }
}

// Readings of a name in another script by the bundled decoder. Hanja: each character's
// Sino-Korean readings, ranked by the priors; the South's initial-sound rule where a word (and a
// given name) begins, the North's form second.
std::vector<std::string> ScriptReadings(absl::string_view hanja, StringKind kind) {
  std::vector<std::string> out;
  for (const DecodedName& d : BundledDecoder().Decode(hanja, {kind, 5, 6})) out.push_back(d.hangul);
  return out;
}

TEST(Decode, ReadsHanjaByTheirSinoKoreanReadings) {
  const struct {
    const char* hanja;
    StringKind kind;
    std::vector<std::string> first;  // The likeliest readings, in order.
  } cases[] = {
      {"金與正", StringKind::kPerson, {"김여정"}},           // 金: 김 as a surname, not 금.
      {"李明博", StringKind::kPerson, {"이명박", "리명박"}},  // The South's 이, the North's 리.
      {"盧武鉉", StringKind::kPerson, {"노무현", "로무현"}},
      {"南宮民", StringKind::kPerson, {"남궁민"}},            // A surname of two Hanja.
      {"開城", StringKind::kPlace, {"개성"}},
      {"鴨綠江", StringKind::kPlace, {"압록강"}},  // 綠 is 녹 only where a word begins.
      {"平安北道 新義州", StringKind::kPlace, {"평안북도 신의주"}},
  };
  for (const auto& c : cases) {
    const std::vector<std::string> readings = ScriptReadings(c.hanja, c.kind);
    ASSERT_GE(readings.size(), c.first.size()) << c.hanja;
    EXPECT_EQ(std::vector<std::string>(readings.begin(), readings.begin() + c.first.size()),
              c.first)
        << c.hanja;
  }
  // Nothing to read: a character with no reading, Latin letters among the Hanja.
  EXPECT_THAT(ScriptReadings("金A", StringKind::kPerson), IsEmpty());
  EXPECT_THAT(ScriptReadings("金!", StringKind::kPlace), IsEmpty());
}

// Kana: every cut of each word into the kana of one syllable, a tail carried over to the next
// syllable undone, ranked by the priors; hiragana and half-width katakana read as katakana.
TEST(Decode, ReadsKanaByTheSyllablesTheySpell) {
  const struct {
    const char* kana;
    StringKind kind;
    const char* first;
  } cases[] = {
      {"キム・ヨジョン", StringKind::kPerson, "김여정"},
      {"きむ・よじょん", StringKind::kPerson, "김여정"},
      {"ｷﾑ･ﾖｼﾞｮﾝ", StringKind::kPerson, "김여정"},  // NFKC folds these first (Decode's caller).
      {"ムン・ジェイン", StringKind::kPerson, "문재인"},
      {"リ・ソルジュ", StringKind::kPerson, "리설주"},  // The North's 리, as the kana write it.
      {"チャ・ウヌ", StringKind::kPerson, "차은우"},    // Written as it sounds: 은우 [으누].
      {"ピョンヤン", StringKind::kPlace, "평양"},
      {"ソウル", StringKind::kPlace, "서울"},
  };
  for (const auto& c : cases) {
    const std::string folded = std::string(c.kana) == "ｷﾑ･ﾖｼﾞｮﾝ" ? "キム・ヨジョン" : c.kana;
    const std::vector<std::string> readings = ScriptReadings(folded, c.kind);
    ASSERT_FALSE(readings.empty()) << c.kana;
    EXPECT_EQ(readings.front(), c.first) << c.kana;
  }
  // Not kana only: nothing to read.
  EXPECT_THAT(ScriptReadings("キムK", StringKind::kPerson), IsEmpty());
}

// The decoder of the bundled tables, as BundledDecoder, with the rows of tables/name_model.tsv
// named in `rows` given the values there (each must be in the table).
std::unique_ptr<Decoder> BundledDecoderWith(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<catalog::TableText> tables =
      BundledTableTexts({"spelling_model.tsv", "name_model.tsv", "surnames.tsv",
                         "syllable_priors.tsv", "given_names.tsv", "surname_spellings.tsv",
                         "hanja_readings.tsv"});
  for (catalog::TableText& table : tables) {
    if (table.file != "name_model.tsv") continue;
    for (const auto& [name, value] : rows) {
      const size_t at = table.text.find("\n" + name + "\t");
      EXPECT_NE(at, std::string::npos) << name << " is not a row of name_model.tsv";
      if (at == std::string::npos) continue;
      const size_t value_at = at + 1 + name.size() + 1;
      table.text.replace(value_at, table.text.find('\t', value_at) - value_at, value);
    }
  }
  const catalog::ParsedTables parsed = catalog::ParseTables(tables, *text::Normalizer::Create());
  EXPECT_THAT(parsed.errors, IsEmpty());
  return std::make_unique<Decoder>(parsed.language.surnames, parsed.language.name_priors);
}

// The kana and Cyrillic readers rank with the spelling shares of the tables they are built from
// (the kana.* and cyrillic.* rows of tables/name_model.tsv), not with shares of their own. The
// bundled ones: the Japanese press writes ㅈ voiced where a given name begins (イ・ジェヨン), so
// チェ there is 채 first; the Russian press writes ч and е (Ким Чен Ын), so Чен is 정. Tables
// where the press seldom does read the same names otherwise: チェ as 재, Чен as 제 with its ㄴ
// carried to the next syllable (김제능).
TEST(Decode, RanksKanaAndCyrillicWithTheTablesSpellingShares) {
  auto first = [](const Decoder& decoder, absl::string_view name) {
    const std::vector<DecodedName> readings = decoder.Decode(name, {StringKind::kPerson, 5, 6});
    return readings.empty() ? std::string() : readings.front().hangul;
  };
  // The given name's first syllable of the likeliest reading.
  auto given_start = [&](const Decoder& decoder, absl::string_view name) {
    const std::string hangul = first(decoder, name);
    constexpr size_t kSyllableBytes = 3;  // A Hangul syllable in UTF-8.
    return hangul.size() < 2 * kSyllableBytes ? std::string()
                                              : hangul.substr(kSyllableBytes, kSyllableBytes);
  };
  EXPECT_EQ(given_start(BundledDecoder(), "イ・チェヨン"), "채");
  EXPECT_EQ(first(BundledDecoder(), "Ким Чен Ын"), "김정은");

  const std::unique_ptr<Decoder> seldom = BundledDecoderWith({{"kana.voiced.given_start", "0.02"},
                                                              {"cyrillic.press_lead", "0.02"},
                                                              {"cyrillic.press_vowel", "0.02"}});
  EXPECT_EQ(given_start(*seldom, "イ・チェヨン"), "재");
  EXPECT_EQ(first(*seldom, "Ким Чен Ын"), "김제능");
}

// Names written as they sound read also as the syllables that sound so: 석열 [성녈] (ㄴ inserted),
// 신라 [실라], 종로 [종노], 근혜 [그녜] (ㅎ silent), in kana and Cyrillic alike.
TEST(Decode, ReadsNamesWrittenAsTheySound) {
  const struct {
    const char* written;
    StringKind kind;
    const char* among;  // Among the first five readings.
  } cases[] = {
      {"ユン・ソンニョル", StringKind::kPerson, "윤석열"}, {"パク・クネ", StringKind::kPerson, "박근혜"},
      {"シルラ", StringKind::kPlace, "신라"},             {"Силла", StringKind::kPlace, "신라"},
      {"Чонно", StringKind::kPlace, "종로"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> readings = ScriptReadings(c.written, c.kind);
    if (readings.size() > 5) readings.resize(5);
    EXPECT_THAT(readings, Contains(c.among)) << c.written;
  }
}

// A query of words in several scripts: each word of Hanja, kana or Cyrillic read by its reader,
// the query then read as a romanized name with those words in Hangul, ranked by the same priors
// (金 as a surname is 김, not 금); a Hangul word is a surname only as the table's surnames are.
TEST(Decode, ReadsQueriesMixingScripts) {
  const struct {
    const char* query;
    StringKind kind;
    const char* first;
  } cases[] = {
      {"Kim 與正", StringKind::kPerson, "김여정"},     {"金 Yo Jong", StringKind::kPerson, "김여정"},
      {"キム Yo Jong", StringKind::kPerson, "김여정"}, {"Ким 여정", StringKind::kPerson, "김여정"},
      {"金 여정", StringKind::kPerson, "김여정"},      {"李 Myung-bak", StringKind::kPerson, "이명박"},
      {"開城 공단", StringKind::kPlace, "개성 공단"},
  };
  for (const auto& c : cases) {
    const std::vector<std::string> readings = ScriptReadings(c.query, c.kind);
    ASSERT_FALSE(readings.empty()) << c.query;
    EXPECT_EQ(readings.front(), c.first) << c.query;
  }
  // 여정 is no surname: "Kim 여정" is not read 여정김.
  EXPECT_THAT(ScriptReadings("Kim 여정", StringKind::kPerson), Not(Contains("여정김")));
  // A word no reader reads leaves the query unread.
  EXPECT_THAT(ScriptReadings("Kim 金A", StringKind::kPerson), IsEmpty());
}

TEST(Junctions, ListWhatSoundsAlike) {
  auto has = [](Tail tail, Lead lead, Vowel vowel, Junction want) {
    for (const Junction& j : JunctionsSoundingAs(tail, lead, vowel)) {
      if (j.tail == want.tail && j.lead == want.lead) return std::abs(j.cost - want.cost) < 1e-6;
    }
    return false;
  };
  const float optional = static_cast<float>(std::log(2.0));
  // 성녈: 석열 (nasalized, ㄴ inserted: optional), 성녈 itself is as written (not listed).
  EXPECT_TRUE(has(Tail::kNG, Lead::kN, Vowel::kYeo, {Tail::kG, Lead::kNone, optional}));
  EXPECT_TRUE(has(Tail::kNG, Lead::kN, Vowel::kYeo, {Tail::kG, Lead::kN, 0}));   // 백마-like.
  EXPECT_TRUE(has(Tail::kNG, Lead::kN, Vowel::kO, {Tail::kNG, Lead::kR, 0}));    // 종로.
  EXPECT_TRUE(has(Tail::kL, Lead::kR, Vowel::kA, {Tail::kN, Lead::kR, 0}));      // 신라.
  EXPECT_TRUE(has(Tail::kNone, Lead::kN, Vowel::kU, {Tail::kN, Lead::kNone, 0}));  // 은우.
  EXPECT_TRUE(has(Tail::kNone, Lead::kN, Vowel::kYe, {Tail::kN, Lead::kH, optional}));  // 근혜.
  EXPECT_TRUE(has(Tail::kNone, Lead::kK, Vowel::kYe, {Tail::kG, Lead::kH, 0}));  // 박혜 [바켸].
  // An open syllable before ㄱ: as written, or ㄱ carried over (각아 [가가]); not ㄱ + ㄱ.
  EXPECT_TRUE(has(Tail::kNone, Lead::kG, Vowel::kA, {Tail::kNone, Lead::kG, 0}));
  EXPECT_TRUE(has(Tail::kNone, Lead::kG, Vowel::kA, {Tail::kG, Lead::kNone, 0}));
  EXPECT_FALSE(has(Tail::kNone, Lead::kG, Vowel::kA, {Tail::kG, Lead::kG, 0}));
  // ㄴ before ㄹ is heard as ㄹ, so ㄴ + ㄹ is not how anything sounds.
  EXPECT_TRUE(JunctionsSoundingAs(Tail::kN, Lead::kR, Vowel::kA).empty());
}

// Cyrillic: by Kontsevich and the press's older forms, case and soft signs aside; a surname Ли
// reads as the South's 이 and the North's 리, each weighed with the given name by the populations
// that write it: 이명박 (a southern given name), 리설주 (a northern one).
TEST(Decode, ReadsCyrillicByTheSyllablesItSpells) {
  const struct {
    const char* cyrillic;
    StringKind kind;
    std::vector<std::string> first;
  } cases[] = {
      {"Ким Ё Чжон", StringKind::kPerson, {"김여정"}},
      {"КИМ ЧЕН ЫН", StringKind::kPerson, {"김정은"}},
      {"Ли Мён Бак", StringKind::kPerson, {"이명박"}},
      {"Ли Соль Чжу", StringKind::kPerson, {"리설주"}},
      {"Пхёнъян", StringKind::kPlace, {"평양"}},
      {"Пхеньян", StringKind::kPlace, {"평양"}},
  };
  for (const auto& c : cases) {
    const std::vector<std::string> readings = ScriptReadings(c.cyrillic, c.kind);
    ASSERT_GE(readings.size(), c.first.size()) << c.cyrillic;
    EXPECT_EQ(std::vector<std::string>(readings.begin(), readings.begin() + c.first.size()),
              c.first)
        << c.cyrillic;
  }
  // Both forms are read whatever the given name (the first five readings).
  for (const char* name : {"Ли Мён Бак", "Ли Соль Чжу"}) {
    std::vector<std::string> readings = ScriptReadings(name, StringKind::kPerson);
    bool south = false, north = false;
    for (const std::string& r : readings) {
      south = south || r.rfind("이", 0) == 0;
      north = north || r.rfind("리", 0) == 0;
    }
    EXPECT_TRUE(south && north) << name;
  }
  EXPECT_THAT(ScriptReadings("Ким Q", StringKind::kPerson), IsEmpty());
}

}  // namespace
}  // namespace irum::hangul
