#include "server/hangul/decode.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// ---------------------------------------------------------------------------------------------
// Spellings. Each system's letter table, and the ad-hoc spellings seen in real text, with a cost
// (roughly -log of how often the spelling means that jamo). Symbols: lowercase ASCII letters, 'O'
// for ŏ, 'U' for ŭ (and ü), '\'' for an apostrophe.

struct LeadSpelling {
  const char* letters;
  Lead lead;
  float cost;
  // McCune–Reischauer's voiceless letter for a plain consonant (k for ㄱ, ch for ㅈ), which
  // Revised Romanization spells g, d, b, j: unlikely in a query that writes eo or eu.
  bool mr_plain = false;
};

constexpr LeadSpelling kLeadSpellings[] = {
    {"", Lead::kNone, 0},    {"g", Lead::kG, 0},      {"k", Lead::kG, 0.4f, true},   {"k", Lead::kK, 1.0f},
    {"k'", Lead::kK, 0},     {"kh", Lead::kK, 0.3f},  {"kk", Lead::kKK, 0},
    {"gg", Lead::kKK, 0.8f}, {"n", Lead::kN, 0},      {"d", Lead::kD, 0},
    {"t", Lead::kD, 0.4f, true},   {"t", Lead::kT, 1.0f},   {"t'", Lead::kT, 0},
    {"th", Lead::kT, 0.3f},  {"tt", Lead::kTT, 0},    {"dd", Lead::kTT, 0.8f},
    {"r", Lead::kR, 0},      {"l", Lead::kR, 0.2f},   {"rh", Lead::kR, 0.6f},
    {"m", Lead::kM, 0},      {"b", Lead::kB, 0},      {"p", Lead::kB, 0.4f, true},
    {"p", Lead::kP, 1.0f},   {"p'", Lead::kP, 0},     {"ph", Lead::kP, 0.3f},
    {"f", Lead::kP, 1.2f},   {"gh", Lead::kG, 0.5f},   {"pp", Lead::kPP, 0},    {"bb", Lead::kPP, 0.8f},
    {"s", Lead::kS, 0},      {"sh", Lead::kS, 0.4f},  {"ss", Lead::kSS, 0},
    {"ss", Lead::kS, 1.0f},  {"j", Lead::kJ, 0},      {"ch", Lead::kJ, 0.8f, true},
    {"ch", Lead::kCh, 0.4f}, {"ch'", Lead::kCh, 0},   {"chh", Lead::kCh, 0.4f},
    {"jj", Lead::kJJ, 0},    {"tch", Lead::kJJ, 0.3f}, {"cch", Lead::kJJ, 0.6f},
    {"z", Lead::kJ, 1.5f},   {"h", Lead::kH, 0},
};

struct VowelSpelling {
  const char* letters;
  Vowel vowel;
  float cost;
  // McCune–Reischauer without its breves: o for ㅓ, u for ㅡ, yo for ㅕ. Likely in a spelling that
  // never writes eo or eu (Kim Jong Un, Choe Ryong Hae), unlikely in one that does (Revised
  // Romanization: Kim Yeo-jeong, where o is ㅗ).
  bool breveless = false;
  // When set, the spelling has this cost only before these letters (Sung, Hyung: ung for ㅓ+ㅇ).
  const char* before = nullptr;
  // An ad-hoc spelling that a query in Revised Romanization (one that writes eo or eu) does not
  // use: there u is ㅜ.
  bool adhoc = false;
};

constexpr VowelSpelling kVowelSpellings[] = {
    {"a", Vowel::kA, 0},       {"ah", Vowel::kA, 0.8f},   {"ae", Vowel::kAe, 0},
    {"ai", Vowel::kAe, 1.0f},  {"e", Vowel::kAe, 0.8f},   {"ya", Vowel::kYa, 0},
    {"yae", Vowel::kYae, 0},   {"eo", Vowel::kEo, 0},     {"O", Vowel::kEo, 0},
    {"o", Vowel::kEo, 0.9f, true},   {"u", Vowel::kEo, 1.1f},   {"uh", Vowel::kEo, 0.8f},
    {"e", Vowel::kE, 0},       {"yeo", Vowel::kYeo, 0},   {"yO", Vowel::kYeo, 0},
    {"yo", Vowel::kYeo, 0.9f, true}, {"you", Vowel::kYeo, 0.8f}, {"yu", Vowel::kYeo, 0.9f},
    {"u", Vowel::kEo, 0.3f, false, "ng", true}, {"yu", Vowel::kYeo, 0.2f, false, "ng", true},
    {"woo", Vowel::kU, 0.3f},  {"uh", Vowel::kU, 0.8f},
    {"eou", Vowel::kEo, 0.6f}, {"eu", Vowel::kEo, 0.9f, false, nullptr, true},
    {"ie", Vowel::kI, 0.8f},   {"ou", Vowel::kU, 0.6f},   {"ih", Vowel::kI, 0.8f},   {"aa", Vowel::kA, 0.8f},
    {"yea", Vowel::kYeo, 0.8f}, {"ae", Vowel::kE, 0.6f},
    {"ye", Vowel::kYe, 0},     {"o", Vowel::kO, 0},       {"oh", Vowel::kO, 0.6f},
    {"wa", Vowel::kWa, 0},     {"oa", Vowel::kWa, 1.0f},  {"wae", Vowel::kWae, 0},
    {"oe", Vowel::kOe, 0},     {"oi", Vowel::kOe, 0.3f},  {"oy", Vowel::kOe, 1.0f},
    {"yo", Vowel::kYo, 0},     {"u", Vowel::kU, 0},       {"oo", Vowel::kU, 0.2f},
    {"wu", Vowel::kU, 0.8f},   {"wo", Vowel::kWo, 0},     {"wO", Vowel::kWo, 0},
    {"weo", Vowel::kWo, 0.5f}, {"we", Vowel::kWe, 0},     {"wi", Vowel::kWi, 0},
    {"wee", Vowel::kWi, 0.6f}, {"yu", Vowel::kYu, 0},     {"yoo", Vowel::kYu, 0.3f},
    {"eu", Vowel::kEu, 0},     {"U", Vowel::kEu, 0},      {"u", Vowel::kEu, 0.8f, true},
    {"ui", Vowel::kUi, 0},     {"Ui", Vowel::kUi, 0},     {"eui", Vowel::kUi, 0.3f},
    {"ee", Vowel::kUi, 0.8f},  {"i", Vowel::kUi, 1.0f},   {"ui", Vowel::kWi, 1.0f},
    {"i", Vowel::kI, 0},       {"ee", Vowel::kI, 0.3f},   {"yi", Vowel::kI, 0.6f},
};

struct TailSpelling {
  const char* letters;
  Tail tail;
  float cost;
};

constexpr TailSpelling kTailSpellings[] = {
    {"k", Tail::kG, 0},    {"g", Tail::kG, 0.8f},   {"ck", Tail::kG, 1.0f}, {"rk", Tail::kG, 0.5f},
    {"n", Tail::kN, 0},    {"t", Tail::kS, 0.3f},   {"t", Tail::kD, 0.5f},  {"t", Tail::kJ, 0.9f},
    {"t", Tail::kCh, 0.9f}, {"t", Tail::kT, 0.9f},  {"d", Tail::kD, 0.8f},  {"s", Tail::kS, 0.8f},
    {"l", Tail::kL, 0},    {"r", Tail::kL, 0.6f},   {"ll", Tail::kL, 0.5f}, {"c", Tail::kG, 0.8f},   {"m", Tail::kM, 0},     {"p", Tail::kB, 0},
    {"p", Tail::kP, 0.9f}, {"b", Tail::kB, 0.8f},   {"ng", Tail::kNG, 0},
};

// Undoing the sound changes the transcription systems write: a spelled tail and lead at a
// junction that may stand for other jamo.
struct JunctionSpelling {
  const char* tail_letters;
  const char* lead_letters;
  Tail tail;
  Lead lead;
  float cost;
};

constexpr JunctionSpelling kJunctionSpellings[] = {
    {"ng", "n", Tail::kNG, Lead::kR, 0.5f},  // 종로 Jongno.
    {"ng", "n", Tail::kG, Lead::kN, 0.5f},   // 국내 gungnae.
    {"ng", "n", Tail::kG, Lead::kR, 0.6f},   // 독립 dongnip.
    {"ng", "m", Tail::kG, Lead::kM, 0.5f},   // 백마 Baengma.
    {"n", "n", Tail::kN, Lead::kR, 0.6f},    // 신문로 Sinmunno.
    {"n", "n", Tail::kS, Lead::kN, 0.8f},    // 빛나 Bitna is written t; 옷나 onna.
    {"n", "m", Tail::kS, Lead::kM, 0.8f},
    {"m", "n", Tail::kB, Lead::kR, 0.6f},    // 십리 simni.
    {"m", "n", Tail::kM, Lead::kR, 0.6f},    // 음료 eumnyo.
    {"m", "n", Tail::kB, Lead::kN, 0.5f},    // 합니다 hamnida.
    {"m", "m", Tail::kB, Lead::kM, 0.5f},
    {"l", "l", Tail::kN, Lead::kR, 0.5f},    // 신라 Silla.
    {"l", "l", Tail::kL, Lead::kN, 0.5f},    // 별내 Byeollae.
    {"l", "r", Tail::kN, Lead::kR, 0.8f},
};

constexpr float kLiaisonCost = 0.8f;
// Added to breveless spellings: in a query that writes eo or eu, and in one that does not.
constexpr float kBrevelessInRr = 1.0f;
constexpr float kBrevelessElsewhere = -0.5f;
// Added to McCune–Reischauer's voiceless plain consonants in a query that writes eo or eu.
constexpr float kMrPlainInRr = 1.0f;      // A tail written before a vowel: 석원 Seogwon.
constexpr float kPriorWeight = 0.6f;      // Priors against spelling costs.
constexpr float kSurnameLastCost = 1.2f;  // "Yo-jong Kim".
constexpr float kUnknownSurnameCost = 2.5f;

bool IsVowelSymbol(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w' ||
         c == 'O' || c == 'U';
}

// ---------------------------------------------------------------------------------------------
// Folding a query into words of pieces of symbols.

// Folds one code point into decoder symbols; returns false for anything that is not a letter of
// romanized Korean or punctuation the decoder knows.
enum class Fold {
  kLetters, kApostrophe, kHyphen, kSpace, kComma, kHangul, kDigit,
  kIgnored,  // Invisible format characters: zero-width space and joiners, soft hyphen, BOM.
  kOther,
};

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

Fold FoldCodePoint(char32_t c, std::string* letters) {
  if (c < 0x80) {
    const char a = static_cast<char>(c);
    if (absl::ascii_isalpha(a)) {
      letters->push_back(absl::ascii_tolower(a));
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
      letters->push_back('O');
      return Fold::kLetters;
    case 0x016D: case 0x016C: case 0x01D4: case 0x01D3: case 0x00FC: case 0x00DC:  // ŭ ǔ ü
      letters->push_back('U');
      return Fold::kLetters;
    case 0x00E9: case 0x00C9: case 0x00EB: case 0x00CB: case 0x00E8:  // é ë è
      letters->push_back('e');
      return Fold::kLetters;
    case 0x0101: case 0x0100: letters->push_back('a'); return Fold::kLetters;  // ā (Yale)
    case 0x012B: case 0x012A: letters->push_back('i'); return Fold::kLetters;  // ī
    case 0x016B: case 0x016A: letters->push_back('u'); return Fold::kLetters;  // ū
    case 0x2019: case 0x2018: case 0x02BC: case 0x02BB: case 0x00B4: case 0x02B9:
      return Fold::kApostrophe;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
      return Fold::kHyphen;
    case 0x00A0: case 0x3000: case 0x00B7:  // No-break space, ideographic space, middle dot.
      return Fold::kSpace;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      return Fold::kIgnored;
    default:
      return IsSyllable(c) ? Fold::kHangul : Fold::kOther;
  }
}

}  // namespace

namespace decode_internal {

// A word: pieces of symbols between hyphens (a forced syllable boundary between pieces), or one
// piece of Hangul.
struct Word {
  std::vector<std::string> pieces;
  std::u32string hangul;  // Set when the word is written in Hangul.
  bool comma_after = false;
  bool unreadable = false;  // Holds a character no romanization uses.

  // All the letters, for lookups: "Yo-jong" -> "yojong".
  std::string Joined() const {
    std::string out;
    for (const std::string& p : pieces) {
      for (char c : p) {
        if (c != '\'') out.push_back(c == 'O' ? 'o' : c == 'U' ? 'u' : c);
      }
    }
    return out;
  }
};

}  // namespace decode_internal

namespace {


}  // namespace

namespace decode_internal {

// A reading of a word: its syllables and the cost of reading it so.
struct Candidate {
  std::u32string hangul;
  float cost = 0;
};

}  // namespace decode_internal

namespace {

using decode_internal::Candidate;
using decode_internal::Word;

// The words of a query.
std::vector<Word> SplitQuery(absl::string_view query) {
  std::vector<Word> words(1);
  std::string* piece = nullptr;
  bool breve_next = false;
  bool breve_apostrophe = false;  // The last character was an apostrophe standing for a breve.
  auto new_word = [&]() {
    if (!words.back().pieces.empty() || !words.back().hangul.empty()) words.emplace_back();
    piece = nullptr;
  };
  for (size_t i = 0; i < query.size();) {
    const char32_t c = text::NextCodePoint(query, &i);
    std::string letters;
    const Fold fold = FoldCodePoint(c, &letters);
    if (fold != Fold::kSpace && fold != Fold::kApostrophe) breve_apostrophe = false;
    switch (fold) {
      case Fold::kLetters:
        if (!words.back().hangul.empty()) new_word();
        if (piece == nullptr) {
          words.back().pieces.emplace_back();
          piece = &words.back().pieces.back();
        }
        if (breve_next && (letters == "o" || letters == "u")) letters = letters == "o" ? "O" : "U";
        breve_next = false;
        *piece += letters;
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
      case Fold::kComma: {
        // The flag belongs to the last word written before the comma ("KIM , Yo Jong" too).
        Word& last = words.back().pieces.empty() && words.back().hangul.empty() && words.size() > 1
                         ? words[words.size() - 2]
                         : words.back();
        last.comma_after = true;
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

// Folds a spelling for surname lookups: lowercase ASCII letters only.
std::string FoldSpelling(absl::string_view spelling) {
  std::string out;
  for (size_t i = 0; i < spelling.size();) {
    const char32_t c = text::NextCodePoint(spelling, &i);
    std::string letters;
    if (FoldCodePoint(c, &letters) == Fold::kLetters) {
      for (char l : letters) out.push_back(l == 'O' ? 'o' : l == 'U' ? 'u' : l);
    }
  }
  return out;
}

std::u32string Utf8ToU32(absl::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(text::NextCodePoint(s, &i));
  return out;
}

// Syllables in a fixed array: hypotheses are copied at every step of the lattice, and must not
// allocate. A word of more syllables than this has no reading.
struct SyllableList {
  static constexpr int kMax = 30;
  char32_t at[kMax];
  uint8_t size = 0;

  bool push_back(char32_t c) {
    if (size >= kMax) return false;
    at[size++] = c;
    return true;
  }
  char32_t back() const { return at[size - 1]; }
  std::u32string str() const { return std::u32string(at, size); }
};

// A partial reading of a word in the lattice.
struct Hypothesis {
  float cost = 0;
  float prior = 0;  // The part of `cost` that is syllable priors (given names re-score it).
  SyllableList syllables;  // All but the last syllable, which a junction may still change.
  Syllable last;
  bool has_last = false;
  int8_t last_tail = -1;  // How the last syllable's tail was spelled: kTailSpellings index, or -1.
};

// The indexes of the spellings in `table` that begin with each byte (an empty spelling under
// every byte), so that the lattice tries only those that can match.
template <typename Spelling, size_t N>
std::vector<std::vector<uint8_t>> ByFirstByte(const Spelling (&table)[N]) {
  std::vector<std::vector<uint8_t>> out(256);
  for (size_t i = 0; i < N; ++i) {
    const auto first = static_cast<unsigned char>(table[i].letters[0]);
    for (int b = 0; b < 256; ++b) {
      if (first == 0 || first == b) out[b].push_back(static_cast<uint8_t>(i));
    }
  }
  return out;
}

const std::vector<std::vector<uint8_t>>& LeadsByFirstByte() {
  static const auto* index = new std::vector<std::vector<uint8_t>>(ByFirstByte(kLeadSpellings));
  return *index;
}
const std::vector<std::vector<uint8_t>>& VowelsByFirstByte() {
  static const auto* index = new std::vector<std::vector<uint8_t>>(ByFirstByte(kVowelSpellings));
  return *index;
}
const std::vector<std::vector<uint8_t>>& TailsByFirstByte() {
  static const auto* index = new std::vector<std::vector<uint8_t>>(ByFirstByte(kTailSpellings));
  return *index;
}

// The byte at `i` of `s`, or 0 past its end.
unsigned char ByteAt(const std::string& s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

// The junction spellings by (tail spelling, lead spelling) index: Junctions()[t][l].
using JunctionTable = std::vector<std::vector<std::vector<const JunctionSpelling*>>>;

const JunctionTable& Junctions() {
  static const auto* table = [] {
    constexpr size_t kTails = std::size(kTailSpellings);
    constexpr size_t kLeads = std::size(kLeadSpellings);
    auto* t = new JunctionTable(kTails, std::vector<std::vector<const JunctionSpelling*>>(kLeads));
    for (const JunctionSpelling& js : kJunctionSpellings) {
      for (size_t i = 0; i < kTails; ++i) {
        if (std::strcmp(kTailSpellings[i].letters, js.tail_letters) != 0) continue;
        for (size_t j = 0; j < kLeads; ++j) {
          if (std::strcmp(kLeadSpellings[j].letters, js.lead_letters) == 0) (*t)[i][j].push_back(&js);
        }
      }
    }
    return t;
  }();
  return *table;
}

bool StartsWith(const std::string& s, size_t at, const char* prefix) {
  for (size_t k = 0; prefix[k] != '\0'; ++k) {
    if (at + k >= s.size() || s[at + k] != prefix[k]) return false;
  }
  return true;
}

}  // namespace

std::string Decoder::OrthographyKey(absl::string_view hangul, StringKind kind) const {
  std::u32string syllables;
  std::vector<size_t> word_starts;
  bool at_word_start = true;
  for (size_t i = 0; i < hangul.size();) {
    const char32_t c = text::NextCodePoint(hangul, &i);
    if (!IsSyllable(c)) {
      at_word_start = true;
      continue;
    }
    if (at_word_start) word_starts.push_back(syllables.size());
    at_word_start = false;
    syllables.push_back(c);
  }
  auto fold = [&syllables](size_t i) {
    if (i < syllables.size()) syllables[i] = Compose(WithInitialSoundRule(Decompose(syllables[i])));
  };
  if (kind == StringKind::kPerson) {
    fold(0);
    const bool long_surname =
        syllables.size() > 2 && two_syllable_surnames_.contains(syllables.substr(0, 2));
    fold(long_surname ? 2 : 1);
  } else {
    for (size_t start : word_starts) fold(start);
  }
  return ToUtf8(syllables);
}

Decoder::Decoder(const std::vector<Surname>& surnames, const NamePriors& priors,
                 const std::vector<std::pair<std::string, std::string>>& place_generics)
    : model_(priors.model) {
  for (const auto& [english, hangul] : place_generics) place_generics_[english] = Utf8ToU32(hangul);
  for (const Surname& s : surnames) {
    for (const std::string* form : {&s.hangul, &s.north}) {
      const std::u32string hangul = Utf8ToU32(*form);
      if (hangul.size() == 2) two_syllable_surnames_.insert(hangul);
    }
    // A common surname is cheap. The table leaves the share empty where the census figure is not
    // known; most such rows are surnames of the top hundred, held by 0.1-1% each: count 0.2%.
    const double share = s.share > 0 ? s.share : 0.2;
    const double base = -std::log(share / 100.0) * kPriorWeight;
    for (size_t i = 0; i < s.spellings.size(); ++i) {
      const std::string folded = FoldSpelling(s.spellings[i]);
      if (folded.empty()) continue;
      const double rank_cost = std::min<double>(i, 4) * 0.15;
      // A spelling that begins with R where the South Korean form has none is North Korean (Ri,
      // Rim, Ryu, Ro, Ra): it names the North Korean form first. Rhee and Roh are South Korean.
      const bool north_spelling = !s.north.empty() && folded[0] == 'r' &&
                                  !absl::StartsWith(folded, "rh") && folded != "roh";
      auto& readings = surname_spellings_[folded];
      auto add = [&readings](const std::string& hangul, double cost) {
        for (auto& [h, c] : readings) {
          if (h == hangul) {
            c = std::min(c, cost);
            return;
          }
        }
        readings.emplace_back(hangul, cost);
      };
      add(s.hangul, base + rank_cost + (north_spelling ? 0.5 : 0));
      if (!s.north.empty()) add(s.north, base + rank_cost + (north_spelling ? 0 : 1.5));
    }
  }
  for (auto& [spelling, readings] : surname_spellings_) {
    std::sort(readings.begin(), readings.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
  }

  // Priors with add-half smoothing over the 11,172 syllables, per population and position; the
  // lattice uses their mixture syllable by syllable, GivenNameCost the mixture of whole names.
  constexpr double kAlpha = 0.5;
  constexpr double kSyllables = kLastSyllable - kFirstSyllable + 1;
  double given_total[kPopulations][2] = {};
  double place_total = 0;
  for (const SyllableCount& c : priors.syllables) {
    for (int p = 0; p < kPopulations; ++p) {
      for (int at = 0; at < 2; ++at) given_total[p][at] += static_cast<double>(c.given[p][at]);
    }
    place_total += static_cast<double>(c.place);
  }
  auto probability = [&](double count, double total) {
    return (count + kAlpha) / (total + kAlpha * kSyllables);
  };
  auto cost_of = [](double p) { return static_cast<float>(-std::log(p) * kPriorWeight); };
  auto mixed = [this](const GivenProbabilities& g, int at) {
    double p = 0;
    for (int k = 0; k < kPopulations; ++k) p += model_.mix[k] * g.p[k][at];
    return p;
  };
  for (int p = 0; p < kPopulations; ++p) {
    for (int at = 0; at < 2; ++at) {
      unseen_given_probability_.p[p][at] = static_cast<float>(probability(0, given_total[p][at]));
    }
  }
  for (int at = 0; at < 2; ++at) unseen_given_cost_[at] = cost_of(mixed(unseen_given_probability_, at));
  unseen_place_cost_ = cost_of(probability(0, place_total));
  for (const SyllableCount& c : priors.syllables) {
    const std::u32string s = Utf8ToU32(c.syllable);
    if (s.size() != 1) continue;
    GivenProbabilities g;
    for (int p = 0; p < kPopulations; ++p) {
      for (int at = 0; at < 2; ++at) {
        g.p[p][at] = static_cast<float>(probability(static_cast<double>(c.given[p][at]),
                                                    given_total[p][at]));
      }
    }
    given_probability_[s[0]] = g;
    for (int at = 0; at < 2; ++at) given_cost_[at][s[0]] = cost_of(mixed(g, at));
    place_cost_[s[0]] = cost_of(probability(static_cast<double>(c.place), place_total));
  }
  // Whole names: the share of the population's names (its first syllables count its names).
  for (const GivenNameCount& g : priors.given_names) {
    std::array<float, kPopulations> p{};
    for (int k = 0; k < kPopulations; ++k) {
      p[k] = given_total[k][0] > 0 ? static_cast<float>(g.count[k] / given_total[k][0]) : 0.0f;
    }
    given_name_probability_[Utf8ToU32(g.given)] = p;
  }
}

double Decoder::GivenNameCost(const std::u32string& given) const {
  if (given.empty()) return 0;
  std::array<double, kPopulations> syllables;
  syllables.fill(1.0);
  for (size_t i = 0; i < given.size(); ++i) {
    auto it = given_probability_.find(given[i]);
    const GivenProbabilities& g = it == given_probability_.end() ? unseen_given_probability_ : it->second;
    for (int k = 0; k < kPopulations; ++k) syllables[k] *= g.p[k][i == 0 ? 0 : 1];
  }
  auto whole = given_name_probability_.find(given);
  double p = 0;
  for (int k = 0; k < kPopulations; ++k) {
    const double w = whole == given_name_probability_.end() ? 0.0 : whole->second[k];
    p += model_.mix[k] * (model_.whole_name * w + (1 - model_.whole_name) * syllables[k]);
  }
  return -std::log(std::max(p, 1e-300)) * kPriorWeight;
}

double Decoder::PriorCost(char32_t syllable, Position position, int index) const {
  auto given = [&]() {
    const int at = index == 0 ? 0 : 1;
    auto it = given_cost_[at].find(syllable);
    return it == given_cost_[at].end() ? unseen_given_cost_[at] : it->second;
  };
  auto place = [&]() {
    auto it = place_cost_.find(syllable);
    return it == place_cost_.end() ? unseen_place_cost_ : it->second;
  };
  switch (position) {
    case Position::kGiven: return given();
    case Position::kPlace: return place();
    case Position::kText: return std::min(given(), place());
  }
  return 0;
}

std::vector<std::pair<std::string, double>> Decoder::SurnamesSpelled(
    absl::string_view spelling) const {
  auto it = surname_spellings_.find(FoldSpelling(spelling));
  if (it == surname_spellings_.end()) return {};
  return it->second;
}

std::vector<Decoder::Candidate> Decoder::DecodeWord(const Word& word, Position position,
                                                    int beam, bool rr_style) const {
  if (!word.hangul.empty()) return {Candidate{word.hangul, 0}};
  if (word.unreadable || word.pieces.empty()) return {};

  // Concatenate the pieces; boundaries[i] says a syllable must end at symbol i.
  std::string s;
  std::vector<bool> boundary(1, true);
  for (const std::string& piece : word.pieces) {
    s += piece;
    boundary.resize(s.size() + 1, false);
    boundary[s.size()] = true;
  }
  const size_t n = s.size();
  // The lattice's columns, reused by this thread from call to call (no allocation once warm).
  thread_local std::vector<std::vector<Hypothesis>> lattice;
  if (lattice.size() < n + 1) lattice.resize(n + 1);
  for (size_t i = 0; i <= n; ++i) lattice[i].clear();
  std::vector<std::vector<Hypothesis>>& at = lattice;
  at[0].push_back(Hypothesis{});

  auto prune = [beam](std::vector<Hypothesis>* hyps) {
    if (static_cast<int>(hyps->size()) <= beam) return;
    std::nth_element(hyps->begin(), hyps->begin() + beam, hyps->end(),
                     [](const Hypothesis& a, const Hypothesis& b) { return a.cost < b.cost; });
    hyps->resize(beam);
  };

  for (size_t i = 0; i < n; ++i) {
    if (at[i].empty()) continue;
    prune(&at[i]);
    // An apostrophe that no lead spelling takes separates syllables (han'gŭl).
    if (s[i] == '\'') {
      for (const Hypothesis& h : at[i]) at[i + 1].push_back(h);
    }
    for (const uint8_t lead_index : LeadsByFirstByte()[ByteAt(s, i)]) {
      const LeadSpelling& ls = kLeadSpellings[lead_index];
      if (!StartsWith(s, i, ls.letters)) continue;
      const float lead_cost = ls.cost + (ls.mr_plain && rr_style ? kMrPlainInRr : 0.0f);
      const size_t after_lead = i + std::strlen(ls.letters);
      for (const uint8_t vowel_index : VowelsByFirstByte()[ByteAt(s, after_lead)]) {
        const VowelSpelling& vs = kVowelSpellings[vowel_index];
        if (vs.letters[0] == '\0' || !StartsWith(s, after_lead, vs.letters)) continue;
        if (vs.before != nullptr &&
            !StartsWith(s, after_lead + std::strlen(vs.letters), vs.before)) {
          continue;
        }
        if (vs.adhoc && rr_style) continue;
        const size_t after_vowel = after_lead + std::strlen(vs.letters);
        // Names of people from the North are mostly written in MR without breves; places are
        // not favoured either way.
        const float breveless = rr_style                      ? kBrevelessInRr
                                : position == Position::kGiven ? kBrevelessElsewhere
                                                               : 0.0f;
        const float vowel_cost = vs.cost + (vs.breveless ? breveless : 0.0f);
        // The syllable may not straddle a hyphen.
        bool crosses = false;
        for (size_t k = i + 1; k < after_vowel; ++k) crosses |= boundary[k];
        if (crosses) continue;
        auto extend = [&](int8_t tail_index, Tail tail, float tail_cost, size_t end) {
          for (size_t k = after_vowel; k < end; ++k) {  // A hyphen ends the syllable.
            if (boundary[k]) return;
          }
          // Liaison: a tail written before a vowel belongs to this syllable only at a cost.
          const bool before_vowel = end < n && !boundary[end] && IsVowelSymbol(s[end]);
          float extra = tail != Tail::kNone && tail != Tail::kNG && before_vowel ? kLiaisonCost : 0;
          // A tail spelled with nothing after it inside the piece must end at a boundary or before
          // a consonant: always true here.
          const Syllable syllable{ls.lead, vs.vowel, tail};
          for (const Hypothesis& h : at[i]) {
            // Junctions: undo the sound change the spelling may have written.
            struct Variant {
              Tail prev_tail;
              Lead lead;
              float cost;
            };
            Variant variants[8];
            int count = 0;
            variants[count++] = {h.has_last ? h.last.tail : Tail::kNone, ls.lead, 0};
            if (h.has_last && !boundary[i] && h.last_tail >= 0) {
              for (const JunctionSpelling* js : Junctions()[h.last_tail][lead_index]) {
                if (count < 8) variants[count++] = {js->tail, js->lead, js->cost};
              }
            }
            // A lead without a consonant after a consonant tail: liaison the other way round is
            // already the cost above.
            for (int v = 0; v < count; ++v) {
              Hypothesis next = h;
              float prior = 0;
              if (next.has_last) {
                next.last.tail = variants[v].prev_tail;
                if (!next.syllables.push_back(Compose(next.last))) continue;
                prior = static_cast<float>(
                    PriorCost(next.syllables.back(), position, next.syllables.size - 1));
              }
              next.last = syllable;
              next.last.lead = variants[v].lead;
              next.has_last = true;
              next.last_tail = tail_index;
              next.cost =
                  h.cost + lead_cost + vowel_cost + tail_cost + extra + variants[v].cost + prior;
              next.prior = h.prior + prior;
              at[end].push_back(std::move(next));
            }
          }
        };
        extend(-1, Tail::kNone, 0, after_vowel);
        for (const uint8_t t : TailsByFirstByte()[ByteAt(s, after_vowel)]) {
          const TailSpelling& ts = kTailSpellings[t];
          if (ts.letters[0] != '\0' && StartsWith(s, after_vowel, ts.letters)) {
            extend(static_cast<int8_t>(t), ts.tail, ts.cost, after_vowel + std::strlen(ts.letters));
          }
        }
      }
    }
  }

  // Complete readings, with the prior of their last syllable (the others' are in the cost); the
  // cheapest of each distinct Hangul.
  std::vector<Hypothesis>& done = at[n];
  for (Hypothesis& h : done) {
    if (!h.has_last || !h.syllables.push_back(Compose(h.last))) {
      h.cost = std::numeric_limits<float>::infinity();
      continue;
    }
    h.cost += static_cast<float>(PriorCost(h.syllables.back(), position, h.syllables.size - 1));
    if (position == Position::kGiven) {
      // A given name: the whole name's prior in place of its syllables' (which ranked the beam).
      h.cost += static_cast<float>(GivenNameCost(h.syllables.str())) - h.prior -
                static_cast<float>(PriorCost(h.syllables.back(), position, h.syllables.size - 1));
    }
  }
  std::sort(done.begin(), done.end(),
            [](const Hypothesis& a, const Hypothesis& b) { return a.cost < b.cost; });
  std::vector<Candidate> out;
  for (const Hypothesis& h : done) {
    if (std::isinf(h.cost) || static_cast<int>(out.size()) >= beam) break;
    std::u32string hangul = h.syllables.str();
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&hangul](const Candidate& c) { return c.hangul == hangul; });
    if (!seen) out.push_back({std::move(hangul), h.cost});
  }
  return out;
}

std::vector<DecodedName> Decoder::Decode(absl::string_view latin,
                                         const DecodeOptions& options) const {
  const int beam = options.beam;
  std::vector<Word> words = SplitQuery(latin);
  if (words.empty()) return {};
  bool rr_style = false;   // The query writes eo or eu somewhere.
  bool mr_marked = false;  // The query writes a breve or an apostrophe: McCune–Reischauer.
  for (const Word& w : words) {
    if (w.unreadable) return {};
    for (const std::string& p : w.pieces) {
      rr_style |= p.find("eo") != std::string::npos || p.find("eu") != std::string::npos;
      mr_marked |= p.find_first_of("OU'") != std::string::npos;
    }
  }

  // Readings of the whole query, as (Hangul, cost, surname last).
  struct Reading {
    std::u32string hangul;
    double cost;
    bool surname_last;
  };
  std::vector<Reading> readings;
  std::u32string generic_suffix;  // Places: the Hangul of English generic words (강 for River).

  if (options.kind == StringKind::kPerson) {
    for (const Word& w : words) {
      if (!w.hangul.empty() && IsDigit(w.hangul.back())) return {};  // No numbers in names.
    }
    // Surname readings of a word: the table's, else the word decoded at a cost.
    auto surnames_of = [&](const Word& word) {
      std::vector<Candidate> out;
      if (!word.hangul.empty()) return std::vector<Candidate>{{word.hangul, 0}};
      for (const auto& [hangul, cost] : SurnamesSpelled(word.Joined())) {
        out.push_back({Utf8ToU32(hangul), static_cast<float>(cost)});
      }
      if (out.empty()) {
        for (Candidate c : DecodeWord(word, Position::kGiven, 4, rr_style)) {
          if (c.hangul.size() > 2) continue;
          c.cost += kUnknownSurnameCost;
          out.push_back(c);
        }
      }
      if (out.size() > 4) out.resize(4);
      return out;
    };
    auto given_of = [&](const std::vector<Word>& given_words) {
      Word joined;
      for (const Word& w : given_words) {
        if (!w.hangul.empty()) {
          joined.hangul += w.hangul;
        } else {
          joined.pieces.insert(joined.pieces.end(), w.pieces.begin(), w.pieces.end());
        }
      }
      if (!joined.hangul.empty() && !joined.pieces.empty()) return std::vector<Candidate>{};
      return DecodeWord(joined, Position::kGiven, beam, rr_style);
    };
    // A surname with the readings of the given name; none when the given name has no reading.
    auto combine = [&](const std::vector<Candidate>& surnames, const std::vector<Candidate>& given,
                       double extra, bool surname_last) {
      for (const Candidate& s : surnames) {
        for (size_t g = 0; g < given.size() && g < 12; ++g) {
          readings.push_back({s.hangul + given[g].hangul, s.cost + given[g].cost + extra,
                              surname_last});
        }
      }
    };

    size_t comma = words.size();
    for (size_t w = 0; w < words.size(); ++w) {
      if (words[w].comma_after) {
        comma = w;
        break;
      }
    }
    if (comma + 1 < words.size()) {
      // "KIM, Yo Jong": the words before the comma are the surname.
      std::vector<Word> surname_words(words.begin(), words.begin() + comma + 1);
      Word surname;
      for (const Word& w : surname_words) {
        surname.pieces.insert(surname.pieces.end(), w.pieces.begin(), w.pieces.end());
        surname.hangul += w.hangul;
      }
      combine(surnames_of(surname), given_of({words.begin() + comma + 1, words.end()}), 0, false);
    } else if (words.size() >= 2) {
      combine(surnames_of(words.front()), given_of({words.begin() + 1, words.end()}), 0, false);
      combine(surnames_of(words.back()), given_of({words.begin(), words.end() - 1}),
              kSurnameLastCost, true);
    } else if (!words[0].hangul.empty()) {
      readings.push_back({words[0].hangul, 0, false});
    } else {
      // One word: a known surname spelling, then the given name ("Kimyojong"); or a given name
      // or surname alone.
      const std::string joined = words[0].Joined();
      std::string symbols;  // The letters as the decoder reads them (ŏ as O), without apostrophes.
      for (const std::string& p : words[0].pieces) {
        for (char c : p) {
          if (c != '\'') symbols.push_back(c);
        }
      }
      for (size_t cut = 1; cut < joined.size(); ++cut) {
        auto surnames = SurnamesSpelled(joined.substr(0, cut));
        if (surnames.empty()) continue;
        Word rest;
        rest.pieces.push_back(symbols.substr(cut));
        std::vector<Candidate> s;
        for (const auto& [hangul, cost] : surnames) s.push_back({Utf8ToU32(hangul), (float)cost});
        combine(s, DecodeWord(rest, Position::kGiven, beam, rr_style), 0.5, false);
      }
      for (const Candidate& c : DecodeWord(words[0], Position::kGiven, beam, rr_style)) {
        readings.push_back({c.hangul, c.cost + 1.0, false});
      }
      // A surname alone ("Kim").
      for (const auto& [hangul, cost] : SurnamesSpelled(joined)) {
        readings.push_back({Utf8ToU32(hangul), cost, false});
      }
    }
  } else {
    // Places and text: each word on its own; the readings of the query are the best products.
    const Position position = options.kind == StringKind::kPlace ? Position::kPlace : Position::kText;
    // English generic words of places: dropped, their Hangul appended (Kaesong City -> 개성시).
    if (options.kind == StringKind::kPlace && words.size() >= 2) {
      std::vector<Word> named;
      for (const Word& word : words) {
        auto it = word.hangul.empty() ? place_generics_.find(word.Joined()) : place_generics_.end();
        if (it != place_generics_.end()) {
          generic_suffix += it->second;
        } else {
          named.push_back(word);
        }
      }
      if (named.empty()) return {};
      words = std::move(named);
    }
    readings.push_back({U"", 0, false});
    for (const Word& word : words) {
      // Place names are mostly written in Revised Romanization (the official system of the
      // South, and the usual one for the North's places in the South's maps and news) unless
      // the spelling shows McCune–Reischauer.
      std::vector<Candidate> candidates =
          DecodeWord(word, position, beam, rr_style || !mr_marked);
      if (candidates.empty()) return {};
      std::vector<Reading> next;
      for (const Reading& r : readings) {
        for (const Candidate& c : candidates) {
          std::u32string h = r.hangul;
          if (!h.empty()) h.push_back(U' ');
          next.push_back({h + c.hangul, r.cost + c.cost, false});
        }
      }
      std::sort(next.begin(), next.end(),
                [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
      if (next.size() > static_cast<size_t>(beam)) next.resize(beam);
      readings = std::move(next);
    }
  }
  if (readings.empty()) return {};
  if (!generic_suffix.empty()) {
    for (Reading& r : readings) r.hangul += generic_suffix;
  }

  // Best cost per Hangul; scores as shares of the total weight.
  std::map<std::u32string, const Reading*> best;
  for (const Reading& r : readings) {
    auto [it, inserted] = best.emplace(r.hangul, &r);
    if (!inserted && r.cost < it->second->cost) it->second = &r;
  }
  std::vector<const Reading*> sorted;
  for (const auto& [hangul, r] : best) sorted.push_back(r);
  std::sort(sorted.begin(), sorted.end(),
            [](const Reading* a, const Reading* b) { return a->cost < b->cost; });
  const double floor = sorted.front()->cost;
  double total = 0;
  for (const Reading* r : sorted) total += std::exp(-(r->cost - floor));
  std::vector<DecodedName> out;
  for (size_t i = 0; i < sorted.size() && static_cast<int>(i) < options.max_results; ++i) {
    DecodedName d;
    d.hangul = ToUtf8(sorted[i]->hangul);
    d.cost = sorted[i]->cost;
    d.score = std::exp(-(sorted[i]->cost - floor)) / total;
    d.surname_last = sorted[i]->surname_last;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace irum::hangul
