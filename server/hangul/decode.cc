#include "server/hangul/decode.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "absl/strings/match.h"
#include "server/hangul/cyrillic.h"
#include "server/hangul/hanja.h"
#include "server/hangul/kana.h"
#include "server/hangul/lattice.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// Costs of the less usual forms of a person's name, -ln of how much rarer they are taken to be
// than "Surname Given-name". Hand-set, not measured: the real names the model is fitted on are
// all written surname first, apart (the catalog's aliases put the surname last 3 times in 1675,
// too few to fit these).
constexpr float kSurnameLastCost = 1.2f;  // "Yo-jong Kim".
constexpr float kOneWordCost = 0.5f;      // "Kimyojong": surname and given name in one word.
constexpr float kGivenNameAloneCost = 1.0f;  // "Yojong".
// A chunk reads as a jamo in the lattice when its probability reaches this in some style: rarer
// spellings cost more than they are worth (a wider lattice, and readings nobody writes).
constexpr double kMinChunkProbability = 1e-2;

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
    fold(priors_.two_syllable_surnames().SurnameLength(syllables));
  } else {
    for (size_t start : word_starts) fold(start);
  }
  return ToUtf8(syllables);
}

Decoder::Decoder(const std::vector<Surname>& surnames, const NamePriors& priors,
                 const std::vector<std::pair<std::string, std::string>>& place_generics)
    : model_(priors.model),
      priors_(surnames, priors.syllables, priors.given_names, priors.model.mix,
              priors.model.whole_name, priors.surname_spellings, priors.model.dprk_backoff),
      spelling_(priors.spelling, priors.model.style, priors.model.place_style,
                kMinChunkProbability),
      hanja_(priors.hanja),
      kana_(KanaSpellings()),
      cyrillic_(CyrillicSpellings()) {
  for (const auto& [english, hangul] : place_generics) {
    place_generics_[english] = text::CodePoints(hangul);
  }
  const double north_share = std::clamp(priors_.mix()[kDprkPopulation], 1e-6, 1 - 1e-6);
  hanja_north_cost_ = static_cast<float>(-std::log(north_share));
  hanja_south_cost_ = static_cast<float>(-std::log(1 - north_share));
  for (int s = 0; s < kStyles; ++s) {
    double sum = 0;
    for (double p : priors.model.population[s]) sum += p;
    for (int k = 0; k < kPopulations; ++k) {
      population_by_style_[s][k] =
          sum > 0 ? priors.model.population[s][k] / sum : priors_.mix()[k];
    }
    const double north = std::clamp(population_by_style_[s][kDprkPopulation], 1e-6, 1 - 1e-6);
    north_form_cost_[s] = static_cast<float>(-std::log(north));
    south_form_cost_[s] = static_cast<float>(-std::log(1 - north));
  }
}

double Decoder::KoreanShare(double nats_per_letter) const {
  const std::vector<std::pair<double, double>>& q = model_.korean_quantiles;  // (level, value)
  if (q.empty()) return 1.0;
  if (nats_per_letter <= q.front().second) {
    // Below the lowest quantile: from all names (cost 0) to 1 - its level.
    const double t = q.front().second > 0 ? nats_per_letter / q.front().second : 1.0;
    return 1.0 - std::max(0.0, t) * q.front().first;
  }
  for (size_t i = 1; i < q.size(); ++i) {
    if (nats_per_letter <= q[i].second) {
      const double span = q[i].second - q[i - 1].second;
      const double t = span > 0 ? (nats_per_letter - q[i - 1].second) / span : 1.0;
      return 1.0 - (q[i - 1].first + t * (q[i].first - q[i - 1].first));
    }
  }
  return 1.0 - q.back().first;
}

std::array<float, kStyles> Decoder::StyledGivenNameCosts(std::u32string_view given) const {
  const std::array<double, kPopulations> p = priors_.GivenNameProbabilities(given);
  std::array<float, kStyles> out;
  for (int s = 0; s < kStyles; ++s) {
    double mixed = 0;
    for (int k = 0; k < kPopulations; ++k) mixed += population_by_style_[s][k] * p[k];
    out[s] = static_cast<float>(-std::log(std::max(mixed, 1e-300)));
  }
  return out;
}

std::array<float, kStyles> Decoder::SurnameFormCosts(std::u32string_view surname) const {
  switch (priors_.FormOf(surname)) {
    case PriorModel::SurnameForm::kNorth: return north_form_cost_;
    case PriorModel::SurnameForm::kSouth: return south_form_cost_;
    default: return {};
  }
}

std::vector<DecodedName> Decoder::Decode(absl::string_view latin,
                                         const DecodeOptions& options) const {
  if (!text::IsAscii(latin)) {  // Other scripts than Latin; most queries have none.
    if (std::optional<std::vector<DecodedName>> mixed = DecodeMixed(latin, options)) {
      return *std::move(mixed);
    }
    if (HasKana(latin)) return DecodeKana(latin, options);
    if (HasCyrillic(latin)) return DecodeCyrillic(latin, options);
    if (HasHanja(latin)) return DecodeHanja(latin, options);
  }
  const int beam = options.beam;
  std::vector<LatinWord> words = SplitLatinWords(latin);
  if (words.empty()) return {};
  for (const LatinWord& w : words) {
    if (w.unreadable) return {};
  }
  const std::array<float, kStyles>& style = options.kind == StringKind::kPerson
                                                ? spelling_.person_style_costs()
                                                : spelling_.place_style_costs();

  // Readings of the whole query: Hangul, prior cost, spelling cost per style (the name's style is
  // summed over at the end), whether the surname came last.
  struct Reading {
    Reading(HangulText h, double p, const std::array<float, kStyles>& s, bool last,
            const std::array<float, kStyles>& style)
        : hangul(std::move(h)), prior(p), spell(s), surname_last(last),
          total(p + SpellingModel::CostOverStyles(s, style)) {}
    HangulText hangul;
    double prior;
    std::array<float, kStyles> spell;
    bool surname_last;
    double total;  // prior + the spelling's cost over the styles.
  };
  std::vector<Reading> readings;
  readings.reserve(128);  // A person: 2 orders x 4 surnames x 12 given names, and a few more.
  HangulText generic_suffix;  // Places: the Hangul of English generic words (강 for River).

  if (options.kind == StringKind::kPerson) {
    // The cost of spelling a surname `letters`, its form (North or South) weighed by the style.
    auto surname_spell = [&](std::u32string_view surname, const std::string& letters) {
      std::array<float, kStyles> cost = spelling_.SpellCost(surname, letters, true);
      const std::array<float, kStyles> form = SurnameFormCosts(surname);
      for (int s = 0; s < kStyles; ++s) cost[s] += form[s];
      return cost;
    };
    for (const LatinWord& w : words) {
      if (!w.hangul.empty() && IsDigit(w.hangul.back())) return {};  // No numbers in names.
    }
    // Surname readings of a word: the table's (their cost is a prior: the table knows the
    // spellings), else the word decoded at a cost.
    auto surnames_of = [&](const LatinWord& word) {
      std::vector<WordReading> out;
      if (!word.hangul.empty()) {
        // A surname in Hangul: at its share, as a spelled one (unlisted: one syllable, as likely
        // as unlisted surnames are times its syllable's frequency in names), its form (리 or 이)
        // weighed by the style of the name's other words.
        const HangulText hangul(word.hangul.begin(), word.hangul.end());
        float cost = 0;
        if (!priors_.SurnameCost(View(hangul), &cost)) {
          if (hangul.size() != 1) return out;
          cost = priors_.unknown_surname_cost() +
                 static_cast<float>(priors_.SyllableCost(hangul[0], Position::kGiven, 0));
        }
        out.push_back({hangul, cost, SurnameFormCosts(View(hangul))});
        return out;
      }
      std::string symbols;
      for (const std::string& p : word.pieces) symbols += p;
      for (const SurnameReading& s : priors_.SurnamesSpelled(word.Joined())) {
        out.push_back({HangulText(s.syllables.begin(), s.syllables.end()),
                       static_cast<float>(s.cost),
                       surname_spell(s.syllables, symbols)});
      }
      // A spelling the table does not list: a listed surname at its share, spelled as the
      // spelling model says surnames are; else an unlisted one-syllable surname, as likely as
      // unlisted surnames are, times its syllable's frequency in names. Not a hyphenated word
      // (two syllables at least, and every two-syllable surname is listed) nor one longer than
      // any listed spelling.
      if (out.empty() && word.pieces.size() == 1 &&
          symbols.size() <= priors_.longest_surname_spelling()) {
        for (WordReading c : ReadWord(word, Position::kGiven, 4, style, spelling_, priors_)) {
          float known = 0;
          if (priors_.SurnameCost(View(c.hangul), &known)) {
            c.prior = known;
            c.spell = surname_spell(View(c.hangul), symbols);
          } else if (c.hangul.size() == 1) {
            c.prior += priors_.unknown_surname_cost();
          } else {
            continue;
          }
          out.push_back(c);
        }
      }
      if (out.size() > 4) out.resize(4);
      return out;
    };
    auto given_of = [&](const std::vector<LatinWord>& given_words) {
      LatinWord joined;
      for (const LatinWord& w : given_words) {
        if (!w.hangul.empty()) {
          joined.hangul += w.hangul;
        } else {
          joined.pieces.insert(joined.pieces.end(), w.pieces.begin(), w.pieces.end());
        }
      }
      if (!joined.hangul.empty() && !joined.pieces.empty()) return std::vector<WordReading>{};
      return ReadWord(joined, Position::kGiven, beam, style, spelling_, priors_);
    };
    // A surname with the readings of the given name; none when the given name has no reading.
    // The given name's prior depends on the style: its populations weighed by P(population |
    // style) (a name in the North's press style is likelier a North Korean's), added to the
    // style's spelling cost before the styles are summed over.
    // `read_given` is only called when there is a surname: a word that spells none (Sung-Jun)
    // leaves its order unread.
    auto combine = [&](const std::vector<WordReading>& surnames, auto&& read_given, double extra,
                       bool surname_last) {
      if (surnames.empty()) return;
      const std::vector<WordReading> given = read_given();
      for (size_t g = 0; g < given.size() && g < 12; ++g) {
        const std::array<float, kStyles> given_cost = StyledGivenNameCosts(View(given[g].hangul));
        for (const WordReading& sn : surnames) {
          std::array<float, kStyles> spell;
          for (int s = 0; s < kStyles; ++s) {
            spell[s] = sn.spell[s] + given[g].spell[s] + given_cost[s];
          }
          HangulText hangul = sn.hangul;
          hangul.insert(hangul.end(), given[g].hangul.begin(), given[g].hangul.end());
          readings.emplace_back(std::move(hangul), sn.prior + extra, spell, surname_last, style);
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
      std::vector<LatinWord> surname_words(words.begin(), words.begin() + comma + 1);
      LatinWord surname;
      for (const LatinWord& w : surname_words) {
        surname.pieces.insert(surname.pieces.end(), w.pieces.begin(), w.pieces.end());
        surname.hangul += w.hangul;
      }
      combine(surnames_of(surname),
              [&] { return given_of({words.begin() + comma + 1, words.end()}); }, 0, false);
    } else if (words.size() >= 2) {
      // One word in capitals among words in lowercase is the surname, first or last ("SHIN
      // Dong-bin", "Dong-bin SHIN"): the official style's own mark. Else both orders.
      const bool first_caps = words.front().AllCaps(), last_caps = words.back().AllCaps();
      const bool mixed = std::any_of(words.begin(), words.end(), [](const LatinWord& w) {
        return w.has_lowercase;
      });
      const bool only_first = mixed && first_caps && !last_caps;
      const bool only_last = mixed && last_caps && !first_caps;
      auto surname_first = [&] {
        combine(surnames_of(words.front()),
                [&] { return given_of({words.begin() + 1, words.end()}); }, 0, false);
      };
      auto surname_last = [&](double cost) {
        combine(surnames_of(words.back()),
                [&] { return given_of({words.begin(), words.end() - 1}); }, cost, true);
      };
      if (only_first) {
        surname_first();
        if (readings.empty()) surname_last(kSurnameLastCost);  // The capitals' order reads not.
      } else if (only_last) {
        surname_last(0);
        if (readings.empty()) surname_first();
      } else {
        surname_first();
        surname_last(kSurnameLastCost);
      }
    } else if (!words[0].hangul.empty()) {
      readings.emplace_back(HangulText(words[0].hangul.begin(), words[0].hangul.end()), 0,
                            std::array<float, kStyles>{}, false, style);
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
      for (size_t cut = 1; cut < joined.size() && cut <= priors_.longest_surname_spelling();
           ++cut) {
        const std::vector<SurnameReading>& surnames =
            priors_.SurnamesSpelled(joined.substr(0, cut));
        if (surnames.empty()) continue;
        LatinWord rest;
        rest.pieces.push_back(symbols.substr(cut));
        std::vector<WordReading> sn;
        for (const SurnameReading& s : surnames) {
          sn.push_back({HangulText(s.syllables.begin(), s.syllables.end()),
                        static_cast<float>(s.cost),
                        surname_spell(s.syllables, symbols.substr(0, cut))});
        }
        auto read_rest = [&] {
          return ReadWord(rest, Position::kGiven, beam, style, spelling_, priors_);
        };
        combine(sn, read_rest, kOneWordCost, false);
      }
      // A given name alone, its prior by style as above.
      for (const WordReading& c :
           ReadWord(words[0], Position::kGiven, beam, style, spelling_, priors_)) {
        const std::array<float, kStyles> given_cost = StyledGivenNameCosts(View(c.hangul));
        std::array<float, kStyles> spell;
        for (int s = 0; s < kStyles; ++s) spell[s] = c.spell[s] + given_cost[s];
        readings.emplace_back(c.hangul, kGivenNameAloneCost, spell, false, style);
      }
      // A surname alone ("Kim").
      for (const SurnameReading& s : priors_.SurnamesSpelled(joined)) {
        readings.emplace_back(HangulText(s.syllables.begin(), s.syllables.end()), s.cost,
                              surname_spell(s.syllables, symbols), false, style);
      }
    }
  } else {
    // Places and text: each word on its own; the readings of the query are the best products,
    // the words' spellings adding style by style.
    const Position position =
        options.kind == StringKind::kPlace ? Position::kPlace : Position::kText;
    // English generic words of places: dropped, their Hangul appended (Kaesong City -> 개성시).
    if (options.kind == StringKind::kPlace && words.size() >= 2) {
      std::vector<LatinWord> named;
      for (const LatinWord& word : words) {
        auto it = word.hangul.empty() ? place_generics_.find(word.Joined()) : place_generics_.end();
        if (it != place_generics_.end()) {
          generic_suffix.insert(generic_suffix.end(), it->second.begin(), it->second.end());
        } else {
          named.push_back(word);
        }
      }
      if (named.empty()) return {};
      words = std::move(named);
    }
    for (size_t w = 0; w < words.size(); ++w) {
      std::vector<WordReading> candidates =
          ReadWord(words[w], position, beam, style, spelling_, priors_);
      if (candidates.empty()) return {};
      if (w == 0) {
        for (WordReading& c : candidates) {
          readings.emplace_back(std::move(c.hangul), c.prior, c.spell, false, style);
        }
        continue;
      }
      // Words joined by a space, or by the middle dot the query wrote (불로·봉무동, 2·3가).
      const char32_t separator = words[w - 1].dot_after ? U'\u00B7' : U' ';
      std::vector<Reading> next;
      next.reserve(readings.size() * candidates.size());
      for (const Reading& r : readings) {
        for (const WordReading& c : candidates) {
          HangulText h = r.hangul;
          h.push_back(separator);
          h.insert(h.end(), c.hangul.begin(), c.hangul.end());
          std::array<float, kStyles> spell;
          for (int k = 0; k < kStyles; ++k) spell[k] = r.spell[k] + c.spell[k];
          next.emplace_back(std::move(h), r.prior + c.prior, spell, false, style);
        }
      }
      std::sort(next.begin(), next.end(),
                [](const Reading& a, const Reading& b) { return a.total < b.total; });
      if (next.size() > static_cast<size_t>(beam)) next.erase(next.begin() + beam, next.end());
      readings = std::move(next);
    }
  }
  if (readings.empty()) return {};
  if (!generic_suffix.empty()) {
    for (Reading& r : readings) {
      r.hangul.insert(r.hangul.end(), generic_suffix.begin(), generic_suffix.end());
    }
  }

  // Best cost per Hangul; scores as shares of the total weight.
  std::vector<std::pair<double, const Reading*>> sorted;
  sorted.reserve(readings.size());
  for (const Reading& r : readings) {
    if (!std::isinf(r.total)) sorted.push_back({r.total, &r});
  }
  if (sorted.empty()) return {};
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.first < b.first || (a.first == b.first && a.second->hangul < b.second->hangul);
  });
  // The cheapest reading of each Hangul.
  absl::flat_hash_set<std::u32string_view> seen;
  seen.reserve(sorted.size());
  size_t kept = 0;
  for (const auto& entry : sorted) {
    if (seen.insert(View(entry.second->hangul)).second) sorted[kept++] = entry;
  }
  sorted.resize(kept);
  const double floor = sorted.front().first;
  double total = 0;
  for (const auto& [cost, r] : sorted) total += std::exp(-(cost - floor));
  std::vector<DecodedName> out;
  out.reserve(std::min(sorted.size(), static_cast<size_t>(options.max_results)));
  for (size_t i = 0; i < sorted.size() && static_cast<int>(i) < options.max_results; ++i) {
    DecodedName d;
    d.hangul = ToUtf8(View(sorted[i].second->hangul));
    d.cost = sorted[i].first;
    d.score = std::exp(-(sorted[i].first - floor)) / total;
    d.surname_last = sorted[i].second->surname_last;
    out.push_back(std::move(d));
  }
  return out;
}

namespace {

// A reading of a name in another script (Hanja, kana), whole or partial: its syllables and cost.
struct ScriptPath {
  std::u32string hangul;
  double cost = 0;
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
  // The surnames of the table have one or two syllables (TwoSyllableSurnames).
  constexpr size_t kMaxSurnameSyllables = 2;

  // The readings of `word`: runs of its letters spelled by one syllable each (`spellings`), each
  // syllable at `cost(syllable, index)`, the `keep` cheapest per position, of at most
  // `max_syllables` syllables.
  auto read = [&](const std::u32string& word, size_t keep, size_t max_syllables, auto&& cost) {
    std::vector<std::vector<ScriptPath>> at(word.size() + 1);
    at[0].push_back({});
    for (size_t i = 0; i < word.size(); ++i) {
      if (at[i].empty()) continue;
      KeepCheapest(&at[i], keep);
      for (size_t n = 1; n <= spellings.longest() && i + n <= word.size(); ++n) {
        for (char32_t syllable : spellings.Of(std::u32string_view(word).substr(i, n))) {
          for (const ScriptPath& p : at[i]) {
            if (p.hangul.size() >= max_syllables) continue;
            ScriptPath next = p;
            next.cost += cost(syllable, p.hangul.size());
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
              const char32_t first = Compose({before.lead, before.vowel, j.tail});
              const char32_t second = Compose({j.lead, after.vowel, after.tail});
              ScriptPath heard = p;
              heard.hangul.back() = first;
              heard.hangul.push_back(second);
              heard.cost += j.cost + cost(first, index) - cost(last, index) + cost(second, index + 1);
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
          read(words[0], std::numeric_limits<size_t>::max(), kMaxSurnameSyllables, NoCost);
      if (both_forms) {
        // Each reading in the forms of both Koreas (Ли: 이 and 리), at the forms' costs.
        std::vector<ScriptPath> forms;
        for (const ScriptPath& s : surnames) {
          ForEachForm(s.hangul[0], hanja_south_cost_, hanja_north_cost_,
                      [&](char32_t form, float form_cost) {
                        ScriptPath f = s;
                        f.hangul[0] = form;
                        f.cost += form_cost;
                        forms.push_back(std::move(f));
                      });
        }
        surnames = std::move(forms);
      }
      for (ScriptPath& s : surnames) s.cost += surname_cost(s.hangul);
      KeepCheapest(&surnames, beam);
      std::vector<ScriptPath> givens = read(given, beam, kNoSyllableLimit, given_syllable);
      for (ScriptPath& g : givens) g.cost = priors_.GivenNameCost(g.hangul);
      for (const ScriptPath& s : surnames) {
        for (const ScriptPath& g : givens) readings.push_back({s.hangul + g.hangul, s.cost + g.cost});
      }
    } else {
      for (const ScriptPath& r : read(words[0], beam * 4, kNoSyllableLimit,
                                      [&](char32_t syllable, size_t at) {
             return at == 0 ? 0.0 : given_syllable(syllable, at - 1);
           })) {
        const size_t length = std::max<size_t>(
            1, priors_.two_syllable_surnames().SurnameLength(r.hangul));
        if (length >= r.hangul.size()) continue;
        const std::u32string_view whole(r.hangul);
        readings.push_back({r.hangul, surname_cost(whole.substr(0, length)) +
                                          priors_.GivenNameCost(whole.substr(length))});
      }
    }
  } else {
    const Position position =
        options.kind == StringKind::kPlace ? Position::kPlace : Position::kText;
    readings = {ScriptPath{}};
    for (const std::u32string& word : words) {
      AppendWord(read(word, beam, kNoSyllableLimit,
                      [&](char32_t syllable, size_t at) {
                        return priors_.SyllableCost(syllable, position, static_cast<int>(at));
                      }),
                 U' ', beam, &readings);
    }
  }
  return Shares(std::move(readings), options.max_results);
}

}  // namespace irum::hangul
