// SpelledSyllables: which Hangul syllables a run of letters of another script spells (ソン: 선,
// 성, 손, 송...; сон: the same), for the decoder's readers of names in those scripts (Japanese kana,
// Cyrillic: hangul/kana.h, hangul/cyrillic.h).
//
// Thread safety: immutable once built; read it from any thread.
#ifndef IRUM_SERVER_HANGUL_SPELLED_SYLLABLES_H_
#define IRUM_SERVER_HANGUL_SPELLED_SYLLABLES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "server/hangul/jamo.h"
#include "server/hangul/string_kind.h"

namespace irum::hangul {

// Where a run of letters stands in a word, for the spelling's cost: the same syllable is spelled
// otherwise where a word begins (voiceless in kana: キム, パク), where a person's given name begins
// (the Japanese press goes both ways: キム・ジョンウン, パク・チョンヒ), inside a word after a vowel
// or a sonorant tail (voiced: ミョンバク; Cyrillic: Пусан, Тэгу) and after a stop tail ㄱ ㅂ ㅅ
// (tensed, so voiceless: ペクトゥサン, Пэктусан).
enum class SpellingPlace : uint8_t { kWordStart = 0, kGivenStart = 1, kInside = 2, kAfterStop = 3 };
inline constexpr int kSpellingPlaces = 4;
// The places as tables name them (SpellingPlace order): tables/name_model.tsv's kana.voiced.<place>.
inline constexpr const char* kSpellingPlaceNames[kSpellingPlaces] = {"word_start", "given_start",
                                                                     "inside", "after_stop"};

// The share a spelling model gives each of two forms when nothing was counted (KanaSpellingShares,
// CyrillicSpellingShares): even odds, no form preferred.
inline constexpr double kNeutralSpellingShare = 0.5;

// A syllable a run of letters spells, with -ln P(the run | the syllable, the place) at each place
// (infinite where the syllable is not spelled so there).
struct SpelledSyllable {
  char32_t syllable = 0;
  std::array<float, kSpellingPlaces> cost{};
};

class SpelledSyllables {
 public:
  // Files `syllable` under `spelling` for `cost[place]` (-ln P, >= 0; infinite: not spelled so
  // there) at each place; a spelling filed twice for a syllable keeps the lower cost per place.
  void Add(const std::u32string& spelling, char32_t syllable,
           const std::array<float, kSpellingPlaces>& cost);
  // Files `syllable` under `spelling` at every place for `cost`.
  void Add(const std::u32string& spelling, char32_t syllable, float cost = 0);

  // The syllables spelled exactly `spelling`, in the order filed; empty when none is.
  const std::vector<SpelledSyllable>& Of(std::u32string_view spelling) const;

  // The longest spelling filed, in code points.
  size_t longest() const { return longest_; }

 private:
  absl::flat_hash_map<std::u32string, std::vector<SpelledSyllable>> syllables_;
  size_t longest_ = 0;
};

// Whether names are read as having syllable `s` from a script that cannot tell its letters apart
// from those of plainer syllables: no tense lead (ㄲ ㄸ ㅃ ㅆ ㅉ) and no tail but ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ.
// Names hardly use the others, and kana or Cyrillic spell them alike (밖 and 박 are both パク).
bool IsPlainNameSyllable(const Syllable& s);

// The junction between two syllables as written: the first one's tail and the second one's lead.
// `cost` is -log P(the writer heard it so): 0 where standard pronunciation always changes the
// junction that way, log 2 where the change is optional (a ㅎ falling silent, ㄴ inserted), both
// ways alike for want of data to tell.
struct Junction {
  Tail tail;
  Lead lead;
  float cost;
};

// The junctions of plain name syllables (IsPlainNameSyllable) that sound as a syllable with tail
// `tail` before one that begins with `lead` and `vowel`, for readers of scripts that write names
// as they sound (the Japanese press: 윤석열 ユン・ソンニョル, 신라 シルラ; Kontsevich: Силла): the
// junction itself, and every other that standard pronunciation (PronounceJunction, all rules)
// turns into it: liaison (김연아 キム・ヨナ), nasalization and ㄹ after a consonant (종로 チョンノ),
// lateralization (신라 シルラ), aspiration (박혜 パケ); and the optional changes it leaves to
// dictionaries: ㄴ inserted before ㅣ and the y vowels (석열 -> 성녈), ㅎ silent after ㄴ ㄹ ㅁ
// (근혜 -> 그녜). `tail` ㅅ stands for the sound ㄷ, as a reader of those scripts writes it.
const std::vector<Junction>& JunctionsSoundingAs(Tail tail, Lead lead, Vowel vowel);

// Where a syllable of a name or text stands, for the spellers of other scripts.
struct SyllablePlace {
  size_t index = 0;          // Among the syllables.
  bool word_start = false;   // First of a word: of the text, after a character that is no
                             // syllable, or a person's given name.
  bool given_start = false;  // Persons: the given name's first syllable.
  size_t surname_length = 0;  // Persons: the surname's syllables.
  bool spaced = false;       // The Hangul wrote a space (a person's surname is then its first word).
};

// Calls `on_syllable(i, place)` for each Hangul syllable hangul[i], and `on_other(c)` for every
// other character, in order. A person's surname is the first word when the Hangul has a space,
// else its first `surname_length` syllables.
template <typename OnSyllable, typename OnOther>
void WalkSyllables(std::u32string_view hangul, StringKind kind, size_t surname_length,
                   OnSyllable on_syllable, OnOther on_other) {
  SyllablePlace place;
  place.spaced = hangul.find(U' ') != std::u32string_view::npos;
  place.surname_length =
      place.spaced && kind == StringKind::kPerson ? hangul.find(U' ') : surname_length;
  bool word_start = true;
  size_t index = 0;
  for (size_t i = 0; i < hangul.size(); ++i) {
    if (!IsSyllable(hangul[i])) {
      on_other(hangul[i]);
      word_start = true;
      continue;
    }
    place.index = index;
    place.given_start = kind == StringKind::kPerson && index == place.surname_length;
    place.word_start = word_start || place.given_start;
    on_syllable(i, place);
    word_start = false;
    ++index;
  }
}

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_SPELLED_SYLLABLES_H_
