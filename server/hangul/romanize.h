// Romanizer: Hangul -> Latin in the systems Korean names are written in.
//
// Systems (System), each as its standard writes it:
//   kRr                 Revised Romanization (2000, rev. 2014), transcription: sound changes written,
//                       tensing not. 종로 Jongno, 신라 Silla, 독립문 Dongnimmun, 학여울 Hangnyeoul,
//                       해돋이 haedoji, 같이 gachi, 좋고 joko, 묵호 Mukho (h kept in nouns),
//                       낙동강 Nakdonggang, 울산 Ulsan.
//   kRrTransliteration  RR rule 8, letter for letter and reversible: 집 jib, 밖 bakk, 값 gabs,
//                       물엿 mul-yeos, 굳이 gud-i.
//   kMr                 McCune–Reischauer (1939): breves and apostrophes, voicing between voiced
//                       sounds, assimilation written. 개성 Kaesŏng, 평양 P'yŏngyang, 청진
//                       Ch'ŏngjin, 독립 tongnip, 한글 han'gŭl, 쉬운 shwiun.
//   kAlaLc              Library of Congress ALA-LC: MR, with given names hyphenated
//                       (강감찬 Kang Kam-ch'an) and the final consonant kept left of the hyphen
//                       (강석원 Kang Sŏg-wŏn).
//   kBgnPcgn            BGN/PCGN (MR for place names): the hyphens the Hangul writes before generic
//                       terms are kept, with assimilation across them (영진-리 Yŏngjil-li, 압록-강
//                       Amnok-kang); none is inserted.
//   kDprk               the DPRK national system (1992/2002): MR with kh th ph for the aspirates and
//                       j for ㅈ; personal names as separate capitalized syllables with the first
//                       given-name consonant voiceless (김정은 Kim Jŏng Ŭn, with `ascii` Kim Jong
//                       Un; 박동구 Pak Tong Gu);
//                       평양 is Pyongyang by the standard's own exception.
//   kYale               Yale (Martin), letter for letter: 글자 kulca, 물엿 mwulyes.
//   kKatakana           not Latin: Japanese katakana as the Japanese press writes Korean names
//                       (hangul/kana.h): 김여정 キム・ヨジョン, 평양 ピョンヤン.
//   kCyrillic           not Latin: Cyrillic by Kontsevich, persons as the Russian press writes
//                       them (hangul/cyrillic.h): 김여정 Ким Ё Чжон, 평양 Пхёнъян.
//
// Kinds of string (StringKind) change the rules:
//   kText    words romanized with every sound change, lowercase; anything not Hangul passes through.
//   kPerson  surname, space, given name. RR: given name joined (or hyphenated: option), no sound change
//            inside the name (한복남 Han Boknam, 홍빛나 Hong Bitna). MR/ALA-LC: given name
//            hyphenated. DPRK: syllables separate. The surname is the first word when the input has
//            spaces, else the first two syllables when they are a two-syllable surname (선우혁
//            Sŏnu Hyŏk), else the first syllable.
//   kPlace   each word capitalized, h kept after ㄱㄷㅂ (Mukho), and in RR, DPRK and ALA-LC a
//            hyphen before the administrative unit 도 시 군 구 읍 면 리 동 가 (words of three
//            syllables or more; 구 from two), with no sound change across it in RR (인왕리
//            Inwang-ri, 도봉구 Dobong-gu, 종로 2가 Jongno 2(i)-ga, 창원군 Ch'angwŏn-gun).
//
// Words whose pronunciation no rule can derive (ㄴ insertion in compounds: 학여울 -> 항녀울; ㄴㄴ
// for ㄴㄹ in some compounds: 신문로 -> 신문노) come from an exception list, which the caller loads
// from tables/pronunciation.tsv.
//
//   Romanizer romanizer(exceptions);
//   romanizer.Romanize("종로구", {System::kRr, StringKind::kPlace});  // "Jongno-gu"
//
// Thread safety: a Romanizer is immutable; Romanize may be called from any thread.
#ifndef IRUM_SERVER_HANGUL_ROMANIZE_H_
#define IRUM_SERVER_HANGUL_ROMANIZE_H_

#include <bitset>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "server/hangul/jamo.h"
#include "server/hangul/string_kind.h"
#include "server/hangul/surnames.h"

namespace irum::hangul {

enum class System : uint8_t {
  kRr = 1,
  kRrTransliteration,
  kMr,
  kAlaLc,
  kBgnPcgn,
  kDprk,
  kYale,
  kKatakana,
  kCyrillic,
};

// "rr", "rr-translit", "mr", "alalc", "bgn", "dprk", "yale", "katakana", "cyrillic": for messages.
absl::string_view SystemName(System system);

struct RomanizeOptions {
  System system = System::kRr;
  StringKind kind = StringKind::kText;
  // MR family and DPRK: no breves or apostrophes, as the forms seen in practice (Kaesong, Chongjin).
  bool ascii = false;
  // RR persons: hyphen between given-name syllables (Han Bok-nam).
  bool hyphenate_given_name = false;
  // Places: hyphen before an administrative unit (RR, DPRK, ALA-LC, RR rule 8). Off for names that
  // merely end in a
  // unit syllable (왕십리 Wangsimni).
  bool hyphenate_units = true;
  // RR places: leave out 시, 군, 읍 (청주시 Cheongju), as the standard allows. Independent of
  // hyphenate_units.
  bool drop_unit_suffix = false;
};

// A word and how it is pronounced, both in Hangul: 학여울 -> 항녀울.
using PronunciationExceptions = std::vector<std::pair<std::string, std::string>>;

class Romanizer {
 public:
  // REQUIRES: each exception's two words are Hangul syllables of equal length.
  // `two_syllable_surnames` (남궁, 선우, ...: from tables/surnames.tsv) tell a person's surname
  // from the given name when a name is written as one word; without them, a name of four
  // syllables or more is taken to begin with a two-syllable surname.
  explicit Romanizer(const PronunciationExceptions& exceptions = {},
                     const std::vector<std::string>& two_syllable_surnames = {});

  // Romanizes `text` (REQUIRES: well-formed UTF-8, NFC). Never fails: what is not Hangul is copied.
  std::string Romanize(absl::string_view text, const RomanizeOptions& options) const;

  // Rewrites the parts of `*word` (Hangul syllables) listed as exceptions to their pronunciation,
  // longest match first.
  void ApplyExceptions(std::u32string* word) const;

  // Where the surname of a person's name written as one word ends.
  const TwoSyllableSurnames& surnames() const { return two_syllable_surnames_; }

  // False when no exception can start in syllables[0, size): a cheap test before ApplyExceptions.
  bool MayHaveExceptions(const Syllable* syllables, size_t size) const;

 private:
  // Lookups by std::u32string_view without building a string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::u32string_view s) const { return absl::Hash<std::u32string_view>()(s); }
  };
  struct Eq {
    using is_transparent = void;
    bool operator()(std::u32string_view a, std::u32string_view b) const { return a == b; }
  };

  absl::flat_hash_map<std::u32string, std::u32string, Hash, Eq> exceptions_;
  std::bitset<kLastSyllable - kFirstSyllable + 1> first_syllables_;   // Where one can start,
  std::bitset<kLastSyllable - kFirstSyllable + 1> second_syllables_;  // and go on.
  absl::flat_hash_set<uint64_t> first_pairs_;  // Its first two syllables, as PairKey.
  TwoSyllableSurnames two_syllable_surnames_;
  size_t longest_exception_ = 0;
};

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_ROMANIZE_H_
