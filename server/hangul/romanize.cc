#include "server/hangul/romanize.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "server/hangul/pronounce.h"

namespace irum::hangul {
namespace {

constexpr const char* kRrLead[kLeadCount] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                             "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kRrVowel[kVowelCount] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                               "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                               "wo", "we", "wi", "yu",  "eu", "ui", "i"};
constexpr const char* kMrVowel[kVowelCount] = {"a",  "ae", "ya", "yae", "ŏ",  "e",  "yŏ",
                                               "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                               "wŏ", "we", "wi", "yu",  "ŭ",  "ŭi", "i"};
constexpr const char* kYaleVowel[kVowelCount] = {"a",  "ay", "ya", "yay", "e",  "ey", "ye",
                                                 "yey", "o", "wa", "way", "oy", "yo", "wu",
                                                 "we", "wey", "wi", "yu", "u",  "uy", "i"};
constexpr const char* kYaleLead[kLeadCount] = {"k", "kk", "n", "t", "tt", "l", "m", "p", "pp", "s",
                                               "ss", "", "c", "cc", "ch", "kh", "th", "ph", "h"};
constexpr const char* kYaleTail[kTailCount] = {"",  "k",  "kk", "ks", "n",  "nc", "nh",
                                               "t", "l",  "lk", "lm", "lp", "ls", "lth",
                                               "lph", "lh", "m", "p",  "ps", "s",  "ss",
                                               "ng", "c", "ch", "kh", "th", "ph", "h"};
constexpr const char* kRrtLead[kLeadCount] = {"g", "kk", "n", "d", "tt", "l", "m", "b", "pp", "s",
                                              "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kRrtTail[kTailCount] = {"",  "g",  "kk", "gs", "n",  "nj", "nh",
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

bool IsObstruent(Tail coda) { return coda == Tail::kG || coda == Tail::kD || coda == Tail::kB; }

// The letters of a pronounced lead consonant in a transcription system.
std::string LeadLetters(System system, const Sound& sound, Before before) {
  const Lead lead = sound.lead;
  if (system == System::kRr) {
    if (lead == Lead::kR && before.coda == Tail::kL) return "l";
    return kRrLead[static_cast<int>(lead)];
  }
  const bool dprk = system == System::kDprk;
  const bool voiceless = before.start || sound.tense || IsObstruent(before.coda);
  switch (lead) {
    case Lead::kG: return voiceless ? "k" : "g";
    case Lead::kD: return voiceless || before.coda == Tail::kL ? "t" : "d";
    case Lead::kB: return voiceless ? "p" : "b";
    case Lead::kJ:
      if (dprk) return "j";
      return voiceless || before.coda == Tail::kL ? "ch" : "j";
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

// The letters of a pronounced coda, given the lead that follows (kNone at the end of a word).
std::string CodaLetters(System system, Tail coda, Lead next) {
  switch (coda) {
    case Tail::kG: return "k";
    case Tail::kN:
      // MR separates n from a following g with an apostrophe (han'gŭl), lest it read as ng.
      return IsMrFamily(system) && next == Lead::kG ? "n'" : "n";
    case Tail::kD: return "t";
    case Tail::kL: return system != System::kRr && next == Lead::kH ? "r" : "l";
    case Tail::kM: return "m";
    case Tail::kB: return "p";
    case Tail::kNG: return "ng";
    default: return "";
  }
}

const char* VowelLetters(System system, Vowel vowel) {
  return system == System::kRr ? kRrVowel[static_cast<int>(vowel)]
                               : kMrVowel[static_cast<int>(vowel)];
}

// Where a junction between two syllables of a token prints a hyphen, and how it treats the sounds.
enum class Junction : char {
  kNone,      // Inside a word.
  kJoin,      // Hyphen printed; the sound changes run across it (BGN: Yŏngjil-li).
  kBreak,     // Hyphen printed; the parts are separate words for the sound changes (RR: Inwang-ri).
};

// Hangul syllables with what lies between each pair.
struct Token {
  std::u32string syllables;
  std::vector<Junction> junctions;  // junctions[i] lies between syllables i and i + 1.
};

std::vector<Syllable> Decomposed(const std::u32string& syllables) {
  std::vector<Syllable> out;
  out.reserve(syllables.size());
  for (char32_t c : syllables) out.push_back(Decompose(c));
  return out;
}

// Spells one word's sounds; prints a hyphen after syllable i where hyphen_after[i]. A consonant
// carried over a hyphen by liaison stays left of it (ALA-LC: Sŏg-wŏn).
std::string SpellSounds(System system, const std::vector<Sound>& sounds,
                        const std::vector<bool>& hyphen_after, Before before) {
  std::string out;
  for (size_t i = 0; i < sounds.size(); ++i) {
    const Sound& s = sounds[i];
    const bool hyphen_before = i > 0 && hyphen_after[i - 1];
    std::string lead = LeadLetters(system, s, before);
    if (hyphen_before && s.moved) {
      out += lead;
      out += '-';
    } else {
      if (hyphen_before) out += '-';
      out += lead;
    }
    out += VowelLetters(system, s.vowel);
    const Lead next = i + 1 < sounds.size() ? sounds[i + 1].lead : Lead::kNone;
    out += CodaLetters(system, s.coda, next);
    before = Before{false, s.coda};
  }
  return out;
}

// Letter-for-letter systems: Yale and RR transliteration.
std::string Transliterate(System system, const std::vector<Syllable>& word,
                          const std::vector<bool>& hyphen_after) {
  const bool yale = system == System::kYale;
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    const Syllable& s = word[i];
    if (i > 0) {
      const Syllable& prev = word[i - 1];
      const bool vowel_after_consonant = s.lead == Lead::kNone && prev.tail != Tail::kNone;
      const bool doubled_s = !yale && (prev.tail == Tail::kS || prev.tail == Tail::kSS) &&
                             (s.lead == Lead::kS || s.lead == Lead::kSS);
      if (hyphen_after[i - 1] || (!yale && (vowel_after_consonant || doubled_s))) out += '-';
    }
    out += (yale ? kYaleLead : kRrtLead)[static_cast<int>(s.lead)];
    out += (yale ? kYaleVowel : kRrVowel)[static_cast<int>(s.vowel)];
    out += (yale ? kYaleTail : kRrtTail)[static_cast<int>(s.tail)];
  }
  return out;
}

// Uppercases the first letter of `word` (ASCII, or the breved ŏ ŭ of MR).
std::string Capitalized(std::string word) {
  if (word.empty()) return word;
  if (absl::ascii_islower(word[0])) {
    word[0] = absl::ascii_toupper(word[0]);
  } else if (word.compare(0, 2, "ŏ") == 0) {
    word.replace(0, 2, "Ŏ");
  } else if (word.compare(0, 2, "ŭ") == 0) {
    word.replace(0, 2, "Ŭ");
  }
  return word;
}

std::string ToAscii(std::string text) {
  return absl::StrReplaceAll(text, {{"ŏ", "o"}, {"ŭ", "u"}, {"Ŏ", "O"}, {"Ŭ", "U"}, {"'", ""}});
}

// The Sino-Korean reading of a non-negative number below 10,000 (1 일, 12 십이, 2024 이천이십사).
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

// The words of one romanization call: spelling rules fixed by the system and kind.
class Speller {
 public:
  Speller(const Romanizer& romanizer, const RomanizeOptions& options)
      : romanizer_(romanizer), options_(options) {}

  // Spells a token of Hangul syllables (a word, possibly with hyphens inside).
  std::string Word(const Token& token, SoundRules rules, Before before = {}) const {
    const System system = options_.system;
    std::vector<bool> hyphen_after(token.syllables.size(), false);
    for (size_t i = 0; i < token.junctions.size(); ++i) {
      hyphen_after[i] = token.junctions[i] != Junction::kNone;
    }
    if (!IsTranscription(system)) {
      return Transliterate(system, Decomposed(token.syllables), hyphen_after);
    }
    // Split at breaks; each part is a word of its own for the sound changes.
    std::string out;
    size_t start = 0;
    for (size_t i = 0; i <= token.junctions.size(); ++i) {
      const bool end = i == token.junctions.size() || token.junctions[i] == Junction::kBreak;
      if (!end) continue;
      std::u32string part = token.syllables.substr(start, i + 1 - start);
      part = romanizer_.ApplyExceptions(part);
      std::vector<Sound> sounds = Pronounce(Decomposed(part), rules);
      std::vector<bool> hyphens(hyphen_after.begin() + start, hyphen_after.begin() + i + 1);
      hyphens.back() = false;
      if (start > 0) out += '-';
      out += SpellSounds(system, sounds, hyphens, start > 0 ? Before{} : before);
      start = i + 1;
    }
    return out;
  }

  std::string Person(absl::string_view text) const {
    // Surname and given name: the first word and the rest, or split by syllable count.
    std::u32string surname, given;
    std::vector<Segment> segments = SplitScript(text);
    std::vector<std::u32string> words;
    for (const Segment& s : segments) {
      if (s.hangul) words.push_back(s.text);
    }
    if (words.empty()) return std::string(text);
    if (words.size() >= 2) {
      surname = words[0];
      for (size_t i = 1; i < words.size(); ++i) given += words[i];
    } else {
      const size_t n = words[0].size() >= 4 ? 2 : 1;
      surname = words[0].substr(0, n);
      given = words[0].substr(n);
    }
    const System system = options_.system;
    SoundRules name_rules;
    name_rules.assimilate = system != System::kRr;
    name_rules.aspirate_before_h = false;
    std::string out = Capitalized(Word(Plain(surname), name_rules));
    if (given.empty()) return Finish(out);
    out += ' ';
    if (system == System::kDprk) {
      // Separate syllables; each voiced or not by what ends the one before.
      Before before;
      for (size_t i = 0; i < given.size(); ++i) {
        if (i > 0) out += ' ';
        out += Capitalized(Word(Plain(given.substr(i, 1)), name_rules, before));
        before = Before{false, Pronounce({Decompose(given[i])}, name_rules).back().coda};
      }
      return Finish(out);
    }
    Token token = Plain(given);
    const bool hyphenate = IsMrFamily(system) || options_.hyphenate_given_name;
    if (hyphenate) {
      std::fill(token.junctions.begin(), token.junctions.end(), Junction::kJoin);
    }
    return Finish(out + Capitalized(Word(token, name_rules)));
  }

  // Text and places: words romanized in place, everything else copied.
  std::string Text(absl::string_view text) const {
    const bool place = options_.kind == StringKind::kPlace;
    const System system = options_.system;
    SoundRules rules;
    rules.aspirate_before_h = !place && !IsMrFamily(system);
    const Junction explicit_hyphen = IsMrFamily(system) ? Junction::kJoin : Junction::kBreak;
    const bool unit_hyphen = place && options_.hyphenate_units &&
                             (system == System::kRr || system == System::kDprk ||
                              system == System::kRrTransliteration);
    const Junction unit_junction = system == System::kDprk ? Junction::kJoin : Junction::kBreak;

    std::vector<Segment> segments = SplitScript(text);
    std::string out;
    for (size_t i = 0; i < segments.size(); ++i) {
      if (!segments[i].hangul) {
        out += ToUtf8(segments[i].text);
        continue;
      }
      // Join Hangul-hyphen-Hangul into one token.
      Token token = Plain(segments[i].text);
      while (i + 2 < segments.size() && segments[i + 1].text == U"-" && segments[i + 2].hangul) {
        token.junctions.push_back(explicit_hyphen);
        token.syllables += segments[i + 2].text;
        Token next = Plain(segments[i + 2].text);
        token.junctions.insert(token.junctions.end(), next.junctions.begin(), next.junctions.end());
        i += 2;
      }
      // A number before a unit: 종로 2가 -> Jongno 2(i)-ga.
      const bool after_number = !out.empty() && absl::ascii_isdigit(out.back());
      if (place && after_number && IsAdminUnit(token.syllables[0])) {
        if (system == System::kRr) {
          size_t digits = out.size();
          while (digits > 0 && absl::ascii_isdigit(out[digits - 1])) --digits;
          const int number = std::stoi(out.substr(digits, std::min<size_t>(4, out.size() - digits)));
          out += "(" + Word(Plain(SinoKoreanNumber(number)), rules) + ")";
        }
        out += "-" + Word(token, rules);
        continue;
      }
      // Two-syllable words ending in a unit syllable are mostly not units (초도 island, 독도), but
      // the city districts are (중구 Jung-gu).
      const size_t min_size = token.syllables.back() == U'구' ? 2 : 3;
      if (unit_hyphen && token.syllables.size() >= min_size &&
          IsAdminUnit(token.syllables.back()) &&
          token.junctions.back() == Junction::kNone) {
        if (system == System::kRr && options_.drop_unit_suffix &&
            IsDroppableUnit(token.syllables.back())) {
          token.syllables.pop_back();
          token.junctions.pop_back();
        } else {
          token.junctions.back() = unit_junction;
        }
      }
      std::string word = Word(token, rules);
      out += place ? Capitalized(word) : word;
    }
    return Finish(out);
  }

 private:
  static Token Plain(const std::u32string& syllables) {
    Token token;
    token.syllables = syllables;
    token.junctions.assign(syllables.empty() ? 0 : syllables.size() - 1, Junction::kNone);
    return token;
  }

  std::string Finish(std::string out) const {
    if (options_.system == System::kDprk && options_.kind != StringKind::kPerson) {
      // The standard's own exception: the capital is Pyongyang, not Phyŏngyang.
      out = absl::StrReplaceAll(out, {{"Phyŏngyang", "Pyongyang"}, {"phyŏngyang", "pyongyang"}});
    }
    if (options_.ascii && (IsMrFamily(options_.system) || options_.system == System::kDprk)) {
      out = ToAscii(std::move(out));
    }
    return out;
  }

  const Romanizer& romanizer_;
  const RomanizeOptions& options_;
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
  }
  return "unknown";
}

const std::vector<System>& AllSystems() {
  static const auto* systems = new std::vector<System>{
      System::kRr,      System::kRrTransliteration, System::kMr,  System::kAlaLc,
      System::kBgnPcgn, System::kDprk,              System::kYale};
  return *systems;
}

std::optional<System> ParseSystem(absl::string_view name) {
  for (System system : AllSystems()) {
    if (SystemName(system) == name) return system;
  }
  return std::nullopt;
}

Romanizer::Romanizer(const PronunciationExceptions& exceptions) {
  for (const auto& [written, pronounced] : exceptions) {
    std::u32string w, p;
    for (const Segment& s : SplitScript(written)) w += s.text;
    for (const Segment& s : SplitScript(pronounced)) p += s.text;
    if (w.size() != p.size() || w.empty()) continue;
    longest_exception_ = std::max(longest_exception_, w.size());
    exceptions_[w] = p;
  }
}

std::u32string Romanizer::ApplyExceptions(const std::u32string& word) const {
  if (exceptions_.empty()) return word;
  std::u32string out = word;
  for (size_t i = 0; i < out.size(); ++i) {
    for (size_t len = std::min(longest_exception_, out.size() - i); len >= 2; --len) {
      auto it = exceptions_.find(out.substr(i, len));
      if (it == exceptions_.end()) continue;
      out.replace(i, len, it->second);
      i += len - 1;
      break;
    }
  }
  return out;
}

std::string Romanizer::Romanize(absl::string_view text, const RomanizeOptions& options) const {
  Speller speller(*this, options);
  if (options.kind == StringKind::kPerson) return speller.Person(text);
  return speller.Text(text);
}

}  // namespace irum::hangul
