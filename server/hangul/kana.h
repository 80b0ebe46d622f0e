// Kana: Korean names in Japanese katakana, as the Japanese press writes them (キム・ヨジョン 김여정,
// ピョンヤン 평양, ケソン 개성), both ways.
//
// A name is written as it sounds (hangul/pronounce.h: 김연아 キム・ヨナ, 종로 チョンノ, 신라 シルラ),
// each pronounced syllable spelled as its lead consonant and vowel in kana, then its tail: ㄱ ク,
// ㄴ and ㅇ ン, ㄹ ル, ㅁ ム, ㅂ プ, the other tails ッ. ㄱ ㄷ ㅂ ㅈ are voiceless where a name
// begins (キム, パク, チョン) and voiced inside it (ジョンウン, ミョンバク); the press is not
// consistent about a given name's first syllable (パク・チョンヒ, キム・ジョンウン), so the reader
// takes either anywhere, at the cost its spelling model gives each where it stands
// (KanaSpellingShares). ㅓ and ㅗ are both オ, ㅐ and ㅔ both エ, ㅡ and ㅜ both ウ, ㄴ and ㅇ both
// ン: kana cannot tell them apart, so a katakana name has several Hangul readings, which the
// decoder ranks with its name priors (Decoder::Decode).
//
//   SpellKatakana(U"김여정", StringKind::kPerson);  // "キム・ヨジョン"
//   KanaSpellings().Of(U"ソン");                       // 선, 성, 손, 송, ...
#ifndef IRUM_SERVER_HANGUL_KANA_H_
#define IRUM_SERVER_HANGUL_KANA_H_

#include <array>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/hangul/spelled_syllables.h"
#include "server/hangul/string_kind.h"

namespace irum::hangul {

// True for a katakana or hiragana letter, the prolonged sound mark or the katakana middle dot
// (half-width forms are folded to these by NFKC first).
bool IsKana(char32_t c);

// True for a katakana letter or the prolonged sound mark, full-width or half-width: how Japanese
// text writes foreign names, Korean ones among them (hiragana writes its own words).
bool IsKatakana(char32_t c);

// True when UTF-8 `text` holds a kana letter. REQUIRES: well-formed UTF-8.
bool HasKana(absl::string_view text);

// The katakana of Hangul `hangul` (syllables; spaces between words): persons as surname, middle
// dot, given name (the surname is the first word, else the first `surname_length` syllables);
// places and text word by word, spaces kept. Characters that are not Hangul syllables are copied.
std::string SpellKatakana(std::u32string_view hangul, StringKind kind, size_t surname_length = 1);

// How often the Japanese press spells a syllable each way the reader takes: the parameters of
// the kana spelling model, P(kana | syllable, place). The fitted shares are the kana.* rows of
// tables/name_model.tsv (scripts/fit-script-spelling, which says what they were counted on;
// hangul::NameModel::kana). The defaults are neutral: every choice between two forms at even
// odds (kNeutralSpellingShare), what a decoder built without those rows uses.
struct KanaSpellingShares {
  // P(the voiced row | a lead ㄱ ㄷ ㅂ ㅈ) where a word begins, where a given name begins, inside
  // a word and after a stop tail (SpellingPlace order: キム, キム・ジョンウン or パク・チョンヒ,
  // ミョンバク, ペクトゥサン); the voiceless row otherwise. Each in [0, 1].
  std::array<double, kSpellingPlaces> voiced = {kNeutralSpellingShare, kNeutralSpellingShare,
                                                kNeutralSpellingShare, kNeutralSpellingShare};
  // P(one of a vowel's other columns | the vowel), shared among them: 계 キェ beside ケ, 최 チュェ
  // beside チェ, 의 イ beside ウィ. In [0, 1].
  double other_column = kNeutralSpellingShare;
};

// Which Hangul syllables each run of katakana spells (voiced or not, in any of their vowel's
// usual columns), at the cost -ln P(run | syllable, place) that `shares` gives (a share of 0 or 1
// leaves a form out where it has no chance): the reader's half of the spelling above, for the
// syllables names are read as (IsPlainNameSyllable).
SpelledSyllables KanaSpellings(const KanaSpellingShares& shares = KanaSpellingShares());

// `kana` in katakana: hiragana turned into katakana, the prolonged sound mark (ー) dropped.
std::u32string ToKatakana(std::u32string_view kana);

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_KANA_H_
