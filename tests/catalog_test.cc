#include "server/catalog/catalog.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace irum::catalog {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

text::Normalizer MakeNormalizer() { return *text::Normalizer::Create(); }

Entity MakeEntity(std::string id, EntityKind kind, std::string name, std::string hangul,
                  std::vector<std::string> aliases = {}) {
  Entity e;
  e.id = std::move(id);
  e.kind = kind;
  e.name = std::move(name);
  e.hangul = std::move(hangul);
  e.aliases = std::move(aliases);
  e.countries = {"KP"};
  e.location = {"t.tsv", 2};
  return e;
}

TEST(Catalog, IndexesEveryNameUnderItsKey) {
  auto catalog = Catalog::Build(
      {MakeEntity("place/kp/kaesong", EntityKind::kPlace, "Kaesong", "개성", {"Kaesŏng", "Gaeseong"}),
       MakeEntity("place/kp/pyongyang", EntityKind::kPlace, "Pyongyang", "평양")},
      "v1", MakeNormalizer());
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const Catalog& c = **catalog;
  // Kaesong and Kaesŏng share a key: two postings, one (entity, key) pair.
  EXPECT_THAT(c.Lookup("kaesong"), SizeIs(2));
  EXPECT_THAT(c.Lookup("gaeseong"), SizeIs(1));
  EXPECT_THAT(c.Lookup("개성"), SizeIs(1));
  EXPECT_THAT(c.Lookup("평양"), SizeIs(1));
  EXPECT_THAT(c.Lookup("seoul"), IsEmpty());
  EXPECT_EQ(c.key_count(), 5);  // kaesong, 개성, gaeseong, pyongyang, 평양.
  EXPECT_EQ(c.version(), "v1");
  EXPECT_EQ(c.CountOfKind(EntityKind::kPlace), 2);
  EXPECT_EQ(c.CountOfKind(EntityKind::kPerson), 0);
  ASSERT_NE(c.FindById("place/kp/pyongyang"), nullptr);
  EXPECT_EQ(c.FindById("place/kp/pyongyang")->name, "Pyongyang");
  EXPECT_EQ(c.FindById("place/kp/nowhere"), nullptr);
}

TEST(Catalog, KeepsHomonymsApart) {
  auto catalog = Catalog::Build(
      {MakeEntity("person/kp/kim-jong-un", EntityKind::kPerson, "Kim Jong Un", "김정은"),
       MakeEntity("person/kr/kim-jong-un-1984", EntityKind::kPerson, "Kim Jong-un", "김정은")},
      "v", MakeNormalizer());
  ASSERT_TRUE(catalog.ok());
  EXPECT_THAT((*catalog)->Lookup("김정은"), SizeIs(2));
  EXPECT_THAT((*catalog)->Lookup("kimjongun"), SizeIs(2));
}

TEST(Catalog, RejectsDuplicateIds) {
  auto catalog = Catalog::Build(
      {MakeEntity("place/kp/kaesong", EntityKind::kPlace, "Kaesong", "개성"),
       MakeEntity("place/kp/kaesong", EntityKind::kPlace, "Kaesong", "개성")},
      "v", MakeNormalizer());
  EXPECT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(catalog.status().message()), HasSubstr("duplicate id 'place/kp/kaesong'"));
}

TEST(Catalog, RejectsANameWithoutLetters) {
  auto catalog = Catalog::Build({MakeEntity("place/kp/x", EntityKind::kPlace, "--", "개성")}, "v",
                                MakeNormalizer());
  EXPECT_THAT(std::string(catalog.status().message()), HasSubstr("has no letter or digit"));
}

}  // namespace
}  // namespace irum::catalog
