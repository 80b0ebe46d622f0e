#include "server/hangul/lattice.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstring>
#include <string>

#include "server/hangul/jamo.h"

namespace irum::hangul {
namespace {

static_assert(kStyles == 4, "StyleCosts holds the four styles in one SSE register");

// The spelling cost in each style, added and compared four at a time: the lattice's inner loops
// do little else.
typedef float StyleCosts __attribute__((vector_size(16)));

StyleCosts Load(const float* costs) {
  StyleCosts v;
  std::memcpy(&v, costs, sizeof(v));
  return v;
}

// The least of the four. (Lane by lane: GCC and clang, which the fuzz build uses, spell vector
// shuffles differently, and the compilers make the same few instructions of this.)
float Least(StyleCosts v) { return std::min(std::min(v[0], v[1]), std::min(v[2], v[3])); }

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
  HangulText text() const { return HangulText(at, at + size); }
  bool operator==(const SyllableList& o) const {
    return size == o.size && std::char_traits<char16_t>::compare(at, o.at, size) == 0;
  }
};

// A partial reading of a word in the lattice.
struct Hypothesis {
  StyleCosts spell{};  // Spelling cost per style; the last tail's still to come.
  float prior = 0;                     // Prior cost of the syllables, the last too.
  float rank = 0;                      // prior + the best style's spelling cost: the beam's order.
  SyllableList syllables;              // All but the last syllable.
  Syllable last;
  bool has_last = false;
  const float* tail_costs = nullptr;   // The last syllable's tail reading: costs by next lead.
};

// Makes `next` the hypothesis `h` extended by `syllable`, whose spelling and prior bring the
// hypothesis to `spell` and `prior` (`rank` their sum's beam order), its tail costed by the next
// lead as `tail_costs` say.
void Extend(const Hypothesis& h, Syllable syllable, StyleCosts spell, float prior, float rank,
            const float* tail_costs, Hypothesis& next) {
  next.syllables = h.syllables;
  if (h.has_last) next.syllables.push_back(Compose(h.last));
  next.spell = spell;
  next.prior = prior;
  next.rank = rank;
  next.last = syllable;
  next.has_last = true;
  next.tail_costs = tail_costs;
}

// A column of the lattice: the best hypotheses offered to it, at most `capacity`, within
// `margin` of the best.
class Column {
 public:
  void Reset(size_t capacity, float margin) {
    hyps_.clear();
    capacity_ = capacity;
    margin_ = margin;
    worst_ = 0;
    best_ = bound_ = std::numeric_limits<float>::infinity();
  }
  // The rank a hypothesis must be under to be kept: the margin past the best while there is
  // room, and no more than the worst's when full. Kept, not computed: the lattice asks for it
  // before every step.
  float bound() const { return bound_; }
  // Keeps a hypothesis of `rank`, made by `fill` in place (no copy), in place of the worst when
  // the column is full; nothing when it is not under the bound.
  template <typename F>
  void Offer(float rank, F&& fill) {
    if (rank >= bound()) return;
    best_ = std::min(best_, rank);
    if (hyps_.size() < capacity_) {
      fill(hyps_.emplace_back());
      if (hyps_.size() < capacity_) {
        bound_ = best_ + margin_;
        return;
      }
    } else {
      fill(hyps_[worst_]);
    }
    // Full: the worst is the one to beat.
    worst_ = 0;
    float worst = hyps_[0].rank;
    for (size_t k = 1; k < capacity_; ++k) {
      if (hyps_[k].rank > worst) {
        worst_ = k;
        worst = hyps_[k].rank;
      }
    }
    bound_ = std::min(worst, best_ + margin_);
  }
  // The hypotheses within the margin of the best (those kept before a better one came may be
  // past it), cheapest first (pointers: a hypothesis is too big to move around). Offer no more to
  // the column after this.
  const std::vector<const Hypothesis*>& SortedByRank() {
    sorted_.clear();
    for (const Hypothesis& h : hyps_) {
      if (h.rank < best_ + margin_) sorted_.push_back(&h);
    }
    std::sort(sorted_.begin(), sorted_.end(),
              [](const Hypothesis* a, const Hypothesis* b) { return a->rank < b->rank; });
    return sorted_;
  }

 private:
  std::vector<Hypothesis> hyps_;
  std::vector<const Hypothesis*> sorted_;
  size_t capacity_ = 0;
  float margin_ = std::numeric_limits<float>::infinity();
  size_t worst_ = 0;
  float best_ = std::numeric_limits<float>::infinity();
  float bound_ = std::numeric_limits<float>::infinity();
};

// The tail costs of a syllable spelled whole: its tail is in its letters, whatever the next lead.
constexpr float kNoTailCosts[SpellingModel::kContexts[SpellingModel::kTail] * kStyles] = {};

// The byte at `i` of `s`, or 0 past its end.
unsigned char ByteAt(const std::string& s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

bool StartsWith(const std::string& s, size_t at, const std::string& prefix) {
  return at + prefix.size() <= s.size() &&
         std::char_traits<char>::compare(s.data() + at, prefix.data(), prefix.size()) == 0;
}

// A word's symbols, its pieces concatenated, and for each symbol where its piece ends: a syllable
// must end there or before. Per thread, reused from call to call.
struct Symbols {
  std::string s;
  std::vector<size_t> piece_end;  // piece_end[size()] is size().

  void Set(const LatinWord& word) {
    s.clear();
    for (const std::string& piece : word.pieces) s += piece;
    piece_end.resize(s.size() + 1);
    size_t symbol = 0;
    for (const std::string& piece : word.pieces) {
      const size_t end = symbol + piece.size();
      for (; symbol < end; ++symbol) piece_end[symbol] = end;
    }
    piece_end[s.size()] = s.size();
  }
  size_t size() const { return s.size(); }
};

// The chunks a syllable is spelled with, in the given name's or the surname's slots.
struct Slots {
  explicit Slots(bool surname)
      : lead(surname ? SpellingModel::kSurnameLead : SpellingModel::kLead),
        vowel(surname ? SpellingModel::kSurnameVowel : SpellingModel::kVowel),
        tail(surname ? SpellingModel::kSurnameTail : SpellingModel::kTail) {}
  SpellingModel::Slot lead, vowel, tail;
};

// Calls f(lead, vowel, tail, end) for every way a syllable spelled by a lead, a (non-empty) vowel
// and a tail chunk starts at symbol `i` and ends before `end`, within i's piece.
template <typename F>
void ForEachSyllableAt(const Symbols& w, size_t i, const SpellingModel& spelling,
                       const Slots& slots, F&& f) {
  const std::string& s = w.s;
  const auto& leads = spelling.chunks(slots.lead);
  const auto& vowels = spelling.chunks(slots.vowel);
  const auto& tails = spelling.chunks(slots.tail);
  const size_t piece_end = w.piece_end[i];
  for (const uint16_t l : spelling.ChunksStartingWith(slots.lead, ByteAt(s, i))) {
    const SpellingModel::Chunk& lead = leads[l];
    if (!StartsWith(s, i, lead.letters)) continue;
    const size_t after_lead = i + lead.letters.size();
    for (const uint16_t v : spelling.ChunksStartingWith(slots.vowel, ByteAt(s, after_lead))) {
      const SpellingModel::Chunk& vowel = vowels[v];
      if (vowel.letters.empty() || !StartsWith(s, after_lead, vowel.letters)) continue;
      const size_t after_vowel = after_lead + vowel.letters.size();
      if (after_vowel > piece_end) continue;
      for (const uint16_t t : spelling.ChunksStartingWith(slots.tail, ByteAt(s, after_vowel))) {
        const SpellingModel::Chunk& tail = tails[t];
        if (!StartsWith(s, after_vowel, tail.letters)) continue;
        const size_t end = after_vowel + tail.letters.size();
        if (end > piece_end) continue;
        f(lead, vowel, tail, end);
      }
    }
  }
}

}  // namespace

bool Spells(const LatinWord& word, const SpellingModel& spelling, bool surname) {
  if (!word.hangul.empty()) return true;
  if (word.unreadable || word.pieces.empty() || spelling.empty()) return false;
  thread_local Symbols w;
  w.Set(word);
  const size_t n = w.size();
  thread_local std::vector<bool> reached;
  reached.assign(n + 1, false);
  reached[0] = true;
  const Slots slots(surname);
  for (size_t i = 0; i < n; ++i) {
    if (!reached[i]) continue;
    if (w.s[i] == '\'') reached[i + 1] = true;
    ForEachSyllableAt(w, i, spelling, slots,
                      [](const SpellingModel::Chunk& lead, const SpellingModel::Chunk& vowel,
                         const SpellingModel::Chunk& tail, size_t end) {
                        if (!lead.readings.empty() && !vowel.readings.empty() &&
                            !tail.readings.empty()) {
                          reached[end] = true;
                        }
                      });
  }
  return reached[n];
}

std::vector<WordReading> ReadWord(const LatinWord& word, PriorModel::Position position, Beam beam,
                                  const std::array<float, kStyles>& style,
                                  const SpellingModel& spelling, const PriorModel& priors,
                                  bool surname,
                                  const TwoSyllableSurnames* only_surnames) {
  using Position = PriorModel::Position;
  if (!word.hangul.empty()) {
    WordReading reading{HangulText(word.hangul.begin(), word.hangul.end()), 0, {}};
    if (position == Position::kGiven) {
      reading.given = priors.GivenNameProbabilities(View(reading.hangul));
    }
    return {std::move(reading)};
  }
  if (word.unreadable || word.pieces.empty() || spelling.empty()) return {};

  thread_local Symbols w;
  w.Set(word);
  const std::string& s = w.s;
  const size_t n = w.size();
  // The lattice's columns, reused by this thread from call to call (no allocation once warm).
  // A column keeps the best `beam.width` hypotheses offered to it; the last, whose readings are
  // costed again when complete, twice as many.
  thread_local std::vector<Column> lattice;
  if (lattice.size() < n + 1) lattice.resize(n + 1);
  for (size_t i = 0; i <= n; ++i) {
    lattice[i].Reset(static_cast<size_t>(i == n ? 2 * beam.width : beam.width), beam.margin);
  }
  std::vector<Column>& at = lattice;
  at[0].Offer(0, [](Hypothesis&) {});

  const Slots slots(surname);
  const StyleCosts style_costs = Load(style.data());
  // A given name's syllables may be spelled whole, as their surnames are (Chung for 정); then a
  // syllable spelled jamo by jamo costs a little more (-log(1 - P(whole))).
  const bool whole = position == Position::kGiven && !surname && only_surnames == nullptr &&
                     !spelling.whole_spellings().empty();
  const StyleCosts jamo_syllable =
      whole ? Load(spelling.jamo_syllable_costs().data()) : StyleCosts{};
  // What a hypothesis brings to its next syllable, computed once per column: the context of its
  // lead, and where in the word it stands.
  struct Base {
    int lead_context;
    int index;  // The next syllable's, from 0.
    bool ok;    // The word has room for it.
    const float* syllable_costs;  // The priors of the syllables where it stands.
    float least_syllable_cost;    // The least of them.
  };
  thread_local std::vector<Base> bases;
  const float* const first_costs = priors.SyllableCostTable(position, true);
  const float* const later_costs = priors.SyllableCostTable(position, false);
  const float least_first = priors.LeastSyllableCost(position, true);
  const float least_later = priors.LeastSyllableCost(position, false);
  // Costs only add, so a hypothesis extended by a syllable ranks at least its own rank plus the
  // least the syllable's prior and its lead and vowel chunks cost; such bounds decide before the
  // readings are tried. They are lowered by kSlack, far more than the rounding of the sums they
  // stand for, so that they never drop what the exact sums would keep.
  constexpr float kSlack = 1e-3f;

  for (size_t i = 0; i < n; ++i) {
    const std::vector<const Hypothesis*>& column = at[i].SortedByRank();
    if (column.empty()) continue;
    // An apostrophe that no lead spelling takes separates syllables (han'gŭl).
    if (s[i] == '\'') {
      for (const Hypothesis* h : column) {
        at[i + 1].Offer(h->rank, [h](Hypothesis& next) { next = *h; });
      }
    }
    bases.clear();
    for (const Hypothesis* h : column) {
      Base base{SpellingModel::kStart, 0, true, first_costs, least_first};
      if (h->has_last) {
        base.lead_context = static_cast<int>(h->last.tail);
        base.index = h->syllables.size + 1;
        base.ok = h->syllables.size < SyllableList::kMax;
        base.syllable_costs = later_costs;
        base.least_syllable_cost = least_later;
      }
      // A surname has two syllables at most.
      if (only_surnames != nullptr && base.index >= 2) base.ok = false;
      bases.push_back(base);
    }
    ForEachSyllableAt(w, i, spelling, slots, [&](const SpellingModel::Chunk& lead,
                                                 const SpellingModel::Chunk& vowel,
                                                 const SpellingModel::Chunk& tail, size_t end) {
      Column& target = at[end];
      const float chunks_least = lead.least_cost + vowel.least_cost;
      const float least = std::min(least_first, least_later) + chunks_least - kSlack;
      // Cheapest first: once one cannot enter the column, none after it can.
      for (size_t hi = 0; hi < column.size() && column[hi]->rank + least < target.bound(); ++hi) {
        const Hypothesis& h = *column[hi];
        const Base& base = bases[hi];
        if (!base.ok) continue;
        const float still_to_come = base.least_syllable_cost + vowel.least_cost - kSlack;
        for (const SpellingModel::Reading& lr : lead.readings) {
          StyleCosts partial =
              h.spell + Load(lr.costs + base.lead_context * kStyles) + jamo_syllable;
          if (h.has_last) partial += Load(h.tail_costs + lr.jamo * kStyles);
          // What cannot enter the column now cannot enter it extended.
          if (h.prior + Least(partial + style_costs) + still_to_come >= target.bound()) continue;
          for (const SpellingModel::Reading& tr : tail.readings) {
            for (const SpellingModel::Reading& vr : vowel.readings) {
              const StyleCosts spell = partial + Load(vr.costs + tr.jamo * kStyles);
              const float best = Least(spell + style_costs);
              if (h.prior + best >= target.bound()) continue;
              // The syllable's prior now, not when the next one begins: a syllable that names
              // do not use leaves the beam at once.
              const Syllable syllable{static_cast<Lead>(lr.jamo), static_cast<Vowel>(vr.jamo),
                                      static_cast<Tail>(tr.jamo)};
              if (only_surnames != nullptr && base.index == 1) {
                const char32_t pair[2] = {Compose(h.last), Compose(syllable)};
                if (!only_surnames->Contains(std::u32string_view(pair, 2))) continue;
              }
              const float prior =
                  h.prior + base.syllable_costs[Compose(syllable) - kFirstSyllable];
              const float rank = prior + best;
              target.Offer(rank, [&](Hypothesis& next) {
                Extend(h, syllable, spell, prior, rank, tr.costs, next);
              });
            }
          }
        }
      }
    });
    if (!whole) continue;
    // Syllables spelled whole: their letters, within the piece (those of one letter, and those
    // of two letters or more that begin with the two here).
    auto spelled_whole = [&](const std::vector<uint16_t>& candidates) {
      for (const uint16_t x : candidates) {
        const SpellingModel::WholeSpelling& spelled = spelling.whole_spellings()[x];
        const size_t end = i + spelled.letters.size();
        if (end > w.piece_end[i] || !StartsWith(s, i, spelled.letters)) continue;
        Column& target = at[end];
        const Syllable syllable = Decompose(spelled.syllable);
        const StyleCosts costs = Load(spelled.costs.data());
        // Cheapest first: once one cannot enter the column, none after it can.
        const float least = std::min(least_first, least_later) + Least(costs) - kSlack;
        for (size_t hi = 0; hi < column.size() && column[hi]->rank + least < target.bound(); ++hi) {
          const Hypothesis& h = *column[hi];
          const Base& base = bases[hi];
          if (!base.ok) continue;
          StyleCosts spell = h.spell + costs;
          if (h.has_last) spell += Load(h.tail_costs + static_cast<int>(syllable.lead) * kStyles);
          const float prior = h.prior + base.syllable_costs[spelled.syllable - kFirstSyllable];
          const float rank = prior + Least(spell + style_costs);
          target.Offer(rank, [&](Hypothesis& next) {
            Extend(h, syllable, spell, prior, rank, kNoTailCosts, next);
          });
        }
      }
    };
    spelled_whole(spelling.WholeSpellingsStartingWith(s[i], 0));
    if (i + 1 < n) spelled_whole(spelling.WholeSpellingsStartingWith(s[i], s[i + 1]));
  }

  // Complete readings: the last tail at the end of the word (a given name's whole-name prior in
  // place of its syllables'); the cheapest of each distinct Hangul.
  const std::vector<const Hypothesis*>& done = at[n].SortedByRank();
  std::vector<WordReading> out;
  out.reserve(beam.width);
  thread_local std::vector<std::pair<float, size_t>> order;
  thread_local std::vector<WordReading> all;
  thread_local std::vector<SyllableList> all_syllables;  // all[k]'s syllables.
  order.clear();
  all.clear();
  all_syllables.clear();
  for (const Hypothesis* done_h : done) {
    const Hypothesis& h = *done_h;
    SyllableList syllables = h.syllables;
    if (!h.has_last || !syllables.push_back(Compose(h.last))) continue;
    WordReading c;
    c.hangul = syllables.text();
    const StyleCosts spell = h.spell + Load(h.tail_costs + SpellingModel::kEnd * kStyles);
    for (int k = 0; k < kStyles; ++k) c.spell[k] = spell[k];
    c.prior = h.prior;
    if (position == Position::kGiven) {
      // A given name's prior is the whole name's: looked up once per Hangul, however many ways
      // of spelling reached it.
      auto same = std::find(all_syllables.begin(), all_syllables.end(), syllables);
      if (same != all_syllables.end()) {
        const WordReading& earlier = all[same - all_syllables.begin()];
        c.given = earlier.given;
        c.prior = earlier.prior;
      } else {
        c.given = priors.GivenNameProbabilities(View(c.hangul));
        c.prior = static_cast<float>(priors.GivenNameCost(c.given));
      }
    }
    order.push_back({c.prior + SpellingModel::CostOverStyles(c.spell, style), all.size()});
    all.push_back(std::move(c));
    all_syllables.push_back(syllables);
  }
  std::sort(order.begin(), order.end());
  absl::InlinedVector<size_t, 8> kept;  // Indexes into `all` of `out`.
  for (const auto& [cost, index] : order) {
    if (std::isinf(cost) || static_cast<int>(out.size()) >= beam.width) break;
    const bool seen = std::any_of(kept.begin(), kept.end(), [index = index](size_t k) {
      return all_syllables[k] == all_syllables[index];
    });
    if (seen) continue;
    kept.push_back(index);
    out.push_back(std::move(all[index]));
  }
  return out;
}

}  // namespace irum::hangul
