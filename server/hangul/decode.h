// Decoder: romanized Korean (any system, or an ad-hoc spelling) -> ranked Hangul candidates.
//
// The inverse of the romanizers, as a noisy channel: the readings are ranked by
// P(Hangul) * P(spelling | Hangul). A spelling is parsed into syllables by dynamic programming over
// a lattice: at each position every way to spell a lead consonant, a vowel and a tail consonant is
// tried with its probability under the spelling model (SpellingModel, tables/spelling_model.tsv:
// learned from aligned names, four styles summed over per name, the sound changes at syllable
// junctions part of the model: Jongno -> 종로, Silla -> 신라, Baegam -> 백암). Priors rank what the
// spelling leaves open: how common a surname is (tables/surnames.tsv), how often a syllable occurs
// in given names or place names (tables/syllable_priors.tsv), and how common a whole given name is
// (tables/given_names.tsv): a given name's prior is a mixture over populations (modern births,
// older public figures, North Koreans) of its whole-name frequency and its syllables' frequencies
// by position, weighted as tables/name_model.tsv says. Only the best hypotheses per position are
// kept (a beam), so the work is linear in the length of the query. A reading's score is its share
// of the probability of all readings found.
//
//   Decoder decoder(surnames, priors);
//   decoder.Decode("Chung Sung-Jun", {StringKind::kPerson});  // 정성준 first
//   decoder.Decode("Ri Son Gwon", {StringKind::kPerson});     // 리선권 (a North Korean spelling)
//
// Persons: the surname is the word before a comma ("KIM, Yo Jong"), else the first word, or the
// last ("Yo-jong Kim") at a cost; a query written as one word is split after a known surname
// spelling. The Hangul comes back surname first, without spaces. Places: each word decoded on its
// own, English generic words (tables/place_generics.tsv) become the Hangul that ends the name
// (Kaesong City -> 개성시, Mount Paektu and Paektu Mountain -> 백두산). Text: each word decoded on
// its own.
//
// Thread safety: a Decoder is immutable; Decode may be called from any thread.
#ifndef IRUM_SERVER_HANGUL_DECODE_H_
#define IRUM_SERVER_HANGUL_DECODE_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "server/hangul/jamo.h"
#include "server/hangul/latin_words.h"
#include "server/hangul/romanize.h"
#include "server/hangul/spelling_model.h"

namespace irum::hangul {

namespace decode_internal {
struct Candidate;  // A reading of a word.
}  // namespace decode_internal

// A surname a spelling names (Lee: 이 and 리), with the cost of its share (-log).
struct SurnameReading {
  std::string hangul;
  std::u32string syllables;  // The same, as code points.
  double cost = 0;
};

// One row of tables/surnames.tsv.
struct Surname {
  std::string hangul;                  // South Korean orthography: 이.
  std::string north;                   // North Korean form when different: 리; else empty.
  std::vector<std::string> spellings;  // Lee, Yi, Rhee, Ri, ... most common first.
  double share = 0;                    // Percent of the South Korean population; 0 when unknown.
};

// The populations whose given names the priors count: births of 2008-2025 (modern), public
// figures of all generations (older), North Koreans (dprk). See scripts/gen-priors.
inline constexpr int kPopulations = 3;

// One row of tables/syllable_priors.tsv.
struct SyllableCount {
  std::string syllable;
  // Occurrences as the first syllable ([p][0]) and as a later syllable ([p][1]) of given names in
  // population p.
  int64_t given[kPopulations][2] = {};
  int64_t place = 0;  // Occurrences in place names.
};

// One row of tables/given_names.tsv: how often a whole given name occurs in each population.
struct GivenNameCount {
  std::string given;
  int64_t count[kPopulations] = {};
};

// tables/name_model.tsv: how the priors are mixed (fitted by scripts/gen-priors).
struct NameModel {
  // The weight of each population in a given name's prior; they sum to 1.
  double mix[kPopulations] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
  // The share of a given name's prior that comes from its whole-name count rather than from the
  // product of its syllables' counts, in [0, 1].
  double whole_name = 0;
  // P(style) of a romanized person name and place name (kStyleNames order); all equal when none
  // is given.
  std::array<double, kStyles> style{};
  std::array<double, kStyles> place_style{};
  // Compare's verdict: two spellings are the same name when their score reaches this. Fitted by
  // scripts/fit-name-model on training pairs (tables/name_model.tsv, compare.same).
  double same_name = 0.1;
};

// Everything the decoder's model is made from: the spelling model (tables/spelling_model.tsv) and
// the name priors.
struct NamePriors {
  std::vector<SpellingRow> spelling;
  std::vector<SyllableCount> syllables;
  std::vector<GivenNameCount> given_names;
  NameModel model;
};

struct DecodeOptions {
  StringKind kind = StringKind::kPerson;
  int max_results = 5;  // REQUIRES: > 0.
  // Hypotheses kept per position of the lattice (and readings per word). Smaller is faster and
  // loses unlikely readings first. REQUIRES: > 0.
  int beam = 12;
};

struct DecodedName {
  std::string hangul;  // 김여정; words of places and text separated by single spaces.
  // The share of this reading among all the readings the decoder found, in (0, 1]: the scores of
  // one query sum to at most 1. 1.0 means no other reading was found.
  double score = 0;
  double cost = 0;  // -log of the reading's weight; lower is likelier.
  bool surname_last = false;  // Persons: the query wrote the surname last (Yo-jong Kim).
};

class Decoder {
 public:
  // `place_generics`: English generic words of place names and their Hangul (river -> 강).
  Decoder(const std::vector<Surname>& surnames, const NamePriors& priors,
          const std::vector<std::pair<std::string, std::string>>& place_generics = {});

  // The likeliest Hangul readings of `latin`, best first; empty when it cannot be read as
  // romanized Korean at all (Trump, NBC: a syllable without a vowel, or letters no system uses).
  // Hangul in the query is kept as it is. REQUIRES: well-formed UTF-8.
  std::vector<DecodedName> Decode(absl::string_view latin, const DecodeOptions& options) const;

  // The surnames a spelling names (Lee -> 이, 리), cheapest first, with their costs; empty when
  // the spelling is no known surname. `spelling` is folded like a query (case, breves, apostrophes).
  const std::vector<SurnameReading>& SurnamesSpelled(absl::string_view spelling) const;

  // A key under which the North and South Korean spellings of a name meet: its Hangul syllables
  // (anything else dropped) with the initial-sound rule applied where a word of the name begins.
  // Persons: the surname and the given name (after a two-syllable surname of the table: 남궁룡 =
  // 남궁용); 리설주 = 이설주, 최룡해 = 최용해. Places and text: each word (룡천 = 용천), but not
  // inside one (신라 stays apart from 신나).
  std::string OrthographyKey(absl::string_view hangul, StringKind kind) const;

  // The model's parameters, as tables/name_model.tsv gave them.
  const NameModel& model() const { return model_; }

 private:
  using Candidate = decode_internal::Candidate;
  enum class Position : uint8_t { kGiven, kPlace, kText };

  // The readings of one word, best first, at most `beam`, with `style` the -log P(style) of the
  // name it belongs to.
  std::vector<Candidate> DecodeWord(const LatinWord& word, Position position, int beam,
                                    const std::array<float, kStyles>& style) const;
  // The prior cost of `syllable` as syllable number `index` (from 0) of a word in `position`; for
  // given names, the mixture over populations of its frequency at that position.
  double PriorCost(char32_t syllable, Position position, int index) const;
  // The prior cost of a whole given name: the mixture over populations of its whole-name
  // frequency and its syllables' frequencies (NameModel).
  double GivenNameCost(std::u32string_view given) const;

  // Folded spelling -> (surname Hangul, cost).
  absl::flat_hash_map<std::string, std::vector<SurnameReading>> surname_spellings_;
  size_t longest_surname_spelling_ = 0;  // In folded letters.
  // Surname Hangul (both forms) -> the cost of its share.
  absl::flat_hash_map<uint64_t, float> surname_costs_;  // Keyed by PackSyllables.
  // -log of the share of people whose surname the table does not list (1 - the listed shares).
  float unknown_surname_cost_ = 0;
  // Two-syllable surnames (and their North Korean forms), for OrthographyKey.
  absl::flat_hash_set<std::u32string> two_syllable_surnames_;
  absl::flat_hash_map<std::string, std::u32string> place_generics_;  // "river" -> 강.
  // A syllable's probability in given names: per population and position (first, later).
  struct GivenProbabilities {
    float p[kPopulations][2];
  };
  // Dense tables, indexed by syllable - kFirstSyllable (every syllable has a value: unseen ones
  // that of a count of zero): the lattice asks for them at every step.
  std::vector<GivenProbabilities> given_probability_;
  // Prior cost as the first / a later syllable of a given name (the mixture), and in a place name.
  std::vector<float> given_cost_[2];
  std::vector<float> place_cost_;
  // Whole given names -> probability in each population.
  // Keyed by PackSyllables: names of up to four syllables (longer ones have their syllables').
  absl::flat_hash_map<uint64_t, std::array<float, kPopulations>> given_name_probability_;
  NameModel model_;
  SpellingModel spelling_;
};

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_DECODE_H_
