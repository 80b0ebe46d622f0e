#include "server/text/tokenize.h"

#include <algorithm>
#include <array>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include "absl/strings/str_cat.h"
#include "server/text/utf8.h"

namespace irum::text {
namespace {

// This thread's iterators, made once (making one loads and compiles its rules).
struct Iterators {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  UErrorCode status = U_ZERO_ERROR;
};

Iterators& ThreadIterators() {
  thread_local Iterators it = [] {
    Iterators out;
    out.words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), out.status));
    if (U_SUCCESS(out.status)) {
      // "ss=standard": no sentence break after the usual English abbreviations (Mr., Dr.).
      out.sentences.reset(
          icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), out.status));
    }
    return out;
  }();
  return it;
}

// How far around a range SentenceEndsBetween lets ICU read, in bytes: the longest abbreviation
// and the words next to the range fit in it many times over.
constexpr size_t kSentenceContext = 32;

absl::Status Unavailable(UErrorCode status) {
  return absl::InternalError(
      absl::StrCat("ICU's break rules cannot be loaded: ", u_errorName(status)));
}

// Walks the text forward, turning byte offsets into code point offsets.
class CodePointCounter {
 public:
  // Starting at byte `byte` of `text`, which is code point `point`.
  CodePointCounter(absl::string_view text, size_t byte, int64_t point)
      : text_(text), byte_(byte), point_(point) {}
  // The code point offset of byte `to`. REQUIRES: `to` no less than at the last call.
  int64_t At(size_t to) {
    for (; byte_ < to; ++byte_) {
      point_ += (static_cast<unsigned char>(text_[byte_]) & 0xC0) != 0x80;
    }
    return point_;
  }

 private:
  absl::string_view text_;
  size_t byte_;
  int64_t point_;
};

void Add(size_t begin, size_t end, int64_t cp_begin, int64_t cp_end, std::vector<Token>* out) {
  Token t;
  t.begin = begin;
  t.end = end;
  t.cp_begin = cp_begin;
  t.cp_end = cp_end;
  out->push_back(t);
}

// The words of text[begin, end) by ICU's word iterator, appended to `out`. Byte `begin` is code
// point `cp_begin` of the text.
absl::Status AddIcuWords(absl::string_view text, size_t begin, size_t end, int64_t cp_begin,
                         std::vector<Token>* out) {
  CodePointCounter points(text, begin, cp_begin);
  Iterators& it = ThreadIterators();
  if (U_FAILURE(it.status)) return Unavailable(it.status);
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data() + begin, static_cast<int64_t>(end - begin), &status);
  it.words->setText(&utext, status);
  if (U_FAILURE(status)) {
    utext_close(&utext);
    return absl::InternalError(absl::StrCat("ICU cannot read the text: ", u_errorName(status)));
  }
  int32_t start = it.words->first();
  for (int32_t stop = it.words->next(); stop != icu::BreakIterator::DONE;
       start = stop, stop = it.words->next()) {
    if (it.words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // Spaces, punctuation.
    const size_t word_begin = begin + static_cast<size_t>(start);
    const size_t word_end = begin + static_cast<size_t>(stop);
    const int64_t cp_word_begin = points.At(word_begin);
    Add(word_begin, word_end, cp_word_begin, points.At(word_end), out);
  }
  utext_close(&utext);
  return absl::OkStatus();
}

// The fast path's view of a character: its class under UAX #29's word rules, for the characters
// whose class is known here; kIcu for every other.
enum class Kind : uint8_t {
  kOther,         // Breaks on both sides: punctuation, symbols, controls, the no-break space.
  kLetter,        // ALetter.
  kDigit,         // Numeric.
  kUnderscore,    // ExtendNumLet.
  kMidNumLet,     // . ' ‘ ’ between letters or between digits (MidNumLet, Single_Quote).
  kMidNum,        // , ; between digits.
  kHangul,        // A Hangul syllable: joins Hangul syllables only.
  kSpace,         // ASCII white space: a word never spans it.
  kIcu,           // Anything else: ICU decides.
};

constexpr std::array<Kind, 128> AsciiKinds() {
  std::array<Kind, 128> kinds{};
  for (char c = 'a'; c <= 'z'; ++c) kinds[c] = Kind::kLetter;
  for (char c = 'A'; c <= 'Z'; ++c) kinds[c] = Kind::kLetter;
  for (char c = '0'; c <= '9'; ++c) kinds[c] = Kind::kDigit;
  kinds['_'] = Kind::kUnderscore;
  kinds['.'] = kinds['\''] = Kind::kMidNumLet;
  kinds[','] = kinds[';'] = Kind::kMidNum;
  kinds[' '] = kinds['\t'] = kinds['\n'] = kinds['\r'] = kinds['\v'] = kinds['\f'] = Kind::kSpace;
  // ':' is MidLetter in UAX #29, but ICU's root rules break at it (kOther, as is every other
  // ASCII character but '@', which ICU's rules make a letter of: ICU decides around it, as the
  // fuzzer found, tests/fuzz/seeds/text_fuzzer/at-sign).
  kinds['@'] = Kind::kIcu;
  return kinds;
}
constexpr std::array<Kind, 128> kAsciiKinds = AsciiKinds();

Kind KindOf(char32_t c) {
  if (c < 0x80) return kAsciiKinds[c];
  if (c >= 0xC0 && c <= 0x24F) return c == 0xD7 || c == 0xF7 ? Kind::kOther : Kind::kLetter;
  if (c >= 0xAC00 && c <= 0xD7A3) return Kind::kHangul;
  switch (c) {
    case 0x2018: case 0x2019:
      return Kind::kMidNumLet;
    case 0x00A0: case 0x2013: case 0x2014: case 0x201C: case 0x201D: case 0x2026:
      return Kind::kOther;
    default:
      return Kind::kIcu;
  }
}

bool Joinable(Kind k) {
  return k == Kind::kLetter || k == Kind::kDigit || k == Kind::kUnderscore;
}

// A character of a segment, for the fast path.
struct Char {
  Kind kind;
  uint32_t begin;  // Byte offset within the segment.
};

// A segment's characters as the fast path reads them: `n` characters, character k of kind
// `kind(k)` starting at byte `begin(k)` of the segment.
template <typename KindOf, typename BeginOf>
struct Segment {
  size_t n;
  KindOf kind;
  BeginOf begin;
};
template <typename KindOf, typename BeginOf>
Segment<KindOf, BeginOf> MakeSegment(size_t n, KindOf kind, BeginOf begin) {
  return {n, kind, begin};
}

// The words of segment `chars` (its characters, all of known kinds), which starts at byte `base`
// and code point `cp_base` and is `size` bytes long, by UAX #29's rules WB5-WB13b restricted to
// those kinds.
template <typename Chars>
void AddFastWords(const Chars& chars, size_t base, int64_t cp_base, size_t size,
                  std::vector<Token>* out) {
  const size_t n = chars.n;
  auto add = [&](size_t first, size_t last) {  // Characters [first, last].
    Add(base + chars.begin(first), base + (last + 1 < n ? chars.begin(last + 1) : size),
        cp_base + static_cast<int64_t>(first), cp_base + static_cast<int64_t>(last + 1), out);
  };
  for (size_t i = 0; i < n;) {
    if (chars.kind(i) == Kind::kHangul) {
      size_t j = i;
      while (j + 1 < n && chars.kind(j + 1) == Kind::kHangul) ++j;
      add(i, j);
      i = j + 1;
      continue;
    }
    if (!Joinable(chars.kind(i))) {
      ++i;
      continue;
    }
    size_t j = i;
    bool alnum = chars.kind(i) != Kind::kUnderscore;
    for (;;) {
      if (j + 1 < n && Joinable(chars.kind(j + 1))) {  // WB5, WB8-WB10, WB13a-b.
        ++j;
      } else if (j + 2 < n) {
        const Kind here = chars.kind(j), mid = chars.kind(j + 1), next = chars.kind(j + 2);
        const bool letters = here == Kind::kLetter && next == Kind::kLetter &&
                             mid == Kind::kMidNumLet;  // WB6-WB7.
        const bool digits = here == Kind::kDigit && next == Kind::kDigit &&
                            (mid == Kind::kMidNumLet || mid == Kind::kMidNum);  // WB11-WB12.
        if (!letters && !digits) break;
        j += 2;
      } else {
        break;
      }
      alnum = alnum || chars.kind(j) != Kind::kUnderscore;
    }
    // A word has a letter or a digit; ICU's rules also count a run of two or more underscores.
    if (alnum || j > i) add(i, j);
    i = j + 1;
  }
}

// kAsciiKinds over every byte: kIcu for the bytes of characters past ASCII.
constexpr std::array<Kind, 256> ByteKinds() {
  std::array<Kind, 256> kinds{};
  for (size_t b = 0; b < 256; ++b) kinds[b] = b < 128 ? kAsciiKinds[b] : Kind::kIcu;
  return kinds;
}
constexpr std::array<Kind, 256> kByteKinds = ByteKinds();

// Whether a byte is an ASCII letter or digit.
constexpr std::array<bool, 256> AlnumBytes() {
  std::array<bool, 256> alnum{};
  for (size_t b = 0; b < 256; ++b) {
    alnum[b] = kByteKinds[b] == Kind::kLetter || kByteKinds[b] == Kind::kDigit;
  }
  return alnum;
}
constexpr std::array<bool, 256> kAlnumBytes = AlnumBytes();

// The words of the segment that starts at byte `begin` (code point `cp_begin`) of `text`, when it
// is all ASCII of known kinds up to the next white space or the text's end: AddFastWords' rules
// applied as the bytes are read, in one pass. Appends its words to `out` and returns the byte
// where it ends; returns 0, `out` as it was, when the segment holds a byte of another kind (0x80
// or more, or one ICU decides).
size_t AddAsciiSegment(absl::string_view text, size_t begin, int64_t cp_begin,
                       std::vector<Token>* out) {
  const size_t mark = out->size();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = begin;
  while (p < n) {
    const Kind k = kByteKinds[s[p]];
    if (k == Kind::kSpace) break;
    if (k == Kind::kIcu) {
      out->resize(mark);
      return 0;
    }
    if (!Joinable(k)) {
      ++p;
      continue;
    }
    const size_t first = p;
    bool alnum = k != Kind::kUnderscore;
    // The word runs on to p, exclusive.
    for (++p;; ++p) {
      // Letters and digits, most of a word, in a tight loop (WB5, WB8-WB10).
      const size_t run = p;
      while (p < n && kAlnumBytes[s[p]]) ++p;
      alnum = alnum || p > run;
      if (p >= n) break;
      const Kind next = kByteKinds[s[p]];
      if (next == Kind::kUnderscore) continue;  // WB13a-b.
      if ((next == Kind::kMidNumLet || next == Kind::kMidNum) && p + 1 < n) {
        const Kind here = kByteKinds[s[p - 1]];  // The word's last byte so far.
        const Kind after = kByteKinds[s[p + 1]];
        if ((here == Kind::kLetter && after == Kind::kLetter && next == Kind::kMidNumLet) ||  // WB6-7.
            (here == Kind::kDigit && after == Kind::kDigit)) {                                // WB11-12.
          ++p;
          alnum = true;
          continue;
        }
      }
      break;
    }
    // A word has a letter or a digit; ICU's rules also count a run of two or more underscores.
    if (alnum || p - first > 1) {
      Add(first, p, cp_begin + static_cast<int64_t>(first - begin),
          cp_begin + static_cast<int64_t>(p - begin), out);
    }
  }
  return p;
}

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 6);  // English words and the spaces after them average about 6 bytes.
  // Segments: runs of characters between ASCII white space. UAX #29 breaks on both sides of white
  // space, so each segment is cut alone; runs of segments the fast path cannot take go to ICU
  // together, from the white space before them (which a combining mark at their start would
  // belong to).
  size_t icu_begin = 0, icu_end = 0;  // The pending ICU run, when icu_end > 0,
  int64_t icu_cp = 0;                 // and the code point it starts at.
  std::vector<Char> chars;
  int64_t cp = 0;  // The code point at byte i.
  for (size_t i = 0; i < text.size();) {
    if (const auto b = static_cast<unsigned char>(text[i]);
        b < 0x80 && kAsciiKinds[b] == Kind::kSpace) {
      ++i;
      ++cp;
      continue;
    }
    const size_t begin = i;
    const int64_t cp_begin = cp;
    // A segment of ASCII characters of known kinds (most of English text): a character a byte,
    // read in place, and cut as it is read unless ICU's words come first.
    if (icu_end == 0) {
      if (const size_t end = AddAsciiSegment(text, begin, cp_begin, &out); end > 0) {
        cp += static_cast<int64_t>(end - begin);
        i = end;
        continue;
      }
    }
    size_t ascii_end = i;
    while (ascii_end < text.size()) {
      const auto b = static_cast<unsigned char>(text[ascii_end]);
      if (b >= 0x80 || kAsciiKinds[b] == Kind::kSpace || kAsciiKinds[b] == Kind::kIcu) break;
      ++ascii_end;
    }
    // The segment is all ASCII when it ends at the text's end or at white space (not at a byte of
    // 0x80 or more, which the table has no entry for: the text fuzzer found the read past it).
    const auto stop = ascii_end < text.size() ? static_cast<unsigned char>(text[ascii_end]) : 0;
    if (ascii_end == text.size() || (stop < 0x80 && kAsciiKinds[stop] == Kind::kSpace)) {
      if (icu_end > 0) {
        if (absl::Status s = AddIcuWords(text, icu_begin, icu_end, icu_cp, &out); !s.ok()) {
          return s;
        }
        icu_end = 0;
      }
      const char* bytes = text.data() + begin;
      AddFastWords(MakeSegment(
                       ascii_end - begin,
                       [bytes](size_t k) { return kAsciiKinds[static_cast<unsigned char>(bytes[k])]; },
                       [](size_t k) { return k; }),
                   begin, cp_begin, ascii_end - begin, &out);
      cp += static_cast<int64_t>(ascii_end - begin);
      i = ascii_end;
      continue;
    }
    chars.clear();
    bool fast = true;
    while (i < text.size()) {
      const size_t at = i;
      Kind kind;
      if (const auto b = static_cast<unsigned char>(text[i]); b < 0x80) {
        kind = kAsciiKinds[b];
        if (kind == Kind::kSpace) break;
        ++i;
      } else {
        kind = KindOf(NextCodePoint(text, &i));
      }
      fast = fast && kind != Kind::kIcu;
      chars.push_back({kind, static_cast<uint32_t>(at - begin)});
      ++cp;
    }
    if (!fast) {
      if (icu_end == 0) {
        icu_begin = begin > 0 ? begin - 1 : 0;
        icu_cp = begin > 0 ? cp_begin - 1 : 0;
      }
      icu_end = i;
      continue;
    }
    if (icu_end > 0) {
      if (absl::Status s = AddIcuWords(text, icu_begin, icu_end, icu_cp, &out); !s.ok()) return s;
      icu_end = 0;
    }
    AddFastWords(MakeSegment(
                     chars.size(), [&chars](size_t k) { return chars[k].kind; },
                     [&chars](size_t k) { return static_cast<size_t>(chars[k].begin); }),
                 begin, cp_begin, i - begin, &out);
  }
  if (icu_end > 0) {
    if (absl::Status s = AddIcuWords(text, icu_begin, icu_end, icu_cp, &out); !s.ok()) return s;
  }
  return out;
}

absl::StatusOr<std::vector<Token>> TokenizeWithIcu(absl::string_view text) {
  std::vector<Token> out;
  if (absl::Status s = AddIcuWords(text, 0, text.size(), 0, &out); !s.ok()) return s;
  return out;
}

bool SentenceEndsBetween(absl::string_view text, size_t from, size_t to) {
  bool may_end = false;  // Of ASCII, only . ! ? and line breaks end sentences.
  for (size_t i = from; i < to && !may_end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    may_end = c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r' || c >= 0x80;
  }
  if (!may_end) return false;
  Iterators& it = ThreadIterators();
  if (U_FAILURE(it.status)) return false;
  // ICU reads only the range and the text near it: the words before (an abbreviation such as
  // "Mr." or "U.S.") and after (a lowercase word: no sentence ends), as UTF-16. Asked about the
  // whole text, it would re-read it from a point far back on every call.
  size_t begin = from > kSentenceContext ? from - kSentenceContext : 0;
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  for (size_t i = begin; i < from; ++i) {  // From the start of a word.
    if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t') {
      begin = i + 1;
      break;
    }
  }
  size_t end = std::min(text.size(), to + kSentenceContext);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  const absl::string_view window = text.substr(begin, end - begin);
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(
      icu::StringPiece(window.data(), static_cast<int32_t>(window.size())));
  // UTF-16 offsets of `from` and `to` in the window.
  int32_t from16 = 0, to16 = 0;
  for (size_t i = 0, units = 0; i <= to - begin;) {
    if (i == from - begin) from16 = static_cast<int32_t>(units);
    if (i == to - begin) {
      to16 = static_cast<int32_t>(units);
      break;
    }
    units += NextCodePoint(window, &i) >= 0x10000 ? 2 : 1;
  }
  it.sentences->setText(utf16);
  const int32_t boundary = it.sentences->following(from16);
  return boundary != icu::BreakIterator::DONE && boundary <= to16;
}

}  // namespace irum::text
