// Text normalization for matching: the one place where irum folds spellings together.
//
// A name is compared through its *key*: the text after Unicode compatibility normalization (NFKC),
// case folding, removal of diacritics and removal of everything that is not a letter or a digit.
// So "Kaesŏng", "KAESONG", "Kae-song" and "Kaesong" share the key "kaesong", "P'yŏngyang" and
// "Pyongyang" share "pyongyang", and "김 여정" and "김여정" share "김여정".
//
// The steps form a ladder of Levels; Fold(text, level) applies every step up to `level`. The ladder
// lets a match explain itself: the lowest level at which a query and an alias become equal says
// which normalizations the query needed (see Explain).
//
//   absl::StatusOr<Normalizer> normalizer = Normalizer::Create();
//   normalizer->Key("Kaesŏng");  // "kaesong"
//
// Hangul syllables are letters and are kept (NFKC composes conjoining jamo into syllables); their
// diacritic-free decomposition is recomposed. Apostrophe-like modifier letters (ʼ U+02BC, ʻ U+02BB,
// ʹ U+02B9 and kin), which Unicode classes as letters, are treated as punctuation, since that is
// what they are in romanized Korean (P'yŏngyang, Kim Yŏʼjŏng).
//
// Thread safety: a Normalizer is immutable and may be used from any number of threads. It is cheap
// to copy (it holds pointers to ICU's process-wide normalization data).
#ifndef IRUM_SERVER_TEXT_NORMALIZE_H_
#define IRUM_SERVER_TEXT_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include <unicode/uversion.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace irum::text {

// The normalization ladder, in the order the steps apply. Each level includes all lower ones.
// kNone still applies canonical composition (NFC): canonically equivalent texts are the same text.
enum class Level : uint8_t {
  kNone = 0,
  kUnicode = 1,      // NFKC: full-width forms, compatibility jamo, ligatures.
  kCase = 2,         // Unicode default case folding.
  kDiacritics = 3,   // Nonspacing marks removed after canonical decomposition (ŏ -> o, ŭ -> u).
  kPunctuation = 4,  // Only letters and digits kept: spaces, hyphens, apostrophes, commas dropped.
};
inline constexpr Level kKeyLevel = Level::kPunctuation;

// Returns OK when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF); otherwise InvalidArgument naming the byte offset of the first bad sequence.
absl::Status ValidateUtf8(absl::string_view text);

// The number of code points in `text`. REQUIRES: `text` is well-formed UTF-8.
int64_t CountCodePoints(absl::string_view text);

class Normalizer {
 public:
  // Fails only when ICU's normalization data cannot be loaded (a broken ICU installation).
  static absl::StatusOr<Normalizer> Create();

  Normalizer(const Normalizer&) = default;
  Normalizer& operator=(const Normalizer&) = default;

  // Applies every step up to `level`. REQUIRES: `text` is well-formed UTF-8 (see ValidateUtf8).
  // Text of ASCII, Hangul syllables, Latin letters with diacritics, modifier letters and general
  // punctuation (the text of romanized names) is folded a code point at a time, from a table ICU
  // made once per process (at the first Create), the same as ICU folds it; other text by ICU.
  std::string Fold(absl::string_view text, Level level) const;

  // The matching key: Fold(text, kKeyLevel). Empty when `text` has no letter or digit.
  std::string Key(absl::string_view text) const { return Fold(text, kKeyLevel); }
  // Key(text) of ASCII `text`, written to out[0, n), n returned (n <= text.size()), in one pass
  // and without allocating: for callers that key the many words of a text into one buffer. When
  // `text` is not ASCII, returns kNotAscii (having written over out[0, text.size())): use Key.
  // REQUIRES: out[0, text.size()) is writable.
  static size_t AsciiKey(absl::string_view text, char* out);
  static constexpr size_t kNotAscii = static_cast<size_t>(-1);

  // Explains how `query` meets `alias`: let L be the lowest level at which they fold to the same
  // text; the result lists the steps up to L without which they would still differ, in ladder
  // order ("KAE-SONG" vs "Kaesong": case and punctuation; "Kaesong" vs "Kaesŏng": diacritics only).
  // Empty when they are equal as given (after NFC). REQUIRES: both are well-formed UTF-8.
  std::vector<Level> Explain(absl::string_view query, absl::string_view alias) const;

 private:
  // Applies the steps whose bit (1 << level) is set in `steps`, in ladder order.
  std::string FoldSteps(absl::string_view text, unsigned steps) const;

  Normalizer(const icu::Normalizer2* nfc, const icu::Normalizer2* nfkc, const icu::Normalizer2* nfd)
      : nfc_(nfc), nfkc_(nfkc), nfd_(nfd) {}

  const icu::Normalizer2* nfc_;   // Not owned: ICU singletons.
  const icu::Normalizer2* nfkc_;
  const icu::Normalizer2* nfd_;
};

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_NORMALIZE_H_
