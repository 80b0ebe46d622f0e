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

constexpr char kHeader[] = "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription\n";
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
  EXPECT_THAT(Messages(parsed), ElementsAre(HasSubstr("t.tsv:2: expected 9"),
                                            HasSubstr("t.tsv:4: name is empty")));
  ASSERT_THAT(parsed.entities, SizeIs(1));
  EXPECT_EQ(parsed.entities[0].id, "place/kp/kaesong");
}

TEST(TableReader, RequiresSortedRows) {
  ParsedTables parsed = Parse(absl::StrCat(
      kHeader, kKaesong, "place/kp/border\tplace\t국경\t\tBorder\tKP\t\t\td\n"));
  EXPECT_THAT(Messages(parsed),
              ElementsAre(HasSubstr("t.tsv:3: rows must be sorted by id: 'place/kp/border' comes "
                                    "after 'place/kp/kaesong'")));
}

TEST(TableReader, ReportsDuplicateIdsAcrossFiles) {
  ParsedTables parsed = ParseTables(
      {{"tables/a.tsv", absl::StrCat(kHeader, kKaesong)},
       {"tables/b.tsv", absl::StrCat("# other\n", kHeader, kKaesong)}},
      MakeNormalizer());
  EXPECT_THAT(Messages(parsed),
              ElementsAre("tables/b.tsv:3: duplicate id 'place/kp/kaesong' (first used at "
                          "tables/a.tsv:2)"));
  EXPECT_THAT(parsed.entities, SizeIs(1));
}

TEST(TableReader, RejectsAFileWithoutTheHeader) {
  EXPECT_THAT(Messages(Parse(kKaesong)),
              ElementsAre(HasSubstr("tables/t.tsv:1: unknown table header")));
  EXPECT_THAT(Messages(Parse("# only a comment\n")),
              ElementsAre("tables/t.tsv: empty table: no header line"));
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
  EXPECT_THAT(Messages(unsorted), ElementsAre(HasSubstr("t.tsv:3: rows must be sorted")));
}

TEST(TableReader, ReadsSurnamePriorAndGenericTables) {
  ParsedTables parsed = ParseTables(
      {{"s.tsv", "hangul\tnorth\tspellings\tshare\tnote\n김\t\tKim | Gim\t21.5\t\n이\t리\tLee | Ri\t\t\n"},
       {"p.tsv", "syllable\tgiven\tplace\n가\t2\t56\n각\t15\t0\n"},
       {"g.tsv", "english\thangul\tnote\ncity\t시\t\nriver\t강\t\n"}},
      *text::Normalizer::Create());
  EXPECT_THAT(parsed.errors, IsEmpty()) << testing::PrintToString(Messages(parsed));
  ASSERT_THAT(parsed.language.surnames, SizeIs(2));
  EXPECT_EQ(parsed.language.surnames[1].north, "리");
  EXPECT_THAT(parsed.language.surnames[1].spellings, ElementsAre("Lee", "Ri"));
  EXPECT_DOUBLE_EQ(parsed.language.surnames[0].share, 21.5);
  ASSERT_THAT(parsed.language.syllable_counts, SizeIs(2));
  EXPECT_EQ(parsed.language.syllable_counts[0].place, 56);
  EXPECT_THAT(parsed.language.place_generics, SizeIs(2));
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
      {"syllable\tgiven\tplace\n가\t-1\t1\n", "must be counts"},
      {"english\thangul\tnote\nCity\t시\t\n", "lowercase ASCII"},
      {"english\thangul\tnote\ncity\tsi\t\n", "must be Hangul"},
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
  EXPECT_THAT(std::string(status.message()), HasSubstr("t.tsv:1: bad\nt.tsv:2: bad"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("(and 2 more)"));
}

}  // namespace
}  // namespace irum::catalog
