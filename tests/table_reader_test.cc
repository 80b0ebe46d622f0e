#include "server/catalog/table_reader.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace irum::catalog {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

// Most cases use the irum 0.1 layout (9 columns), which the reader still reads; the 12-column
// layout of parents and history has its own tests below.
constexpr char kHeader[] = "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription\n";
constexpr char kHeader12[] =
    "id\tkind\thangul\thanja\tname\tcountry\tparent\taliases\tformer\tpopulation\twikidata\t"
    "description\n";
constexpr char kKaesong[] =
    "place/kp/kaesong\tplace\t개성\t開城\tKaesong\tKP\tKaesŏng | Gaeseong\tQ1\tCity in North Korea\n";

text::Normalizer MakeNormalizer() { return *text::Normalizer::Create(); }

ParsedTables Parse(const std::string& text) {
  return ParseTables({{"tables/t.tsv", text}}, MakeNormalizer());
}

std::vector<std::string> Messages(const ParsedTables& parsed) {
  std::vector<std::string> out;
  for (const Diagnostic& d : parsed.errors) out.push_back(d.ToString());
  return out;
}

TEST(TableReader, ReadsAllFieldsOfARow) {
  ParsedTables parsed = Parse(absl::StrCat("# comment\n\n", kHeader, kKaesong));
  ASSERT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  ASSERT_THAT(parsed.entities, SizeIs(1));
  const Entity& e = parsed.entities[0];
  EXPECT_EQ(e.id, "place/kp/kaesong");
  EXPECT_EQ(e.kind, EntityKind::kPlace);
  EXPECT_EQ(e.hangul, "개성");
  EXPECT_EQ(e.hanja, "開城");
  EXPECT_EQ(e.name, "Kaesong");
  EXPECT_THAT(e.countries, ElementsAre("KP"));
  EXPECT_THAT(e.aliases, ElementsAre("Kaesŏng", "Gaeseong"));
  EXPECT_EQ(e.wikidata_id, "Q1");
  EXPECT_EQ(e.description, "City in North Korea");
  EXPECT_EQ(e.location.ToString(), "tables/t.tsv:4");
}

TEST(TableReader, AcceptsEmptyOptionalFieldsAndSharedRegions) {
  ParsedTables parsed = Parse(absl::StrCat(
      kHeader,
      "org/kr/ministry-of-unification\torganization\t통일부\t\tMinistry of Unification\tKR\t\t\t"
      "South Korean ministry\n",
      "place/korea/dmz\tplace\t비무장지대\t\tDMZ\tKP|KR\t\t\tBorder zone\n"));
  // Sorted: "org/..." < "place/...".
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  EXPECT_THAT(parsed.entities, SizeIs(2));
}

struct BadRowCase {
  std::string row;        // Follows the header, at line 2.
  const char* message;    // Expected in "tables/t.tsv:2: <message>".
};

TEST(TableReader, ReportsEachProblemAtItsLine) {
  const BadRowCase kCases[] = {
      {"place/kp/kaesong\tplace\t개성\n", "expected 9 tab-separated fields, found 3"},
      {"place/kp/kaesong\tcity\t개성\t\tKaesong\tKP\t\t\td\n", "unknown kind 'city'"},
      {"place/kp/Kaesong\tplace\t개성\t\tKaesong\tKP\t\t\td\n", "is not of the form kind/region/slug"},
      {"place/kp/kae--song\tplace\t개성\t\tKaesong\tKP\t\t\td\n", "is not of the form"},
      {"kaesong\tplace\t개성\t\tKaesong\tKP\t\t\td\n", "is not of the form"},
      {"person/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\td\n", "starts with 'person' but kind is place"},
      {"place/kr/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\td\n", "has region 'kr' but country 'KP' requires 'kp'"},
      {"place/kp/dmz\tplace\t비무장지대\t\tDMZ\tKP|KR\t\t\td\n", "requires 'korea'"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tkp\t\t\td\n", "country 'kp' is not an uppercase"},
      {"place/korea/dmz\tplace\t비무장지대\t\tDMZ\tKR|KP\t\t\td\n", "countries must be sorted"},
      {"place/kp/kaesong\tplace\tKaesong\t\tKaesong\tKP\t\t\td\n", "hangul 'Kaesong' must be Hangul syllables"},
      {"place/kp/kaesong\tplace\t개  성\t\tKaesong\tKP\t\t\td\n", "must be Hangul syllables separated by single spaces"},
      {"place/kp/kaesong\tplace\t\t\tKaesong\tKP\t\t\td\n", "hangul is empty"},
      {"place/kp/kaesong\tplace\t개성\t개성\tKaesong\tKP\t\t\td\n", "hanja '개성' must be Han characters"},
      {"place/kp/kaesong\tplace\t개성\t\t\tKP\t\t\td\n", "name is empty"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\t\t\t\td\n", "country is empty"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\t\n", "description is empty"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\tA || B\t\td\n", "empty alias"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\tA | --\t\td\n", "alias '--' has no letter or digit"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\tA | A\t\td\n", "alias 'A' is listed twice"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\tKaesong\t\td\n", "repeats the name"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\tP123\td\n", "wikidata 'P123' is not a Wikidata item ID"},
      {"place/kp/kaesong\tplace\t개성\t\t Kaesong\tKP\t\t\td\n", "field 'name' has leading or trailing spaces"},
      {"place/kp/kaesong\tplace\t개성\t\tKae\xFFsong\tKP\t\t\td\n", "invalid UTF-8 at byte"},
      {"place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\td\r\n", "line ends with CR"},
  };
  for (const BadRowCase& c : kCases) {
    ParsedTables parsed = Parse(absl::StrCat(kHeader, c.row));
    EXPECT_THAT(parsed.entities, IsEmpty()) << c.row;
    EXPECT_THAT(Messages(parsed),
                Contains(AllOf(StartsWith("tables/t.tsv:2: "), HasSubstr(c.message))))
        << c.row;
  }
}

TEST(TableReader, ReportsEveryBadRowAndKeepsTheGoodOnes) {
  ParsedTables parsed = Parse(absl::StrCat(
      kHeader, "a\tplace\n", kKaesong, "place/kp/zz\tplace\t개성\t\t\tKP\t\t\td\n"));
  EXPECT_THAT(Messages(parsed), ElementsAre(HasSubstr("t.tsv:2: error [field-count]: expected 9"),
                                            HasSubstr("t.tsv:4: error [required]: name is empty")));
  ASSERT_THAT(parsed.entities, SizeIs(1));
  EXPECT_EQ(parsed.entities[0].id, "place/kp/kaesong");
}

TEST(TableReader, RequiresSortedRows) {
  ParsedTables parsed = Parse(absl::StrCat(
      kHeader, kKaesong, "place/kp/border\tplace\t국경\t\tBorder\tKP\t\t\td\n"));
  EXPECT_THAT(Messages(parsed),
              ElementsAre(HasSubstr("t.tsv:3: error [sorted]: rows must be sorted by id: 'place/kp/border' comes "
                                    "after 'place/kp/kaesong'")));
}

TEST(TableReader, ReportsDuplicateIdsAcrossFiles) {
  ParsedTables parsed = ParseTables(
      {{"tables/a.tsv", absl::StrCat(kHeader, kKaesong)},
       {"tables/b.tsv", absl::StrCat("# other\n", kHeader, kKaesong)}},
      MakeNormalizer());
  EXPECT_THAT(Messages(parsed),
              ElementsAre("tables/b.tsv:3: error [duplicate-id]: duplicate id 'place/kp/kaesong' (first used at "
                          "tables/a.tsv:2)"));
  EXPECT_THAT(parsed.entities, SizeIs(1));
}

TEST(TableReader, RejectsAFileWithoutTheHeader) {
  EXPECT_THAT(Messages(Parse(kKaesong)),
              ElementsAre(HasSubstr("tables/t.tsv:1: error [header]: unknown table header")));
  EXPECT_THAT(Messages(Parse("# only a comment\n")),
              ElementsAre("tables/t.tsv: error [header]: empty table: no header line"));
}

TEST(TableReader, ReadsPronunciationTables) {
  ParsedTables parsed = Parse(
      "# exceptions\nwritten\tpronounced\tnote\n알약\t알략\tinsertion\n학여울\t항녀울\t\n");
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  EXPECT_THAT(parsed.language.pronunciations,
              ElementsAre(std::pair<std::string, std::string>("알약", "알략"),
                          std::pair<std::string, std::string>("학여울", "항녀울")));
}

TEST(TableReader, ReportsBadPronunciationRows) {
  const BadRowCase kCases[] = {
      {"알약\t알략\n", "expected 3 tab-separated fields, found 2"},
      {"알약\tallyak\t\n", "must be Hangul words without spaces"},
      {"알 약\t알 략\t\n", "must be Hangul words without spaces"},
      {"알약\t알략약\t\n", "must have the same number of syllables"},
      {"약\t략\t\n", "is one syllable"},
  };
  for (const BadRowCase& c : kCases) {
    ParsedTables parsed = Parse(absl::StrCat("written\tpronounced\tnote\n", c.row));
    EXPECT_THAT(parsed.language.pronunciations, IsEmpty()) << c.row;
    EXPECT_THAT(Messages(parsed),
                Contains(AllOf(StartsWith("tables/t.tsv:2: "), HasSubstr(c.message))))
        << c.row;
  }
  ParsedTables unsorted =
      Parse("written\tpronounced\tnote\n학여울\t항녀울\t\n알약\t알략\t\n");
  EXPECT_THAT(Messages(unsorted), ElementsAre(HasSubstr("t.tsv:3: error [sorted]: rows must be sorted")));
}

TEST(TableReader, ReadsSurnamePriorAndGenericTables) {
  ParsedTables parsed = ParseTables(
      {{"s.tsv", "hangul\tnorth\tspellings\tshare\tnote\n김\t\tKim | Gim\t21.5\t\n이\t리\tLee | Ri\t\t\n"},
       {"p.tsv", "syllable\tgiven\tplace\n가\t2\t56\n각\t15\t0\n"},
       {"g.tsv", "english\thangul\tnote\ncity\t시\t\nriver\t강\t\n"},
       {"c.tsv", "hangul\tspellings\n남궁\tNamgung 555 | Namkung 359\n신\tShin 29868\n"}},
      *text::Normalizer::Create());
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  ASSERT_THAT(parsed.language.surnames, SizeIs(2));
  EXPECT_EQ(parsed.language.surnames[1].north, "리");
  EXPECT_THAT(parsed.language.surnames[1].spellings, ElementsAre("Lee", "Ri"));
  EXPECT_DOUBLE_EQ(parsed.language.surnames[0].share, 21.5);
  // The syllable table of irum 0.1 (p.tsv) is read as the older population's counts.
  ASSERT_THAT(parsed.language.name_priors.syllables, SizeIs(2));
  EXPECT_EQ(parsed.language.name_priors.syllables[0].place, 56);
  EXPECT_EQ(parsed.language.name_priors.syllables[1].given[1][0], 15);
  EXPECT_THAT(parsed.language.place_generics, SizeIs(2));
  const auto& counts = parsed.language.name_priors.surname_spellings;
  ASSERT_THAT(counts, SizeIs(2));
  EXPECT_EQ(counts[0].hangul, "남궁");
  EXPECT_THAT(counts[0].spellings, ElementsAre(std::pair<std::string, int64_t>("Namgung", 555),
                                               std::pair<std::string, int64_t>("Namkung", 359)));
}

TEST(TableReader, ReadsParticlesDemonymsAndContextAliasesAndChecksTheirRows) {
  const std::string places =
      "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription\n"
      "place/kp/north-korea\tplace\t조선\t\tNorth Korea\tKP\tDPRK\t\tCountry\n";
  ParsedTables parsed = ParseTables(
      {{"p.tsv", "particle\tnote\n에서\t\n은\ttopic\n"},
       {"d.tsv", "demonym\tid\tnote\nnorth korean\tplace/kp/north-korea\t\n북한인\tplace/kp/north-korea\t\n"},
       {"c.tsv", "alias\tnote\nDPRK\t\n조선\tthe Joseon dynasty\n"},
       {"e.tsv", places}},
      MakeNormalizer());
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  EXPECT_THAT(parsed.language.particles, ElementsAre("에서", "은"));
  ASSERT_THAT(parsed.language.demonyms, SizeIs(2));
  EXPECT_EQ(parsed.language.demonyms[0].id, "place/kp/north-korea");
  EXPECT_EQ(parsed.language.demonyms[1].words, "북한인");
  // A context alias that no entity has is warned of, not refused.
  ParsedTables unknown = ParseTables({{"c.tsv", "alias\tnote\n북조선\t\n"}, {"e.tsv", places}},
                                     MakeNormalizer());
  EXPECT_THAT(unknown.errors, IsEmpty());
  ASSERT_THAT(unknown.warnings, SizeIs(1));
  EXPECT_EQ(unknown.warnings[0].location.ToString(), "c.tsv:2");
  EXPECT_EQ(unknown.warnings[0].rule, "context-alias");
  EXPECT_EQ(unknown.warnings[0].message, "'북조선' is no entity's name or alias in the tables");
  ASSERT_THAT(parsed.language.context_aliases, SizeIs(2));
  EXPECT_EQ(parsed.language.context_aliases[1].first, "조선");
  EXPECT_EQ(parsed.language.context_aliases[1].second.ToString(), "c.tsv:3");

  const BadRowCase kCases[] = {
      {"particle\tnote\neun\t\n", "particle 'eun' must be Hangul syllables"},
      {"demonym\tid\tnote\nNorth Korean\tplace/kp/north-korea\t\n",
       "must be lowercase ASCII words"},
      {"demonym\tid\tnote\n북한 사람\tplace/kp/north-korea\t\n", "or one word of Hangul syllables"},
      {"demonym\tid\tnote\nnorth korean\t\t\n", "id is empty"},
      {"demonym\tid\tnote\nnorth korean\tplace/kp/nowhere\t\n",
       "id 'place/kp/nowhere' is not the ID of any entity"},
      {"alias\tnote\n 조선\t\n", "without spaces around it"},
  };
  for (const BadRowCase& c : kCases) {
    ParsedTables bad = ParseTables({{"tables/t.tsv", c.row}, {"e.tsv", places}}, MakeNormalizer());
    EXPECT_THAT(Messages(bad), Contains(AllOf(StartsWith("tables/t.tsv:2: "), HasSubstr(c.message))))
        << c.row;
  }
}

TEST(TableReader, ReadsHanjaReadingsAndChecksTheirRows) {
  ParsedTables parsed =
      ParseTables({{"h.tsv", "# Unihan\nhanja\treadings\n李\t리 | 이\n金\t금 | 김\n"}}, MakeNormalizer());
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  ASSERT_THAT(parsed.language.name_priors.hanja, SizeIs(2));
  EXPECT_EQ(parsed.language.name_priors.hanja[1].hanja, U'金');
  EXPECT_EQ(parsed.language.name_priors.hanja[1].readings, U"금김");

  const BadRowCase kCases[] = {
      {"hanja\treadings\nK\t김\n", "hanja 'K' must be one Hanja"},
      {"hanja\treadings\n金正\t김\n", "hanja '金正' must be one Hanja"},
      {"hanja\treadings\n金\tgim\n", "reading 'gim' of '金' must be one Hangul syllable"},
      {"hanja\treadings\n金\t금 | \n", "reading '' of '金' must be one Hangul syllable"},
      {"hanja\treadings\n金\t김\n李\t리\n", "rows must be sorted"},
  };
  for (const BadRowCase& c : kCases) {
    ParsedTables bad = ParseTables({{"tables/t.tsv", c.row}}, MakeNormalizer());
    EXPECT_THAT(Messages(bad), Contains(HasSubstr(c.message))) << c.row;
  }
}

TEST(TableReader, ReadsTheNamePriorTables) {
  ParsedTables parsed = ParseTables(
      {{"s.tsv", "syllable\tmodern1\tmodern2\tolder1\tolder2\tdprk1\tdprk2\tplace\n"
                 "가\t10\t2\t3\t4\t5\t6\t7\n"},
       {"g.tsv", "given\tmodern\tolder\tdprk\n가은\t15105\t0\t0\n정철\t0\t3\t1\n"},
       {"m.tsv", "parameter\tvalue\tnote\ncyrillic.press_tail\t0.3\t\ncyrillic.voiced.after_stop\t0.2\t\n"
                 "dprk_backoff\t30\t\ngiven_length.dprk.1\t0.05\t\ngiven_length.modern.4\t0.0001\t\n"
                 "kana.other_column\t0.25\t\nkana.voiced.given_start\t0.8\t\n"
                 "known_name.person\t15\t\n"
                 "korean.q.0.05\t0.8\t\nkorean.q.0.5\t1.3\t\n"
                 "mix.dprk\t0.1\t\nmix.modern\t0.4\t\nmix.older\t0.5\t\n"
                 "order.surname_last\t0.003\t\n"
                 "population.plain.dprk\t0.6\t\nsyllable_backoff.older\t100\t\n"
                 "whole_name\t0.5\tfitted\n"}},
      MakeNormalizer());
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  const hangul::NamePriors& priors = parsed.language.name_priors;
  ASSERT_THAT(priors.syllables, SizeIs(1));
  EXPECT_EQ(priors.syllables[0].given[0][0], 10);
  EXPECT_EQ(priors.syllables[0].given[2][1], 6);
  EXPECT_EQ(priors.syllables[0].place, 7);
  ASSERT_THAT(priors.given_names, SizeIs(2));
  EXPECT_EQ(priors.given_names[1].count[2], 1);
  EXPECT_DOUBLE_EQ(priors.model.mix[0], 0.4);
  EXPECT_DOUBLE_EQ(priors.model.mix[2], 0.1);
  EXPECT_DOUBLE_EQ(priors.model.whole_name, 0.5);
  EXPECT_DOUBLE_EQ(priors.model.dprk_backoff, 30);
  EXPECT_DOUBLE_EQ(priors.model.syllable_backoff[1], 100);  // older
  EXPECT_DOUBLE_EQ(priors.model.syllable_backoff[0], 0);    // modern: no row, add-half
  EXPECT_DOUBLE_EQ(priors.model.surname_last, 0.003);
  EXPECT_DOUBLE_EQ(priors.model.known_name[0], 15);  // persons
  EXPECT_DOUBLE_EQ(priors.model.known_name[1], 1);   // places: no row, the catalog weighs nothing
  EXPECT_DOUBLE_EQ(priors.model.population[2][2], 0.6);  // plain, dprk
  EXPECT_DOUBLE_EQ(priors.model.population[2][1], 0);
  // Given-name lengths: rows for dprk 1 and modern 4 (four or more); the others stay 1.
  EXPECT_DOUBLE_EQ(priors.model.given_length.share[hangul::kDprkPopulation][0], 0.05);
  EXPECT_DOUBLE_EQ(priors.model.given_length.share[0][3], 0.0001);
  EXPECT_DOUBLE_EQ(priors.model.given_length.share[0][1], 1);
  EXPECT_THAT(priors.model.korean_quantiles,
              ElementsAre(std::make_pair(0.05, 0.8), std::make_pair(0.5, 1.3)));
  // The kana and Cyrillic spelling shares; a share without its row keeps its neutral default.
  const auto given_start = static_cast<size_t>(hangul::SpellingPlace::kGivenStart);
  const auto after_stop = static_cast<size_t>(hangul::SpellingPlace::kAfterStop);
  const auto word_start = static_cast<size_t>(hangul::SpellingPlace::kWordStart);
  EXPECT_DOUBLE_EQ(priors.model.kana.voiced[given_start], 0.8);
  EXPECT_DOUBLE_EQ(priors.model.kana.voiced[word_start], hangul::kNeutralSpellingShare);
  EXPECT_DOUBLE_EQ(priors.model.kana.other_column, 0.25);
  EXPECT_DOUBLE_EQ(priors.model.cyrillic.voiced[after_stop], 0.2);
  EXPECT_DOUBLE_EQ(priors.model.cyrillic.voiced[given_start], hangul::kNeutralSpellingShare);
  EXPECT_DOUBLE_EQ(priors.model.cyrillic.press_tail, 0.3);
  EXPECT_DOUBLE_EQ(priors.model.cyrillic.press_lead, hangul::kNeutralSpellingShare);
  // Spelling-model rows, a syllable spelled whole among them.
  const ParsedTables spelling = ParseTables(
      {{"sp.tsv", "key\trr\tmr\tplain\tpassport\nlead|ㅈ|^|j\t1\t0\t0.5\t0.9\n"
                  "whole|*|*|*\t0\t0\t0\t0.03\nwhole|정|*|chung\t0\t0\t0\t0.005\n"}},
      MakeNormalizer());
  EXPECT_THAT(spelling.errors, IsEmpty()) << testing::PrintToString(Messages(spelling));
  EXPECT_THAT(spelling.language.name_priors.spelling, SizeIs(3));

  struct Bad {
    std::string text;
    const char* message;
  };
  const Bad kCases[] = {
      {"given\tmodern\tolder\tdprk\n가은\t-1\t0\t0\n", "counts must be whole numbers"},
      {"given\tmodern\tolder\tdprk\nGaeun\t1\t0\t0\n", "not a Hangul word"},
      {"parameter\tvalue\tnote\nmix.moon\t0.1\t\n", "unknown parameter 'mix.moon'"},
      {"parameter\tvalue\tnote\nwhole_name\t1.5\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\npopulation.plain.dprk\t2\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\npopulation.plain.north\t0.2\t\n", "unknown parameter"},
      {"parameter\tvalue\tnote\ndprk_backoff\t-1\t\n", "not a number from 0"},
      {"parameter\tvalue\tnote\nknown_name.place\t0.5\t\n", "not a number from 1 to 1e9"},
      {"parameter\tvalue\tnote\nknown_name.person\tnan\t\n", "not a number from 1 to 1e9"},
      {"parameter\tvalue\tnote\nsyllable_backoff.older\tmany\t\n", "not a number from 0"},
      {"parameter\tvalue\tnote\nsyllable_backoff.north\t0.5\t\n", "unknown parameter"},
      {"parameter\tvalue\tnote\ngiven_length.older.2\t1.2\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\ngiven_length.older.2\t0\t\n", "not above 0"},
      {"parameter\tvalue\tnote\ngiven_length.older.5\t0.1\t\n", "unknown parameter"},
      {"parameter\tvalue\tnote\norder.surname_last\t0\t\n", "not between 0 and 1"},
      {"parameter\tvalue\tnote\norder.surname_last\t1\t\n", "not between 0 and 1"},
      {"parameter\tvalue\tnote\nkorean.q.1.5\t2\t\n", "does not name a level between 0 and 1"},
      {"parameter\tvalue\tnote\nkorean.q.x\t2\t\n", "does not name a level between 0 and 1"},
      {"parameter\tvalue\tnote\nkorean.q.0.5\t-2\t\n", "not a number from 0"},
      {"parameter\tvalue\tnote\nkana.voiced.middle\t0.5\t\n", "unknown parameter 'kana.voiced.middle'"},
      {"parameter\tvalue\tnote\nkana.other_column\tmost\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\ncyrillic.voiced.inside\t1.2\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\ncyrillic.press_tail\t-0.1\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\nkana.voiced.inside\tnan\t\n", "not a number from 0 to 1"},
      {"parameter\tvalue\tnote\ncyrillic.press\t0.1\t\n", "unknown parameter 'cyrillic.press'"},
      {"syllable\tmodern1\tmodern2\tolder1\tolder2\tdprk1\tdprk2\tplace\n가\t1\t2\n",
       "expected 8 tab-separated fields"},
      // The spelling model's rows; a syllable spelled whole in lowercase letters.
      {"key\trr\tmr\tplain\tpassport\nlead|ㄱ|^|g\t1\t0\t0\t1.5\n", "not a probability"},
      {"key\trr\tmr\tplain\tpassport\nlead|가|^|g\t1\t0\t0\t1\n", "is not slot|jamo|context|letters"},
      {"key\trr\tmr\tplain\tpassport\nwhole|정|*|JUNG\t0\t0\t0\t0.1\n", "is not slot|jamo"},
      {"key\trr\tmr\tplain\tpassport\nwhole|정이|*|jung\t0\t0\t0\t0.1\n", "is not slot|jamo"},
      {"key\trr\tmr\tplain\tpassport\nwhole|ㅈ|*|jung\t0\t0\t0\t0.1\n", "is not slot|jamo"},
      {"key\trr\tmr\tplain\tpassport\nwhole|*|*|jung\t0\t0\t0\t0.1\n", "is not slot|jamo"},
  };
  for (const Bad& c : kCases) {
    EXPECT_THAT(Messages(Parse(c.text)),
                Contains(AllOf(StartsWith("tables/t.tsv:2: "), HasSubstr(c.message))))
        << c.text;
  }
  // The quantiles: each level once, the costs rising with the levels (the second row is wrong).
  EXPECT_THAT(Messages(Parse("parameter\tvalue\tnote\nkorean.q.0.5\t2\t\nkorean.q.0.50\t2\t\n")),
              ElementsAre(HasSubstr("t.tsv:3: error [name-model]: level 0.5 is given twice")));
  EXPECT_THAT(Messages(Parse("parameter\tvalue\tnote\nkorean.q.0.1\t2\t\nkorean.q.0.5\t1\t\n")),
              ElementsAre(HasSubstr("t.tsv:3: error [name-model]: value 1 at level 0.5 is out of order")));
}

TEST(TableReader, ReportsBadSurnamePriorAndGenericRows) {
  struct Bad {
    std::string text;
    const char* message;
  };
  const Bad kCases[] = {
      {"hangul\tnorth\tspellings\tshare\tnote\nKim\t\tKim\t\t\n", "one or two Hangul syllables"},
      {"hangul\tnorth\tspellings\tshare\tnote\n김\t\t\t\t\n", "spellings is empty"},
      {"hangul\tnorth\tspellings\tshare\tnote\n김\t\tKim | Kim\t\t\n", "listed twice"},
      {"hangul\tnorth\tspellings\tshare\tnote\n김\t\tKim\t120\t\n", "not a percentage"},
      {"hangul\tnorth\tspellings\tshare\tnote\n이\t리리\tLee\t\t\n", "as many syllables"},
      {"syllable\tgiven\tplace\n가나\t1\t1\n", "not one Hangul syllable"},
      {"syllable\tgiven\tplace\n가\t-1\t1\n", "counts must be whole numbers"},
      {"english\thangul\tnote\nCity\t시\t\n", "lowercase ASCII"},
      {"english\thangul\tnote\ncity\tsi\t\n", "must be Hangul"},
      {"hangul\tspellings\nShin\tShin 3\n", "one or two Hangul syllables"},
      {"hangul\tspellings\n신\tShin\n", "not a spelling in letters and a count"},
      {"hangul\tspellings\n신\tSh-in 3\n", "not a spelling in letters and a count"},
      {"hangul\tspellings\n신\tShin 0\n", "not a spelling in letters and a count"},
      {"hangul\tspellings\n신\tShin 3 | Shin 2\n", "listed twice"},
      {"hangul\tspellings\n신\t\n", "spellings is empty"},
  };
  for (const Bad& c : kCases) {
    EXPECT_THAT(Messages(Parse(c.text)),
                Contains(AllOf(StartsWith("tables/t.tsv:2: "), HasSubstr(c.message))))
        << c.text;
  }
}

TEST(TableReader, ErrorsToStatusListsTheFirstProblems) {
  EXPECT_TRUE(ErrorsToStatus({}).ok());
  std::vector<Diagnostic> errors;
  for (int line = 1; line <= 12; ++line) errors.push_back({{"t.tsv", line}, "bad"});
  absl::Status status = ErrorsToStatus(errors);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("t.tsv:1: error: bad\nt.tsv:2: error: bad"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("(and 2 more)"));
}

// Rows in the 12-column layout: id, kind, hangul, hanja, name, country, parent, aliases, former,
// population, wikidata, description.
std::string Row(const std::string& id, const std::string& hangul, const std::string& name,
                const std::string& parent = "", const std::string& former = "",
                const std::string& population = "", const std::string& aliases = "") {
  const std::string kind = id.rfind("person/", 0) == 0 ? "person"
                           : id.rfind("org/", 0) == 0  ? "organization"
                                                       : "place";
  const std::string country = id.find("/kp/") != std::string::npos ? "KP" : "KR";
  return absl::StrCat(id, "\t", kind, "\t", hangul, "\t\t", name, "\t", country, "\t", parent, "\t",
                      aliases, "\t", former, "\t", population, "\t\td\n");
}

TEST(TableReader, ReadsParentsFormerNamesAndPopulation) {
  ParsedTables parsed = Parse(absl::StrCat(
      kHeader12, Row("place/kr/busan", "부산광역시", "Busan", "", "", "3300000"),
      Row("place/kr/busan/jung-gu", "중구", "Jung-gu", "place/kr/busan"),
      Row("place/kr/busan/jung-gu/daecheong-dong", "대청동", "Daecheong-dong",
          "place/kr/busan/jung-gu"),
      Row("place/kr/changwon", "창원시", "Changwon", "", "Masan | 마산시"),
      Row("place/kr/jongno-gu/jongno-1-2-3-4-ga-dong", "종로1.2.3.4가동",
          "Jongno 1.2.3.4(il.i.sam.sa)ga-dong")));
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  ASSERT_THAT(parsed.entities, SizeIs(5));
  EXPECT_EQ(parsed.entities[0].population, 3300000);
  EXPECT_EQ(parsed.entities[1].parent, "place/kr/busan");
  EXPECT_THAT(parsed.entities[3].former_names, ElementsAre("Masan", "마산시"));
  EXPECT_EQ(parsed.entities[4].hangul, "종로1.2.3.4가동");
}

TEST(TableReader, ChecksTheHierarchyAcrossRows) {
  struct Case {
    std::string rows;
    const char* message;  // Expected at line 3 (the second row) unless it names another.
  };
  const Case kCases[] = {
      {Row("place/kr/a", "가", "A") + Row("place/kr/b", "나", "B", "place/kr/nowhere"),
       "t.tsv:3: error [parent-exists]: parent 'place/kr/nowhere' is not the ID"},
      {Row("person/kr/kim", "김", "Kim") + Row("place/kr/b", "나", "B", "person/kr/kim"),
       "t.tsv:3: error [parent-kind]: a place cannot have the person"},
      {Row("place/kr/a", "가", "A") + Row("person/kr/b", "나", "B", "place/kr/a"),
       "t.tsv:3: error [parent-kind]: a person cannot have the place"},
      {Row("place/kr/a", "가", "A", "place/kr/b") + Row("place/kr/b", "나", "B", "place/kr/a"),
       "t.tsv:2: error [parent-cycle]: parents of 'place/kr/a' form a cycle"},
      {Row("place/kr/a", "가", "A", "place/kr/a"),
       "t.tsv:2: error [parent-cycle]: an entity cannot be its own parent"},
      {Row("place/kr/a", "가", "A", "", "", "12x"), "t.tsv:2: error [population]"},
      {Row("place/kr/a", "가", "A", "", "", "-5"), "t.tsv:2: error [population]"},
      {Row("place/kr/a", "가", "A", "", "B || C"), "t.tsv:2: error [alias]: empty former name"},
      {Row("place/kr/a", "가", "A", "", "A"), "t.tsv:2: error [alias-duplicate]: former name 'A'"},
      {Row("place/kr/a", "1가", "A"), ""},  // Digits are fine...
      {Row("place/kr/a", "가.1", "A"), "t.tsv:2: error [hangul-script]"},  // ...a period between them only.
      {Row("place/kr/a", "가1.", "A"), "t.tsv:2: error [hangul-script]"},
      {Row("place/kr/a/", "가", "A"), "t.tsv:2: error [id-syntax]"},
  };
  for (const Case& c : kCases) {
    ParsedTables parsed = Parse(absl::StrCat(kHeader12, c.rows));
    if (std::string(c.message).empty()) {
      EXPECT_THAT(parsed.errors, IsEmpty()) << c.rows;
    } else {
      EXPECT_THAT(Messages(parsed), Contains(HasSubstr(c.message))) << c.rows;
    }
  }
}

TEST(TableReader, WarnsWithoutFailing) {
  ParsedTables parsed = Parse(absl::StrCat(
      kHeader12, Row("place/kr/a", "가", "Gapyeong", "", "", "", "GAPYEONG | Ka-p'yŏng"),
      // The ID names place/kr/a as its place, but the parent is place/kr/c.
      Row("place/kr/a/b", "나", "B", "place/kr/c"), Row("place/kr/c", "다", "C")));
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  std::vector<std::string> warnings;
  for (const Diagnostic& d : parsed.warnings) warnings.push_back(d.ToString());
  EXPECT_THAT(warnings,
              ElementsAre(HasSubstr("t.tsv:2: warning [alias-redundant]: alias 'GAPYEONG'"),
                          HasSubstr("t.tsv:3: warning [id-path]")));
  EXPECT_THAT(parsed.entities, SizeIs(3));
}

TEST(TableReader, ReadsRetiredIdsAndChecksTheirRedirects) {
  const std::string entities =
      absl::StrCat(kHeader12, Row("place/kr/changwon", "창원시", "Changwon"));
  ParsedTables good = ParseTables(
      {{"tables/places.tsv", entities},
       {"tables/retired.tsv",
        "id\treplaced_by\tretired\tnote\nplace/kr/jinhae\tplace/kr/masan\t2010-07-01\t\n"
        "place/kr/masan\tplace/kr/changwon\t2010-07-01\tmerged\n"}},
      MakeNormalizer());
  EXPECT_THAT(good.errors, IsEmpty()) << testing::PrintToString(Messages(good));
  ASSERT_THAT(good.retired, SizeIs(2));
  EXPECT_EQ(good.retired[1].replaced_by, "place/kr/changwon");
  EXPECT_EQ(good.retired[1].note, "merged");

  struct Case {
    std::string rows;
    const char* message;
  };
  const Case kCases[] = {
      {"place/kr/changwon\tplace/kr/masan\t\t\n", "error [retired-live]: retired id 'place/kr/changwon' is in use"},
      {"place/kr/masan\tplace/kr/nowhere\t\t\n", "error [retired-target]: replaced_by 'place/kr/nowhere'"},
      {"place/kr/a\tplace/kr/b\t\t\nplace/kr/b\tplace/kr/a\t\t\n", "error [retired-cycle]"},
      {"place/kr/masan\t\t\t\n", "error [retired]: replaced_by is empty"},
      {"place/kr/masan\tplace/kr/changwon\t\n", "error [field-count]"},
  };
  for (const Case& c : kCases) {
    ParsedTables parsed = ParseTables(
        {{"tables/places.tsv", entities},
         {"tables/retired.tsv", absl::StrCat("id\treplaced_by\tretired\tnote\n", c.rows)}},
        MakeNormalizer());
    EXPECT_THAT(Messages(parsed), Contains(AllOf(StartsWith("tables/retired.tsv:2: "),
                                                 HasSubstr(c.message))))
        << c.rows;
  }
}

TEST(TableReader, ComparesWithABaseRevision) {
  const std::string base_places =
      absl::StrCat(kHeader, "place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\td\n",
                   "place/kr/masan\tplace\t마산\t\tMasan\tKR\t\t\td\n",
                   "place/kr/seoul\tplace\t서울\t\tSeoul\tKR\t\t\td\n");
  // Now: Kaesong kept, Masan retired with a redirect, Seoul dropped without one.
  ParsedTables current = ParseTables(
      {{"tables/places.tsv", absl::StrCat(kHeader12, Row("place/kp/kaesong", "개성", "Kaesong"),
                                          Row("place/kr/changwon", "창원시", "Changwon"))},
       {"tables/retired.tsv",
        "id\treplaced_by\tretired\tnote\nplace/kr/masan\tplace/kr/changwon\t\t\n"}},
      MakeNormalizer());
  ASSERT_THAT(current.errors, IsEmpty()) << testing::PrintToString(Messages(current));
  std::vector<std::string> messages;
  for (const Diagnostic& d : CheckAgainstBase(current, {{"base/places.tsv", base_places}})) {
    messages.push_back(d.ToString());
  }
  EXPECT_THAT(messages, ElementsAre(AllOf(StartsWith("base/places.tsv:4: error [removed-id]: id "
                                                     "'place/kr/seoul'"),
                                          HasSubstr("tables/retired.tsv"))));
}

}  // namespace
}  // namespace irum::catalog
