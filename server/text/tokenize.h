// Tokenize: the words of a text, with their offsets, by ICU's word break rules (UAX #29); and
// whether a sentence ends between two words, by ICU's sentence rules.
//
// A word is a run of letters or digits as Unicode's word-boundary rules see it: "Kim", "Yo" and
// "jong" in "Kim Yo-jong"; "P'yŏngyang" and "Kaesong's" are one word each (an apostrophe between
// letters stays inside); "김여정은" is one word. What lies between words (spaces, punctuation) is
// not a token: the caller reads it from the text between two tokens' offsets.
//
// ICU's word BreakIterator defines the words. Stretches of text between spaces that hold only
// ASCII, precomposed Latin letters (U+00C0..U+024F), Hangul syllables and the common typographic
// punctuation of English news (’ ‘ “ ” – — … and the no-break space) take a fast path that
// applies the same rules to those characters, about three times faster than the iterator
// (BM_Tokenize in tests/annotate_benchmark.cc); every other stretch is cut by the iterator.
// tests/tokenize_test.cc checks that the two agree, on random text and on the annotation corpus.
//
//   for (const Token& t : *Tokenize("Kim Yo-jong said.")) text.substr(t.begin, t.end - t.begin);
//
// Thread safety: all functions may be called from any thread (each thread keeps its own ICU
// iterators).
#ifndef IRUM_SERVER_TEXT_TOKENIZE_H_
#define IRUM_SERVER_TEXT_TOKENIZE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace irum::text {

struct Token {
  size_t begin = 0;  // UTF-8 byte offsets into the text: [begin, end).
  size_t end = 0;
  int64_t cp_begin = 0;  // The same in Unicode code points.
  int64_t cp_end = 0;
};

// The words of `text`, in order. Internal only when ICU's break rules cannot be loaded (a broken
// ICU installation). REQUIRES: `text` is well-formed UTF-8 (see ValidateUtf8).
absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view text);

// The words of `text` by ICU's word BreakIterator alone, without the fast path: the reference that
// tests and benchmarks compare Tokenize with. Same contract as Tokenize.
absl::StatusOr<std::vector<Token>> TokenizeWithIcu(absl::string_view text);

// True when, by ICU's English sentence rules (no break after the usual abbreviations: "Mr. Suh"
// is one sentence), a sentence of `text` ends and the next begins within the byte range
// [from, to]: between a word ending at `from` and the next word, beginning at `to`. Cheap when the
// range holds no sentence-ending mark (. ! ? or a line break); else it asks ICU, which reads the
// text near the range. False when ICU's rules cannot be loaded (Tokenize reports that).
// REQUIRES: from <= to <= text.size(), both at code point boundaries of well-formed UTF-8.
bool SentenceEndsBetween(absl::string_view text, size_t from, size_t to);

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_TOKENIZE_H_
