// Romanized text as the decoder reads it: words of pieces of symbols.
//
// A query is cut into words at spaces, commas and middle dots; a word into pieces at hyphens (a
// syllable must end where a piece ends). Letters are folded to the decoder's symbols: lowercase ASCII, with 'O'
// for ŏ and 'U' for ŭ (and the sanctions lists' ASCII for them, o' and u'); an apostrophe that
// marks an aspirate or a syllable boundary (P'yŏngyang, Han'gŭl) is kept as '\''. Hangul in the
// query is kept as Hangul, digits as digits, each a word of its own (창신1동: 창신, 1, 동).
//
//   std::vector<LatinWord> words = SplitLatinWords("KIM, Yŏ-jŏng");
//   // words[0]: pieces {"kim"}, comma_after; words[1]: pieces {"yO", "jOng"}
//
// Thread safety: free functions of their arguments.
#ifndef IRUM_SERVER_HANGUL_LATIN_WORDS_H_
#define IRUM_SERVER_HANGUL_LATIN_WORDS_H_

#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"

namespace irum::hangul {

// A word: pieces of symbols between hyphens, or one piece of Hangul (and digits).
struct LatinWord {
  absl::InlinedVector<std::string, 2> pieces;  // Most words have one or two.
  std::u32string hangul;  // Set when the word is written in Hangul.
  bool comma_after = false;
  bool dot_after = false;  // A middle dot follows (Bullo·Bongmu-dong, 2·3-ga).
  bool unreadable = false;  // Holds a character no romanization uses.
  // Its letters as written: all in capitals (KIM, SHIN), some in lowercase.
  bool has_uppercase = false;
  bool has_lowercase = false;

  // Written in capitals, two letters or more: the surname in "SHIN Dong-bin".
  bool AllCaps() const;

  // All the letters, for lookups: "Yo-jong" -> "yojong" (breves and apostrophes dropped).
  std::string Joined() const;
};

// The words of `query`, in order; empty words are dropped. REQUIRES: well-formed UTF-8.
std::vector<LatinWord> SplitLatinWords(absl::string_view query);

// `spelling` as surname lookups key it: its letters only, lowercase ASCII, breves dropped
// ("Ch'oe" -> "choe", "Chŏng" -> "chong").
std::string FoldSpelling(absl::string_view spelling);

// True for the ASCII digits.
inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_LATIN_WORDS_H_
