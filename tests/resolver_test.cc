#include "server/match/resolver.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/catalog/table_reader.h"

namespace irum::match {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A small table of its own, so that these tests do not change when editors change tables/.
constexpr char kTable[] =
    "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription\n"
    "person/kp/kim-jong-un\tperson\t김정은\t金正恩\tKim Jong Un\tKP\tKim Jong-un\t\tLeader\n"
    "person/kp/kim-yo-jong\tperson\t김여정\t\tKim Yo Jong\tKP\tKim Yo-jong | Kim Yŏ-jŏng\t\tSister\n"
    "person/kr/kim-jong-un-1984\tperson\t김정은\t\tKim Jung-eun\tKR\tKim Jong-un\t\tNamesake\n"
    "place/korea/dmz\tplace\t비무장지대\t\tKorean Demilitarized Zone\tKP|KR\tDMZ\t\tBorder zone\n"
    "place/kp/kaesong\tplace\t개성\t開城\tKaesong\tKP\tKaesŏng | Gaesong\t\tCity\n";

class ResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const text::Normalizer normalizer = *text::Normalizer::Create();
    catalog::ParsedTables parsed = catalog::ParseTables({{"t.tsv", kTable}}, normalizer);
    ASSERT_THAT(parsed.errors, IsEmpty());
    auto built = catalog::Catalog::Build(std::move(parsed.entities), "v", normalizer);
    ASSERT_TRUE(built.ok()) << built.status();
    catalog_ = *built;
  }

  std::vector<Candidate> Run(const std::string& query, ResolveOptions options = {}) {
    absl::StatusOr<std::vector<Candidate>> found = Resolve(*catalog_, query, options, limits_);
    EXPECT_TRUE(found.ok()) << query << ": " << found.status();
    return found.ok() ? *found : std::vector<Candidate>{};
  }

  std::vector<std::string> Ids(const std::string& query, ResolveOptions options = {}) {
    std::vector<std::string> ids;
    for (const Candidate& c : Run(query, options)) ids.push_back(c.entity->id);
    return ids;
  }

  std::shared_ptr<const catalog::Catalog> catalog_;
  QueryLimits limits_;
};

struct ResolveCase {
  const char* query;
  const char* id;
  double score;
  const char* alias;
};

TEST_F(ResolverTest, ResolvesSpellingVariantsToOneEntity) {
  const ResolveCase kCases[] = {
      {"Kaesong", "place/kp/kaesong", 1.0, "Kaesong"},
      {"Gaesong", "place/kp/kaesong", 1.0, "Gaesong"},
      {"Kaesŏng", "place/kp/kaesong", 1.0, "Kaesŏng"},
      {"KAESONG", "place/kp/kaesong", 0.99, "Kaesong"},
      {"Kae-song", "place/kp/kaesong", 0.97, "Kaesong"},
      {"KAESŎNG", "place/kp/kaesong", 0.99, "Kaesŏng"},  // Case only, against the breve alias.
      {"개성", "place/kp/kaesong", 1.0, "개성"},
      {"開城", "place/kp/kaesong", 1.0, "開城"},
      {"Kim Yo-jong", "person/kp/kim-yo-jong", 1.0, "Kim Yo-jong"},
      {"kim yo jong", "person/kp/kim-yo-jong", 0.99, "Kim Yo Jong"},
      {"KIM, Yo Jong", "person/kp/kim-yo-jong", 0.96, "Kim Yo Jong"},
      {"Kim Yo-Jŏng", "person/kp/kim-yo-jong", 0.97, "Kim Yo-jong"},
      {"김 여정", "person/kp/kim-yo-jong", 0.97, "김여정"},
      {"dmz", "place/korea/dmz", 0.99, "DMZ"},
  };
  for (const ResolveCase& c : kCases) {
    std::vector<Candidate> found = Run(c.query);
    ASSERT_FALSE(found.empty()) << c.query;
    EXPECT_EQ(found[0].entity->id, c.id) << c.query;
    EXPECT_NEAR(found[0].score, c.score, 1e-9) << c.query;
    EXPECT_EQ(catalog::AliasText(*found[0].entity, found[0].alias), c.alias) << c.query;
  }
}

TEST_F(ResolverTest, ExplainsTheMatch) {
  std::vector<Candidate> found = Run("KAE-SONG");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].key, "kaesong");
  EXPECT_EQ(found[0].alias.kind, catalog::AliasKind::kName);
  EXPECT_THAT(found[0].normalizations, ElementsAre(text::Level::kCase, text::Level::kPunctuation));
}

TEST_F(ResolverTest, ReturnsHomonymsOrderedByScoreThenId) {
  EXPECT_THAT(Ids("Kim Jong-un"),
              ElementsAre("person/kp/kim-jong-un", "person/kr/kim-jong-un-1984"));
  EXPECT_THAT(Ids("김정은"), ElementsAre("person/kp/kim-jong-un", "person/kr/kim-jong-un-1984"));
}

TEST_F(ResolverTest, FiltersByKindAndCountryAndCapsResults) {
  ResolveOptions kr;
  kr.countries = {"KR"};
  EXPECT_THAT(Ids("김정은", kr), ElementsAre("person/kr/kim-jong-un-1984"));
  EXPECT_THAT(Ids("DMZ", kr), ElementsAre("place/korea/dmz"));  // Shared by KP and KR.
  ResolveOptions places;
  places.kinds = {catalog::EntityKind::kPlace};
  EXPECT_THAT(Ids("김정은", places), IsEmpty());
  EXPECT_THAT(Ids("Kaesong", places), ElementsAre("place/kp/kaesong"));
  ResolveOptions one;
  one.max_results = 1;
  EXPECT_THAT(Ids("김정은", one), ElementsAre("person/kp/kim-jong-un"));
}

TEST_F(ResolverTest, UnknownNamesResolveToNothing) {
  for (const char* query : {"Singapore", "Trump", "NBC", "개성공단", "Kaesongggg"}) {
    EXPECT_THAT(Ids(query), IsEmpty()) << query;
  }
}

TEST_F(ResolverTest, ToleratesOneTypoInALongName) {
  for (const char* query : {"Kaesnog", "Kaesongg", "Kasong", "KAESONF"}) {
    std::vector<Candidate> found = Run(query);
    ASSERT_FALSE(found.empty()) << query;
    EXPECT_EQ(found[0].entity->id, "place/kp/kaesong") << query;
    EXPECT_EQ(found[0].method, MatchMethod::kTypo) << query;
    EXPECT_EQ(found[0].score, kTypoScore) << query;
  }
  EXPECT_THAT(Ids("DMX"), IsEmpty());  // Too short to guess at.
}

struct BadQueryCase {
  std::string query;
  const char* message;
};

TEST_F(ResolverTest, RejectsBadQueriesWithAReason) {
  const BadQueryCase kCases[] = {
      {"", "query is empty"},
      {"Kae\xFFsong", "query is not valid UTF-8: invalid UTF-8 at byte 3"},
      {std::string(257, 'a'), "query is 257 characters long; the limit is 256"},
      {"- ' -", "query has no letter or digit"},
  };
  for (const BadQueryCase& c : kCases) {
    absl::StatusOr<std::vector<Candidate>> found = Resolve(*catalog_, c.query, {}, limits_);
    EXPECT_EQ(found.status().code(), absl::StatusCode::kInvalidArgument) << c.query;
    EXPECT_THAT(std::string(found.status().message()), HasSubstr(c.message));
  }
  // The limit counts characters, not bytes: 256 Hangul syllables (768 bytes) are accepted.
  std::string hangul;
  for (int i = 0; i < 256; ++i) hangul += "개";
  EXPECT_TRUE(Resolve(*catalog_, hangul, {}, limits_).ok());
}

}  // namespace
}  // namespace irum::match
