#include "server/hangul/cyrillic.h"

#include <cmath>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "server/hangul/jamo.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// A lead's Kontsevich spelling where a word begins (and after a tail that is no sonorant), and
// voiced (after a vowel or ㄴ ㄹ ㅁ ㅇ); then the press's other spellings the reader takes.
struct LeadSpelling {
  const char32_t* plain;
  const char32_t* voiced;
  std::vector<const char32_t*> also;
};

LeadSpelling Spelling(Lead lead) {
  switch (lead) {
    case Lead::kG: return {U"к", U"г", {}};
    case Lead::kKK: return {U"кк", U"кк", {}};
    case Lead::kN: return {U"н", U"н", {}};
    case Lead::kD: return {U"т", U"д", {}};
    case Lead::kTT: return {U"тт", U"тт", {}};
    case Lead::kR: return {U"р", U"р", {U"л"}};  // 이 Ли, 리 Ри.
    case Lead::kM: return {U"м", U"м", {}};
    case Lead::kB: return {U"п", U"б", {}};
    case Lead::kPP: return {U"пп", U"пп", {}};
    case Lead::kS: return {U"с", U"с", {}};
    case Lead::kSS: return {U"сс", U"сс", {}};
    case Lead::kNone: return {U"", U"", {}};
    case Lead::kJ: return {U"чж", U"дж", {U"ч"}};  // 정 Чен.
    case Lead::kJJ: return {U"чч", U"чч", {}};
    case Lead::kCh: return {U"чх", U"чх", {}};
    case Lead::kK: return {U"кх", U"кх", {}};
    case Lead::kT: return {U"тх", U"тх", {}};
    case Lead::kP: return {U"пх", U"пх", {}};
    case Lead::kH: return {U"х", U"х", {}};
  }
  return {U"", U"", {}};
}

// A vowel's Kontsevich spelling, then the press's others.
std::vector<const char32_t*> VowelSpellings(Vowel vowel, Lead lead) {
  const bool alone = lead == Lead::kNone;
  switch (vowel) {
    case Vowel::kA: return {U"а"};
    case Vowel::kAe: return {U"э", U"е"};
    case Vowel::kYa: return {U"я"};
    case Vowel::kYae: case Vowel::kYe:
      return alone ? std::vector<const char32_t*>{U"йе", U"е"} : std::vector<const char32_t*>{U"е", U"йе"};
    case Vowel::kEo: return {U"о", U"е"};  // 정 Чон, the press's Чен; 서울 Сеул.
    case Vowel::kE: return {U"е", U"э"};
    case Vowel::kYeo: return {U"ё", U"е"};  // 평양 Пхёнъян, the press's Пхеньян.
    case Vowel::kYo: return {U"ё"};
    case Vowel::kO: return {U"о"};
    case Vowel::kWa: return {U"ва"};
    case Vowel::kWae: return {U"вэ"};
    case Vowel::kOe: return {U"ве", U"вэ"};
    case Vowel::kU: return {U"у"};
    case Vowel::kWo: return {U"во"};
    case Vowel::kWe: return {U"ве"};
    case Vowel::kWi: return {U"ви"};
    case Vowel::kYu: return {U"ю"};
    case Vowel::kEu: return {U"ы"};
    case Vowel::kUi: return {U"ый", U"и"};
    case Vowel::kI: return {U"и"};
  }
  return {U"а"};
}

// A tail's Kontsevich spelling at a word's end (ㄹ ль, ㅇ н), then the press's others (ㄹ л, р).
std::vector<const char32_t*> TailSpellings(Tail tail) {
  switch (tail) {
    case Tail::kNone: return {U""};
    case Tail::kG: return {U"к"};
    case Tail::kN: case Tail::kNG: return {U"н"};
    case Tail::kL: return {U"ль", U"л", U"р"};
    case Tail::kM: return {U"м"};
    case Tail::kB: return {U"п"};
    default: return {U"т", U"с"};
  }
}

bool Sonorant(Tail tail) {
  return tail == Tail::kNone || tail == Tail::kN || tail == Tail::kL || tail == Tail::kM ||
         tail == Tail::kNG;
}

char32_t Upper(char32_t c) {
  if (c >= U'а' && c <= U'я') return c - 0x20;
  if (c == U'ё') return U'Ё';
  return c;
}

}  // namespace

bool HasCyrillic(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t c = text::NextCodePoint(text, &i);
    if (c >= 0x400 && c <= 0x4FF) return true;
  }
  return false;
}

std::u32string FoldCyrillic(std::u32string_view text) {
  std::u32string out;
  for (char32_t c : text) {
    if (c >= U'А' && c <= U'Я') c += 0x20;
    if (c == U'Ё') c = U'ё';
    if (c == U'ь' || c == U'ъ') continue;
    out.push_back(c);
  }
  return out;
}

std::string SpellCyrillic(std::u32string_view hangul, StringKind kind, size_t surname_length) {
  const bool person = kind == StringKind::kPerson;
  std::u32string out;
  Tail previous = Tail::kNone;
  WalkSyllables(
      hangul, kind, surname_length,
      [&](size_t i, const SyllablePlace& place) {
        // The press writes each given-name syllable apart, capitalized: Ким Ё Чжон.
        const bool apart = person && place.index > place.surname_length;
        if ((place.given_start || apart) && !out.empty() && out.back() != U' ') out.push_back(U' ');
        const Syllable s = Decompose(hangul[i]);
        const bool voiced = !place.word_start && Sonorant(previous);
        const LeadSpelling lead = Spelling(s.lead);
        std::u32string spelled = std::u32string(voiced ? lead.voiced : lead.plain) +
                                 VowelSpellings(s.vowel, s.lead).front();
        const bool vowel_next = !person && i + 1 < hangul.size() && IsSyllable(hangul[i + 1]) &&
                                Decompose(hangul[i + 1]).lead == Lead::kNone;
        if (s.tail == Tail::kNG && vowel_next) {
          spelled += U"нъ";  // 평양 Пхёнъян.
        } else if (s.tail == Tail::kL && vowel_next) {
          spelled += U"р";
        } else {
          spelled += TailSpellings(s.tail).front();
        }
        // The surname 이 is Ли in the Russian press, as Kontsevich's И is not.
        if (person && place.index == 0 && hangul[i] == U'이') spelled = U"ли";
        if (place.word_start || apart) spelled[0] = Upper(spelled[0]);
        out += spelled;
        previous = s.tail;
      },
      [&](char32_t c) { out.push_back(c); });
  return ToUtf8(out);
}

SpelledSyllables CyrillicSpellings(const CyrillicSpellingShares& shares) {
  // P(form | choice among `n` forms): the first at 1 - `others`, the rest sharing `others`.
  auto first_or_others = [](size_t k, size_t n, double others) {
    return n == 1 ? 1.0 : k == 0 ? 1 - others : others / static_cast<double>(n - 1);
  };
  SpelledSyllables out;
  for (char32_t c = kFirstSyllable; c <= kLastSyllable; ++c) {
    const Syllable s = Decompose(c);
    if (!IsPlainNameSyllable(s)) continue;
    const LeadSpelling lead = Spelling(s.lead);
    const std::vector<const char32_t*> vowels = VowelSpellings(s.vowel, s.lead);
    const std::vector<const char32_t*> tails = TailSpellings(s.tail);
    const bool has_voiced = std::u32string_view(lead.plain) != lead.voiced;
    const double kontsevich = lead.also.empty() ? 1.0 : 1 - shares.press_lead;
    // The lead's forms, each with -ln P(form | lead, place) at every place.
    std::vector<std::pair<std::u32string, std::array<double, kSpellingPlaces>>> leads;
    std::array<double, kSpellingPlaces> plain, voiced, press;
    for (size_t p = 0; p < plain.size(); ++p) {
      const double voiced_p = has_voiced ? shares.voiced[p] : 0.0;
      plain[p] = -std::log(kontsevich * (1 - voiced_p));
      voiced[p] = -std::log(kontsevich * voiced_p);
      press[p] = lead.also.empty()
                     ? std::numeric_limits<double>::infinity()
                     : -std::log(shares.press_lead / static_cast<double>(lead.also.size()));
    }
    leads.push_back({lead.plain, plain});
    if (has_voiced) leads.push_back({lead.voiced, voiced});
    for (const char32_t* other : lead.also) leads.push_back({other, press});
    for (const auto& [l, lead_cost] : leads) {
      for (size_t v = 0; v < vowels.size(); ++v) {
        const double vowel_p = first_or_others(v, vowels.size(), shares.press_vowel);
        for (size_t t = 0; t < tails.size(); ++t) {
          // ㄹ: ль and л are one once folded (the soft sign dropped); р the press's.
          const double tail_p = s.tail == Tail::kL
                                    ? (std::u32string_view(tails[t]) == U"р" ? shares.press_tail
                                                                             : 1 - shares.press_tail)
                                    : 1.0;  // ㅅ: т or с, alike.
          std::array<float, kSpellingPlaces> cost;
          for (size_t p = 0; p < cost.size(); ++p) {
            cost[p] = static_cast<float>(lead_cost[p] - std::log(vowel_p * tail_p));
          }
          out.Add(FoldCyrillic(l + vowels[v] + tails[t]), c, cost);
        }
      }
    }
  }
  return out;
}

}  // namespace irum::hangul
