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

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_SPELLED_SYLLABLES_H_
