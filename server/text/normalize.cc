#include "server/text/normalize.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/text/utf8.h"

namespace irum::text {
namespace {

constexpr unsigned Bit(Level level) { return 1u << static_cast<unsigned>(level); }

// Every step up to and including `level`.
constexpr unsigned StepsUpTo(Level level) { return (Bit(level) << 1) - 1; }

std::string FoldAscii(absl::string_view text, unsigned steps) {
  const bool letters_only = steps & Bit(Level::kPunctuation), lower = steps & Bit(Level::kCase);
  std::string out(text.data(), text.size());  // Folded in place: a copy, not a fill and a copy.
  size_t n = 0;
  for (char c : text) {
    if (letters_only && !absl::ascii_isalnum(c)) continue;
    out[n++] = lower ? absl::ascii_tolower(c) : c;
  }
  out.resize(n);
  return out;
}

// Modifier letters that romanized Korean uses as apostrophes. Unicode classes them as letters (Lm),
// so the letter-or-digit test alone would keep them.
bool IsApostropheLike(UChar32 c) {
  switch (c) {
    case 0x02B9:  // ʹ MODIFIER LETTER PRIME
    case 0x02BB:  // ʻ MODIFIER LETTER TURNED COMMA
    case 0x02BC:  // ʼ MODIFIER LETTER APOSTROPHE
    case 0x02BD:  // ʽ MODIFIER LETTER REVERSED COMMA
    case 0x02BE:  // ʾ MODIFIER LETTER RIGHT HALF RING
    case 0x02BF:  // ʿ MODIFIER LETTER LEFT HALF RING
    case 0x02C8:  // ˈ MODIFIER LETTER VERTICAL LINE
    case 0x02CA:  // ˊ MODIFIER LETTER ACUTE ACCENT
    case 0x02CB:  // ˋ MODIFIER LETTER GRAVE ACCENT
      return true;
    default:
      return false;
  }
}

// Keeps the code points of `in` for which `keep` is true.
template <typename Keep>
icu::UnicodeString Filter(const icu::UnicodeString& in, Keep keep) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    if (keep(c)) out.append(c);
    i += U16_LENGTH(c);
  }
  return out;
}

// For each ASCII byte, its key: the lowercase letter or the digit, or 0 when the key drops it.
constexpr std::array<char, 128> AsciiKeys() {
  std::array<char, 128> keys{};
  for (char c = 'a'; c <= 'z'; ++c) keys[c] = c;
  for (char c = 'A'; c <= 'Z'; ++c) keys[c] = static_cast<char>(c - 'A' + 'a');
  for (char c = '0'; c <= '9'; ++c) keys[c] = c;
  return keys;
}
constexpr std::array<char, 128> kAsciiKeys = AsciiKeys();

// Folds `text` under `steps` with ICU: the definition of every step, which the faster paths below
// must agree with.
std::string FoldWithIcu(absl::string_view text, unsigned steps, const icu::Normalizer2* nfc,
                        const icu::Normalizer2* nfkc, const icu::Normalizer2* nfd) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  s = ((steps & Bit(Level::kUnicode)) ? nfkc : nfc)->normalize(s, status);
  if (steps & Bit(Level::kCase)) s.foldCase(U_FOLD_CASE_DEFAULT);
  if (steps & Bit(Level::kDiacritics)) {
    s = nfd->normalize(s, status);
    s = Filter(s, [](UChar32 c) { return u_charType(c) != U_NON_SPACING_MARK; });
    s = nfc->normalize(s, status);
  }
  if (steps & Bit(Level::kPunctuation)) {
    s = Filter(s, [](UChar32 c) { return u_isalnum(c) && !IsApostropheLike(c); });
  }
  // The normalizers fail only on allocation failure or bad arguments, neither of which the checks
  // above allow; fall back to the input rather than return half-normalized text.
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  s.toUTF8String(out);
  return out;
}

// The folds, under every combination of steps, of the code points romanized names are written
// with beyond ASCII: the Latin letters with diacritics and the modifier letters (U+0080 to
// U+02FF) and the general punctuation (U+2000 to U+206F: dashes, curly quotes). Each is folded
// alone by ICU, once per process; kept only when it folds alone as it does in any text: neither
// it nor any of its folds has a combining mark or a conjoining jamo, so that nothing before or
// after it composes or reorders with it (U+00A8 ¨, whose NFKC form is a space and a combining
// diaeresis, is left to ICU). Text of ASCII, Hangul syllables (which every step leaves as they
// are) and these is folded a code point at a time, without ICU.
class CodePointFolds {
 public:
  CodePointFolds(const icu::Normalizer2* nfc, const icu::Normalizer2* nfkc,
                 const icu::Normalizer2* nfd) {
    for (const auto& [first, last] : kRanges) {
      for (char32_t c = first; c <= last; ++c) {
        std::array<std::string, kCombinations> folds;
        bool alone = SafeAlone(c);
        std::string text;
        AppendUtf8(c, &text);
        for (unsigned k = 0; k < kCombinations && alone; ++k) {
          folds[k] = FoldWithIcu(text, k << 1, nfc, nfkc, nfd);
          for (size_t i = 0; i < folds[k].size() && alone;) {
            alone = SafeAlone(NextCodePoint(folds[k], &i));
          }
        }
        Entry& entry = entries_[Index(c)];
        entry.alone = alone;
        for (unsigned k = 0; k < kCombinations && alone; ++k) {
          entry.at[k] = static_cast<uint32_t>(blob_.size());
          entry.size[k] = static_cast<uint8_t>(folds[k].size());
          blob_ += folds[k];
        }
      }
    }
  }

  // Appends the fold of `text` under `steps` to *out and returns true; false, with *out in any
  // state, when some code point of `text` is none of the above.
  bool Fold(absl::string_view text, unsigned steps, std::string* out) const {
    const bool letters_only = steps & Bit(Level::kPunctuation), lower = steps & Bit(Level::kCase);
    const unsigned k = (steps >> 1) & (kCombinations - 1);
    out->reserve(out->size() + text.size());
    for (size_t i = 0; i < text.size();) {
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        ++i;
        if (letters_only && !absl::ascii_isalnum(b)) continue;
        out->push_back(lower ? absl::ascii_tolower(b) : static_cast<char>(b));
        continue;
      }
      const size_t begin = i;
      const char32_t c = NextCodePoint(text, &i);
      if (c >= 0xAC00 && c <= 0xD7A3) {  // A Hangul syllable.
        out->append(text.data() + begin, i - begin);
        continue;
      }
      const int index = Index(c);
      if (index < 0 || !entries_[index].alone) return false;
      const Entry& entry = entries_[index];
      out->append(blob_, entry.at[k], entry.size[k]);
    }
    return true;
  }

 private:
  static constexpr unsigned kCombinations = 16;  // Of the four steps after kNone.
  static constexpr std::pair<char32_t, char32_t> kRanges[] = {{0x0080, 0x02FF},
                                                             {0x2000, 0x206F}};
  static constexpr int kSize = (0x02FF - 0x0080 + 1) + (0x206F - 0x2000 + 1);

  struct Entry {
    bool alone = false;
    std::array<uint32_t, kCombinations> at{};  // Where each fold is in blob_.
    std::array<uint8_t, kCombinations> size{};
  };

  // Position of c in entries_, or -1.
  static int Index(char32_t c) {
    if (c >= 0x0080 && c <= 0x02FF) return static_cast<int>(c - 0x0080);
    if (c >= 0x2000 && c <= 0x206F) return static_cast<int>(c - 0x2000) + (0x02FF - 0x0080 + 1);
    return -1;
  }

  // No combining mark, no conjoining jamo, and no character a step would make into one.
  static bool SafeAlone(char32_t c) {
    return u_getCombiningClass(static_cast<UChar32>(c)) == 0 &&
           u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_HANGUL_SYLLABLE_TYPE) ==
               U_HST_NOT_APPLICABLE &&
           u_charType(static_cast<UChar32>(c)) != U_NON_SPACING_MARK &&
           u_charType(static_cast<UChar32>(c)) != U_ENCLOSING_MARK &&
           u_charType(static_cast<UChar32>(c)) != U_COMBINING_SPACING_MARK;
  }

  std::array<Entry, kSize> entries_;
  std::string blob_;
};

// The process's CodePointFolds, made on first use from ICU's normalizers.
const CodePointFolds& Folds(const icu::Normalizer2* nfc, const icu::Normalizer2* nfkc,
                            const icu::Normalizer2* nfd) {
  static const CodePointFolds* const folds = new CodePointFolds(nfc, nfkc, nfd);
  return *folds;
}

}  // namespace

absl::Status ValidateUtf8(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    // ASCII eight bytes at a time: most of a Latin-script text.
    for (uint64_t block; i + sizeof(block) <= text.size(); i += sizeof(block)) {
      std::memcpy(&block, text.data() + i, sizeof(block));
      if ((block & 0x8080808080808080ULL) != 0) break;
    }
    if (i == text.size()) break;
    if (const size_t len = WellFormedLength(text, i); len > 0) {
      i += len;
      continue;
    }
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t want = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                        : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    const bool truncated = want > 0 && i + want > text.size();
    return absl::InvalidArgumentError(
        absl::StrCat("invalid UTF-8 at byte ", i, truncated ? " (truncated sequence)" : ""));
  }
  return absl::OkStatus();
}

int64_t CountCodePoints(absl::string_view text) {
  int64_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

absl::StatusOr<Normalizer> Normalizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("ICU normalization data unavailable: ", u_errorName(status)));
  }
  Folds(nfc, nfkc, nfd);  // Made now, not by the first query.
  return Normalizer(nfc, nfkc, nfd);
}

std::string Normalizer::Fold(absl::string_view text, Level level) const {
  return FoldSteps(text, StepsUpTo(level));
}

std::string Normalizer::FoldSteps(absl::string_view text, unsigned steps) const {
  if (IsAscii(text)) return FoldAscii(text, steps);
  if (std::string out; Folds(nfc_, nfkc_, nfd_).Fold(text, steps, &out)) return out;
  return FoldWithIcu(text, steps, nfc_, nfkc_, nfd_);
}

size_t Normalizer::AsciiKey(absl::string_view text, char* out) {
  size_t n = 0;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) return kNotAscii;
    out[n] = kAsciiKeys[b];
    n += out[n] != 0;
  }
  return n;
}

std::vector<Level> Normalizer::Explain(absl::string_view query, absl::string_view alias) const {
  if (query == alias) return {};  // The same bytes: the same text at every level.
  constexpr Level kSteps[] = {Level::kUnicode, Level::kCase, Level::kDiacritics,
                              Level::kPunctuation};
  // The lowest level at which the two meet.
  Level meet = Level::kNone;
  while (Fold(query, meet) != Fold(alias, meet)) {
    if (meet == kKeyLevel) return {};  // They never meet: nothing explains a match.
    meet = static_cast<Level>(static_cast<unsigned>(meet) + 1);
  }
  std::vector<Level> needed;
  for (Level step : kSteps) {
    if (step > meet) break;
    const unsigned without = StepsUpTo(meet) & ~Bit(step);
    if (FoldSteps(query, without) != FoldSteps(alias, without)) needed.push_back(step);
  }
  return needed;
}

}  // namespace irum::text
