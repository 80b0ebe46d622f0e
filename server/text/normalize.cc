#include "server/text/normalize.h"

#include <array>
#include <cstdint>
#include <cstring>

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

// FoldAscii for text of ASCII and precomposed Hangul syllables only (U+AC00..U+D7A3: most
// Korean names, and the keys of the catalog's Hangul names), into `*out`; false, and nothing
// done, for any other text. Every step leaves such syllables as they are: they are letters, NFC
// and NFKC forms of themselves, caseless, and their canonical decomposition (conjoining jamo, no
// marks) composes back; and nothing before or after them composes with them. No ICU call.
bool FoldAsciiAndHangul(absl::string_view text, unsigned steps, std::string* out) {
  const bool letters_only = steps & Bit(Level::kPunctuation), lower = steps & Bit(Level::kCase);
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      if (letters_only && !absl::ascii_isalnum(b)) continue;
      out->push_back(lower ? absl::ascii_tolower(b) : static_cast<char>(b));
      continue;
    }
    // A Hangul syllable is 3 bytes, EA B0 80 (U+AC00) to ED 9E A3 (U+D7A3).
    if (b < 0xEA || b > 0xED || i + 3 > text.size()) return false;
    const char32_t c = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                       (static_cast<unsigned char>(text[i + 2]) & 0x3F);
    if (c < 0xAC00 || c > 0xD7A3) return false;
    out->append(text.data() + i, 3);
    i += 3;
  }
  return true;
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
  return Normalizer(nfc, nfkc, nfd);
}

std::string Normalizer::Fold(absl::string_view text, Level level) const {
  return FoldSteps(text, StepsUpTo(level));
}

std::string Normalizer::FoldSteps(absl::string_view text, unsigned steps) const {
  if (IsAscii(text)) return FoldAscii(text, steps);
  if (std::string out; FoldAsciiAndHangul(text, steps, &out)) return out;

  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  s = ((steps & Bit(Level::kUnicode)) ? nfkc_ : nfc_)->normalize(s, status);
  if (steps & Bit(Level::kCase)) s.foldCase(U_FOLD_CASE_DEFAULT);
  if (steps & Bit(Level::kDiacritics)) {
    s = nfd_->normalize(s, status);
    s = Filter(s, [](UChar32 c) { return u_charType(c) != U_NON_SPACING_MARK; });
    s = nfc_->normalize(s, status);
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
