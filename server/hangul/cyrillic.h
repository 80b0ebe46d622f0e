// Cyrillic: Korean names in Russian letters, by the Kontsevich system (Концевич), which the
// Russian press follows, and the older press forms next to it (Ким Чен Ын beside Ким Чон Ын,
// Ли beside Ри, Пхеньян beside Пхёнъян), both ways.
//
// Leads: ㄱ к, ㄴ н, ㄷ т, ㄹ р, ㅁ м, ㅂ п, ㅅ с, ㅈ чж, ㅊ чх, ㅋ кх, ㅌ тх, ㅍ пх, ㅎ х, voiced
// inside a word (г д б дж); vowels: а э я йе о е ё о ва вэ ве ё у во ве ви ю ы ый и; tails: к н т
// ль м п т н (ㅇ). The reader also takes the press's forms: ч for ㅈ (Чен), е for ㅓ and ㅕ (Сеул,
// Пхеньян), л for ㄹ (Ли), ль, л or р for a tail ㄹ (Ир Сен), and ignores the soft and hard signs
// (ь ъ), each form at the cost its spelling model gives it (CyrillicSpellingShares). A surname of
// ㄹ (Ли, Ри) reads as the South's 이 and the North's 리 alike.
// Cyrillic cannot tell ㅓ from ㅗ (о) nor ㄴ from ㅇ at a syllable's end (н): the decoder ranks the
// readings with its name priors (Decoder::Decode).
//
//   SpellCyrillic(U"김여정", StringKind::kPerson);  // "Ким Ё Чжон"
//   CyrillicSpellings().Of(U"сон");                 // 선, 성, 손, 송, ...
//
// Thread safety: all functions are pure.
#ifndef IRUM_SERVER_HANGUL_CYRILLIC_H_
#define IRUM_SERVER_HANGUL_CYRILLIC_H_

#include <array>
#include <string>

#include "absl/strings/string_view.h"
#include "server/hangul/spelled_syllables.h"
#include "server/hangul/string_kind.h"

namespace irum::hangul {

// True when UTF-8 `text` holds a Cyrillic letter. REQUIRES: well-formed UTF-8.
bool HasCyrillic(absl::string_view text);

// Cyrillic `text` as the reader reads it: lowercase, the soft and hard signs dropped.
std::u32string FoldCyrillic(std::u32string_view text);

// The Cyrillic of Hangul `hangul` by Kontsevich: persons as the Russian press writes them,
// surname and each given-name syllable capitalized and apart (Ким Ё Чжон; the surname is the first
// word, else the first `surname_length` syllables); places and text word by word, capitalized
// (Пхёнъян). Characters that are not Hangul syllables are copied.
std::string SpellCyrillic(std::u32string_view hangul, StringKind kind, size_t surname_length = 1);

// How often the Russian press spells a syllable each way the reader takes: the parameters of the
// Cyrillic spelling model, P(letters | syllable, place). The fitted shares are the cyrillic.* rows
// of tables/name_model.tsv (scripts/fit-script-spelling, which says what they were counted on;
// hangul::NameModel::cyrillic). The defaults are neutral: every choice between Kontsevich's forms
// and the press's, or between the plain and the voiced lead, at even odds (kNeutralSpellingShare),
// what a decoder built without those rows uses.
struct CyrillicSpellingShares {
  // P(Kontsevich's voiced form | a lead ㄱ ㄷ ㅂ ㅈ) where a word begins, where a given name
  // begins, inside a word and after a stop tail (SpellingPlace order: Пак, Пан Ги Мун, Ли Мён Бак,
  // Пэктусан); the plain form otherwise. Each in [0, 1].
  std::array<double, kSpellingPlaces> voiced = {kNeutralSpellingShare, kNeutralSpellingShare,
                                                kNeutralSpellingShare, kNeutralSpellingShare};
  // P(the press's older form of a lead | a lead that has one): ч for ㅈ (Ким Чен Ын), л for ㄹ
  // (Ли). In [0, 1].
  double press_lead = kNeutralSpellingShare;
  // P(the press's other forms of a vowel | a vowel that has them), shared among them: е for ㅓ
  // (Чен, Сеул), е for ㅕ (Пхеньян), е for ㅐ, э for ㅔ, и for ㅢ. In [0, 1].
  double press_vowel = kNeutralSpellingShare;
  // P(р for a tail ㄹ | ㄹ): Ким Ир Сен beside Kontsevich's ль. In [0, 1].
  double press_tail = kNeutralSpellingShare;
};

// Which Hangul syllables each run of (folded) Cyrillic spells, Kontsevich's forms and the press's,
// at the cost -ln P(letters | syllable, place) that `shares` gives (a share of 0 or 1 leaves a
// form out where it has no chance): the reader's half, for the syllables names are read as
// (IsPlainNameSyllable).
SpelledSyllables CyrillicSpellings(const CyrillicSpellingShares& shares = CyrillicSpellingShares());

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_CYRILLIC_H_
