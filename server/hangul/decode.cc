#include "server/hangul/decode.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

#include "absl/container/inlined_vector.h"
#include "server/hangul/cyrillic.h"
#include "server/hangul/hanja.h"
#include "server/hangul/kana.h"
#include "server/hangul/lattice.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// Costs of the less usual forms of a person's name, -ln of how much rarer they are taken to be
// than "Surname Given-name" (a surname written last costs what NameModel::surname_last says).
// Hand-set, not measured: no spelling the model is fitted on is written so.
constexpr float kOneWordCost = 0.5f;      // "Kimyojong": surname and given name in one word.
constexpr float kGivenNameAloneCost = 1.0f;  // "Yojong".
// A chunk reads as a jamo in the lattice when its probability reaches this in some style: rarer
// spellings cost more than they are worth (a wider lattice, and readings nobody writes).
constexpr double kMinChunkProbability = 1e-2;
// A name no such chunk spells (Kim Gunn, Lee Joung-binn) is read again with every chunk the fit
// gave more than its smoothing floor: the table's context-free rows number 231 at
// 1e-2, 296 at 1e-3 and 460 at 1e-4 and at 1e-5 alike (the floor is below 1e-5).
constexpr double kRareChunkProbability = 1e-4;
// A given name's word whose best reading costs more than this per letter (-ln P of its prior and
// spelling) is read again with the rare chunks too: ad-hoc spellings one letter off the usual
// ones ("Jiewon", "Kihl-jae", "O-kie" cost 2.4 to 7.7; the usual readings of real names mostly 1
// to 2). Chosen on the decoder's 5-fold cross-validation (scripts/fit-name-model --decoder-cv
// 2.0), so those figures flatter it a little: at 1.75, 2.0, 2.5 and never, top-1 922, 922, 921
// and 913 of 1,045 real names, top-5 1,013, 1,013, 1,011 and 1,001; the higher, the fewer words
// pay for a second lattice.
constexpr double kRetryCostPerLetter = 2.0;
// SpellingModel::SpellCost's cost when no cut fits (-ln of its floor, 1e-12, is 27.6), less a
// margin: a surname spelling the usual chunks cannot cut is costed by the rare ones.
constexpr float kNoSpelling = 27.0f;

}  // namespace

std::string Decoder::OrthographyKey(absl::string_view hangul, StringKind kind) const {
  // Resolve keys every reading it finds: held inline, one allocation (the key) per call.
  absl::InlinedVector<char32_t, 16> syllables;
  absl::InlinedVector<uint32_t, 4> word_starts;
  bool at_word_start = true;
  for (size_t i = 0; i < hangul.size();) {
    const char32_t c = text::NextCodePoint(hangul, &i);
    if (!IsSyllable(c)) {
      at_word_start = true;
      continue;
    }
    if (at_word_start) word_starts.push_back(static_cast<uint32_t>(syllables.size()));
    at_word_start = false;
    syllables.push_back(c);
  }
  auto fold = [&syllables](size_t i) {
    if (i < syllables.size()) syllables[i] = Compose(WithInitialSoundRule(Decompose(syllables[i])));
  };
  if (kind == StringKind::kPerson) {
    fold(0);
    fold(priors_.two_syllable_surnames().SurnameLength(
        std::u32string_view(syllables.data(), syllables.size())));
  } else {
    for (uint32_t start : word_starts) fold(start);
  }
  return ToUtf8(std::u32string_view(syllables.data(), syllables.size()));
}

Decoder::Decoder(const std::vector<Surname>& surnames, const NamePriors& priors,
                 const std::vector<std::pair<std::string, std::string>>& place_generics)
    : model_(priors.model),
      priors_(surnames, priors.syllables, priors.given_names, priors.model.mix,
              priors.model.whole_name, priors.surname_spellings, priors.model.dprk_backoff,
              priors.model.given_length, priors.model.syllable_backoff),
      spelling_(priors.spelling, priors.model.style, priors.model.place_style,
                kMinChunkProbability),
      rare_spelling_(priors.spelling, priors.model.style, priors.model.place_style,
                     kRareChunkProbability),
      hanja_(priors.hanja),
      kana_(KanaSpellings(priors.model.kana)),
      cyrillic_(CyrillicSpellings(priors.model.cyrillic)) {
  for (const auto& [english, hangul] : place_generics) {
    place_generics_[english] = text::CodePoints(hangul);
  }
  for (const auto& [spelling, readings] : priors_.listed_surname_spellings()) {
    std::vector<SurnameSpellCosts>& costs = surname_spell_costs_[spelling];
    for (const SurnameReading& r : readings) {
      costs.push_back({spelling_.SpellCost(r.syllables, spelling, true),
                       rare_spelling_.SpellCost(r.syllables, spelling, true)});
    }
  }
  for (int s = 0; s < kStyles; ++s) {
    double sum = 0;
    for (double p : priors.model.population[s]) sum += p;
    for (int korea = 0; korea < kKoreas; ++korea) {
      std::array<double, kPopulations>& of_korea = population_by_style_[korea][s];
      double kept = 0;
      for (int k = 0; k < kPopulations; ++k) {
        const bool north = k == kDprkPopulation;
        if ((korea == static_cast<int>(Korea::kNorth) && !north) ||
            (korea == static_cast<int>(Korea::kSouth) && north)) {
          continue;  // Not that Korea's people: 0.
        }
        of_korea[k] = sum > 0 ? priors.model.population[s][k] / sum : priors_.mix()[k];
        kept += of_korea[k];
      }
      const double north =
          std::clamp(kept > 0 ? of_korea[kDprkPopulation] / kept : 0.0, 1e-6, 1 - 1e-6);
      north_form_cost_[korea][s] = static_cast<float>(-std::log(north));
      south_form_cost_[korea][s] = static_cast<float>(-std::log(1 - north));
    }
  }
  // Whatever the style: its rows (all Koreas) weighed by P(style).
  double styles = 0;
  for (double p : priors.model.style) styles += p;
  for (int s = 0; s < kStyles; ++s) {
    const double p_style = styles > 0 ? priors.model.style[s] / styles : 1.0 / kStyles;
    for (int k = 0; k < kPopulations; ++k) {
      population_[k] += p_style * population_by_style_[static_cast<int>(Korea::kUnknown)][s][k];
    }
  }
  const double north_share = std::clamp(population_[kDprkPopulation], 1e-6, 1 - 1e-6);
  hanja_north_cost_ = static_cast<float>(-std::log(north_share));
  hanja_south_cost_ = static_cast<float>(-std::log(1 - north_share));
  const double last = std::clamp(priors.model.surname_last, 1e-6, 1 - 1e-6);
  surname_last_cost_ = static_cast<float>(std::log((1 - last) / last));
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

std::array<float, kStyles> Decoder::StyledGivenNameCosts(
    const std::array<double, kPopulations>& p, Korea korea) const {
  const auto& population = population_by_style_[static_cast<int>(korea)];
  std::array<float, kStyles> out;
  for (int s = 0; s < kStyles; ++s) {
    double mixed = 0;
    for (int k = 0; k < kPopulations; ++k) mixed += population[s][k] * p[k];
    out[s] = static_cast<float>(-std::log(std::max(mixed, 1e-300)));
  }
  return out;
}

std::array<float, kStyles> Decoder::SurnameFormCosts(std::u32string_view surname,
                                                     Korea korea) const {
  switch (priors_.FormOf(surname)) {
    case PriorModel::SurnameForm::kNorth: return north_form_cost_[static_cast<int>(korea)];
    case PriorModel::SurnameForm::kSouth: return south_form_cost_[static_cast<int>(korea)];
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
  return DecodeLatin(latin, options);
}

std::vector<DecodedName> Decoder::DecodeLatin(absl::string_view latin,
                                              const DecodeOptions& options) const {
  const Beam beam(options.beam, options.beam_margin);
  std::vector<LatinWord> words = SplitLatinWords(latin);
  if (words.empty()) return {};
  for (const LatinWord& w : words) {
    if (w.unreadable) return {};
  }
  const std::array<float, kStyles>& style = options.kind == StringKind::kPerson
                                                ? spelling_.person_style_costs()
                                                : spelling_.place_style_costs();
  // A word read by the usual spellings, else (when the options allow) by the rare ones too: the
  // two models cost a chunk alike, so their readings rank together. `retry`: also when its best
  // reading costs more than kRetryCostPerLetter per letter (a given name behind a surname: an
  // ad-hoc spelling is likelier there than in a word that may not be a name at all).
  auto read = [&](const LatinWord& word, Position position, Beam width, bool retry = false) {
    std::vector<WordReading> out = ReadWord(word, position, width, style, spelling_, priors_);
    if (!options.rare_spellings) return out;
    bool again = out.empty();
    if (!again && retry) {
      size_t letters = 0;
      for (const std::string& p : word.pieces) letters += p.size();
      const WordReading& best = out.front();
      again = best.prior + SpellingModel::CostOverStyles(best.spell, style) >
              kRetryCostPerLetter * static_cast<double>(letters);
    }
    if (again) out = ReadWord(word, position, width, style, rare_spelling_, priors_);
    return out;
  };

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
  // Reused by this thread from call to call (no allocation once warm; DecodeLatin does not call
  // itself).
  thread_local std::vector<Reading> readings;
  readings.clear();
  readings.reserve(128);  // A person: 2 orders x 4 surnames x 12 given names, and a few more.
  HangulText generic_suffix;  // Places: the Hangul of English generic words (강 for River).

  if (options.kind == StringKind::kPerson) {
    // The cost of spelling a surname `letters`, its form (North or South) weighed by the style;
    // `known`, when set, holds the models' costs of that spelling of it (surname_spell_costs_).
    auto surname_spell = [&](std::u32string_view surname, const std::string& letters,
                             const SurnameSpellCosts* known = nullptr) {
      std::array<float, kStyles> cost =
          known != nullptr ? known->usual : spelling_.SpellCost(surname, letters, true);
      if (options.rare_spellings && *std::min_element(cost.begin(), cost.end()) >= kNoSpelling) {
        cost = known != nullptr ? known->rare : rare_spelling_.SpellCost(surname, letters, true);
      }
      const std::array<float, kStyles> form = SurnameFormCosts(surname, options.korea);
      for (int s = 0; s < kStyles; ++s) cost[s] += form[s];
      return cost;
    };
    for (const LatinWord& w : words) {
      if (!w.hangul.empty() && IsDigit(w.hangul.back())) return {};  // No numbers in names.
    }
    // Surname readings of a word: the table's (their cost is a prior: the table knows the
    // spellings), else the word decoded at a cost.
    // `marked`: the query marks the word as the surname (a comma after it, or capitals): read by
    // the rare spellings whenever the usual ones give it no surname reading (HUANG, Wang Ken).
    auto surnames_of = [&](const LatinWord& word, bool marked) {
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
        out.push_back({hangul, cost, SurnameFormCosts(View(hangul), options.korea)});
        return out;
      }
      std::string symbols;
      for (const std::string& p : word.pieces) symbols += p;
      const std::string joined = word.Joined();
      const std::vector<SurnameReading>& listed = priors_.SurnamesSpelled(joined);
      // Letters as the table writes them (no breve, no apostrophe): costed when it was built.
      const std::vector<SurnameSpellCosts>* known = nullptr;
      if (!listed.empty() && symbols == joined) {
        auto it = surname_spell_costs_.find(joined);
        if (it != surname_spell_costs_.end() && it->second.size() == listed.size()) {
          known = &it->second;
        }
      }
      for (size_t r = 0; r < listed.size(); ++r) {
        const SurnameReading& s = listed[r];
        out.push_back({HangulText(s.syllables.begin(), s.syllables.end()),
                       static_cast<float>(s.cost),
                       surname_spell(s.syllables, symbols,
                                     known != nullptr ? &(*known)[r] : nullptr)});
      }
      // A spelling the table does not list: a listed surname at its share, spelled as the
      // spelling model says surnames are; else an unlisted one-syllable surname, as likely as
      // unlisted surnames are, times its syllable's frequency in names (the lattice reads no
      // other). Not a hyphenated word (two syllables at least, and every two-syllable surname is
      // listed) nor one longer than any listed spelling.
      // The word is read by the given name's slots, which most spellings have trained (Huang),
      // else by the surname's (Goh, Chey); by the rare spellings when neither spells it at all,
      // or when the query marks it as the surname.
      if (out.empty() && word.pieces.size() == 1 &&
          symbols.size() <= priors_.longest_surname_spelling() &&
          (options.unlisted_surnames || marked ||
           priors_.IsCountedSurnameSpelling(joined))) {
        for (const SpellingModel* model : {&spelling_, &rare_spelling_}) {
          if (model == &rare_spelling_ &&
              (!out.empty() || !options.rare_spellings ||
               (!marked && (Spells(word, spelling_, false) || Spells(word, spelling_, true))))) {
            break;
          }
          for (bool surname_slots : {false, true}) {
            if (!out.empty()) break;
            for (WordReading c : ReadWord(word, Position::kGiven, 4, style, *model, priors_,
                                          surname_slots, &priors_.two_syllable_surnames())) {
              float known = 0;
              if (priors_.SurnameCost(View(c.hangul), &known)) {
                c.prior = known;
                c.spell = surname_spell(View(c.hangul), symbols);
              } else {
                c.prior += priors_.unknown_surname_cost();
              }
              out.push_back(c);
            }
          }
        }
      }
      if (out.size() > 4) out.resize(4);
      return out;
    };
    // The given name: the words [first, last) read as one.
    auto given_of = [&](std::vector<LatinWord>::const_iterator first,
                        std::vector<LatinWord>::const_iterator last) {
      if (last - first == 1) return read(*first, Position::kGiven, beam, true);
      LatinWord joined;
      for (; first != last; ++first) {
        const LatinWord& w = *first;
        if (!w.hangul.empty()) {
          joined.hangul += w.hangul;
        } else {
          joined.pieces.insert(joined.pieces.end(), w.pieces.begin(), w.pieces.end());
        }
      }
      if (!joined.hangul.empty() && !joined.pieces.empty()) return std::vector<WordReading>{};
      return read(joined, Position::kGiven, beam, true);
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
        const std::array<float, kStyles> given_cost =
            StyledGivenNameCosts(given[g].given, options.korea);
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
      combine(surnames_of(surname, true),
              [&] { return given_of(words.begin() + comma + 1, words.end()); }, 0, false);
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
        combine(surnames_of(words.front(), only_first),
                [&] { return given_of(words.begin() + 1, words.end()); }, 0, false);
      };
      auto surname_last = [&](double cost) {
        combine(surnames_of(words.back(), only_last),
                [&] { return given_of(words.begin(), words.end() - 1); }, cost, true);
      };
      if (only_first) {
        surname_first();
        if (readings.empty()) surname_last(surname_last_cost_);  // The capitals' order reads not.
      } else if (only_last) {
        surname_last(0);
        if (readings.empty()) surname_first();
      } else {
        surname_first();
        surname_last(surname_last_cost_);
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
           read(words[0], Position::kGiven, beam)) {
        const std::array<float, kStyles> given_cost = StyledGivenNameCosts(c.given, options.korea);
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
          read(words[w], position, beam);
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
      // The best `beam.width`: their indexes sorted (a Reading is large to move), which std::sort
      // orders as it would the readings, ties alike.
      thread_local std::vector<uint32_t> order;
      order.resize(next.size());
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(),
                [&next](uint32_t a, uint32_t b) { return next[a].total < next[b].total; });
      if (order.size() > static_cast<size_t>(beam.width)) order.resize(beam.width);
      readings.clear();
      for (uint32_t k : order) readings.push_back(std::move(next[k]));
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
  // The cheapest reading of each Hangul. (The set is reused by this thread from call to call:
  // no allocation once warm.)
  thread_local absl::flat_hash_set<std::u32string_view> seen;
  seen.clear();
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

}  // namespace irum::hangul
