// ReadWord: the lattice search that reads one romanized word as ranked Hangul.
//
// At each position of the word's symbols every way to spell a lead consonant, a vowel and a tail
// consonant is tried under the spelling model, each syllable costed by the spelling model (per
// style, in its context: the previous tail, the own tail, the next lead) and by the priors (the
// syllable at its position in a given name or a place name; a finished given name by its
// whole-name prior), a syllable's prior counted as soon as its jamo are chosen. In a given name a
// syllable may also be spelled whole, as passports spell the surname it also is (Chung for 정).
// Only the best `beam` hypotheses per position are kept, ordered by prior plus the cheapest
// style's spelling cost; a syllable must end where a piece of the word ends (at a hyphen). The
// styles of one name are not chosen here: each reading carries its spelling cost in every style,
// for the caller to add over the words of a name and sum over the styles.
//
//   std::vector<WordReading> r = ReadWord(words[1], PriorModel::Position::kGiven, 6,
//                                         spelling.person_style_costs(), spelling, priors);
//
// Thread safety: ReadWord may be called from any thread (its scratch space is per thread).
#ifndef IRUM_SERVER_HANGUL_LATTICE_H_
#define IRUM_SERVER_HANGUL_LATTICE_H_

#include <array>
#include <limits>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "server/hangul/latin_words.h"
#include "server/hangul/name_priors.h"
#include "server/hangul/spelling_model.h"
#include "server/hangul/surnames.h"

namespace irum::hangul {

// Hangul held inline: the syllables of a name need no allocation.
using HangulText = absl::InlinedVector<char32_t, 8>;

inline std::u32string_view View(const HangulText& t) {
  return std::u32string_view(t.data(), t.size());
}

// A reading of a word: its Hangul, its prior cost, and the cost of its spelling in each style
// (all -log P).
struct WordReading {
  HangulText hangul;
  float prior = 0;
  std::array<float, kStyles> spell{};
  // Read as a given name (PriorModel::Position::kGiven): the Hangul's probability as a given name
  // in each population (PriorModel::GivenNameProbabilities), for the caller to weigh by style
  // without looking the name up again. All 0 in the other positions.
  std::array<double, kPopulations> given{};
};

// What the lattice keeps at each position: the best `width` hypotheses, and of those only the ones
// that rank within `margin` (in cost, -log P) of the position's best. The margin drops hypotheses
// that end in the first reading only when a whole-name prior far above their syllables' lifts
// them: a caller that takes the first reading alone (Annotate) can set one; the readings after
// the first are then fewer. An int is a beam of that width without a margin.
struct Beam {
  Beam(int w) : width(w) {}  // NOLINT(google-explicit-constructor): a plain width.
  Beam(int w, float m) : width(w), margin(m) {}
  int width;
  float margin = std::numeric_limits<float>::infinity();
};

// The readings of `word` in `position`, cheapest first (prior + the spelling's cost over the
// styles weighted by `style`, the -log P(style) of the name), at most `beam.width`, each Hangul once;
// empty when no spelling fits. A word written in Hangul reads as itself at no cost. Words of more
// than 16 syllables have no reading. `surname`: the word is spelled as surnames are (the spelling
// model's surname slots: Goh, Chey), not as given names. `only_surnames`: when set, only readings
// that can be a surname, one syllable or two that it lists (남궁), are searched for: the beam holds
// none of the others, so it keeps more of these, and a long word costs the lattice little.
// REQUIRES: beam.width > 0, beam.margin > 0.
std::vector<WordReading> ReadWord(const LatinWord& word, PriorModel::Position position, Beam beam,
                                  const std::array<float, kStyles>& style,
                                  const SpellingModel& spelling, const PriorModel& priors,
                                  bool surname = false,
                                  const TwoSyllableSurnames* only_surnames = nullptr);

// Whether `spelling` spells `word` at all: some cut of it into syllables has chunks that read as
// jamo (`surname`: in the surname slots). ReadWord, with a beam wide enough, reads what this
// spells (of at most 16 syllables), at a fraction of the cost. A word in Hangul is spelled.
bool Spells(const LatinWord& word, const SpellingModel& spelling, bool surname = false);

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_LATTICE_H_
