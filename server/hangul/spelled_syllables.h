// SpelledSyllables: which Hangul syllables a run of letters of another script spells (ソン: 선,
// 성, 손, 송...; сон: the same), for the decoder's readers of names in those scripts (Japanese kana,
// Cyrillic: hangul/kana.h, hangul/cyrillic.h).
//
// Thread safety: immutable once built; read it from any thread.
#ifndef IRUM_SERVER_HANGUL_SPELLED_SYLLABLES_H_
#define IRUM_SERVER_HANGUL_SPELLED_SYLLABLES_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "server/hangul/jamo.h"
#include "server/hangul/string_kind.h"

namespace irum::hangul {

class SpelledSyllables {
 public:
  // Files `syllable` under `spelling` (once, however often it is added).
  void Add(const std::u32string& spelling, char32_t syllable);

  // The syllables spelled exactly `spelling`; empty when none is.
  const std::vector<char32_t>& Of(std::u32string_view spelling) const;

  // The longest spelling filed, in code points.
  size_t longest() const { return longest_; }

 private:
  absl::flat_hash_map<std::u32string, std::vector<char32_t>> syllables_;
  size_t longest_ = 0;
};

// Whether names are read as having syllable `s` from a script that cannot tell its letters apart
// from those of plainer syllables: no tense lead (ㄲ ㄸ ㅃ ㅆ ㅉ) and no tail but ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ.
// Names hardly use the others, and kana or Cyrillic spell them alike (밖 and 박 are both パク).
bool IsPlainNameSyllable(const Syllable& s);

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
