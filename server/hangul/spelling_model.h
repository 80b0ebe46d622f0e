// SpellingModel: how each style of romanization spells each jamo, as scripts/fit-name-model
// learned it from aligned Hangul-Latin names (tables/spelling_model.tsv).
//
// A romanized name is written in one style, chosen per name: rr (Revised Romanization), mr
// (McCune-Reischauer with breves and apostrophes), plain (McCune-Reischauer and the DPRK system
// without breves, as the press prints North Korean names), passport (the ad-hoc spellings of South
// Korean passports, agencies and people's own English names). In a style, each syllable is spelled
// as a lead, a vowel and a tail chunk of letters, with the probabilities
//   P(lead chunk | lead jamo, previous syllable's tail), P(vowel chunk | vowel jamo, own tail),
//   P(tail chunk | tail jamo, next syllable's lead),
// so that the sound changes written at junctions (종로 Jongno, 신라 Silla) are part of the model.
// A given-name syllable that is also a surname is sometimes spelled whole, as passports spell that
// surname ("Chung" for 정 in Park Chung-hee, "Lee" for 이 in Leeyoung): with P(whole | style), its
// letters drawn from the surname's spellings; with 1 - P(whole | style), jamo by jamo as above.
// The decoder sums over the styles per name; this class gives it the candidate jamo of each chunk
// and their costs (-log P) by context and style.
//
//   SpellingModel model(rows, style_weights, /*min_probability=*/1e-3);
//   for (uint16_t c : model.ChunksStartingWith(SpellingModel::kLead, 'k')) ...
//
// Thread safety: immutable after construction.
#ifndef IRUM_SERVER_HANGUL_SPELLING_MODEL_H_
#define IRUM_SERVER_HANGUL_SPELLING_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "server/hangul/jamo.h"

namespace irum::hangul {

inline constexpr int kStyles = 4;
// The styles, in the order of the table's columns and of every per-style array.
inline constexpr const char* kStyleNames[kStyles] = {"rr", "mr", "plain", "passport"};

// One row of tables/spelling_model.tsv: key slot|jamo|context|letters, a value per style.
struct SpellingRow {
  std::string key;
  std::array<float, kStyles> value{};
};

class SpellingModel {
 public:
  // The chunks of a syllable; a surname's syllables have slots of their own (Lee, Park and Ri are
  // not how given names spell 이, 박 and 리).
  enum Slot : uint8_t {
    kLead = 0, kVowel = 1, kTail = 2, kSurnameLead = 3, kSurnameVowel = 4, kSurnameTail = 5
  };
  static constexpr int kSlots = 6;
  // Contexts. Lead: the previous syllable's tail (0-27), or kStart at the start of a word. Vowel:
  // the syllable's own tail (0-27). Tail: the next syllable's lead (0-18), or kEnd at the end.
  static constexpr int kStart = kTailCount;
  static constexpr int kEnd = kLeadCount;
  static constexpr int kContexts[kSlots] = {kTailCount + 1, kTailCount, kLeadCount + 1,
                                            kTailCount + 1, kTailCount, kLeadCount + 1};

  // One jamo a chunk can spell, with its costs: costs[context * kStyles + style] = -log P.
  struct Reading {
    uint8_t jamo;
    const float* costs;
  };
  struct Chunk {
    std::string letters;  // Decoder symbols: lowercase letters, O for ŏ, U for ŭ, ' (may be "").
    std::vector<Reading> readings;
    // The least cost of any reading, in any context and style: what spelling with the chunk
    // costs at least (the lattice prunes with it).
    float least_cost = 0;
  };

  SpellingModel() = default;
  // Builds the model from the table's rows. `person_styles`, `place_styles`: P(style) of person
  // and place names (normalized here; all equal when they sum to 0). A chunk reads as a jamo when
  // its context-free probability reaches `min_probability` in some style. Rows that do not parse
  // are skipped (the table reader has checked them).
  SpellingModel(const std::vector<SpellingRow>& rows,
                const std::array<double, kStyles>& person_styles,
                const std::array<double, kStyles>& place_styles, double min_probability);

  SpellingModel(SpellingModel&&) = default;
  SpellingModel& operator=(SpellingModel&&) = default;
  SpellingModel(const SpellingModel&) = delete;
  SpellingModel& operator=(const SpellingModel&) = delete;

  bool empty() const { return chunks_[kLead].empty(); }
  const std::vector<Chunk>& chunks(Slot slot) const { return chunks_[slot]; }
  // The chunks of `slot` that begin with `byte` (the empty chunk under every byte).
  const std::vector<uint16_t>& ChunksStartingWith(Slot slot, unsigned char byte) const {
    return by_first_byte_[slot][byte];
  }
  // The ways `jamo` is spelled in `slot` (the model run forwards): each chunk's letters and its
  // costs, costs[context * kStyles + style].
  struct Option {
    const std::string* letters;
    const float* costs;
  };
  const std::vector<Option>& OptionsOf(Slot slot, int jamo) const;

  // A given syllable spelled whole (the table's `whole` rows): its letters, the syllable, and
  // costs[style] = -log(P(whole | style) P(letters | syllable)).
  struct WholeSpelling {
    std::string letters;
    char32_t syllable;
    std::array<float, kStyles> costs;
  };
  const std::vector<WholeSpelling>& whole_spellings() const { return whole_; }
  // The whole spellings of two letters or more that begin with `first` and `second`, and (with
  // `second` 0) those of the one letter `first` (indexes into whole_spellings()): the lattice
  // looks up the two letters where it stands, not every spelling of the first.
  const std::vector<uint16_t>& WholeSpellingsStartingWith(char first, char second) const;
  // -log(1 - P(whole | style)): what a given syllable spelled jamo by jamo costs besides its
  // chunks (0 without whole rows).
  const std::array<float, kStyles>& jamo_syllable_costs() const { return jamo_syllable_costs_; }

  // -log P(style) of person names, and of place names.
  const std::array<float, kStyles>& person_style_costs() const { return style_costs_[0]; }
  const std::array<float, kStyles>& place_style_costs() const { return style_costs_[1]; }

  // -log P(symbols | hangul, style) for each style, summed over the ways to cut `symbols` into the
  // syllables' chunks: the cost of spelling a surname (`surname`: in the surname slots) or a word
  // of a few syllables. About 27.6 (-log 1e-12, the floor) when no cut fits.
  std::array<float, kStyles> SpellCost(std::u32string_view hangul, const std::string& symbols,
                                       bool surname) const;

  // -log of the sum over the styles of P(style) * P(spelling | style): the cost of a spelling
  // whatever its style, from its cost in each style (`spell`) and -log P(style) (`style`).
  static float CostOverStyles(const std::array<float, kStyles>& spell,
                              const std::array<float, kStyles>& style);

  // Parses a row key into its parts; false when it is not slot|jamo|context|letters with known
  // jamo and contexts. `letters` "*" is a context's back-off weight; "-" the empty chunk.
  static bool ParseKey(const std::string& key, Slot* slot, int* jamo, int* context,
                       std::string* letters);
  // Parses a `whole` row's key, whole|syllable|*|letters (lowercase letters), or whole|*|*|*
  // (P(whole | style)): `syllable` is then 0. False when it is neither.
  static bool ParseWholeKey(const std::string& key, char32_t* syllable, std::string* letters);

 private:
  std::vector<Chunk> chunks_[kSlots];
  std::vector<std::vector<uint16_t>> by_first_byte_[kSlots];
  std::vector<std::vector<Option>> by_jamo_[kSlots];
  std::vector<std::vector<float>> blocks_;  // The costs readings point into.
  std::vector<WholeSpelling> whole_;
  // By WholePrefix of the first two letters.
  std::vector<std::vector<uint16_t>> whole_by_prefix_ = std::vector<std::vector<uint16_t>>(27 * 27);
  std::array<float, kStyles> jamo_syllable_costs_{};
  std::array<float, kStyles> style_costs_[2]{};
};

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_SPELLING_MODEL_H_
