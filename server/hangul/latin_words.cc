#include "server/hangul/latin_words.h"

#include "absl/strings/ascii.h"
#include "server/hangul/jamo.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// Folds one code point into a decoder symbol: for a letter (kLetters), `*letter` is its symbol (one
// per letter); kOther for anything that is not a letter of romanized Korean or punctuation the
// decoder knows.
enum class Fold {
  kLetters, kApostrophe, kHyphen, kSpace, kComma, kDot, kHangul, kDigit,
  kIgnored,  // Invisible format characters: zero-width space and joiners, soft hyphen, BOM.
  kOther,
};

Fold FoldCodePoint(char32_t c, char* letter) {
  if (c < 0x80) {
    const char a = static_cast<char>(c);
    if (absl::ascii_isalpha(a)) {
      *letter = absl::ascii_tolower(a);
      return Fold::kLetters;
    }
    if (a == '\'' || a == '`') return Fold::kApostrophe;
    if (a == '-') return Fold::kHyphen;
    if (absl::ascii_isdigit(a)) return Fold::kDigit;
    if (a == ',' || a == ';') return Fold::kComma;
    if (absl::ascii_isspace(a) || a == '.' || a == '(' || a == ')' || a == '/') return Fold::kSpace;
    return Fold::kOther;
  }
  switch (c) {
    case 0x014F: case 0x014E: case 0x01D2: case 0x01D1: case 0x00F6: case 0x00D6:  // ŏ ǒ ö
      *letter = 'O';
      return Fold::kLetters;
    case 0x016D: case 0x016C: case 0x01D4: case 0x01D3: case 0x00FC: case 0x00DC:  // ŭ ǔ ü
      *letter = 'U';
      return Fold::kLetters;
    case 0x00E9: case 0x00C9: case 0x00EB: case 0x00CB: case 0x00E8:  // é ë è
      *letter = 'e';
      return Fold::kLetters;
    case 0x0101: case 0x0100: *letter = 'a'; return Fold::kLetters;  // ā (Yale)
    case 0x012B: case 0x012A: *letter = 'i'; return Fold::kLetters;  // ī
    case 0x016B: case 0x016A: *letter = 'u'; return Fold::kLetters;  // ū
    case 0x2019: case 0x2018: case 0x02BC: case 0x02BB: case 0x00B4: case 0x02B9:
      return Fold::kApostrophe;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
      return Fold::kHyphen;
    case 0x00A0: case 0x3000:  // No-break space, ideographic space.
      return Fold::kSpace;
    case 0x00B7: case 0x30FB: case 0xFF65:  // Middle dots.
      return Fold::kDot;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      return Fold::kIgnored;
    default:
      return IsSyllable(c) ? Fold::kHangul : Fold::kOther;
  }
}

// True for the capitals among the letters FoldCodePoint reads (A-Z, Ŏ, Ŭ, Ǒ, Ǔ, Ö, Ü, É...).
bool IsUppercase(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  switch (c) {
    case 0x014E: case 0x01D1: case 0x00D6: case 0x016C: case 0x01D3: case 0x00DC: case 0x00C9:
    case 0x00CB: case 0x0100: case 0x012A: case 0x016A:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool LatinWord::AllCaps() const {
  size_t letters = 0;
  for (const std::string& p : pieces) letters += p.size();
  return has_uppercase && !has_lowercase && letters >= 2;
}

std::string LatinWord::Joined() const {
  std::string out;
  for (const std::string& p : pieces) {
    for (char c : p) {
      if (c != '\'') out.push_back(c == 'O' ? 'o' : c == 'U' ? 'u' : c);
    }
  }
  return out;
}

std::vector<LatinWord> SplitLatinWords(absl::string_view query) {
  std::vector<LatinWord> words;
  words.reserve(4);  // A name's words, without moving them as they come.
  words.emplace_back();
  std::string* piece = nullptr;
  char letter = 0;  // The symbol of a letter.
  bool breve_next = false;
  bool breve_apostrophe = false;  // The last character was an apostrophe standing for a breve.
  auto new_word = [&]() {
    if (!words.back().pieces.empty() || !words.back().hangul.empty()) words.emplace_back();
    piece = nullptr;
  };
  for (size_t i = 0; i < query.size();) {
    const char32_t c = text::NextCodePoint(query, &i);
    const Fold fold = FoldCodePoint(c, &letter);
    if (fold != Fold::kSpace && fold != Fold::kApostrophe) breve_apostrophe = false;
    switch (fold) {
      case Fold::kLetters:
        if (!words.back().hangul.empty()) new_word();
        (IsUppercase(c) ? words.back().has_uppercase : words.back().has_lowercase) = true;
        if (piece == nullptr) {
          words.back().pieces.emplace_back();
          piece = &words.back().pieces.back();
        }
        if (breve_next && (letter == 'o' || letter == 'u')) letter = letter == 'o' ? 'O' : 'U';
        breve_next = false;
        piece->push_back(letter);
        break;
      case Fold::kApostrophe:
        // After o or u an apostrophe stands for the breve (Su'ng, Ch'o'l: the sanctions lists'
        // ASCII for sŭng, ch'ŏl); elsewhere it marks an aspirate (P'yŏngyang) or a boundary.
        if (piece != nullptr && !piece->empty() && (piece->back() == 'o' || piece->back() == 'u')) {
          piece->back() = piece->back() == 'o' ? 'O' : 'U';
          breve_apostrophe = true;
        } else if (piece != nullptr && !piece->empty() && piece->back() == 'y') {
          breve_next = true;  // MY'ONG: the apostrophe before the vowel it marks.
        } else if (piece != nullptr) {
          piece->push_back('\'');
        }
        break;
      case Fold::kDigit:
        // Numbers stay numbers (창신1동); "(il)" after one is its reading, dropped.
        if (words.back().hangul.empty() || !IsDigit(words.back().hangul.back())) new_word();
        words.back().hangul.push_back(c);
        if (i < query.size() && query[i] == '(') {
          const size_t close = query.find(')', i);
          if (close != absl::string_view::npos) i = close + 1;
        }
        break;
      case Fold::kHyphen:
        piece = nullptr;
        break;
      case Fold::kComma:
      case Fold::kDot: {
        // The flag belongs to the last word written before the mark ("KIM , Yo Jong" too).
        LatinWord& last = words.back().pieces.empty() && words.back().hangul.empty() && words.size() > 1
                         ? words[words.size() - 2]
                         : words.back();
        (fold == Fold::kComma ? last.comma_after : last.dot_after) = true;
        new_word();
        break;
      }
      case Fold::kIgnored:
        break;
      case Fold::kSpace:
        // "Myo' ng-ch'o' l": a space right after a breve's apostrophe is a typing slip inside
        // the word (sanctions lists have it).
        if (breve_apostrophe && i < query.size() && absl::ascii_isalpha(query[i])) break;
        new_word();
        break;
      case Fold::kHangul:
        if (!words.back().pieces.empty() ||
            (!words.back().hangul.empty() && IsDigit(words.back().hangul.back()))) {
          new_word();
        }
        words.back().hangul.push_back(c);
        break;
      case Fold::kOther:
        words.back().unreadable = true;
        break;
    }
  }
  if (words.back().pieces.empty() && words.back().hangul.empty()) words.pop_back();
  return words;
}

std::string FoldSpelling(absl::string_view spelling) {
  std::string out;
  for (size_t i = 0; i < spelling.size();) {
    const char32_t c = text::NextCodePoint(spelling, &i);
    char l = 0;
    if (FoldCodePoint(c, &l) == Fold::kLetters) out.push_back(l == 'O' ? 'o' : l == 'U' ? 'u' : l);
  }
  return out;
}

}  // namespace irum::hangul
