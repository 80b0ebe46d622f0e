// Tokenize: the words of a text, with their offsets, by ICU's word and sentence break rules.
//
// A word is a run of letters or digits as Unicode's word-boundary rules (UAX #29) see it: "Kim",
// "Yo" and "jong" in "Kim Yo-jong"; "P'yŏngyang" and "Kaesong's" are one word each (an apostrophe
// between letters stays inside); "김여정은" is one word. What lies between words (spaces,
// punctuation) is not a token: the caller reads it from the text between two tokens' offsets.
// Sentences follow the English rules with the usual abbreviations ("Mr. Suh" is one sentence).
//
//   for (const Token& t : *Tokenize("Kim Yo-jong said.")) text.substr(t.begin, t.end - t.begin);
//
// Thread safety: Tokenize may be called from any thread (each thread keeps its own ICU iterators).
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
  int32_t sentence = 0;  // Which sentence of the text, from 0.
};

// The words of `text`, in order. Internal only when ICU's break rules cannot be loaded (a broken
// ICU installation). REQUIRES: `text` is well-formed UTF-8 (see ValidateUtf8).
absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view text);

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_TOKENIZE_H_
