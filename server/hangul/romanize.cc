#include "server/hangul/romanize.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "server/hangul/cyrillic.h"
#include "server/hangul/kana.h"
#include "server/hangul/pronounce.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

constexpr absl::string_view kRrLead[kLeadCount] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                             "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr absl::string_view kRrVowel[kVowelCount] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                               "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                               "wo", "we", "wi", "yu",  "eu", "ui", "i"};
constexpr absl::string_view kMrVowel[kVowelCount] = {"a",  "ae", "ya", "yae", "ŏ",  "e",  "yŏ",
                                               "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                               "wŏ", "we", "wi", "yu",  "ŭ",  "ŭi", "i"};
constexpr absl::string_view kYaleVowel[kVowelCount] = {"a",  "ay", "ya", "yay", "e",  "ey", "ye",
                                                 "yey", "o", "wa", "way", "oy", "yo", "wu",
                                                 "we", "wey", "wi", "yu", "u",  "uy", "i"};
constexpr absl::string_view kYaleLead[kLeadCount] = {"k", "kk", "n", "t", "tt", "l", "m", "p", "pp", "s",
                                               "ss", "", "c", "cc", "ch", "kh", "th", "ph", "h"};
constexpr absl::string_view kYaleTail[kTailCount] = {"",  "k",  "kk", "ks", "n",  "nc", "nh",
                                               "t", "l",  "lk", "lm", "lp", "ls", "lth",
                                               "lph", "lh", "m", "p",  "ps", "s",  "ss",
                                               "ng", "c", "ch", "kh", "th", "ph", "h"};
constexpr absl::string_view kRrtLead[kLeadCount] = {"g", "kk", "n", "d", "tt", "l", "m", "b", "pp", "s",
                                              "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr absl::string_view kRrtTail[kTailCount] = {"",  "g",  "kk", "gs", "n",  "nj", "nh",
                                              "d", "l",  "lg", "lm", "lb", "ls", "lt",
                                              "lp", "lh", "m", "b",  "bs", "s",  "ss",
                                              "ng", "j", "ch", "k", "t",  "p",  "h"};

// The administrative units written after a hyphen in place names.
bool IsAdminUnit(char32_t syllable) {
  switch (syllable) {
    case U'도': case U'시': case U'군': case U'구': case U'읍': case U'면': case U'리':
    case U'동': case U'가':
      return true;
    default:
      return false;
  }
}

bool IsDroppableUnit(char32_t syllable) {
  return syllable == U'시' || syllable == U'군' || syllable == U'읍';
}

bool IsMrFamily(System system) {
  return system == System::kMr || system == System::kAlaLc || system == System::kBgnPcgn;
}

bool IsTranscription(System system) {
  return system != System::kYale && system != System::kRrTransliteration;
}

// What precedes a lead consonant: nothing (start of a word or name part), a vowel, or a coda.
struct Before {
  bool start = true;
  Tail coda = Tail::kNone;
};

// The letters of a pronounced lead consonant in a transcription system.
absl::string_view LeadLetters(System system, const Sound& sound, Before before) {
  const Lead lead = sound.lead;
  if (system == System::kRr) {
    if (lead == Lead::kR && before.coda == Tail::kL) return "l";
    return kRrLead[static_cast<int>(lead)];
  }
  const bool dprk = system == System::kDprk;
  const bool voiceless = before.start || sound.tense || IsObstruentCoda(before.coda);
  switch (lead) {
    case Lead::kG: return voiceless ? "k" : "g";
    case Lead::kD: return voiceless ? "t" : "d";
    case Lead::kB: return voiceless ? "p" : "b";
    case Lead::kJ:
      if (dprk) return "j";
      return voiceless ? "ch" : "j";
    case Lead::kR: return before.coda == Tail::kL ? "l" : "r";
    case Lead::kS: return !dprk && sound.vowel == Vowel::kWi ? "sh" : "s";
    case Lead::kJJ: return dprk ? "jj" : "tch";
    case Lead::kCh: return dprk ? "ch" : "ch'";
    case Lead::kK: return dprk ? "kh" : "k'";
    case Lead::kT: return dprk ? "th" : "t'";
    case Lead::kP: return dprk ? "ph" : "p'";
    default: return kRrLead[static_cast<int>(lead)];
  }
}

// The letters of a pronounced coda, given the lead that follows (kNone at the end of a word) and
// whether a hyphen stands between them.
absl::string_view CodaLetters(System system, Tail coda, Lead next, bool hyphen = false,
                              Tail written = Tail::kNone) {
  const bool mr = IsMrFamily(system);
  switch (coda) {
    case Tail::kG: return mr && next == Lead::kKK ? "" : "k";  // 만석꾼 Mansŏkkun.
    case Tail::kN:
      // MR separates n from a following g with an apostrophe (han'gŭl), lest it read as ng; a
      // hyphen does that already (Chin-gŏn).
      return mr && next == Lead::kG && !hyphen ? "n'" : "n";
    case Tail::kD:
      // ㅆ before ㅅ is one long s (있습니다 issŭmnida); other tails keep t (맞선 matsŏn).
      if (mr && written == Tail::kSS && (next == Lead::kS || next == Lead::kSS)) return "s";
      if (mr && (next == Lead::kTT || next == Lead::kJJ)) return "";  // 밋짝 mitchak.
      return "t";
    case Tail::kL: return system != System::kRr && next == Lead::kH ? "r" : "l";
    case Tail::kM: return "m";
    case Tail::kB: return mr && next == Lead::kPP ? "" : "p";
    case Tail::kNG: return "ng";
    default: return "";
  }
}

absl::string_view VowelLetters(System system, Vowel vowel) {
  return system == System::kRr ? kRrVowel[static_cast<int>(vowel)]
                               : kMrVowel[static_cast<int>(vowel)];
}

// Where a junction between two syllables of a token prints a hyphen, and how it treats the sounds.
enum class Junction : char {
  kNone,   // Inside a word.
  kJoin,   // Hyphen printed; the sound changes run across it (BGN: Yŏngjil-li).
  kBreak,  // Hyphen printed; the parts are separate words for the sound changes (RR: Inwang-ri).
};

// Hangul syllables with what lies between each pair: junctions[i] lies between syllables i and
// i + 1.
struct Token {
  std::vector<Syllable> jamo;
  std::vector<Junction> junctions;

  size_t size() const { return jamo.size(); }
  char32_t syllable(size_t i) const { return Compose(jamo[i]); }
  void Clear() {
    jamo.clear();
    junctions.clear();
  }
  void Append(char32_t syllable, Junction before) {
    if (!jamo.empty()) junctions.push_back(before);
    // Field by field into place: copying a 3-byte struct built on the stack stalls the CPU
    // (a store-to-load forwarding failure), and this runs for every syllable.
    const Syllable decomposed = Decompose(syllable);
    Syllable& s = jamo.emplace_back();
    s.lead = decomposed.lead;
    s.vowel = decomposed.vowel;
    s.tail = decomposed.tail;
  }
  void PopBack() {
    jamo.pop_back();
    if (!junctions.empty()) junctions.pop_back();
  }
};

// An output buffer that grows but never shrinks, for the many small appends of spelling.
class TextBuffer {
 public:
  void Clear() { size_ = 0; }
  void Truncate(size_t size) { size_ = std::min(size_, size); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char back() const { return data_[size_ - 1]; }
  char& operator[](size_t i) { return data_[i]; }
  absl::string_view view() const { return absl::string_view(data_.data(), size_); }

  void Append(absl::string_view s) {
    Reserve(s.size());
    char* to = &data_[size_];
    if (s.size() <= 8) {  // Letters: a byte loop beats a call to memcpy.
      for (char c : s) *to++ = c;
    } else {
      std::memcpy(to, s.data(), s.size());
    }
    size_ += s.size();
  }
  void push_back(char c) {
    Reserve(1);
    data_[size_++] = c;
  }

 private:
  void Reserve(size_t more) {
    if (size_ + more > data_.size()) data_.resize(std::max<size_t>(2 * data_.size(), size_ + more + 64));
  }

  std::string data_;
  size_t size_ = 0;
};

// Buffers one thread reuses from call to call, so that romanizing allocates per call at most,
// never per syllable.
struct Scratch {
  TextBuffer out;
  Token token;
  std::u32string pronounced;
  std::vector<Syllable> syllables;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// RR lead-and-vowel spellings, precomputed: one copy per syllable instead of two. Row kLeadCount
// is ㄹ spelled l (after a final ㄹ).
struct SyllableLetters {
  char text[8];
  uint8_t size;
};

const SyllableLetters& RrLeadVowel(Lead lead, Vowel vowel, bool lateral) {
  static const auto* table = [] {
    auto* t = new SyllableLetters[(kLeadCount + 1) * kVowelCount];
    for (int l = 0; l <= kLeadCount; ++l) {
      for (int v = 0; v < kVowelCount; ++v) {
        const std::string letters =
            std::string(l == kLeadCount ? "l" : kRrLead[l]) + std::string(kRrVowel[v]);
        SyllableLetters& entry = t[l * kVowelCount + v];
        std::memcpy(entry.text, letters.data(), letters.size());
        entry.size = static_cast<uint8_t>(letters.size());
      }
    }
    return t;
  }();
  const int row = lateral ? kLeadCount : static_cast<int>(lead);
  return table[row * kVowelCount + static_cast<int>(vowel)];
}

// Appends the spelling of a word (syllables jamo[0, size)) to `*out`, applying the sound changes
// as it goes, with a hyphen before syllable i where junctions[i - 1] is not kNone. A consonant
// carried over a hyphen by liaison stays left of it (ALA-LC: Sŏg-wŏn).
void SpellWord(System system, const Syllable* jamo, size_t size, const SoundRules& rules,
               const Junction* junctions, Before before, TextBuffer* out) {
  Sound current;
  current.lead = jamo[0].lead;
  Sound next;
  for (size_t i = 0; i < size; ++i) {
    current.vowel = jamo[i].vowel;
    const bool last = i + 1 == size;
    if (last) {
      current.coda = FinalCoda(jamo[i].tail);
      next.lead = Lead::kNone;
    } else {
      PronounceJunction(jamo[i].tail, jamo[i + 1], rules, &current.coda, &next);
    }
    const bool hyphen_before = i > 0 && junctions[i - 1] != Junction::kNone;
    const bool hyphen_after = !last && junctions[i] != Junction::kNone;
    if (system == System::kRr && !hyphen_before) {  // The fast path of the common case.
      const SyllableLetters& letters = RrLeadVowel(
          current.lead, current.vowel, current.lead == Lead::kR && before.coda == Tail::kL);
      out->Append(absl::string_view(letters.text, letters.size));
    } else {
      const absl::string_view lead = LeadLetters(system, current, before);
      if (hyphen_before && current.moved) {
        out->Append(lead);
        out->push_back('-');
      } else {
        if (hyphen_before) out->push_back('-');
        out->Append(lead);
      }
      out->Append(VowelLetters(system, current.vowel));
    }
    if (current.coda != Tail::kNone) {
      out->Append(CodaLetters(system, current.coda, next.lead, hyphen_after, jamo[i].tail));
    }
    before = Before{false, current.coda};
    current = next;
  }
}

// Letter-for-letter systems: Yale and RR transliteration.
void Transliterate(System system, const Token& token, TextBuffer* out) {
  const bool yale = system == System::kYale;
  for (size_t i = 0; i < token.size(); ++i) {
    const Syllable s = token.jamo[i];
    if (i > 0) {
      const Syllable prev = token.jamo[i - 1];
      // Rule 8: a silent ㅇ is written as a hyphen except at the start of a word (gud-i,
      // se-yo). Yale marks none.
      const bool silent_lead = s.lead == Lead::kNone;
      const bool doubled_s = !yale && (prev.tail == Tail::kS || prev.tail == Tail::kSS) &&
                             (s.lead == Lead::kS || s.lead == Lead::kSS);
      if (token.junctions[i - 1] != Junction::kNone ||
          (!yale && (silent_lead || doubled_s))) {
        out->push_back('-');
      } else if (yale && prev.tail != Tail::kNone && s.lead != Lead::kNone &&
                 kYaleTail[static_cast<int>(prev.tail)].back() ==
                     kYaleLead[static_cast<int>(s.lead)].front()) {
        out->push_back('.');  // Yale: payk.kwa, lest kk read as ㄲ.
      }
    }
    for (absl::string_view letters : {(yale ? kYaleLead : kRrtLead)[static_cast<int>(s.lead)],
                                      (yale ? kYaleVowel : kRrVowel)[static_cast<int>(s.vowel)],
                                      (yale ? kYaleTail : kRrtTail)[static_cast<int>(s.tail)]}) {
      out->Append(letters);
    }
  }
}

// Uppercases the letter at `pos` of `*text` (ASCII, or the breved ŏ ŭ of MR, whose capitals
// U+014E and U+016C differ from them in the last UTF-8 byte only).
void Capitalize(TextBuffer* text, size_t pos) {
  if (pos >= text->size()) return;
  char& c = (*text)[pos];
  if (absl::ascii_islower(c)) {
    c = absl::ascii_toupper(c);
  } else if (pos + 1 < text->size() && text->view().substr(pos, 2) == "ŏ") {
    (*text)[pos + 1] = "Ŏ"[1];
  } else if (pos + 1 < text->size() && text->view().substr(pos, 2) == "ŭ") {
    (*text)[pos + 1] = "Ŭ"[1];
  }
}

std::string ToAscii(const std::string& text) {
  return absl::StrReplaceAll(text, {{"ŏ", "o"}, {"ŭ", "u"}, {"Ŏ", "O"}, {"Ŭ", "U"}, {"'", ""}});
}

// The Sino-Korean reading of a number below 10,000 (1 일, 12 십이, 2024 이천이십사).
std::u32string SinoKoreanNumber(int n) {
  static constexpr char32_t kDigits[] = {0, U'일', U'이', U'삼', U'사', U'오', U'육', U'칠', U'팔', U'구'};
  static constexpr char32_t kUnits[] = {0, U'십', U'백', U'천'};
  if (n == 0) return U"영";
  std::u32string out;
  int place = 3;
  for (int div = 1000; div > 0; div /= 10, --place) {
    const int d = (n / div) % 10;
    if (d == 0) continue;
    if (d > 1 || place == 0) out.push_back(kDigits[d]);
    if (place > 0) out.push_back(kUnits[place]);
  }
  return out;
}

// The Hangul syllable encoded at `text[i]`, or 0 when there is none. Sets `*len` to the byte length
// of the code point there (1 for a byte that starts none).
char32_t SyllableAt(absl::string_view text, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(text[i]);
  *len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (*len != 3 || i + 3 > text.size()) {
    if (i + *len > text.size()) *len = text.size() - i;
    return 0;
  }
  const char32_t c = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                     (static_cast<unsigned char>(text[i + 2]) & 0x3F);
  return IsSyllable(c) ? c : 0;
}

// A compatibility jamo letter standing alone (ㄱ, ㅏ, ㄳ: U+3131..U+3163), spelled as its letter
// would be at the start of a syllable; false for any other code point.
bool SpellLoneJamo(System system, char32_t c, TextBuffer* out) {
  if (c < 0x3131 || c > 0x3163) return false;
  const bool yale = system == System::kYale;
  if (c >= 0x314F) {
    const auto vowel = static_cast<Vowel>(c - 0x314F);
    out->Append(yale ? kYaleVowel[static_cast<int>(vowel)] : VowelLetters(system, vowel));
    return true;
  }
  // The consonants in Unicode order, as leads where they can lead, else as tails (clusters).
  static constexpr int kNoLead = -1;
  static constexpr std::pair<int, Tail> kConsonants[] = {
      {0, Tail::kG},       {1, Tail::kKK},      {kNoLead, Tail::kGS}, {2, Tail::kN},
      {kNoLead, Tail::kNJ}, {kNoLead, Tail::kNH}, {3, Tail::kD},       {4, Tail::kNone},
      {5, Tail::kL},       {kNoLead, Tail::kLG}, {kNoLead, Tail::kLM}, {kNoLead, Tail::kLB},
      {kNoLead, Tail::kLS}, {kNoLead, Tail::kLT}, {kNoLead, Tail::kLP}, {kNoLead, Tail::kLH},
      {6, Tail::kM},       {7, Tail::kB},       {8, Tail::kNone},     {kNoLead, Tail::kBS},
      {9, Tail::kS},       {10, Tail::kSS},     {11, Tail::kNG},      {12, Tail::kJ},
      {13, Tail::kNone},   {14, Tail::kCh},     {15, Tail::kK},       {16, Tail::kT},
      {17, Tail::kP},      {18, Tail::kH}};
  const auto& [lead, tail] = kConsonants[c - 0x3131];
  if (lead == kNoLead) {
    out->Append((yale ? kYaleTail : kRrtTail)[static_cast<int>(tail)]);
  } else if (!IsTranscription(system)) {
    out->Append((yale ? kYaleLead : kRrtLead)[lead]);
  } else {
    Sound sound;
    sound.lead = static_cast<Lead>(lead);
    out->Append(LeadLetters(system, sound, Before{}));
  }
  return true;
}

// The rules of one romanization call, fixed by the system and kind.
class Speller {
 public:
  Speller(const Romanizer& romanizer, const RomanizeOptions& options)
      : romanizer_(romanizer), options_(options), scratch_(ThreadScratch()) {}

  // Appends the spelling of `token` (a word, possibly with hyphens inside) to `*out`, in the
  // system's final form (Pyongyang in DPRK; no breves or apostrophes with `ascii`). Only what this
  // appends is touched: text around Hangul passes through as it is.
  void Word(const Token& token, const SoundRules& rules, Before before, TextBuffer* out) const {
    const size_t start = out->size();
    Spell(token, rules, before, out);
    const bool pyongyang = options_.system == System::kDprk && options_.kind != StringKind::kPerson;
    const bool ascii =
        options_.ascii && (IsMrFamily(options_.system) || options_.system == System::kDprk);
    if (!ascii && (!pyongyang ||
                   out->view().substr(start).find("phyŏngyang") == absl::string_view::npos)) {
      return;
    }
    std::string span(out->view().substr(start));
    // The standard's own exception: the capital is Pyongyang, not Phyŏngyang.
    if (pyongyang) span = absl::StrReplaceAll(span, {{"phyŏngyang", "pyongyang"}});
    if (ascii) span = ToAscii(span);
    out->Truncate(start);
    out->Append(span);
  }

  // Word, before the system's final form.
  void Spell(const Token& token, const SoundRules& rules, Before before, TextBuffer* out) const {
    const System system = options_.system;
    if (!IsTranscription(system)) {
      Transliterate(system, token, out);
      return;
    }
    // Each part between breaks is a word of its own for the sound changes.
    size_t start = 0;
    const size_t size = token.size();
    for (size_t i = 0; i < size; ++i) {
      if (i + 1 < size && token.junctions[i] != Junction::kBreak) continue;
      const size_t n = i + 1 - start;
      const Syllable* jamo = token.jamo.data() + start;
      if (romanizer_.MayHaveExceptions(jamo, n)) {
        std::u32string& pronounced = scratch_.pronounced;
        pronounced.clear();
        for (size_t k = 0; k < n; ++k) pronounced.push_back(token.syllable(start + k));
        romanizer_.ApplyExceptions(&pronounced);
        std::vector<Syllable>& syllables = scratch_.syllables;
        syllables.resize(n);
        for (size_t k = 0; k < n; ++k) syllables[k] = Decompose(pronounced[k]);
        jamo = syllables.data();
      }
      if (start > 0) out->push_back('-');
      SpellWord(system, jamo, n, rules, token.junctions.data() + start,
                start > 0 ? Before{} : before, out);
      start = i + 1;
    }
  }

  std::string Person(absl::string_view text) const {
    // The Hangul words of the name: the first is the surname when there are several.
    std::vector<std::u32string> words;
    for (const Segment& s : SplitScript(text)) {
      if (s.hangul) words.push_back(s.text);
    }
    if (words.empty()) return std::string(text);
    std::u32string surname, given;
    if (words.size() >= 2) {
      surname = words[0];
      for (size_t i = 1; i < words.size(); ++i) given += words[i];
    } else {
      const size_t n = romanizer_.surnames().SurnameLength(words[0]);
      surname = words[0].substr(0, n);
      given = words[0].substr(n);
    }
    const System system = options_.system;
    SoundRules name_rules;
    name_rules.assimilate = system != System::kRr;
    name_rules.aspirate_before_h = AspirateBeforeH::kNever;
    TextBuffer& out = scratch_.out;
    out.Clear();
    if (system == System::kAlaLc) {
      surname[0] = Compose(WithInitialSoundRule(Decompose(surname[0])));
    }
    if (system == System::kAlaLc && surname == U"이") {
      out.Append("Yi");  // ALA-LC's own spelling of the surname 이 (李).
    } else {
      AppendCapitalized(Plain(surname), name_rules, Before{}, &out);
    }
    if (given.empty()) return Finish(out);
    out.push_back(' ');
    if (system == System::kDprk) {
      // Separate syllables; each voiced or not by what ends the one before.
      Before before;
      for (size_t i = 0; i < given.size(); ++i) {
        if (i > 0) out.push_back(' ');
        AppendCapitalized(Plain(given.substr(i, 1)), name_rules, before, &out);
        before = Before{false, Pronounce({Decompose(given[i])}, name_rules).back().coda};
      }
      return Finish(out);
    }
    Token token = Plain(given);
    if (IsMrFamily(system) || options_.hyphenate_given_name) {
      std::fill(token.junctions.begin(), token.junctions.end(), Junction::kJoin);
    }
    AppendCapitalized(token, name_rules, Before{}, &out);
    return Finish(out);
  }

  // Text and places: Hangul words romanized in place, everything else copied.
  std::string Text(absl::string_view text) const {
    const bool place = options_.kind == StringKind::kPlace;
    const System system = options_.system;
    SoundRules rules;
    rules.aspirate_before_h = place || IsMrFamily(system) ? AspirateBeforeH::kNever
                                                          : AspirateBeforeH::kVerbEndings;
    const Junction explicit_hyphen = IsMrFamily(system) ? Junction::kJoin : Junction::kBreak;
    const bool unit_hyphen = place && options_.hyphenate_units &&
                             (system == System::kRr || system == System::kDprk ||
                              system == System::kAlaLc || system == System::kRrTransliteration);
    // RR writes the unit as a word of its own (Inwang-ri); DPRK and ALA-LC let the sounds run on
    // (Kobi-ri, Ch'angwŏn-gun).
    const Junction unit_junction =
        system == System::kDprk || system == System::kAlaLc ? Junction::kJoin : Junction::kBreak;

    TextBuffer& out = scratch_.out;
    out.Clear();
    Token& token = scratch_.token;
    size_t i = 0;
    while (i < text.size()) {
      size_t len;
      char32_t c = SyllableAt(text, i, &len);
      if (c == 0) {
        size_t next = i;
        const char32_t cp = text::NextCodePoint(text, &next);
        if (!SpellLoneJamo(system, cp, &out)) out.Append(text.substr(i, len));
        i += len;
        continue;
      }
      // A Hangul word, with Hangul-hyphen-Hangul joined into one token.
      token.Clear();
      Junction next_junction = Junction::kNone;
      while (c != 0) {
        token.Append(c, next_junction);
        next_junction = Junction::kNone;
        i += len;
        if (i >= text.size()) break;
        c = SyllableAt(text, i, &len);
        if (c == 0 && text[i] == '-' && i + 1 < text.size()) {
          size_t after_len;
          const char32_t after = SyllableAt(text, i + 1, &after_len);
          if (after != 0) {
            next_junction = explicit_hyphen;
            i += 1;
            c = after;
            len = after_len;
          }
        }
      }
      // A number before a unit: 종로 2가 -> Jongno 2(i)-ga.
      const bool after_number = !out.empty() && absl::ascii_isdigit(out.back());
      if (place && after_number && IsAdminUnit(token.syllable(0))) {
        size_t digits = out.size();
        while (digits > 0 && absl::ascii_isdigit(out[digits - 1])) --digits;
        // RR writes the reading of a number below 10,000 (Jongno 2(i)-ga); a longer one is left
        // as digits.
        if (system == System::kRr && out.size() - digits <= 4) {
          int number = 0;
          for (size_t d = digits; d < out.size() && d < digits + 4; ++d) {
            number = number * 10 + (out[d] - '0');
          }
          out.push_back('(');
          Word(Plain(SinoKoreanNumber(number)), rules, Before{}, &out);
          out.push_back(')');
        }
        out.push_back('-');
        // DPRK writes the units voiced wherever they stand (3.1-dong, Kobi-ri).
        Word(token, rules, system == System::kDprk ? Before{false, Tail::kNone} : Before{}, &out);
        continue;
      }
      // ALA-LC joins a number to the word it counts with a hyphen (che 12-p'an, 1-in).
      if (system == System::kAlaLc && after_number) out.push_back('-');
      // Two-syllable words ending in a unit syllable are mostly not units (초도 island, 독도), but
      // the city districts are (중구 Jung-gu).
      const char32_t last = token.syllable(token.size() - 1);
      const size_t min_size = last == U'구' ? 2 : 3;
      const bool unit = place && token.size() >= min_size && IsAdminUnit(last) &&
                        token.junctions.back() == Junction::kNone;
      if (unit && system == System::kRr && options_.drop_unit_suffix && IsDroppableUnit(last)) {
        token.PopBack();
      } else if (unit && unit_hyphen) {
        token.junctions.back() = unit_junction;
      }
      if (system == System::kAlaLc && after_number) {
        // A counter after a number is a word of its own: 2009년 2009-yŏn.
        token.jamo[0] = WithInitialSoundRule(token.jamo[0]);
      }
      // A word right after a number (비파1-동) continues it: no capital.
      const bool continues = !out.empty() && (absl::ascii_isdigit(out.back()) ||
                                               (out.back() == '-' && out.size() >= 2 &&
                                                absl::ascii_isdigit(out[out.size() - 2])));
      if (place && !continues) {
        AppendCapitalized(token, rules, Before{}, &out);
      } else {
        Word(token, rules, Before{}, &out);
      }
    }
    return Finish(out);
  }

 private:
  static Token Plain(const std::u32string& syllables) {
    Token token;
    for (char32_t c : syllables) token.Append(c, Junction::kNone);
    return token;
  }

  void AppendCapitalized(const Token& token, const SoundRules& rules, Before before,
                         TextBuffer* out) const {
    const size_t start = out->size();
    Word(token, rules, before, out);
    Capitalize(out, start);
  }

  static std::string Finish(const TextBuffer& buffer) { return std::string(buffer.view()); }

  const Romanizer& romanizer_;
  const RomanizeOptions& options_;
  Scratch& scratch_;
};

}  // namespace

absl::string_view SystemName(System system) {
  switch (system) {
    case System::kRr: return "rr";
    case System::kRrTransliteration: return "rr-translit";
    case System::kMr: return "mr";
    case System::kAlaLc: return "alalc";
    case System::kBgnPcgn: return "bgn";
    case System::kDprk: return "dprk";
    case System::kYale: return "yale";
    case System::kKatakana: return "katakana";
    case System::kCyrillic: return "cyrillic";
  }
  return "unknown";
}

Romanizer::Romanizer(const PronunciationExceptions& exceptions,
                     const std::vector<std::string>& two_syllable_surnames)
    : two_syllable_surnames_(two_syllable_surnames) {
  for (const auto& [written, pronounced] : exceptions) {
    std::u32string w, p;
    for (const Segment& s : SplitScript(written)) w += s.text;
    for (const Segment& s : SplitScript(pronounced)) p += s.text;
    if (w.size() != p.size() || w.size() < 2) continue;
    longest_exception_ = std::max(longest_exception_, w.size());
    if (!IsSyllable(w[0])) continue;
    if (!IsSyllable(w[1])) continue;
    first_syllables_.set(w[0] - kFirstSyllable);
    second_syllables_.set(w[1] - kFirstSyllable);
    first_pairs_.insert((uint64_t{w[0]} << 32) | w[1]);
    exceptions_[w] = p;
  }
}

bool Romanizer::MayHaveExceptions(const Syllable* syllables, size_t size) const {
  if (exceptions_.empty()) return false;
  for (size_t i = 0; i + 1 < size; ++i) {
    const char32_t first = Compose(syllables[i]);
    if (!first_syllables_.test(first - kFirstSyllable)) continue;
    const char32_t second = Compose(syllables[i + 1]);
    if (second_syllables_.test(second - kFirstSyllable) &&
        first_pairs_.contains((uint64_t{first} << 32) | second)) {
      return true;
    }
  }
  return false;
}

void Romanizer::ApplyExceptions(std::u32string* word) const {
  if (exceptions_.empty()) return;
  std::u32string& w = *word;
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    if (!IsSyllable(w[i]) || !first_syllables_.test(w[i] - kFirstSyllable)) continue;
    for (size_t len = std::min(longest_exception_, w.size() - i); len >= 2; --len) {
      auto it = exceptions_.find(std::u32string_view(w).substr(i, len));
      if (it == exceptions_.end()) continue;
      w.replace(i, len, it->second);
      i += len - 1;
      break;
    }
  }
}

std::string Romanizer::Romanize(absl::string_view text, const RomanizeOptions& options) const {
  if (options.system == System::kKatakana || options.system == System::kCyrillic) {
    const std::u32string hangul = text::CodePoints(text);
    const size_t surname_length =
        options.kind == StringKind::kPerson
            ? std::max<size_t>(1, two_syllable_surnames_.SurnameLength(hangul))
            : 1;
    return options.system == System::kKatakana ? SpellKatakana(hangul, options.kind, surname_length)
                                               : SpellCyrillic(hangul, options.kind, surname_length);
  }
  Speller speller(*this, options);
  if (options.kind == StringKind::kPerson) return speller.Person(text);
  return speller.Text(text);
}

}  // namespace irum::hangul
