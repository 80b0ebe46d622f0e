#include "server/hangul/romanize.h"

#include <string>

#include "gtest/gtest.h"
#include "server/hangul/pronounce.h"

namespace irum::hangul {
namespace {

struct Case {
  const char* hangul;
  const char* latin;
};

// The exceptions the bundled tables carry, for the words these tests use.
const PronunciationExceptions& Exceptions() {
  static const auto* exceptions = new PronunciationExceptions{
      {"학여울", "항녀울"}, {"알약", "알략"}, {"신문로", "신문노"}, {"물엿", "물렷"}};
  return *exceptions;
}

void ExpectAll(const RomanizeOptions& options, std::initializer_list<Case> cases) {
  const Romanizer romanizer(Exceptions());
  for (const Case& c : cases) {
    EXPECT_EQ(romanizer.Romanize(c.hangul, options), c.latin)
        << c.hangul << " (" << SystemName(options.system) << ")";
  }
}

TEST(RomanizeRr, WritesTheSoundChangesOfTheStandard) {
  ExpectAll({System::kRr, StringKind::kText},
            {{"구미", "gumi"}, {"영동", "yeongdong"}, {"백암", "baegam"}, {"옥천", "okcheon"},
             {"합덕", "hapdeok"}, {"월곶", "wolgot"}, {"벚꽃", "beotkkot"}, {"한밭", "hanbat"},
             {"설악", "seorak"}, {"칠곡", "chilgok"}, {"울릉", "ulleung"},
             {"대관령", "daegwallyeong"}, {"백마", "baengma"}, {"신문로", "sinmunno"},
             {"종로", "jongno"}, {"왕십리", "wangsimni"}, {"별내", "byeollae"}, {"신라", "silla"},
             {"학여울", "hangnyeoul"}, {"알약", "allyak"}, {"해돋이", "haedoji"}, {"같이", "gachi"},
             {"굳히다", "guchida"}, {"좋고", "joko"}, {"놓다", "nota"}, {"잡혀", "japyeo"},
             {"낳지", "nachi"}, {"압구정", "apgujeong"}, {"낙동강", "nakdonggang"},
             {"울산", "ulsan"}, {"광희문", "gwanghuimun"}, {"독립문", "dongnimmun"},
             {"안녕, 세상!", "annyeong, sesang!"}});
}

TEST(RomanizeRr, AspiratesBeforeVerbEndingsOnlyInText) {
  ExpectAll({System::kRr, StringKind::kText},
            {{"북한", "bukhan"}, {"국회", "gukhoe"}, {"집현전", "jiphyeonjeon"}, {"잡혀", "japyeo"},
             {"막혔다", "makyeotda"}, {"먹히다", "meokida"}, {"않습니다", "anseumnida"},
             {"넓히다", "neolpida"}, {"밝히다", "balkida"}});
}

TEST(RomanizeRr, SpellsLoneJamoAsLetters) {
  ExpectAll({System::kRr, StringKind::kText},
            {{"ㄱ", "g"}, {"ㅘ", "wa"}, {"가나다라ㅁㅂㅅㅇ", "ganadarambs"}, {"ㄳ", "gs"}});
  ExpectAll({System::kMr, StringKind::kText}, {{"ㄱ", "k"}, {"ㅓ", "ŏ"}});
}

TEST(RomanizeRr, KeepsHInNouns) {
  ExpectAll({System::kRr, StringKind::kPlace},
            {{"묵호", "Mukho"}, {"집현전", "Jiphyeonjeon"}, {"오죽헌", "Ojukheon"}});
}

TEST(RomanizeRr, HyphenatesAdministrativeUnits) {
  ExpectAll({System::kRr, StringKind::kPlace},
            {{"종로구", "Jongno-gu"}, {"도봉구", "Dobong-gu"}, {"인왕리", "Inwang-ri"},
             {"충청북도", "Chungcheongbuk-do"}, {"의정부시", "Uijeongbu-si"},
             {"삼죽면", "Samjuk-myeon"}, {"봉천 1동", "Bongcheon 1(il)-dong"},
             {"종로 2가", "Jongno 2(i)-ga"}, {"퇴계로 3가", "Toegyero 3(sam)-ga"},
             {"종로 12345가", "Jongno 12345-ga"},  // No reading above 9,999.
             {"신라", "Silla"}, {"독립문", "Dongnimmun"}, {"학여울", "Hangnyeoul"},
             {"속리산", "Songnisan"}});
  RomanizeOptions drop{System::kRr, StringKind::kPlace};
  drop.drop_unit_suffix = true;
  ExpectAll(drop, {{"청주시", "Cheongju"}, {"함평군", "Hampyeong"}, {"도봉구", "Dobong-gu"}});
}

TEST(RomanizeRr, PersonalNamesHaveNoSoundChangeInside) {
  ExpectAll({System::kRr, StringKind::kPerson},
            {{"한복남", "Han Boknam"}, {"홍빛나", "Hong Bitna"}, {"민용하", "Min Yongha"},
             {"송나리", "Song Nari"}, {"남궁민수", "Namgung Minsu"}, {"김 여정", "Gim Yeojeong"}});
  RomanizeOptions hyphen{System::kRr, StringKind::kPerson};
  hyphen.hyphenate_given_name = true;
  ExpectAll(hyphen, {{"한복남", "Han Bok-nam"}});
}

TEST(RomanizeRrTransliteration, IsLetterForLetter) {
  ExpectAll({System::kRrTransliteration, StringKind::kText},
            {{"집", "jib"}, {"짚", "jip"}, {"밖", "bakk"}, {"값", "gabs"}, {"붓꽃", "buskkoch"},
             {"먹는", "meogneun"}, {"독립", "doglib"}, {"문리", "munli"}, {"물엿", "mul-yeos"},
             {"굳이", "gud-i"}, {"좋다", "johda"}, {"가곡", "gagog"}, {"조랑말", "jolangmal"},
             {"없었습니다", "eobs-eoss-seubnida"}, {"안녕하세요", "annyeonghase-yo"},
             {"쉬운", "swi-un"}});
}

TEST(RomanizeMr, VoicesAndAssimilates) {
  ExpectAll({System::kMr, StringKind::kText},
            {{"김치", "kimch'i"}, {"글자", "kŭlcha"}, {"독립", "tongnip"}, {"물엿", "mullyŏt"},
             {"밖", "pak"}, {"밖에", "pakke"}, {"벽에", "pyŏge"}, {"부엌", "puŏk"},
             {"쉬운", "shwiun"}, {"한글", "han'gŭl"}, {"국민", "kungmin"}, {"갈비", "kalbi"},
             {"속히", "sokhi"}, {"일하", "irha"}});
  ExpectAll({System::kMr, StringKind::kPlace},
            {{"개성", "Kaesŏng"}, {"평양", "P'yŏngyang"}, {"청진", "Ch'ŏngjin"}});
  RomanizeOptions plain{System::kMr, StringKind::kPlace};
  plain.ascii = true;
  ExpectAll(plain, {{"개성", "Kaesong"}, {"평양", "Pyongyang"}, {"함흥", "Hamhung"},
                    {"개성 'x' ŏ", "Kaesong 'x' ŏ"}});  // Only the romanized text loses its marks.
}

TEST(RomanizeAlaLc, HyphenatesGivenNames) {
  ExpectAll({System::kAlaLc, StringKind::kPerson},
            {{"강감찬", "Kang Kam-ch'an"}, {"강석원", "Kang Sŏg-wŏn"}, {"강기덕", "Kang Ki-dŏk"},
             {"강석봉", "Kang Sŏk-pong"}, {"강동욱", "Kang Tong-uk"},
             {"강진건", "Kang Chin-gŏn"},  // The hyphen, not an apostrophe, separates n and g.
             {"라운규", "Na Un-gyu"}, {"류성룡", "Yu Sŏng-nyong"},  // Initial-sound rule.
             {"이순신", "Yi Sun-sin"}});
  ExpectAll({System::kAlaLc, StringKind::kText},
            {{"제 12판", "che 12-p'an"}, {"사상 : 일본", "sasang : ilbon"},
             {"2009년", "2009-yŏn"}});
  ExpectAll({System::kAlaLc, StringKind::kPlace}, {{"창원군", "Ch'angwŏn-gun"}});
}

TEST(RomanizeMr, MergesACodaIntoTheTenseConsonantAfterIt) {
  ExpectAll({System::kMr, StringKind::kText},
            {{"밋짝", "mitchak"}, {"만석꾼", "mansŏkkun"}, {"있습니다", "issŭmnida"},
             {"맞선", "matsŏn"}, {"읽기", "ilki"}, {"말들", "maldŭl"}, {"발달", "paltal"}});
}

TEST(RomanizeAlaLc, KnowsTwoSyllableSurnamesFromTheTable) {
  const Romanizer romanizer({}, {"선우", "공손", "남궁"});
  const RomanizeOptions options{System::kAlaLc, StringKind::kPerson};
  EXPECT_EQ(romanizer.Romanize("선우혁", options), "Sŏnu Hyŏk");
  EXPECT_EQ(romanizer.Romanize("공손술", options), "Kongson Sul");
  EXPECT_EQ(romanizer.Romanize("남궁민수", options), "Namgung Min-su");
  EXPECT_EQ(romanizer.Romanize("박혁거세", options), "Pak Hyŏk-kŏ-se");  // 박혁 is no surname.
  // Without a table, four syllables are taken to begin with a two-syllable surname.
  EXPECT_EQ(Romanizer().Romanize("남궁민수", options), "Namgung Min-su");
}

TEST(RomanizeBgn, AssimilatesAcrossTheHyphen) {
  ExpectAll({System::kBgnPcgn, StringKind::kPlace},
            {{"영진-리", "Yŏngjil-li"}, {"압록-강", "Amnok-kang"}, {"덕흥-리", "Tŏkhŭng-ni"},
             {"대동-강", "Taedong-gang"}, {"난산-리", "Nansal-li"}, {"비파1-동", "Pip'a1-tong"}});
}

TEST(RomanizeDprk, WritesAspiratesWithH) {
  ExpectAll({System::kDprk, StringKind::kPlace},
            {{"평양", "Pyongyang"}, {"초도", "Chodo"}, {"고비리", "Kobi-ri"}, {"칠보산", "Chilbosan"},
             {"백마산", "Paengmasan"}, {"한라산", "Hallasan"}, {"전라도", "Jŏlla-do"},
             {"청진", "Chŏngjin"}, {"독도", "Tokto"}, {"중구", "Jung-gu"},
             {"3.1동", "3.1-dong"}});
  ExpectAll({System::kDprk, StringKind::kText},
            {{"Phyŏngyang 평양", "Phyŏngyang pyongyang"}});  // Latin text passes through.
  ExpectAll({System::kDprk, StringKind::kPerson},
            {{"김정은", "Kim Jŏng Ŭn"}, {"박동구", "Pak Tong Gu"}, {"안복철", "An Pok Chŏl"}});
  RomanizeOptions plain{System::kDprk, StringKind::kPerson};
  plain.ascii = true;
  ExpectAll(plain, {{"김정은", "Kim Jong Un"}, {"리설주", "Ri Sol Ju"}});
}

TEST(RomanizeYale, IsLetterForLetter) {
  ExpectAll({System::kYale, StringKind::kText},
            {{"김치", "kimchi"}, {"물엿", "mwulyes"}, {"글자", "kulca"}, {"밖", "pakk"},
             {"박꽃", "pak.kkoch"}, {"백과", "payk.kwa"}});
}

TEST(Pronounce, MatchesStandardPronunciation) {
  const Case kCases[] = {{"같이", "가치"}, {"굳히다", "구치다"}, {"백마", "뱅마"}, {"종로", "종노"},
                         {"신라", "실라"}, {"별내", "별래"}, {"닭이", "달기"}, {"좋아", "조아"},
                         {"않고", "안코"}, {"값", "갑"}, {"밝히다", "발키다"}, {"독립", "동닙"}};
  for (const Case& c : kCases) {
    std::vector<Syllable> word;
    for (const Segment& s : SplitScript(c.hangul)) {
      for (char32_t ch : s.text) word.push_back(Decompose(ch));
    }
    EXPECT_EQ(ToUtf8(ToHangul(Pronounce(word, {}))), c.latin) << c.hangul;
  }
}

// Katakana as the Japanese press writes Korean names: as they sound (liaison, nasalization,
// lateralization within a word, not across surname and given name); voiceless where a name or
// word begins, voiced inside; the tails ク ン ル ム プ ッ; surname and given name apart by a
// middle dot.
TEST(RomanizeKatakana, SpellsNamesAsTheJapanesePressDoes) {
  ExpectAll({System::kKatakana, StringKind::kPerson},
            {{"김여정", "キム・ヨジョン"},
             {"김정은", "キム・ジョンウン"},
             {"이명박", "イ・ミョンバク"},
             {"문재인", "ムン・ジェイン"},
             {"리설주", "リ・ソルジュ"},
             {"최룡해", "チェ・リョンヘ"},
             {"김 여정", "キム・ヨジョン"},
             {"김연아", "キム・ヨナ"},
             {"박은아", "パク・ウナ"}});
  ExpectAll({System::kKatakana, StringKind::kPlace},
            {{"평양", "ピョンヤン"}, {"개성", "ケソン"}, {"부산", "プサン"}, {"서울", "ソウル"},
             {"두만강", "トゥマンガン"}, {"평양 Pyongyang", "ピョンヤン Pyongyang"},
             {"종로", "チョンノ"}, {"신라", "シルラ"}, {"독립문", "トンニムムン"}});
  // The surname's length from the romanizer's two-syllable surnames: 선우 (pronounced 서누) apart.
  const Romanizer romanizer({}, {"선우", "남궁"});
  EXPECT_EQ(romanizer.Romanize("선우혁", {System::kKatakana, StringKind::kPerson}), "ソヌ・ヒョク");
}

// Cyrillic by Kontsevich: persons as the Russian press writes them, each given-name syllable
// apart and capitalized, the surname 이 as Ли; places word by word, ㅇ before a vowel as нъ.
TEST(RomanizeCyrillic, SpellsByKontsevich) {
  ExpectAll({System::kCyrillic, StringKind::kPerson},
            {{"김정은", "Ким Чжон Ын"}, {"문재인", "Мун Чжэ Ин"}, {"이명박", "Ли Мён Бак"},
             {"최룡해", "Чхве Рён Хэ"}, {"김 여정", "Ким Ё Джон"}});
  ExpectAll({System::kCyrillic, StringKind::kPlace},
            {{"평양", "Пхёнъян"}, {"개성", "Кэсон"}, {"부산", "Пусан"}, {"인천", "Инчхон"}});
}

}  // namespace
}  // namespace irum::hangul
