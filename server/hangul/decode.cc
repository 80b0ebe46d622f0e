#include "server/hangul/decode.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

#include "absl/container/inlined_vector.h"
#include "absl/strings/match.h"
#include "server/hangul/latin_words.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

constexpr float kSurnameLastCost = 1.2f;  // "Yo-jong Kim".
// A chunk reads as a jamo in the lattice when its probability reaches this in some style: rarer
// spellings cost more than they are worth (a wider lattice, and readings nobody writes).
constexpr double kMinChunkProbability = 1e-2;

}  // namespace

namespace decode_internal {

// Hangul of a reading, held inline (a name's syllables need no allocation).
using Text = absl::InlinedVector<char32_t, 8>;

inline std::u32string_view View(const Text& t) { return std::u32string_view(t.data(), t.size()); }

// A reading of a word: its syllables, their prior cost, and the cost of their spelling in each
// style (-log P). Words of one name add their costs style by style: a name has one style.
struct Candidate {
  Text hangul;
  float prior = 0;
  std::array<float, kStyles> spell{};
};

}  // namespace decode_internal

namespace {

using decode_internal::Candidate;
using decode_internal::Text;
using decode_internal::View;

// Syllables in a fixed array: hypotheses are copied at every step of the lattice, and must not
// allocate. Hangul syllables (U+AC00-U+D7A3) fit in 16 bits. A word of more syllables than this
// has no reading.
struct SyllableList {
  static constexpr int kMax = 16;
  char16_t at[kMax];
  uint8_t size = 0;

  bool push_back(char32_t c) {
    if (size >= kMax) return false;
    at[size++] = static_cast<char16_t>(c);
    return true;
  }
  char32_t back() const { return at[size - 1]; }
  Text text() const { return Text(at, at + size); }
};

// A partial reading of a word in the lattice.
struct Hypothesis {
  std::array<float, kStyles> spell{};  // Spelling cost per style; the last tail's still to come.
  float prior = 0;                     // Prior cost of the completed syllables.
  float rank = 0;                      // prior + the best style's spelling cost: the beam's order.
  SyllableList syllables;              // All but the last syllable.
  Syllable last;
  bool has_last = false;
  const float* tail_costs = nullptr;   // The last syllable's tail reading: costs by next lead.
};

// The byte at `i` of `s`, or 0 past its end.
unsigned char ByteAt(const std::string& s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

bool StartsWith(const std::string& s, size_t at, const std::string& prefix) {
  return s.compare(at, prefix.size(), prefix) == 0 && at + prefix.size() <= s.size();
}

// -log of the sum over the styles of P(style) * P(spelling | style): the cost of a spelling
// whatever its style.
float StyleSum(const std::array<float, kStyles>& spell, const std::array<float, kStyles>& style) {
  float best = std::numeric_limits<float>::infinity();
  for (int s = 0; s < kStyles; ++s) best = std::min(best, spell[s] + style[s]);
  if (std::isinf(best)) return best;
  // Styles far behind the best add nothing a float can hold: no exp, no log for them.
  constexpr float kNegligible = 16;
  float sum = 0;
  for (int s = 0; s < kStyles; ++s) {
    const float d = spell[s] + style[s] - best;
    if (d < kNegligible) sum += d == 0 ? 1.0f : std::exp(-d);
  }
  return sum == 1.0f ? best : best - std::log(sum);
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
        syllables.size() > 2 && priors_.IsTwoSyllableSurname(std::u32string_view(syllables).substr(0, 2));
    fold(long_surname ? 2 : 1);
  } else {
    for (size_t start : word_starts) fold(start);
  }
  return ToUtf8(syllables);
}

Decoder::Decoder(const std::vector<Surname>& surnames, const NamePriors& priors,
                 const std::vector<std::pair<std::string, std::string>>& place_generics)
    : model_(priors.model),
      priors_(surnames, priors.syllables, priors.given_names, priors.model.mix,
              priors.model.whole_name),
      spelling_(priors.spelling, priors.model.style, priors.model.place_style,
                kMinChunkProbability) {
  for (const auto& [english, hangul] : place_generics) {
    place_generics_[english] = text::CodePoints(hangul);
  }
}

std::vector<Decoder::Candidate> Decoder::DecodeWord(const LatinWord& word, Position position, int beam,
                                                    const std::array<float, kStyles>& style) const {
  if (!word.hangul.empty()) {
    return {Candidate{Text(word.hangul.begin(), word.hangul.end()), 0, {}}};
  }
  if (word.unreadable || word.pieces.empty() || spelling_.empty()) return {};

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
                     [](const Hypothesis& a, const Hypothesis& b) { return a.rank < b.rank; });
    hyps->resize(beam);
  };
  // True when a syllable spelled by s[from, to) would straddle a hyphen.
  auto crosses = [&boundary](size_t from, size_t to) {
    for (size_t k = from + 1; k < to; ++k) {
      if (boundary[k]) return true;
    }
    return false;
  };
  const auto& leads = spelling_.chunks(SpellingModel::kLead);
  const auto& vowels = spelling_.chunks(SpellingModel::kVowel);
  const auto& tails = spelling_.chunks(SpellingModel::kTail);

  // Hypotheses that cannot enter a column's beam are not made: each column keeps a bound, the
  // rank of the worst hypothesis it kept when it last overflowed.
  thread_local std::vector<float> bounds;
  bounds.assign(n + 1, std::numeric_limits<float>::infinity());
  // Makes the hypothesis in place (no copy), then keeps the column within bounds.
  auto push = [&](size_t end, const Hypothesis& from, auto&& fill) {
    std::vector<Hypothesis>& column = at[end];
    fill(column.emplace_back(from));
    if (static_cast<int>(column.size()) >= 2 * beam) {
      prune(&column);
      float worst = 0;
      for (const Hypothesis& h : column) worst = std::max(worst, h.rank);
      bounds[end] = worst;
    }
  };
  // What a hypothesis brings to its next syllable: its last syllable completed, and that one's
  // prior; computed once per column.
  struct Base {
    float prior;
    float floor;  // The least rank any extension can have: costs only add.
    int lead_context;
    bool ok;
  };
  thread_local std::vector<Base> bases;

  for (size_t i = 0; i < n; ++i) {
    if (at[i].empty()) continue;
    prune(&at[i]);
    // An apostrophe that no lead spelling takes separates syllables (han'gŭl).
    if (s[i] == '\'') {
      for (const Hypothesis& h : at[i]) push(i + 1, h, [](Hypothesis&) {});
    }
    bases.clear();
    for (Hypothesis& h : at[i]) {
      Base base{h.prior, 0, SpellingModel::kStart, true};
      if (h.has_last) {
        base.lead_context = static_cast<int>(h.last.tail);
        if (h.syllables.size >= SyllableList::kMax) {
          base.ok = false;
        } else {
          base.prior += static_cast<float>(priors_.SyllableCost(Compose(h.last), position, h.syllables.size));
        }
      }
      float cheapest = std::numeric_limits<float>::infinity();
      for (int k = 0; k < kStyles; ++k) cheapest = std::min(cheapest, h.spell[k] + style[k]);
      base.floor = base.prior + cheapest;
      bases.push_back(base);
    }
    for (const uint16_t l : spelling_.ChunksStartingWith(SpellingModel::kLead, ByteAt(s, i))) {
      const SpellingModel::Chunk& lead = leads[l];
      if (!StartsWith(s, i, lead.letters)) continue;
      const size_t after_lead = i + lead.letters.size();
      for (const uint16_t v :
           spelling_.ChunksStartingWith(SpellingModel::kVowel, ByteAt(s, after_lead))) {
        const SpellingModel::Chunk& vowel = vowels[v];
        if (vowel.letters.empty() || !StartsWith(s, after_lead, vowel.letters)) continue;
        const size_t after_vowel = after_lead + vowel.letters.size();
        if (crosses(i, after_vowel)) continue;
        for (const uint16_t t :
             spelling_.ChunksStartingWith(SpellingModel::kTail, ByteAt(s, after_vowel))) {
          const SpellingModel::Chunk& tail = tails[t];
          if (!StartsWith(s, after_vowel, tail.letters)) continue;
          const size_t end = after_vowel + tail.letters.size();
          if (crosses(i, end)) continue;
          for (size_t hi = 0; hi < at[i].size(); ++hi) {
            const Hypothesis& h = at[i][hi];
            const Base& base = bases[hi];
            if (!base.ok || base.floor >= bounds[end]) continue;
            for (const SpellingModel::Reading& lr : lead.readings) {
              const float* lead_costs = lr.costs + base.lead_context * kStyles;
              const float* last_tail = h.has_last ? h.tail_costs + lr.jamo * kStyles : nullptr;
              std::array<float, kStyles> partial;
              float cheapest = std::numeric_limits<float>::infinity();
              for (int k = 0; k < kStyles; ++k) {
                partial[k] = h.spell[k] + lead_costs[k] + (last_tail ? last_tail[k] : 0);
                cheapest = std::min(cheapest, partial[k] + style[k]);
              }
              if (base.prior + cheapest >= bounds[end]) continue;
              for (const SpellingModel::Reading& tr : tail.readings) {
                for (const SpellingModel::Reading& vr : vowel.readings) {
                  const float* vowel_costs = vr.costs + tr.jamo * kStyles;
                  std::array<float, kStyles> spell;
                  float best = std::numeric_limits<float>::infinity();
                  for (int k = 0; k < kStyles; ++k) {
                    spell[k] = partial[k] + vowel_costs[k];
                    best = std::min(best, spell[k] + style[k]);
                  }
                  const float rank = base.prior + best;
                  if (rank >= bounds[end]) continue;
                  push(end, h, [&](Hypothesis& next) {
                    if (h.has_last) next.syllables.push_back(Compose(h.last));
                    next.spell = spell;
                    next.prior = base.prior;
                    next.rank = rank;
                    next.last = Syllable{static_cast<Lead>(lr.jamo), static_cast<Vowel>(vr.jamo),
                                         static_cast<Tail>(tr.jamo)};
                    next.has_last = true;
                    next.tail_costs = tr.costs;
                  });
                }
              }
            }
          }
        }
      }
    }
  }

  // Complete readings: the last tail at the end of the word, the last syllable's prior (a given
  // name's whole-name prior in place of its syllables'); the cheapest of each distinct Hangul.
  std::vector<Hypothesis>& done = at[n];
  std::vector<Candidate> out;
  std::vector<std::pair<float, size_t>> order;
  std::vector<Candidate> all;
  out.reserve(beam);
  order.reserve(done.size());
  all.reserve(done.size());
  for (Hypothesis& h : done) {
    if (!h.has_last || !h.syllables.push_back(Compose(h.last))) continue;
    Candidate c;
    c.hangul = h.syllables.text();
    for (int k = 0; k < kStyles; ++k) {
      c.spell[k] = h.spell[k] + h.tail_costs[SpellingModel::kEnd * kStyles + k];
    }
    c.prior = h.prior + static_cast<float>(
                            priors_.SyllableCost(h.syllables.back(), position, h.syllables.size - 1));
    if (position == Position::kGiven) c.prior = static_cast<float>(priors_.GivenNameCost(View(c.hangul)));
    order.push_back({c.prior + StyleSum(c.spell, style), all.size()});
    all.push_back(std::move(c));
  }
  std::sort(order.begin(), order.end());
  for (const auto& [cost, index] : order) {
    if (std::isinf(cost) || static_cast<int>(out.size()) >= beam) break;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Candidate& c) {
      return c.hangul == all[index].hangul;
    });
    if (!seen) out.push_back(std::move(all[index]));
  }
  return out;
}

std::vector<DecodedName> Decoder::Decode(absl::string_view latin,
                                         const DecodeOptions& options) const {
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
    Reading(Text h, double p, const std::array<float, kStyles>& s, bool last,
            const std::array<float, kStyles>& style)
        : hangul(std::move(h)), prior(p), spell(s), surname_last(last),
          total(p + StyleSum(s, style)) {}
    Text hangul;
    double prior;
    std::array<float, kStyles> spell;
    bool surname_last;
    double total;  // prior + the spelling's cost over the styles.
  };
  std::vector<Reading> readings;
  readings.reserve(128);  // A person: 2 orders x 4 surnames x 12 given names, and a few more.
  Text generic_suffix;  // Places: the Hangul of English generic words (강 for River).

  if (options.kind == StringKind::kPerson) {
    for (const LatinWord& w : words) {
      if (!w.hangul.empty() && IsDigit(w.hangul.back())) return {};  // No numbers in names.
    }
    // Surname readings of a word: the table's (their cost is a prior: the table knows the
    // spellings), else the word decoded at a cost.
    auto surnames_of = [&](const LatinWord& word) {
      std::vector<Candidate> out;
      if (!word.hangul.empty()) {
        return std::vector<Candidate>{{Text(word.hangul.begin(), word.hangul.end()), 0, {}}};
      }
      std::string symbols;
      for (const std::string& p : word.pieces) symbols += p;
      for (const SurnameReading& s : priors_.SurnamesSpelled(word.Joined())) {
        out.push_back({Text(s.syllables.begin(), s.syllables.end()), static_cast<float>(s.cost),
                       spelling_.SpellCost(s.syllables, symbols, true)});
      }
      // A spelling the table does not list: a listed surname at its share, spelled as the
      // spelling model says surnames are; else an unlisted one-syllable surname, as likely as
      // unlisted surnames are, times its syllable's frequency in names. Not a hyphenated word
      // (two syllables at least, and every two-syllable surname is listed) nor one longer than
      // any listed spelling.
      if (out.empty() && word.pieces.size() == 1 && symbols.size() <= priors_.longest_surname_spelling()) {
        for (Candidate c : DecodeWord(word, Position::kGiven, 4, style)) {
          float known = 0;
          if (priors_.SurnameCost(View(c.hangul), &known)) {
            c.prior = known;
            c.spell = spelling_.SpellCost(View(c.hangul), symbols, true);
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
      if (!joined.hangul.empty() && !joined.pieces.empty()) return std::vector<Candidate>{};
      return DecodeWord(joined, Position::kGiven, beam, style);
    };
    // A surname with the readings of the given name; none when the given name has no reading.
    auto combine = [&](const std::vector<Candidate>& surnames, const std::vector<Candidate>& given,
                       double extra, bool surname_last) {
      for (const Candidate& sn : surnames) {
        for (size_t g = 0; g < given.size() && g < 12; ++g) {
          std::array<float, kStyles> spell;
          for (int k = 0; k < kStyles; ++k) spell[k] = sn.spell[k] + given[g].spell[k];
          Text hangul = sn.hangul;
          hangul.insert(hangul.end(), given[g].hangul.begin(), given[g].hangul.end());
          readings.emplace_back(std::move(hangul), sn.prior + given[g].prior + extra,
                                spell, surname_last, style);
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
      combine(surnames_of(surname), given_of({words.begin() + comma + 1, words.end()}), 0, false);
    } else if (words.size() >= 2) {
      combine(surnames_of(words.front()), given_of({words.begin() + 1, words.end()}), 0, false);
      combine(surnames_of(words.back()), given_of({words.begin(), words.end() - 1}),
              kSurnameLastCost, true);
    } else if (!words[0].hangul.empty()) {
      readings.emplace_back(Text(words[0].hangul.begin(), words[0].hangul.end()), 0,
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
      for (size_t cut = 1; cut < joined.size() && cut <= priors_.longest_surname_spelling(); ++cut) {
        const std::vector<SurnameReading>& surnames = priors_.SurnamesSpelled(joined.substr(0, cut));
        if (surnames.empty()) continue;
        LatinWord rest;
        rest.pieces.push_back(symbols.substr(cut));
        std::vector<Candidate> sn;
        for (const SurnameReading& s : surnames) {
          sn.push_back({Text(s.syllables.begin(), s.syllables.end()), static_cast<float>(s.cost),
                        spelling_.SpellCost(s.syllables, symbols.substr(0, cut), true)});
        }
        combine(sn, DecodeWord(rest, Position::kGiven, beam, style), 0.5, false);
      }
      for (const Candidate& c : DecodeWord(words[0], Position::kGiven, beam, style)) {
        readings.emplace_back(c.hangul, c.prior + 1.0, c.spell, false, style);
      }
      // A surname alone ("Kim").
      for (const SurnameReading& s : priors_.SurnamesSpelled(joined)) {
        readings.emplace_back(Text(s.syllables.begin(), s.syllables.end()), s.cost,
                              spelling_.SpellCost(s.syllables, symbols, true), false, style);
      }
    }
  } else {
    // Places and text: each word on its own; the readings of the query are the best products,
    // the words' spellings adding style by style.
    const Position position = options.kind == StringKind::kPlace ? Position::kPlace : Position::kText;
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
      std::vector<Candidate> candidates = DecodeWord(words[w], position, beam, style);
      if (candidates.empty()) return {};
      if (w == 0) {
        for (Candidate& c : candidates) {
          readings.emplace_back(std::move(c.hangul), c.prior, c.spell, false, style);
        }
        continue;
      }
      std::vector<Reading> next;
      next.reserve(readings.size() * candidates.size());
      for (const Reading& r : readings) {
        for (const Candidate& c : candidates) {
          Text h = r.hangul;
          h.push_back(U' ');
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

}  // namespace irum::hangul
