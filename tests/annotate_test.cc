// Annotate on the bundled tables (and the English lexicon, when installed).
#include "server/match/annotate.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/loader/table_files.h"
#include "server/match/names.h"
#include "server/match/resolver.h"

namespace irum::match {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

const catalog::Catalog& Bundled() {
  static const auto* catalog = new std::shared_ptr<const catalog::Catalog>(
      *loader::LoadCatalog(IRUM_TABLES_DIR, *text::Normalizer::Create()));
  return **catalog;
}

// "text=ID" for linked mentions (ID@coreference for coreference), "text?HANGUL" for unknown names.
std::vector<std::string> Found(absl::string_view text, AnnotateOptions options = {}) {
  absl::StatusOr<std::vector<Mention>> mentions = Annotate(Bundled(), text, options, QueryLimits());
  EXPECT_TRUE(mentions.ok()) << mentions.status();
  std::vector<std::string> out;
  if (!mentions.ok()) return out;
  for (const Mention& m : *mentions) {
    std::string s(text.substr(m.begin, m.end - m.begin));
    if (m.candidates.empty()) {
      s += "?" + m.hangul;
    } else {
      s += "=" + m.candidates.front().entity->id;
      if (m.candidates.front().method == MatchMethod::kCoreference) s += "@coreference";
    }
    out.push_back(s);
  }
  return out;
}

struct AnnotateCase {
  const char* text;
  std::vector<std::string> mentions;
};

TEST(AnnotateTest, LinksTheMentionsOfAnEnglishArticle) {
  const AnnotateCase cases[] = {
      {"North Korea blew up the liaison office in Kaesong on Tuesday. Kim Yo Jong, the sister of "
       "leader Kim Jong Un, said Pyongyang's patience was over. South Korea's vice unification "
       "minister, Suh Ho, said the national security council met. Suh said the DMZ was calm. "
       "Chung Sung-Jun / Getty Images. Trump spoke to China from Singapore, NBC News reported.",
       {"North Korea=place/kp/north-korea", "Kaesong=place/kp/kaesong",
        "Kim Yo Jong=person/kp/kim-yo-jong", "Kim Jong Un=person/kp/kim-jong-un",
        "Pyongyang=place/kp/pyongyang", "South Korea=place/kr/south-korea",
        "Suh Ho=person/kr/suh-ho",
        "national security council=org/kr/national-security-council",
        "Suh=person/kr/suh-ho@coreference", "DMZ=place/korea/korean-demilitarized-zone",
        "Chung Sung-Jun?정성준"}},
      // Spellings, casing and hyphens of one name; a name broken by a line break; a possessive.
      {"KIM Yo-jong, Kim Yo\nJong and Kimyojong; Kaesong's and Kaesŏng's factories.",
       {"KIM Yo-jong=person/kp/kim-yo-jong", "Kim Yo\nJong=person/kp/kim-yo-jong",
        "Kimyojong=person/kp/kim-yo-jong", "Kaesong=place/kp/kaesong",
        "Kaesŏng=place/kp/kaesong"}},
      // Not one name: a paragraph break, a comma, a full stop.
      {"Kim Yo\n\nJong. Kim, Yo-jong. Kim Yo. Jong.", {}},
      // Ordinary words and names that are not Korean.
      {"Young people sang a Song under the Moon on Park Avenue with Kim Kardashian, Donald "
       "Trump and Han Solo.",
       {}},
      // In lowercase only an organization of several words links.
      {"kaesong and pyongyang; the ministry of unification.",
       {"ministry of unification=org/kr/ministry-of-unification"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, ReadsNamesAsWrittenInEnglish) {
  const AnnotateCase cases[] = {
      // A possessive inside a name goes on; at its end it ends the name.
      {"The Supreme People's Assembly met; Kaesong's mayor too.",
       {"Supreme People's Assembly=org/kp/supreme-peoples-assembly", "Kaesong=place/kp/kaesong"}},
      // A capital lost after a space: a word of the sentence, not the name.
      {"Kang won the vote.", {}},
      // A person's name that goes on is another person's: "Kang Chol" is in the tables.
      {"Kang Chol-min spoke, then Kang Chol left.",
       {"Kang Chol-min?강철민", "Kang Chol=person/kp/kang-chol"}},
      // A hyphen the tables' name does not write: Kim Yu-na is Kim Yuna.
      {"Kim Yu-na and Lee Se-dol spoke.",
       {"Kim Yu-na=person/kr/kim-yuna", "Lee Se-dol=person/kr/lee-sedol"}},
      // Unknown names: a possessive at the end; syllables that are also English words.
      {"Chung Sung-Jun's photo of Pak Song Mi.", {"Chung Sung-Jun?정성준", "Pak Song Mi?박성미"}},
      // A comma goes on inside a name that has it; between names it parts them.
      {"The Ministry of Culture, Sports and Tourism met in Seoul, Busan and Daegu.",
       {"Ministry of Culture, Sports and Tourism=org/kr/ministry-of-culture-sports-and-tourism",
        "Seoul=place/kr/seoul", "Busan=place/kr/busan", "Daegu=place/kr/daegu"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, PrefersHomonymsOfTheTextsCountry) {
  EXPECT_THAT(Found("In Pyongyang, the Ministry of Foreign Affairs spoke."),
              ElementsAre("Pyongyang=place/kp/pyongyang",
                          "Ministry of Foreign Affairs=org/kp/ministry-of-foreign-affairs"));
  EXPECT_THAT(Found("In Seoul, the Ministry of Foreign Affairs spoke."),
              ElementsAre("Seoul=place/kr/seoul",
                          "Ministry of Foreign Affairs=org/kr/ministry-of-foreign-affairs"));
  // A country named before it in its sentence outweighs the text's other mentions.
  EXPECT_THAT(
      Found("Kim Jong Un spoke in Pyongyang. In Seoul, the Ministry of Foreign Affairs answered. "
            "The Ministry of Foreign Affairs then spoke again."),
      ElementsAre("Kim Jong Un=person/kp/kim-jong-un", "Pyongyang=place/kp/pyongyang",
                  "Seoul=place/kr/seoul",
                  "Ministry of Foreign Affairs=org/kr/ministry-of-foreign-affairs",
                  "Ministry of Foreign Affairs=org/kp/ministry-of-foreign-affairs"));
}

// Homonymous places (five Jung-gu, three 고성군) told apart by the place beside them, in either
// order, in English and Korean; a particle between the two breaks the pair.
TEST(AnnotateTest, TellsHomonymousPlacesApartByThePlaceBeside) {
  const AnnotateCase cases[] = {
      {"Busan's Jung-gu and Jung-gu, Seoul.",
       {"Busan=place/kr/busan", "Jung-gu=place/kr/busan/jung-gu",
        "Jung-gu=place/kr/seoul/jung-gu", "Seoul=place/kr/seoul"}},
      {"강원 고성군과 경남 고성군.",
       {"강원=place/kr/gangwon", "고성군=place/kr/gangwon/goseong-gun",
        "경남=place/kr/south-gyeongsang", "고성군=place/kr/south-gyeongsang/goseong-gun"}},
      {"서울 중구 명동에서",
       {"서울=place/kr/seoul", "중구=place/kr/seoul/jung-gu",
        "명동=place/kr/seoul/jung-gu/myeong-dong"}},
      // Named alone: the homonym the text names elsewhere, or the one in a place it names.
      {"강원 고성군에 눈이 왔다. 고성 주민들은 반겼다.",
       {"강원=place/kr/gangwon", "고성군=place/kr/gangwon/goseong-gun",
        "고성=place/kr/gangwon/goseong-gun"}},
      {"예산군은 덕산면 온천에 버스를 둔다.",
       {"예산군=place/kr/yesan-gun", "덕산면=place/kr/yesan-gun/deoksan-myeon"}},
      {"제천시는 덕산면 온천에 버스를 둔다.",
       {"제천시=place/kr/jecheon", "덕산면=place/kr/jecheon/deoksan-myeon"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// A place and an organization that share a name (청와대, the compound and the office) are told
// apart by where the text puts the name: after a preposition of place or with a locative particle
// it is the place; else the office, the more prominent.
TEST(AnnotateTest, TakesAPlaceNamedAsWhereForTheOrganizationOfItsName) {
  const AnnotateCase cases[] = {
      {"The office moved back to Cheong Wa Dae.", {"Cheong Wa Dae=place/kr/cheong-wa-dae"}},
      {"Cheong Wa Dae said no.", {"Cheong Wa Dae=org/kr/presidential-office"}},
      {"대통령실이 청와대로 옮겨 갔다.",
       {"대통령실=org/kr/presidential-office", "청와대=place/kr/cheong-wa-dae"}},
      {"청와대에서 만났다.", {"청와대=place/kr/cheong-wa-dae"}},
      {"청와대는 반대했다.", {"청와대=org/kr/presidential-office"}},
      {"청와대에게 물었다.", {"청와대=org/kr/presidential-office"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// A person's two-syllable name that is also a Korean word (조국 "homeland", 장면 "scene": the
// hunspell-ko dictionary) names the person only before a title.
TEST(AnnotateTest, TakesAPersonsNameThatIsAWordOnlyBeforeATitle) {
  const AnnotateCase cases[] = {
      {"그는 조국을 떠났다.", {}},
      {"조국 전 장관은 말했다.", {"조국=person/kr/cho-kuk"}},
      {"조국 법무부 장관은 말했다.",
       {"조국=person/kr/cho-kuk", "법무부=org/kr/ministry-of-justice"}},
      {"조국 사랑 운동.", {}},
      {"그 장면은 길었다. 장면 총리가 사임했다.", {"장면=person/kr/chang-myon"}},
      {"김여정은 평양으로 갔다.", {"김여정=person/kp/kim-yo-jong", "평양=place/kp/pyongyang"}},
      // The person goes, the other entities of the name stay: 한강 the river, 한강 the novelist.
      {"한강에서 배를 탔다.", {"한강=place/kr/han-river"}},
      {"한강 작가는 상을 받았다.", {"한강=person/kr/han-kang"}},
      {"소설가 한강은 상을 받았다.", {"한강=person/kr/han-kang"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// A county's or district's name without its unit that is also a Korean word (동안 "during" for
// 동안구, 예산 "budget" for 예산군) names the place only where the text supports it: the place it
// is in just before it, a place beside it in a list, or the place named in full in the text.
// Bare names that are no word (철원, 용산) link alone.
TEST(AnnotateTest, TakesABareNameThatIsAWordOnlyWithSupport) {
  const AnnotateCase cases[] = {
      {"12주 동안 교육을 받는다.", {}},
      {"안양 동안에서 열렸다.", {"안양=place/kr/anyang", "동안=place/kr/dongan-gu"}},
      {"예산과 인력이 부족하다.", {}},
      {"충남 예산에서 축제가 열렸다.",
       {"충남=place/kr/south-chungcheong", "예산=place/kr/yesan-gun"}},
      {"예산군은 사과로 유명하다. 예산 사과가 맛있다.",
       {"예산군=place/kr/yesan-gun", "예산=place/kr/yesan-gun"}},
      {"서울·고령 교류, 고령과 서울.",
       {"서울=place/kr/seoul", "고령=place/kr/goryeong-gun", "고령=place/kr/goryeong-gun",
        "서울=place/kr/seoul"}},
      {"고령 인구가 늘었다.", {}},
      {"파주와 철원 등 접경 지역. 용산에서 만났다.",
       {"파주=place/kr/paju", "철원=place/kr/cheorwon-gun", "용산=place/kr/yongsan-gu"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// A name tables/context_aliases.tsv lists (조선, also the Joseon dynasty; 경기, also a match and
// the economy's state) names its entity only where the text supports it: the entity named
// otherwise, for a country an entity of that country alone anywhere in the text, a place in it
// just after it, or a place beside it in a list. Resolve, given the name alone, still resolves it.
TEST(AnnotateTest, TakesAContextAliasOnlyWithSupport) {
  const AnnotateCase cases[] = {
      {"조선 후기의 실학자들.", {}},
      {"조선 22대 임금 정조가 수원에 화성을 쌓았다.",
       {"수원=place/kr/suwon", "화성=place/kr/hwaseong"}},
      {"조선은 미사일을 쐈다고 조선중앙통신이 전했다.",
       {"조선=place/kp/north-korea", "조선중앙통신=org/kp/kcna"}},
      {"북한은 조선 왕조의 왕릉을 보존한다.",
       {"북한=place/kp/north-korea", "조선=place/kp/north-korea"}},
      {"경기 침체가 길어진다.", {}},
      {"서울·경기 지역에 비가 온다.", {"서울=place/kr/seoul", "경기=place/kr/gyeonggi"}},
      {"경기 고양시에서 열렸다.", {"경기=place/kr/gyeonggi", "고양시=place/kr/goyang"}},
      {"수원에서 열린 경기에서 이겼다.", {"수원=place/kr/suwon"}},
      // The region named in full does not make its short name's word the region.
      {"경기도 고양에서 열린 경기를 이겼다.",
       {"경기도=place/kr/gyeonggi", "고양=place/kr/goyang"}},
      // Places of the North do not make 조선 the North (Goryeo's capital was 개성); its people
      // and bodies do.
      {"조선 시대 이전 고려의 수도는 개성이었다.", {"개성=place/kp/kaesong"}},
      {"한국수출입은행은 수은으로 불린다.",
       {"한국수출입은행=org/kr/korea-eximbank", "수은=org/kr/korea-eximbank"}},
      {"수은 중독이 늘었다.", {}},
      // An organization of no parent is no country: 농협 (a Korean body) does not support 산은
      // (the Korea Development Bank's short name, also 산 "the mountain" and a particle).
      {"농협에서 쌀을 샀다. 산은 높고 물은 맑다.", {"농협=org/kr/nacf"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
  absl::StatusOr<std::vector<Candidate>> resolved =
      Resolve(Bundled(), "조선", ResolveOptions(), QueryLimits());
  ASSERT_TRUE(resolved.ok());
  ASSERT_FALSE(resolved->empty());
  EXPECT_EQ(resolved->front().entity->id, "place/kp/north-korea");
}

// A Korean word the dictionary lists whole is not a name and a particle (고양이 "cat" is not 고양
// + 이); a name with a particle still links (고양이 below is the cat, 고양에서 the city).
TEST(ResolveForAnnotate, ListedNamesOnlyLeavesOutDecodedReadingsAndTypos) {
  // Annotate resolves a name written with a comma after its surname this way: only an alias match
  // links it.
  ResolveOptions listed;
  listed.listed_names_only = true;
  struct Case {
    const char* query;
    MatchMethod method;  // Without the option.
  };
  for (const Case& c : {Case{"Kaesnog", MatchMethod::kTypo}, Case{"Gim Yeojeong", MatchMethod::kDecoded},
                        Case{"Kaesŏng", MatchMethod::kAlias}, Case{"KIM, Yo Jong", MatchMethod::kAlias}}) {
    auto run = [&](const ResolveOptions& options) {
      absl::StatusOr<std::vector<Candidate>> found =
          Resolve(Bundled(), c.query, options, QueryLimits());
      EXPECT_TRUE(found.ok()) << c.query << ": " << found.status();
      return found.ok() ? *found : std::vector<Candidate>{};
    };
    const std::vector<Candidate> all = run(ResolveOptions());
    ASSERT_FALSE(all.empty()) << c.query;
    EXPECT_EQ(all[0].method, c.method) << c.query;
    const std::vector<Candidate> only = run(listed);
    if (c.method == MatchMethod::kAlias) {
      ASSERT_FALSE(only.empty()) << c.query;
      EXPECT_EQ(only[0].entity->id, all[0].entity->id) << c.query;
    } else {
      EXPECT_THAT(only, IsEmpty()) << c.query;
    }
  }
}

TEST(AnnotateTest, TakesNoDictionaryWordForANameAndAParticle) {
  EXPECT_THAT(Found("고양이가 고양에서 뛰었다."), ElementsAre("고양=place/kr/goyang"));
}

// A Korean organization's generic name right after another country's name (CLDR's, through ICU)
// or its language's is that country's: not linked. After a Korea's it is.
TEST(AnnotateTest, TakesNoKoreanOrganizationAfterAnotherCountrysName) {
  const AnnotateCase cases[] = {
      {"China's Foreign Ministry said, and the Japanese defense ministry.", {}},
      {"South Korea's Foreign Ministry said.",
       {"South Korea=place/kr/south-korea",
        "Foreign Ministry=org/kr/ministry-of-foreign-affairs"}},
      {"중국 외교부와 중국의 외교부, 미국 해군.", {}},
      // The short forms Korean news makes of 미국 and 중국.
      {"미 해군과 중 외교부.", {}},
      {"한국 외교부와 북한 외무성.",
       {"한국=place/kr/south-korea", "외교부=org/kr/ministry-of-foreign-affairs",
        "북한=place/kp/north-korea", "외무성=org/kp/ministry-of-foreign-affairs"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// An organization's name right after another organization's names a body of that one (국회
// 국방위원회, the Assembly's defence committee, is not the North's National Defence Commission),
// unless the tables place it there (인민군 총정치국: the KPA's General Political Bureau).
TEST(AnnotateTest, TakesNoOrganizationRightAfterAnotherItIsNotPartOf) {
  const AnnotateCase cases[] = {
      {"국회 국방위원회 전체회의.", {"국회=org/kr/national-assembly"}},
      {"인민군 총정치국이 밝혔다.",
       {"인민군=org/kp/kpa", "총정치국=org/kp/kpa-general-political-bureau"}},
      {"국회와 국방위원회.",
       {"국회=org/kr/national-assembly", "국방위원회=org/kp/state-affairs-commission"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, LinksAnOwnersNameAloneToTheOrganizationNamedAfterItBefore) {
  const AnnotateCase cases[] = {
      {"LG 트윈스가 이겼다. LG는 1위다.",
       {"LG 트윈스=org/kr/lg-twins", "LG=org/kr/lg-twins@coreference"}},
      {"The Samsung Lions lost. Samsung fired its manager.",
       {"Samsung Lions=org/kr/samsung-lions", "Samsung=org/kr/samsung-lions@coreference"}},
      // Before the club is named, or when the owner itself was named before: the owner.
      {"LG는 LG 트윈스를 샀다.", {"LG=org/kr/lg", "LG 트윈스=org/kr/lg-twins"}},
      {"LG Twins and LG Group. LG said.",
       {"LG Twins=org/kr/lg-twins", "LG Group=org/kr/lg", "LG=org/kr/lg"}},
      {"삼성 라이온즈와 한화 이글스. 한화가 이겼다.",
       {"삼성 라이온즈=org/kr/samsung-lions", "한화 이글스=org/kr/hanwha-eagles",
        "한화=org/kr/hanwha-eagles@coreference"}},
      // A company's name is one word (한화오션, SK하이닉스): after it, the owner's is the group's.
      {"한화오션은 흑자를 냈다. 한화는 조선소를 샀다.",
       {"한화오션=org/kr/hanwha-ocean", "한화=org/kr/hanwha"}},
      {"SK하이닉스가 올랐다. SK는 투자를 늘린다.",
       {"SK하이닉스=org/kr/sk-hynix", "SK=org/kr/sk-group"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// Names with digits in them, which ICU's word rules cut where Hangul meets a digit (능라도|5|월|
// 1|일경기장에서), are found whole, particles and all.
TEST(AnnotateTest, LinksKoreanNamesWithDigits) {
  const AnnotateCase cases[] = {
      {"능라도5월1일경기장에서 만났다.", {"능라도5월1일경기장=place/kp/may-day-stadium"}},
      {"조국통일3대헌장기념탑은 헐렸다.",
       {"조국통일3대헌장기념탑=place/kp/arch-of-reunification"}},
      {"종로1.2.3.4가동에서", {"종로1.2.3.4가동=place/kr/jongno-gu/jongno-1-2-3-4ga-dong"}},
      {"5월 1일에 능라도에서", {"능라도=place/kp/rungra-island"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, LinksKoreanNamesThroughTheirParticles) {
  const AnnotateCase cases[] = {
      {"북한이 개성에서 남북공동연락사무소를 폭파했다. 김여정 부부장은 담화를 냈고, 통일부의 서호 "
       "차관이 말했다. 조선중앙통신이 보도했다.",
       {"북한=place/kp/north-korea", "개성=place/kp/kaesong",
        "남북공동연락사무소=org/korea/inter-korean-joint-liaison-office",
        "김여정=person/kp/kim-yo-jong", "통일부=org/kr/ministry-of-unification",
        "서호=person/kr/suh-ho", "조선중앙통신=org/kp/kcna"}},
      {"김여정은 평양으로 갔다.", {"김여정=person/kp/kim-yo-jong", "평양=place/kp/pyongyang"}},
      // 상 "on" after a sea: 동해상으로 "into the East Sea".
      {"북한은 동해상으로 미사일을 쐈다.",
       {"북한=place/kp/north-korea", "동해=place/intl/east-sea"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, LinksASurnameAloneOnlyToTheOnePersonBefore) {
  const AnnotateCase cases[] = {
      // Before the full name: nothing to refer to.
      {"Suh said so. Later Suh Ho spoke, and Mr. Suh left.",
       {"Suh Ho=person/kr/suh-ho", "Suh=person/kr/suh-ho@coreference"}},
      // A surname spelled as the passport samples spell it, though the surname table does not
      // list the spelling (Chey for 최).
      {"Chey Tae-won spoke. The court ordered Chey to pay.",
       {"Chey Tae-won=person/kr/chey-tae-won", "Chey=person/kr/chey-tae-won@coreference"}},
      // Not where the surname begins another name: Hong Kong.
      {"Hong Myung-bo flew to Hong Kong. Hong said so.",
       {"Hong Myung-bo=person/kr/hong-myung-bo", "Hong=person/kr/hong-myung-bo@coreference"}},
      // Two persons named Kim: "Kim" alone is ambiguous, whether or not the tables know both.
      {"Kim Yo Jong and Kim Jong Un met. Kim said no.",
       {"Kim Yo Jong=person/kp/kim-yo-jong", "Kim Jong Un=person/kp/kim-jong-un"}},
      {"Kim Yo Jong met Kim Chol-min. Kim said no.",
       {"Kim Yo Jong=person/kp/kim-yo-jong", "Kim Chol-min?김철민"}},
      // In Korean, the surname followed by a title; not a word that only looks like a surname.
      {"이재명 대통령이 말했다. 이 대통령은 이 문제를 다시 물었다.",
       {"이재명=person/kr/lee-jae-myung", "이=person/kr/lee-jae-myung@coreference"}},
      {"윤석열 전 대통령과 서호 차관. 윤 전 대통령은 서 차관을 만났다.",
       {"윤석열=person/kr/yoon-suk-yeol", "서호=person/kr/suh-ho",
        "윤=person/kr/yoon-suk-yeol@coreference", "서=person/kr/suh-ho@coreference"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, ReportsUnknownKoreanNamesWithTheirHangul) {
  EXPECT_THAT(Found("Photo by Lee Jin-man/AP. Getty Images."), ElementsAre("Lee Jin-man?이진만"));
  AnnotateOptions no_unknown;
  no_unknown.unknown_names = false;
  EXPECT_THAT(Found("Photo by Lee Jin-man/AP.", no_unknown), IsEmpty());
  // A foreign place's name that reads as a Korean name (Hong Kong: 홍공; CLDR's names) is none.
  EXPECT_THAT(Found("Hong Kong police met Hong Kong-based Kim Min-su."),
              ElementsAre("Kim Min-su?김민수"));
  // A surname as the passport samples spell it, though the surname table does not (Boo for 부);
  // a rare spelling of a surname the decoder finds "not Korean" (Rhee, Yi), taken for its given
  // name of two syllables joined by a hyphen; no such name in Chinese names.
  EXPECT_THAT(Found("Boo Young-chul met Rhee Mi-kyung and Yi Jae-sung, not Wang Yi or Li Na."),
              ElementsAre("Boo Young-chul?부영철", "Rhee Mi-kyung?이미경", "Yi Jae-sung?이재성"));
  // So does a given name of two syllables run together that the name statistics count whole
  // (성우, 재원); not one they do not count (Hu Jintao: 진타오).
  EXPECT_THAT(Found("Rhee Sungwoo met Hur Jaewon, not Hu Jintao."),
              ElementsAre("Rhee Sungwoo?이성우", "Hur Jaewon?허재원"));
  // A surname in capitals, a comma, the given name: one name, as lists write them; surnames in
  // a list of words are none.
  EXPECT_THAT(Found("The list names KIM, Chol Min and HAN, Kyong Sik. Kim, Lee and Park agree."),
              ElementsAre("KIM, Chol Min?김철민", "HAN, Kyong Sik?한경식"));
  // Or the given name joined by a hyphen, as citations write names.
  EXPECT_THAT(Found("It was shown (Lee, Min-ji and Choi, Seung-hoon, 2021)."),
              ElementsAre("Lee, Min-ji?이민지", "Choi, Seung-hoon?최승훈"));
  // McCune-Reischauer's capitals with a breve start a name word as A to Z do; a syllable that
  // is an acronym of the tables in other case (BOK, the Bank of Korea) is the name's.
  EXPECT_THAT(Found("Kim Ŭn-sil met Chung Bok-soon. The BOK held rates."),
              ElementsAre("Kim Ŭn-sil?김은실", "Chung Bok-soon?정복순",
                          "BOK=org/kr/bank-of-korea"));
  // Such a name of a person the catalog knows is linked (Resolve reads the comma).
  EXPECT_THAT(Found("Sanctioned: PAK, To-Chun and KIM, Chol Min."),
              ElementsAre("PAK, To-Chun=person/kp/pak-to-chun", "KIM, Chol Min?김철민"));
}

// Capitalized words that no romanization spells are not sent to the decoder: a name word with a
// letter the spelling model has no chunk for (q, v, f, x, z in the bundled model), or with no
// letter a vowel's chunk begins with ("Mr"), has no reading, so Annotate skips the windows whose
// every order puts such a word in the given name. The first column proves the skip exact (the
// decoder finds no reading, or finds it not Korean); the second, that Annotate still finds the
// Korean name beside such words.
TEST(AnnotateTest, SkipsWindowsNoRomanizationSpells) {
  const struct {
    const char* window;
    const char* text;
    std::vector<std::string> mentions;
  } cases[] = {
      {"Wang Chuqin", "Wang Chuqin beat Lee Sang-su.", {"Lee Sang-su?이상수"}},
      {"Mr. Suh", "Mr. Suh, a lawyer, spoke.", {}},
      {"Midfielder Lee", "Midfielder Lee Tae-seok scored.", {"Lee Tae-seok?이태석"}},
      {"Novelist Kim", "Novelist Kim Ae-ran wrote it.", {"Kim Ae-ran?김애란"}},
      {"In November", "In November Kim Seo-yeon won.", {"Kim Seo-yeon?김서연"}},
      {"Fox Kim Xu", "Fox Kim Xu left.", {}},
  };
  hangul::DecodeOptions decode;
  decode.kind = hangul::StringKind::kPerson;
  decode.max_results = 1;
  for (const auto& c : cases) {
    Koreanness korean;
    absl::StatusOr<std::vector<hangul::DecodedName>> readings =
        ToHangul(Bundled(), c.window, decode, QueryLimits(), &korean);
    ASSERT_TRUE(readings.ok()) << c.window;
    EXPECT_TRUE(readings->empty() || korean.not_korean)
        << c.window << " reads as " << readings->front().hangul;
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// A given name that is also a place's (수정구 "Sujeong", 창원 "Changwon", 연제구 "Yeon-je", hyphenated
// as people write their given names) reads as the person's next to a surname; the place stays a
// place alone, and after a sentence-initial English word.
TEST(AnnotateTest, ReadsAGivenNameThatIsAlsoAPlaceNextToASurname) {
  const AnnotateCase cases[] = {
      {"Officials including Lee Sujeong attended.", {"Lee Sujeong?이수정"}},
      {"PYO CHANGWON said so.", {"PYO CHANGWON?표창원"}},
      {"Photographer Jung Yeon-je captured the scene.", {"Jung Yeon-je?정연제"}},
      // A place whose name is one word (영남, Yŏngnam) written in two, as the North writes a
      // given name; the region itself, written as its name is.
      {"The party promoted Rim Yong Nam.", {"Rim Yong Nam?림영남"}},
      {"Floods hit Yeongnam.", {"Yeongnam=place/kr/yeongnam"}},
      // A place of two words (양동) does not end inside a hyphenated name; a compound's English
      // word after the hyphen is not a syllable.
      {"Her husband Yang Dong-hee lives there.", {"Yang Dong-hee?양동희"}},
      {"A South Korea-based firm.", {"South Korea=place/kr/south-korea"}},
      {"They met in Yeonje, Busan.", {"Yeonje=place/kr/yeonje-gu", "Busan=place/kr/busan"}},
      {"They met in Changwon.", {"Changwon=place/kr/changwon"}},
      {"In Changwon, they met.", {"Changwon=place/kr/changwon"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// Hanja names of the tables, in Korean or Chinese text, in traditional or simplified characters.
TEST(AnnotateTest, LinksHanjaNames) {
  const AnnotateCase cases[] = {
      {"李明博 大統領은 開城에서", {"李明博=person/kr/lee-myung-bak", "開城=place/kp/kaesong"}},
      {"朝鲜劳动党副部长金与正说，开城工业园区",
       {"朝鲜劳动党=org/kp/wpk", "金与正=person/kp/kim-yo-jong", "开城=place/kp/kaesong"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

// Names in katakana and Cyrillic, which no table lists, read by the decoder: a run of words joined
// by a middle dot or a space, a Cyrillic one without its Russian case ending (Кэсоне); the
// katakana and Cyrillic words of other names and of the language (トランプ, Москва, Президент)
// are left alone.
TEST(AnnotateTest, LinksNamesInKatakanaAndCyrillic) {
  const AnnotateCase cases[] = {
      {"北朝鮮のキム・ヨジョン氏は、ケソンで談話を発表した。",
       {"キム・ヨジョン=person/kp/kim-yo-jong", "ケソン=place/kp/kaesong"}},
      {"テレビのニュースでアメリカのトランプ氏とロシアのプーチン氏がミサイルを語った。", {}},
      {"ソウルとピョンヤン", {"ソウル=place/kr/seoul", "ピョンヤン=place/kp/pyongyang"}},
      {"Ким Ё Чжон заявила в Кэсоне.",
       {"Ким Ё Чжон=person/kp/kim-yo-jong", "Кэсон=place/kp/kaesong"}},
      {"Встреча Ким Чен Ына с Путиным в Пхеньяне. Москва.",
       {"Ким Чен Ын=person/kp/kim-jong-un", "Пхеньян=place/kp/pyongyang"}},
  };
  for (const AnnotateCase& c : cases) {
    EXPECT_THAT(Found(c.text), ElementsAreArray(c.mentions)) << c.text;
  }
}

TEST(AnnotateTest, AppliesItsOptions) {
  const char* text = "Suh Ho went to Kaesong. Suh said so. Chung Sung-Jun took the photo.";
  AnnotateOptions places;
  places.kinds = {catalog::EntityKind::kPlace};
  EXPECT_THAT(Found(text, places), ElementsAre("Kaesong=place/kp/kaesong"));
  AnnotateOptions confident;
  confident.min_score = 0.99;  // Above coreference's score and this reading's share (0.91).
  EXPECT_THAT(Found(text, confident),
              ElementsAre("Suh Ho=person/kr/suh-ho", "Kaesong=place/kp/kaesong"));
}

TEST(AnnotateTest, LinksDemonymsOnlyWhenAsked) {
  const char* text = "North Korean troops met South Koreans; north korean food.";
  EXPECT_THAT(Found(text), IsEmpty());
  AnnotateOptions demonyms;
  demonyms.demonyms = true;
  absl::StatusOr<std::vector<Mention>> found = Annotate(Bundled(), text, demonyms, QueryLimits());
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(Found(text, demonyms),
              ElementsAre("North Korean=place/kp/north-korea", "South Koreans=place/kr/south-korea"));
  for (const Mention& m : *found) {
    EXPECT_EQ(m.candidates.front().method, MatchMethod::kDemonym);
    EXPECT_EQ(m.score, kDemonymScore);
  }
  // A demonym does not shadow the place's own name.
  EXPECT_THAT(Found("North Korea", demonyms), ElementsAre("North Korea=place/kp/north-korea"));
  // A Korean one (한국인) is not the place with the particle 인; with a particle of its own it is
  // still a demonym, and the place's own name still links.
  const char* korean = "한국인 근로자들과 한국인은 한국에서 만났다.";
  EXPECT_THAT(Found(korean), ElementsAre("한국=place/kr/south-korea"));
  EXPECT_THAT(Found(korean, demonyms),
              ElementsAre("한국인=place/kr/south-korea", "한국인=place/kr/south-korea",
                          "한국=place/kr/south-korea"));
}

TEST(AnnotateTest, GivesOffsetsInBytesAndCodePoints) {
  const std::string text = "개성의 KAESONG's";
  absl::StatusOr<std::vector<Mention>> found = Annotate(Bundled(), text, {}, QueryLimits());
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].begin, 0u);
  EXPECT_EQ((*found)[0].end, 6u);  // 개성, without 의.
  EXPECT_EQ((*found)[0].cp_end, 2);
  EXPECT_EQ((*found)[1].begin, 10u);
  EXPECT_EQ((*found)[1].cp_begin, 4);
  EXPECT_EQ((*found)[1].end, text.size() - 2);  // Without 's.
  EXPECT_EQ((*found)[1].cp_end, 11);
  EXPECT_DOUBLE_EQ((*found)[1].candidates.front().score, 0.99);  // Case needed.
}

TEST(AnnotateTest, RejectsWhatIsNoText) {
  absl::StatusOr<std::vector<Mention>> found = Annotate(Bundled(), "Kae\xFFsong", {}, QueryLimits());
  EXPECT_EQ(found.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(found.status().message(), ::testing::HasSubstr("not valid UTF-8"));
  QueryLimits small;
  small.max_document_bytes = 10;
  found = Annotate(Bundled(), "Kaesong and Pyongyang", {}, small);
  EXPECT_EQ(found.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(found.status().message(), ::testing::HasSubstr("21 bytes long; the limit is 10"));
  // Within the limit as sent, over it once normalized: each "ﷺ" (3 bytes) is 18 letters.
  small.max_document_bytes = 40;
  found = Annotate(Bundled(), "\uFDFA \uFDFA \uFDFA", {}, small);
  EXPECT_EQ(found.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(found.status().message(), ::testing::HasSubstr("once normalized (NFKC)"));
  found = Annotate(Bundled(), "Kaesong and Pyongyang, Seoul", {}, small);
  EXPECT_TRUE(found.ok()) << found.status();
  found = Annotate(Bundled(), "", {}, QueryLimits());
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, IsEmpty());
}

}  // namespace
}  // namespace irum::match
