// The decoder's readers of other scripts than Latin: Hanja (DecodeHanja), kana (DecodeKana),
// Cyrillic (DecodeCyrillic), their shared ranking (DecodeSpelled) and queries that mix scripts
// word by word (DecodeMixed). The Latin lattice and the person/place drivers are in decode.cc.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "server/hangul/cyrillic.h"
#include "server/hangul/decode.h"
#include "server/hangul/hanja.h"
#include "server/hangul/kana.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// A reading of a name in another script (Hanja, kana), whole or partial: its syllables and cost.
struct ScriptPath {
  std::u32string hangul;
  double cost = 0;
  double spelling = 0;  // The part of `cost` that is the spelling's (kana, Cyrillic): -ln P(it | hangul).
};

// Keeps the `beam` cheapest of `paths`.
void KeepCheapest(std::vector<ScriptPath>* paths, size_t beam) {
  if (paths->size() <= beam) return;
  std::nth_element(paths->begin(), paths->begin() + static_cast<std::ptrdiff_t>(beam), paths->end(),
                   [](const ScriptPath& a, const ScriptPath& b) { return a.cost < b.cost; });
  paths->resize(beam);
}

// No cost for any syllable: readings ranked afterwards, as whole surnames.
double NoCost(char32_t, size_t) { return 0; }

// The forms a syllable that begins a word takes in the two Koreas: calls `f(form, cost)` for the
// South's (the initial-sound rule applied: 리 -> 이) at `south_cost`, then the North's (as
// written) at `north_cost`; once, at no cost, when the rule leaves the syllable as it is.
template <typename F>
void ForEachForm(char32_t syllable, float south_cost, float north_cost, F f) {
  const char32_t south = Compose(WithInitialSoundRule(Decompose(syllable)));
  if (south == syllable) {
    f(syllable, 0.0f);
    return;
  }
  f(south, south_cost);
  f(syllable, north_cost);
}

// `readings` of the words so far, each extended by each reading of the next word (after
// `separator` when there were words before); the `beam` cheapest kept.
void AppendWord(const std::vector<ScriptPath>& word, char32_t separator, size_t beam,
                std::vector<ScriptPath>* readings) {
  std::vector<ScriptPath> next;
  for (const ScriptPath& r : *readings) {
    for (const ScriptPath& c : word) {
      ScriptPath n = r;
      if (!n.hangul.empty()) n.hangul.push_back(separator);
      n.hangul += c.hangul;
      n.cost += c.cost;
      next.push_back(std::move(n));
    }
  }
  *readings = std::move(next);
  KeepCheapest(readings, beam);
}

// The cheapest reading of each Hangul, best first, at most `max_results`, scored as shares of the
// total weight.
std::vector<DecodedName> Shares(std::vector<ScriptPath> readings, int max_results) {
  // Each Hangul's cheapest reading (by Hangul, then cost; a scan for duplicates took 61M
  // instructions for the 320 readings of a mixed-script query the decode fuzzer found), then the
  // readings by cost.
  std::sort(readings.begin(), readings.end(), [](const ScriptPath& a, const ScriptPath& b) {
    return a.hangul < b.hangul || (a.hangul == b.hangul && a.cost < b.cost);
  });
  std::vector<ScriptPath> kept;
  for (ScriptPath& r : readings) {
    if (std::isinf(r.cost)) continue;
    if (kept.empty() || kept.back().hangul != r.hangul) kept.push_back(std::move(r));
  }
  std::sort(kept.begin(), kept.end(), [](const ScriptPath& a, const ScriptPath& b) {
    return a.cost < b.cost || (a.cost == b.cost && a.hangul < b.hangul);
  });
  if (kept.empty()) return {};
  const double floor = kept.front().cost;
  double total = 0;
  for (const ScriptPath& r : kept) total += std::exp(-(r.cost - floor));
  std::vector<DecodedName> out;
  for (size_t i = 0; i < kept.size() && static_cast<int>(i) < max_results; ++i) {
    DecodedName d;
    d.hangul = ToUtf8(kept[i].hangul);
    d.cost = kept[i].cost;
    d.score = std::exp(-(kept[i].cost - floor)) / total;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::optional<std::vector<DecodedName>> Decoder::DecodeMixed(absl::string_view text,
                                                             const DecodeOptions& options) const {
  // The words apart at spaces, and which of them are in another script than Latin or Hangul.
  std::vector<absl::string_view> words;
  std::vector<bool> other;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find(' ', start);
    if (end == absl::string_view::npos) end = text.size();
    if (end > start) {
      const absl::string_view word = text.substr(start, end - start);
      words.push_back(word);
      other.push_back(HasKana(word) || HasCyrillic(word) || HasHanja(word));
    }
    start = end + 1;
  }
  const size_t others = static_cast<size_t>(std::count(other.begin(), other.end(), true));
  if (others == 0 || others == words.size()) return std::nullopt;

  // Each word's choices: itself, or the readings of a word in another script. All alike: the
  // readers have no spelling model (a character's readings, the syllables a kana spells, are
  // equally likely), and the priors that ranked them as text rank them again in the query (金 as
  // a surname is 김, as text 금).
  std::vector<std::vector<std::u32string>> choices(words.size());
  // Fewer readings per word when there are many such words: at most kMaxMixedChoices in all.
  int per_word = kMixedWordReadings;
  auto choices_with = [others](int n) {
    double all = 1;
    for (size_t k = 0; k < others; ++k) all *= n;
    return all;
  };
  while (per_word > 1 && choices_with(per_word) > kMaxMixedChoices) --per_word;
  DecodeOptions alone;
  alone.kind = StringKind::kText;
  alone.max_results = per_word;
  alone.beam = options.beam;
  for (size_t w = 0; w < words.size(); ++w) {
    if (!other[w]) {
      choices[w].push_back(text::CodePoints(words[w]));
      continue;
    }
    for (const DecodedName& d : Decode(words[w], alone)) {
      choices[w].push_back(text::CodePoints(d.hangul));
    }
    if (choices[w].empty()) return std::vector<DecodedName>{};
  }
  // Every choice of readings (at most kMaxMixedChoices).
  std::vector<ScriptPath> readings;
  std::vector<size_t> pick(words.size(), 0);
  for (;;) {
    std::u32string query;
    for (size_t w = 0; w < words.size(); ++w) {
      if (w > 0) query.push_back(U' ');
      query += choices[w][pick[w]];
    }
    for (const DecodedName& d : Decode(ToUtf8(query), options)) {
      readings.push_back({text::CodePoints(d.hangul), d.cost});
    }
    size_t w = 0;
    while (w < words.size() && ++pick[w] == choices[w].size()) pick[w++] = 0;
    if (w == words.size()) break;
  }
  return Shares(std::move(readings), options.max_results);
}

std::vector<DecodedName> Decoder::DecodeHanja(absl::string_view text,
                                              const DecodeOptions& options) const {
  // Words of Hanja (and Hangul syllables, read as themselves), apart at spaces and middle dots;
  // anything else (Latin letters, digits, other punctuation) is not read.
  struct Word {
    std::vector<std::u32string> readings;  // Per character.
    char32_t separator = U' ';              // Before the next word.
  };
  std::vector<Word> words(1);
  for (size_t i = 0; i < text.size();) {
    const char32_t c = text::NextCodePoint(text, &i);
    if (c == U' ' || c == U'\u00B7' || c == U'\u30FB') {
      if (!words.back().readings.empty()) {
        words.back().separator = c == U' ' ? U' ' : U'\u00B7';
        words.emplace_back();
      }
      continue;
    }
    std::u32string readings;
    if (IsSyllable(c)) {
      readings.push_back(c);
    } else if (IsHanja(c)) {
      readings = std::u32string(hanja_.Of(c));
    }
    if (readings.empty()) return {};
    words.back().readings.push_back(std::move(readings));
  }
  if (words.back().readings.empty()) words.pop_back();
  if (words.empty()) return {};
  const size_t beam = static_cast<size_t>(std::max(options.beam, options.max_results)) * 4;

  // The readings of characters [first, end) of `chars`, cheapest first by `cost(syllable, at)`:
  // the first character's readings with the South's initial-sound rule applied too (李: 리 and
  // 이), the form costing as the North's share of names says.
  auto read = [&](const std::vector<std::u32string>& chars, size_t first, size_t end,
                  bool word_start, auto&& cost) {
    std::vector<ScriptPath> paths = {ScriptPath{}};
    for (size_t k = first; k < end; ++k) {
      std::vector<ScriptPath> next;
      const bool ruled = word_start && k == first;
      // Inside a word, not the form the rule gives at a word's start: Unihan lists 록 and 녹 for
      // 綠, but 鴨綠江 is 압록강.
      auto start_form_only = [&](char32_t r) {
        return std::any_of(chars[k].begin(), chars[k].end(), [r](char32_t other) {
          return other != r && Compose(WithInitialSoundRule(Decompose(other))) == r;
        });
      };
      for (const ScriptPath& p : paths) {
        for (const char32_t r : chars[k]) {
          auto extend = [&](char32_t form, float form_cost) {
            ScriptPath n = p;
            n.hangul.push_back(form);
            n.cost += cost(form, k - first) + form_cost;
            next.push_back(std::move(n));
          };
          if (ruled) {
            ForEachForm(r, hanja_south_cost_, hanja_north_cost_, extend);
          } else if (!start_form_only(r)) {
            extend(r, 0.0f);
          }
        }
      }
      paths = std::move(next);
      KeepCheapest(&paths, beam);
    }
    return paths;
  };

  std::vector<ScriptPath> readings;
  if (options.kind == StringKind::kPerson) {
    // One name, the spaces dropped: the surname (two Hanja when they read as a surname of two
    // syllables of the table: 南宮, 皇甫), then the given name.
    std::vector<std::u32string> chars;
    for (const Word& w : words) chars.insert(chars.end(), w.readings.begin(), w.readings.end());
    size_t surname_length = 1;
    if (chars.size() >= 3) {
      for (const ScriptPath& p : read(chars, 0, 2, true, NoCost)) {
        float cost = 0;
        if (priors_.SurnameCost(p.hangul, &cost)) surname_length = 2;
      }
    }
    // The surname's readings the table lists, at their cost; else an unlisted one of one syllable.
    std::vector<ScriptPath> surnames;
    std::vector<ScriptPath> unlisted;
    for (ScriptPath& p : read(chars, 0, surname_length, true, NoCost)) {
      float cost = 0;
      if (priors_.SurnameCost(p.hangul, &cost)) {
        p.cost += cost;
        surnames.push_back(std::move(p));
      } else if (p.hangul.size() == 1) {
        p.cost += priors_.unknown_surname_cost();
        unlisted.push_back(std::move(p));
      }
    }
    if (surnames.empty()) surnames = std::move(unlisted);
    if (surnames.empty()) return {};
    // The given name's readings, by syllable first (the beam), then as a whole name. Its first
    // syllable comes in both Koreas' forms as a word's start does (최용해 in the South, 최룡해 in
    // the North), as hangul::Decoder::OrthographyKey folds it; the forms' costs count in the beam
    // only, the whole-name prior alone ranking the given names that remain.
    std::vector<ScriptPath> given = read(chars, surname_length, chars.size(), true,
                                        [&](char32_t syllable, size_t at) {
                                          return priors_.SyllableCost(syllable, Position::kGiven,
                                                                      static_cast<int>(at));
                                        });
    for (ScriptPath& g : given) g.cost = priors_.GivenNameCost(g.hangul);
    for (const ScriptPath& s : surnames) {
      for (const ScriptPath& g : given) {
        readings.push_back({s.hangul + g.hangul, s.cost + g.cost});
      }
    }
  } else {
    // Places and text: each word read on its own; the readings of the whole are the best products.
    const Position position =
        options.kind == StringKind::kPlace ? Position::kPlace : Position::kText;
    readings = {ScriptPath{}};
    for (size_t w = 0; w < words.size(); ++w) {
      std::vector<ScriptPath> word = read(words[w].readings, 0, words[w].readings.size(), true,
                                         [&](char32_t syllable, size_t at) {
                                           return priors_.SyllableCost(syllable, position,
                                                                       static_cast<int>(at));
                                         });
      AppendWord(word, w > 0 ? words[w - 1].separator : U' ', beam, &readings);
    }
  }

  return Shares(std::move(readings), options.max_results);
}

std::vector<DecodedName> Decoder::DecodeKana(absl::string_view text,
                                             const DecodeOptions& options) const {
  // Words of katakana (hiragana turned into it, ー dropped), apart at middle dots, spaces and
  // double hyphens; anything else is not read.
  std::vector<std::u32string> words(1);
  for (char32_t c : ToKatakana(text::CodePoints(text))) {
    if (c == U'・' || c == U' ' || c == U'゠' || c == U'=' || c == U'\u00B7') {
      if (!words.back().empty()) words.emplace_back();
      continue;
    }
    if (!IsKana(c)) return {};
    words.back().push_back(c);
  }
  return DecodeSpelled(std::move(words), kana_, /*both_forms=*/false, options);
}

std::vector<DecodedName> Decoder::DecodeCyrillic(absl::string_view text,
                                                 const DecodeOptions& options) const {
  // Words of Cyrillic letters (lowercase, without ь ъ), apart at spaces, hyphens and middle dots;
  // anything else is not read.
  std::vector<std::u32string> words(1);
  for (char32_t c : FoldCyrillic(text::CodePoints(text))) {
    if (c == U' ' || c == U'-' || c == U'\u2010' || c == U'\u00B7') {
      if (!words.back().empty()) words.emplace_back();
      continue;
    }
    if (c < 0x430 || c > 0x45F) return {};
    words.back().push_back(c);
  }
  return DecodeSpelled(std::move(words), cyrillic_, /*both_forms=*/true, options);
}

std::vector<DecodedName> Decoder::DecodeSpelled(std::vector<std::u32string> words,
                                                const SpelledSyllables& spellings, bool both_forms,
                                                const DecodeOptions& options) const {
  while (!words.empty() && words.back().empty()) words.pop_back();
  if (words.empty()) return {};
  const size_t beam = static_cast<size_t>(std::max(options.beam, options.max_results)) * 4;
  constexpr size_t kNoSyllableLimit = std::numeric_limits<size_t>::max();
  constexpr size_t kNoGivenStart = std::numeric_limits<size_t>::max();
  // The surnames of the table have one or two syllables (TwoSyllableSurnames).
  constexpr size_t kMaxSurnameSyllables = 2;

  // The readings of `word`: runs of its letters spelled by one syllable each (`spellings`), each
  // syllable at its spelling's cost there (the word's first at `first`, the one at `given_start`
  // as a given name's first, the others inside a word, after a stop tail or not) plus
  // `cost(syllable, index)`, the `keep` cheapest per position, of at most `max_syllables`
  // syllables.
  auto read = [&](const std::u32string& word, SpellingPlace first, size_t given_start, size_t keep,
                  size_t max_syllables, auto&& cost) {
    auto place_of = [&](const std::u32string& before) {
      if (before.empty()) return first;
      if (before.size() == given_start) return SpellingPlace::kGivenStart;
      const Tail tail = Decompose(before.back()).tail;
      return tail == Tail::kG || tail == Tail::kB || tail == Tail::kS ? SpellingPlace::kAfterStop
                                                                       : SpellingPlace::kInside;
    };
    std::vector<std::vector<ScriptPath>> at(word.size() + 1);
    at[0].push_back({});
    for (size_t i = 0; i < word.size(); ++i) {
      if (at[i].empty()) continue;
      KeepCheapest(&at[i], keep);
      for (size_t n = 1; n <= spellings.longest() && i + n <= word.size(); ++n) {
        for (const SpelledSyllable& spelled : spellings.Of(std::u32string_view(word).substr(i, n))) {
          const char32_t syllable = spelled.syllable;
          for (const ScriptPath& p : at[i]) {
            if (p.hangul.size() >= max_syllables) continue;
            const double spelling =
                spelled.cost[static_cast<size_t>(place_of(p.hangul))];
            if (std::isinf(spelling)) continue;
            ScriptPath next = p;
            next.cost += spelling + cost(syllable, p.hangul.size());
            next.spelling += spelling;
            next.hangul.push_back(syllable);
            at[i + n].push_back(std::move(next));
            // The press writes names as they sound (윤석열 ユン・ソンニョル, 차은우 チャ・ウヌ, 신라
            // Силла): the syllables before and after the junction read also as every pair that
            // sounds so.
            if (p.hangul.empty() || !IsSyllable(p.hangul.back())) continue;
            const char32_t last = p.hangul.back();
            const Syllable before = Decompose(last);
            const Syllable after = Decompose(syllable);
            const size_t index = p.hangul.size() - 1;
            for (const Junction& j : JunctionsSoundingAs(before.tail, after.lead, after.vowel)) {
              if (j.tail == before.tail && j.lead == after.lead) continue;  // As written: above.
              const char32_t first_syllable = Compose({before.lead, before.vowel, j.tail});
              const char32_t second = Compose({j.lead, after.vowel, after.tail});
              ScriptPath heard = p;
              heard.hangul.back() = first_syllable;
              heard.hangul.push_back(second);
              heard.cost += spelling + j.cost + cost(first_syllable, index) - cost(last, index) +
                            cost(second, index + 1);
              heard.spelling += spelling + j.cost;
              at[i + n].push_back(std::move(heard));
            }
          }
        }
      }
    }
    KeepCheapest(&at.back(), keep);
    return at.back();
  };

  std::vector<ScriptPath> readings;
  if (options.kind == StringKind::kPerson) {
    auto given_syllable = [&](char32_t syllable, size_t at) {
      return priors_.SyllableCost(syllable, Position::kGiven, static_cast<int>(at));
    };
    // The surname: the first word when there are several (キム・ヨジョン), else the first one or two
    // syllables of the one word; costed by the table (either Korea's form), the given name as a
    // whole name.
    auto surname_cost = [&](std::u32string_view hangul) {
      float cost = 0;
      return priors_.SurnameCost(hangul, &cost) ? static_cast<double>(cost)
                                                : std::numeric_limits<double>::infinity();
    };
    if (words.size() >= 2) {
      std::u32string given;
      for (size_t w = 1; w < words.size(); ++w) given += words[w];
      // A surname has one or two syllables: a longer first word is none, and the readings of
      // more syllables, which no surname has, are not made (all readings are kept here: the
      // fuzzer's 32 s for 20 kana, 2.5 s for 8).
      if (words[0].size() > kMaxSurnameSyllables * spellings.longest()) return {};
      std::vector<ScriptPath> surnames =
          read(words[0], SpellingPlace::kWordStart, kNoGivenStart,
               std::numeric_limits<size_t>::max(), kMaxSurnameSyllables, NoCost);
      if (both_forms) {
        // Each reading in the forms of both Koreas (Ли: 이 and 리), weighed below with the given
        // name by the populations that write each form.
        std::vector<ScriptPath> forms;
        for (const ScriptPath& s : surnames) {
          ForEachForm(s.hangul[0], 0.0f, 0.0f, [&](char32_t form, float) {
            ScriptPath f = s;
            f.hangul[0] = form;
            forms.push_back(std::move(f));
          });
        }
        surnames = std::move(forms);
      }
      for (ScriptPath& s : surnames) s.cost += surname_cost(s.hangul);
      KeepCheapest(&surnames, beam);
      std::vector<ScriptPath> givens = read(given, SpellingPlace::kGivenStart, kNoGivenStart, beam,
                                            kNoSyllableLimit, given_syllable);
      std::vector<std::array<double, kPopulations>> given_p;
      for (const ScriptPath& g : givens) given_p.push_back(priors_.GivenNameProbabilities(g.hangul));
      for (const ScriptPath& s : surnames) {
        // P(given name | the surname's form): the mixture over the populations that write the
        // form (the North's 리 only its own, the South's 이 the others: Ли Соль Чжу is 리설주, Ли
        // Мён Бак 이명박), as the Latin reader weighs a style's populations; every population for
        // a surname both write alike, and wherever the script tells the forms apart (kana: リ, イ).
        const PriorModel::SurnameForm form =
            both_forms ? priors_.FormOf(s.hangul) : PriorModel::SurnameForm::kOnly;
        std::array<double, kPopulations> weight = population_;
        for (int k = 0; k < kPopulations; ++k) {
          const bool dprk = k == kDprkPopulation;
          if ((form == PriorModel::SurnameForm::kNorth && !dprk) ||
              (form == PriorModel::SurnameForm::kSouth && dprk)) {
            weight[static_cast<size_t>(k)] = 0;
          }
        }
        for (size_t i = 0; i < givens.size(); ++i) {
          double p = 0;
          for (int k = 0; k < kPopulations; ++k) {
            p += weight[static_cast<size_t>(k)] * given_p[i][static_cast<size_t>(k)];
          }
          readings.push_back({s.hangul + givens[i].hangul,
                              s.cost + givens[i].spelling - std::log(std::max(p, 1e-300))});
        }
      }
    } else {
      // The given name's first syllable taken as the second (most surnames have one).
      for (const ScriptPath& r : read(words[0], SpellingPlace::kWordStart, 1, beam * 4,
                                      kNoSyllableLimit, [&](char32_t syllable, size_t at) {
             return at == 0 ? 0.0 : given_syllable(syllable, at - 1);
           })) {
        const size_t length = std::max<size_t>(
            1, priors_.two_syllable_surnames().SurnameLength(r.hangul));
        if (length >= r.hangul.size()) continue;
        const std::u32string_view whole(r.hangul);
        readings.push_back({r.hangul, r.spelling + surname_cost(whole.substr(0, length)) +
                                          priors_.GivenNameCost(whole.substr(length))});
      }
    }
  } else {
    const Position position =
        options.kind == StringKind::kPlace ? Position::kPlace : Position::kText;
    readings = {ScriptPath{}};
    for (const std::u32string& word : words) {
      AppendWord(read(word, SpellingPlace::kWordStart, kNoGivenStart, beam, kNoSyllableLimit,
                      [&](char32_t syllable, size_t at) {
                        return priors_.SyllableCost(syllable, position, static_cast<int>(at));
                      }),
                 U' ', beam, &readings);
    }
  }
  return Shares(std::move(readings), options.max_results);
}

}  // namespace irum::hangul
