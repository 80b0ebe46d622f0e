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

// A catalog built from table texts, and Resolve run on it.
class CatalogTest : public ::testing::Test {
 protected:
  void Load(const std::vector<catalog::TableText>& tables) {
    const text::Normalizer normalizer = *text::Normalizer::Create();
    catalog::ParsedTables parsed = catalog::ParseTables(tables, normalizer);
    ASSERT_THAT(parsed.errors, IsEmpty());
    auto built = catalog::Catalog::Build(std::move(parsed.entities), "v", normalizer,
                                         parsed.language, std::move(parsed.retired));
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

class ResolverTest : public CatalogTest {
 protected:
  void SetUp() override { Load({{"t.tsv", kTable}}); }
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

std::string Repeat(absl::string_view s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(s.data(), s.size());
  return out;
}

TEST_F(ResolverTest, RejectsBadQueriesWithAReason) {
  const BadQueryCase kCases[] = {
      {"", "query is empty"},
      {"Kae\xFFsong", "query is not valid UTF-8: invalid UTF-8 at byte 3"},
      {std::string(257, 'a'), "query is 257 characters long; the limit is 256"},
      {"- ' -", "query has no letter or digit"},
      // Under the limit as sent, over it once normalized: 100 characters that NFKC makes 400
      // letters, and 200 that it makes 600 characters (a key of 200 digits).
      {Repeat("ⅷ", 100), "query is 400 characters long after Unicode normalization (NFKC); the "
                         "limit is 256"},
      {Repeat("㍿", 100), "query is 400 characters long after Unicode normalization"},
      {Repeat("⑴", 200), "query is 600 characters long after Unicode normalization"},
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
  // Expanding characters are accepted while the expanded query is within the limit.
  EXPECT_TRUE(Resolve(*catalog_, Repeat("ⅷ", 64), {}, limits_).ok());
}


// A hierarchy of its own: two Jung-gu, two Gwangju, a merged city, a reorganised district.
constexpr char kHierarchy[] =
    "id\tkind\thangul\thanja\tname\tcountry\tparent\taliases\tformer\tpopulation\twikidata\t"
    "description\n"
    "place/kr/busan\tplace\t부산\t\tBusan\tKR\tplace/kr/south-korea\t부산광역시\t\t3300000\t\tCity\n"
    "place/kr/busan/jung-gu\tplace\t중구\t\tJung-gu\tKR\tplace/kr/busan\t\t\t\t\tDistrict\n"
    "place/kr/busan/jung-gu/jungang-dong\tplace\t중앙동\t\tJungang-dong\tKR\t"
    "place/kr/busan/jung-gu\t\t\t\t\tDong\n"
    "place/kr/changwon\tplace\t창원\t\tChangwon\tKR\tplace/kr/south-gyeongsang\t\t"
    "Masan | 마산시\t\t\tCity\n"
    "place/kr/gwangju\tplace\t광주\t\tGwangju\tKR\tplace/kr/south-korea\t\t\t\t\tCity\n"
    "place/kr/gyeonggi\tplace\t경기도\t\tGyeonggi Province\tKR\tplace/kr/south-korea\t\t\t\t\t"
    "Province\n"
    "place/kr/gyeonggi/gwangju\tplace\t광주\t\tGwangju\tKR\tplace/kr/gyeonggi\tGwangju-si\t\t"
    "\t\tCity\n"
    "place/kr/incheon\tplace\t인천\t\tIncheon\tKR\tplace/kr/south-korea\t\t\t\t\tCity\n"
    "place/kr/incheon/jemulpo-gu\tplace\t제물포구\t\tJemulpo-gu\tKR\tplace/kr/incheon\t\t"
    "Jung-gu | 중구\t\t\tDistrict\n"
    "place/kr/seoul\tplace\t서울\t\tSeoul\tKR\tplace/kr/south-korea\t\t\t9400000\t\tCapital\n"
    "place/kr/seoul/jung-gu\tplace\t중구\t\tJung-gu\tKR\tplace/kr/seoul\t\t\t\t\tDistrict\n"
    "place/kr/south-gyeongsang\tplace\t경상남도\t\tSouth Gyeongsang Province\tKR\t"
    "place/kr/south-korea\t\t\t\t\tProvince\n"
    "place/kr/south-korea\tplace\t대한민국\t\tSouth Korea\tKR\t\t\t\t\t\tCountry\n";
constexpr char kRetired[] =
    "id\treplaced_by\tretired\tnote\nplace/kr/masan\tplace/kr/changwon\t2010-07-01\tmerged\n";

class HierarchyTest : public CatalogTest {
 protected:
  void SetUp() override { Load({{"places.tsv", kHierarchy}, {"retired.tsv", kRetired}}); }
};

TEST_F(HierarchyTest, HomonymsOfEqualScoreComeInOrderOfProminence) {
  // The metropolitan city (a child of the country) before the city of Gyeonggi (a grandchild).
  EXPECT_THAT(Ids("Gwangju"), ElementsAre("place/kr/gwangju", "place/kr/gyeonggi/gwangju"));
  EXPECT_THAT(Ids("광주"), ElementsAre("place/kr/gwangju", "place/kr/gyeonggi/gwangju"));
}

TEST_F(HierarchyTest, FormerNamesResolveToTheSuccessorAfterCurrentNames) {
  std::vector<Candidate> masan = Run("Masan");
  ASSERT_EQ(masan.size(), 1u);
  EXPECT_EQ(masan[0].entity->id, "place/kr/changwon");
  EXPECT_EQ(masan[0].method, MatchMethod::kFormerName);
  EXPECT_EQ(masan[0].alias.kind, catalog::AliasKind::kFormer);
  EXPECT_DOUBLE_EQ(masan[0].score, 1.0 - kFormerNamePenalty);
  EXPECT_EQ(Run("마산시").at(0).method, MatchMethod::kFormerName);

  // Every Jung-gu: the current ones (exact name, 1.0) first, then Jemulpo-gu, formerly Jung-gu.
  std::vector<Candidate> jung = Run("Jung-gu");
  ASSERT_EQ(jung.size(), 3u);
  EXPECT_EQ(jung[0].method, MatchMethod::kAlias);
  EXPECT_EQ(jung[1].method, MatchMethod::kAlias);
  EXPECT_EQ(jung[2].entity->id, "place/kr/incheon/jemulpo-gu");
  EXPECT_EQ(jung[2].method, MatchMethod::kFormerName);
  EXPECT_LT(jung[2].score, jung[1].score);
}

TEST_F(HierarchyTest, AQueryThatNamesThePlaceAroundPicksOneHomonym) {
  const std::pair<const char*, const char*> kCases[] = {
      {"Jung-gu, Busan", "place/kr/busan/jung-gu"},
      {"Busan Jung-gu", "place/kr/busan/jung-gu"},
      {"부산 중구", "place/kr/busan/jung-gu"},
      {"부산중구", "place/kr/busan/jung-gu"},  // Korean runs the two together too.
      {"Jung-gu Seoul", "place/kr/seoul/jung-gu"},
      {"Jung-gu, South Korea, Seoul", "place/kr/seoul/jung-gu"},
      {"Jungang-dong, Jung-gu, Busan", "place/kr/busan/jung-gu/jungang-dong"},
      {"부산 중구 중앙동", "place/kr/busan/jung-gu/jungang-dong"},
      {"부산광역시중구 중앙동", "place/kr/busan/jung-gu/jungang-dong"},
      {"Gwangju, Gyeonggi Province", "place/kr/gyeonggi/gwangju"},
      {"Jung-gu, Incheon", "place/kr/incheon/jemulpo-gu"},  // By its former name.
  };
  for (const auto& [query, id] : kCases) {
    std::vector<Candidate> found = Run(query);
    ASSERT_EQ(found.size(), 1u) << query;
    EXPECT_EQ(found[0].entity->id, id) << query;
    ASSERT_NE(found[0].qualifier, nullptr) << query;
    EXPECT_GE(found[0].score, 0.8) << query;
  }
  EXPECT_EQ(Run("Jung-gu, Busan")[0].qualifier->id, "place/kr/busan");
  // A place that does not contain the name qualifies nothing.
  EXPECT_THAT(Ids("Jung-gu, Gwangju"), IsEmpty());
}

TEST_F(HierarchyTest, WithinKeepsOnlyWhatIsInsideAPlace) {
  ResolveOptions busan;
  absl::StatusOr<std::vector<uint32_t>> within = FindWithin(*catalog_, "Busan");
  ASSERT_TRUE(within.ok()) << within.status();
  busan.within = *within;
  EXPECT_THAT(Ids("Jung-gu", busan), ElementsAre("place/kr/busan/jung-gu"));
  EXPECT_THAT(Ids("Busan", busan), IsEmpty());  // Inside, not the place itself.

  ResolveOptions by_id;
  by_id.within = *FindWithin(*catalog_, "place/kr/gyeonggi");
  EXPECT_THAT(Ids("Gwangju", by_id), ElementsAre("place/kr/gyeonggi/gwangju"));
  // A retired ID stands for its successor; a name no place has is an error.
  EXPECT_EQ(catalog_->entity(FindWithin(*catalog_, "place/kr/masan")->at(0)).id,
            "place/kr/changwon");
  EXPECT_EQ(FindWithin(*catalog_, "Atlantis").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(HierarchyTest, CatalogLinksParentsChildrenAndRedirects) {
  const catalog::Catalog& c = *catalog_;
  const uint32_t dong = c.IndexOf(*c.FindById("place/kr/busan/jung-gu/jungang-dong"));
  std::vector<std::string> chain;
  for (uint32_t a : c.Ancestors(dong)) chain.push_back(c.entity(a).id);
  EXPECT_THAT(chain, ElementsAre("place/kr/busan/jung-gu", "place/kr/busan", "place/kr/south-korea"));
  EXPECT_EQ(c.depth(dong), 3);
  const uint32_t busan = c.IndexOf(*c.FindById("place/kr/busan"));
  EXPECT_EQ(c.child_count(busan), 1);
  EXPECT_EQ(c.descendant_count(busan), 2);
  EXPECT_TRUE(c.IsWithin(dong, busan));
  EXPECT_FALSE(c.IsWithin(busan, dong));
  // Busan (3.3 million) is less prominent than Seoul (9.4 million), both children of the country.
  EXPECT_LT(c.prominence(c.IndexOf(*c.FindById("place/kr/seoul"))), c.prominence(busan));
  ASSERT_NE(c.FindRetired("place/kr/masan"), nullptr);
  EXPECT_EQ(c.FindById("place/kr/masan"), nullptr);
  EXPECT_EQ(c.Successor(*c.FindRetired("place/kr/masan")).id, "place/kr/changwon");
  EXPECT_EQ(c.retired_count(), 1);
}

TEST_F(HierarchyTest, BuildRefusesABrokenHierarchy) {
  const text::Normalizer normalizer = *text::Normalizer::Create();
  catalog::Entity orphan;
  orphan.id = "place/kr/x";
  orphan.name = "X";
  orphan.hangul = "엑스";
  orphan.parent = "place/kr/nowhere";
  auto built = catalog::Catalog::Build({orphan}, "v", normalizer);
  EXPECT_THAT(std::string(built.status().message()), HasSubstr("parent 'place/kr/nowhere'"));
  catalog::RetiredId dangling{"place/kr/y", "place/kr/nowhere", "", "", {}};
  orphan.parent.clear();
  built = catalog::Catalog::Build({orphan}, "v", normalizer, {}, {dangling});
  EXPECT_THAT(std::string(built.status().message()), HasSubstr("does not lead to an entity"));
}

}  // namespace
}  // namespace irum::match
