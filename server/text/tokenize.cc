#include "server/text/tokenize.h"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "absl/strings/str_cat.h"

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

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(absl::string_view text) {
  Iterators& it = ThreadIterators();
  if (U_FAILURE(it.status)) {
    return absl::InternalError(
        absl::StrCat("ICU's break rules cannot be loaded: ", u_errorName(it.status)));
  }
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // UTF-16 index -> byte offset and code point offset.
  const int32_t length = utf16.length();
  std::vector<size_t> bytes(static_cast<size_t>(length) + 1);
  std::vector<int64_t> points(static_cast<size_t>(length) + 1);
  {
    size_t byte = 0;
    int64_t point = 0;
    for (int32_t i = 0; i < length;) {
      const UChar32 c = utf16.char32At(i);
      const int32_t units = U16_LENGTH(c);
      for (int32_t k = 0; k < units; ++k) {
        bytes[static_cast<size_t>(i + k)] = byte;
        points[static_cast<size_t>(i + k)] = point;
      }
      byte += static_cast<size_t>(U8_LENGTH(c));
      ++point;
      i += units;
    }
    bytes[static_cast<size_t>(length)] = byte;
    points[static_cast<size_t>(length)] = point;
  }

  // Sentences: ICU's sentence rules, asked only where one can end (after a terminal mark or a
  // line break between two words), which spares a pass over the whole text.
  it.sentences->setText(utf16);
  auto may_end_sentence = [&utf16](int32_t from, int32_t to) {
    for (int32_t i = from; i < to; ++i) {
      switch (utf16.charAt(i)) {
        case u'.': case u'!': case u'?': case u'\n': case u'\r': case u'\u2029':
        case u'\u3002': case u'\uFF01': case u'\uFF1F': case u'\uFF0E':
          return true;
        default:
          break;
      }
    }
    return false;
  };

  std::vector<Token> out;
  it.words->setText(utf16);
  int32_t sentence = 0;
  int32_t previous_end = 0;
  int32_t start = it.words->first();
  for (int32_t end = it.words->next(); end != icu::BreakIterator::DONE;
       start = end, end = it.words->next()) {
    if (it.words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // Spaces, punctuation.
    if (!out.empty() && may_end_sentence(previous_end, start)) {
      // A boundary anywhere between the two words: the last one before `start`.
      const int32_t boundary = it.sentences->preceding(start + 1);
      if (boundary != icu::BreakIterator::DONE && boundary > previous_end) ++sentence;
    }
    Token t;
    t.begin = bytes[static_cast<size_t>(start)];
    t.end = bytes[static_cast<size_t>(end)];
    t.cp_begin = points[static_cast<size_t>(start)];
    t.cp_end = points[static_cast<size_t>(end)];
    t.sentence = sentence;
    out.push_back(t);
    previous_end = end;
  }
  return out;
}

}  // namespace irum::text
