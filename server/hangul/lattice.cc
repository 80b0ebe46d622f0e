#include "server/hangul/lattice.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "server/hangul/jamo.h"

namespace irum::hangul {
namespace {

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
};

// A partial reading of a word in the lattice.
struct Hypothesis {
  std::array<float, kStyles> spell{};  // Spelling cost per style; the last tail's still to come.
  float prior = 0;                     // Prior cost of the syllables, the last too.
  float rank = 0;                      // prior + the best style's spelling cost: the beam's order.
  SyllableList syllables;              // All but the last syllable.
  Syllable last;
  bool has_last = false;
  const float* tail_costs = nullptr;   // The last syllable's tail reading: costs by next lead.
};

// A column of the lattice: the best hypotheses offered to it, at most `capacity`.
class Column {
 public:
  void Reset(size_t capacity) {
    hyps_.clear();
    capacity_ = capacity;
    worst_ = 0;
  }
  // The rank a hypothesis must be under to be kept: infinite while there is room.
  float bound() const {
    return hyps_.size() < capacity_ ? std::numeric_limits<float>::infinity() : hyps_[worst_].rank;
  }
  // Keeps a hypothesis of `rank`, made by `fill` in place (no copy), in place of the worst when
  // the column is full; nothing when it is not under the bound.
  template <typename F>
  void Offer(float rank, F&& fill) {
    if (rank >= bound()) return;
    if (hyps_.size() < capacity_) {
      fill(hyps_.emplace_back());
      if (hyps_.size() < capacity_) return;
    } else {
      fill(hyps_[worst_]);
    }
    worst_ = 0;
    for (size_t k = 1; k < hyps_.size(); ++k) {
      if (hyps_[k].rank > hyps_[worst_].rank) worst_ = k;
    }
  }
  // The hypotheses, cheapest first (pointers: a hypothesis is too big to move around). Offer no
  // more to the column after this.
  const std::vector<const Hypothesis*>& SortedByRank() {
    sorted_.clear();
    for (const Hypothesis& h : hyps_) sorted_.push_back(&h);
    std::sort(sorted_.begin(), sorted_.end(),
              [](const Hypothesis* a, const Hypothesis* b) { return a->rank < b->rank; });
    return sorted_;
  }

 private:
  std::vector<Hypothesis> hyps_;
  std::vector<const Hypothesis*> sorted_;
  size_t capacity_ = 0;
  size_t worst_ = 0;
};

// The byte at `i` of `s`, or 0 past its end.
unsigned char ByteAt(const std::string& s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

bool StartsWith(const std::string& s, size_t at, const std::string& prefix) {
  return at + prefix.size() <= s.size() &&
         std::char_traits<char>::compare(s.data() + at, prefix.data(), prefix.size()) == 0;
}

}  // namespace

std::vector<WordReading> ReadWord(const LatinWord& word, PriorModel::Position position, int beam,
                                  const std::array<float, kStyles>& style,
                                  const SpellingModel& spelling, const PriorModel& priors,
                                  bool surname) {
  using Position = PriorModel::Position;
  if (!word.hangul.empty()) {
    return {WordReading{HangulText(word.hangul.begin(), word.hangul.end()), 0, {}}};
  }
  if (word.unreadable || word.pieces.empty() || spelling.empty()) return {};

  // Concatenate the pieces; piece_end[i] is where the piece holding symbol i ends: a syllable
  // must end there or before.
  std::string s;
  for (const std::string& piece : word.pieces) s += piece;
  const size_t n = s.size();
  thread_local std::vector<size_t> piece_end;
  piece_end.resize(n + 1);
  size_t symbol = 0;
  for (const std::string& piece : word.pieces) {
    const size_t end = symbol + piece.size();
    for (; symbol < end; ++symbol) piece_end[symbol] = end;
  }
  piece_end[n] = n;
  // The lattice's columns, reused by this thread from call to call (no allocation once warm).
  // A column keeps the best `beam` hypotheses offered to it; the last, whose readings are costed
  // again when complete, twice as many.
  thread_local std::vector<Column> lattice;
  if (lattice.size() < n + 1) lattice.resize(n + 1);
  for (size_t i = 0; i <= n; ++i) lattice[i].Reset(static_cast<size_t>(i == n ? 2 * beam : beam));
  std::vector<Column>& at = lattice;
  at[0].Offer(0, [](Hypothesis&) {});

  // True when a syllable spelled by s[from, to) would straddle a hyphen.
  auto crosses = [](size_t from, size_t to) { return to > piece_end[from]; };
  const SpellingModel::Slot lead_slot = surname ? SpellingModel::kSurnameLead : SpellingModel::kLead;
  const SpellingModel::Slot vowel_slot =
      surname ? SpellingModel::kSurnameVowel : SpellingModel::kVowel;
  const SpellingModel::Slot tail_slot = surname ? SpellingModel::kSurnameTail : SpellingModel::kTail;
  const auto& leads = spelling.chunks(lead_slot);
  const auto& vowels = spelling.chunks(vowel_slot);
  const auto& tails = spelling.chunks(tail_slot);

  // The least rank a hypothesis of these costs can have (costs only add: what cannot enter a
  // column now cannot enter it extended).
  auto least_rank = [&style](float prior, const std::array<float, kStyles>& spell) {
    float cheapest = std::numeric_limits<float>::infinity();
    for (int k = 0; k < kStyles; ++k) cheapest = std::min(cheapest, spell[k] + style[k]);
    return prior + cheapest;
  };
  // What a hypothesis brings to its next syllable, computed once per column: the context of its
  // lead, and where in the word it stands.
  struct Base {
    int lead_context;
    int index;  // The next syllable's, from 0.
    bool ok;    // The word has room for it.
  };
  thread_local std::vector<Base> bases;

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
      Base base{SpellingModel::kStart, 0, true};
      if (h->has_last) {
        base.lead_context = static_cast<int>(h->last.tail);
        base.index = h->syllables.size + 1;
        base.ok = h->syllables.size < SyllableList::kMax;
      }
      bases.push_back(base);
    }
    for (const uint16_t l : spelling.ChunksStartingWith(lead_slot, ByteAt(s, i))) {
      const SpellingModel::Chunk& lead = leads[l];
      if (!StartsWith(s, i, lead.letters)) continue;
      const size_t after_lead = i + lead.letters.size();
      for (const uint16_t v :
           spelling.ChunksStartingWith(vowel_slot, ByteAt(s, after_lead))) {
        const SpellingModel::Chunk& vowel = vowels[v];
        if (vowel.letters.empty() || !StartsWith(s, after_lead, vowel.letters)) continue;
        const size_t after_vowel = after_lead + vowel.letters.size();
        if (crosses(i, after_vowel)) continue;
        for (const uint16_t t :
             spelling.ChunksStartingWith(tail_slot, ByteAt(s, after_vowel))) {
          const SpellingModel::Chunk& tail = tails[t];
          if (!StartsWith(s, after_vowel, tail.letters)) continue;
          const size_t end = after_vowel + tail.letters.size();
          if (crosses(i, end)) continue;
          Column& target = at[end];
          // Cheapest first: once one cannot enter the column, none after it can.
          for (size_t hi = 0; hi < column.size() && column[hi]->rank < target.bound(); ++hi) {
            const Hypothesis& h = *column[hi];
            const Base& base = bases[hi];
            if (!base.ok) continue;
            for (const SpellingModel::Reading& lr : lead.readings) {
              const float* lead_costs = lr.costs + base.lead_context * kStyles;
              const float* last_tail = h.has_last ? h.tail_costs + lr.jamo * kStyles : nullptr;
              std::array<float, kStyles> partial;
              for (int k = 0; k < kStyles; ++k) {
                partial[k] = h.spell[k] + lead_costs[k] + (last_tail ? last_tail[k] : 0);
              }
              if (least_rank(h.prior, partial) >= target.bound()) continue;
              for (const SpellingModel::Reading& tr : tail.readings) {
                for (const SpellingModel::Reading& vr : vowel.readings) {
                  const float* vowel_costs = vr.costs + tr.jamo * kStyles;
                  std::array<float, kStyles> spell;
                  float best = std::numeric_limits<float>::infinity();
                  for (int k = 0; k < kStyles; ++k) {
                    spell[k] = partial[k] + vowel_costs[k];
                    best = std::min(best, spell[k] + style[k]);
                  }
                  if (h.prior + best >= target.bound()) continue;
                  // The syllable's prior now, not when the next one begins: a syllable that names
                  // do not use leaves the beam at once.
                  const Syllable syllable{static_cast<Lead>(lr.jamo), static_cast<Vowel>(vr.jamo),
                                          static_cast<Tail>(tr.jamo)};
                  const float prior = h.prior + static_cast<float>(priors.SyllableCost(
                                                    Compose(syllable), position, base.index));
                  const float rank = prior + best;
                  target.Offer(rank, [&](Hypothesis& next) {
                    next.syllables = h.syllables;
                    if (h.has_last) next.syllables.push_back(Compose(h.last));
                    next.spell = spell;
                    next.prior = prior;
                    next.rank = rank;
                    next.last = syllable;
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

  // Complete readings: the last tail at the end of the word (a given name's whole-name prior in
  // place of its syllables'); the cheapest of each distinct Hangul.
  const std::vector<const Hypothesis*>& done = at[n].SortedByRank();
  std::vector<WordReading> out;
  std::vector<std::pair<float, size_t>> order;
  std::vector<WordReading> all;
  out.reserve(beam);
  order.reserve(done.size());
  all.reserve(done.size());
  for (const Hypothesis* done_h : done) {
    const Hypothesis& h = *done_h;
    SyllableList syllables = h.syllables;
    if (!h.has_last || !syllables.push_back(Compose(h.last))) continue;
    WordReading c;
    c.hangul = syllables.text();
    for (int k = 0; k < kStyles; ++k) {
      c.spell[k] = h.spell[k] + h.tail_costs[SpellingModel::kEnd * kStyles + k];
    }
    c.prior = h.prior;
    if (position == Position::kGiven)
      c.prior = static_cast<float>(priors.GivenNameCost(View(c.hangul)));
    order.push_back({c.prior + SpellingModel::CostOverStyles(c.spell, style), all.size()});
    all.push_back(std::move(c));
  }
  std::sort(order.begin(), order.end());
  for (const auto& [cost, index] : order) {
    if (std::isinf(cost) || static_cast<int>(out.size()) >= beam) break;
    WordReading& reading = all[index];
    const bool seen = std::any_of(out.begin(), out.end(), [&reading](const WordReading& c) {
      return c.hangul == reading.hangul;
    });
    if (!seen) out.push_back(std::move(reading));
  }
  return out;
}

}  // namespace irum::hangul
