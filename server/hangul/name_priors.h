// PriorModel: how likely a Hangul name is before its spelling is read -- the prior side of the
// decoder's noisy channel (P(Hangul) in P(Hangul) * P(spelling | Hangul)).
//
// Surnames: the cost (-log) of each surname's share of the population (tables/surnames.tsv), the
// surnames each listed spelling names, and the cost of a surname the table does not list. Given
// names: a mixture over populations (modern births, older public figures, North Koreans) of the
// whole name's frequency and its syllables' frequencies by position (tables/given_names.tsv,
// tables/syllable_priors.tsv, weights from tables/name_model.tsv). Places: syllable frequencies
// in place names. All costs are -log P: they add to the spelling model's.
//
//   PriorModel priors(surnames, syllables, given_names, mix, whole_name);
//   priors.GivenNameCost(U"여정");                    // -log P(여정 as a given name)
//   priors.SurnamesSpelled("Lee");                   // 이, 리
//
// Thread safety: immutable after construction.
#ifndef IRUM_SERVER_HANGUL_NAME_PRIORS_H_
#define IRUM_SERVER_HANGUL_NAME_PRIORS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "server/hangul/surnames.h"

namespace irum::hangul {

// One row of tables/surnames.tsv.
struct Surname {
  std::string hangul;                  // South Korean orthography: 이.
  std::string north;                   // North Korean form when different: 리; else empty.
  std::vector<std::string> spellings;  // Lee, Yi, Rhee, Ri, ... most common first.
  double share = 0;                    // Percent of the South Korean population; 0 when unknown
                                       // (counted as the smallest share of the table).
};

// One row of tables/surname_spellings.tsv: how often a surname was spelled each way in passports
// and other samples (scripts/gen-surname-spellings), most common first.
struct SurnameSpellingCounts {
  std::string hangul;
  std::vector<std::pair<std::string, int64_t>> spellings;  // Shin 29868, Sin 4205, ...
};

// The populations whose given names the priors count: births of 2008-2025 (modern), public
// figures of all generations (older), North Koreans (dprk). See scripts/gen-priors.
inline constexpr int kPopulations = 3;
inline constexpr int kDprkPopulation = 2;  // Its index in that order: modern, older, dprk.

// How long the given names of each population are: P(n syllables | population) for n = 1, 2, 3
// and 4 or more (tables/name_model.tsv, given_length.<population>.<n>, counted by
// scripts/gen-priors). The product of a name's syllable probabilities is a distribution over the
// names of one length only: without this factor every length would have as much mass as the
// two-syllable names that nearly all Koreans bear (a three-syllable reading of "Sei-hoon" as
// likely as a two-syllable one).
inline constexpr int kGivenNameLengths = 4;
struct GivenNameLengths {
  // [population][n - 1]; the last bucket for n >= 4. 1 everywhere: no length prior (tables
  // without the rows).
  double share[kPopulations][kGivenNameLengths] = {{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}};
};

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

// A surname a spelling names (Lee: 이 and 리), with the cost of its share.
struct SurnameReading {
  std::string hangul;
  std::u32string syllables;  // The same, as code points.
  double cost = 0;
};

class PriorModel {
 public:
  // Where a syllable stands: in a given name, in a place name, or in text (either).
  enum class Position : uint8_t { kGiven, kPlace, kText };

  PriorModel() = default;
  // `mix`: the weight of each population (they sum to 1); `whole_name`: the share of a given
  // name's prior from its whole-name count, in [0, 1]; `dprk_backoff`: how many names' weight the
  // older population's syllable frequencies have in the North Korean population's (whose own
  // names are few): p = (count + backoff * p_older) / (names + backoff); 0 for smoothing like
  // the others. `lengths` weighs the syllables' product by the name's length. `syllable_backoff`:
  // per population, how many names' weight its jamo model has in its syllables' probabilities:
  // p = (count + backoff * q) / (names + backoff), q = P(lead) P(vowel) P(tail) of the
  // population's syllables at that position (add-one smoothed), so that an unseen syllable is as
  // likely as its jamo are in names (앋, with a tail ㄷ, far less than 혁); 0 for add-half
  // smoothing over the 11,172 syllables.
  PriorModel(const std::vector<Surname>& surnames, const std::vector<SyllableCount>& syllables,
             const std::vector<GivenNameCount>& given_names,
             const std::array<double, kPopulations>& mix, double whole_name,
             const std::vector<SurnameSpellingCounts>& spelling_counts = {},
             double dprk_backoff = 0, const GivenNameLengths& lengths = {},
             const std::array<double, kPopulations>& syllable_backoff = {});

  // The cost of `syllable` as syllable number `index` (from 0) of a word in `position`; for given
  // names the mixture over populations of its frequency there. Infinite for what is no syllable.
  double SyllableCost(char32_t syllable, Position position, int index) const;
  // The same for every syllable at once: the costs of U+AC00..U+D7A3, in that order, as the
  // first syllable of a word in `position` or a later one (the lattice looks one up at every
  // step). Valid as long as this model.
  const float* SyllableCostTable(Position position, bool first) const;
  // The least cost in SyllableCostTable(position, first): what a syllable there costs at least.
  float LeastSyllableCost(Position position, bool first) const;
  // The cost of a whole given name: the mixture over populations of its whole-name frequency and
  // its syllables' frequencies times the share of names of its length. Infinite when it holds
  // what is no syllable.
  double GivenNameCost(std::u32string_view given) const;
  // The probability of a given name in each population (its whole-name frequency and its
  // syllables', blended as in GivenNameCost, not mixed); all 0 when it holds what is no syllable,
  // all 1 when it is empty.
  std::array<double, kPopulations> GivenNameProbabilities(std::u32string_view given) const;
  // True when the name statistics count `given` as a whole given name (tables/given_names.tsv:
  // 성우, 재원), in any population.
  bool CountsGivenName(std::u32string_view given) const;
  // GivenNameCost of a name of syllables from its GivenNameProbabilities (-log of their mixture):
  // for a caller that needs both.
  double GivenNameCost(const std::array<double, kPopulations>& probabilities) const;
  // The weight of each population in the mixture (tables/name_model.tsv, mix.*).
  const std::array<double, kPopulations>& mix() const { return mix_; }

  // The surnames a spelling names (Lee -> 이, 리), cheapest first; empty when the table lists no
  // such spelling. `spelling` is folded like a query (case, breves, apostrophes).
  const std::vector<SurnameReading>& SurnamesSpelled(absl::string_view spelling) const;
  // Every spelling the table lists (folded) with its SurnamesSpelled.
  const absl::flat_hash_map<std::string, std::vector<SurnameReading>>& listed_surname_spellings()
      const {
    return surname_spellings_;
  }
  // True when the passport samples (tables/surname_spellings.tsv) spell a surname `spelling`
  // (folded likewise), though the table may not list it: Boo for 부, Her for 허, Baik for 백.
  bool IsCountedSurnameSpelling(absl::string_view spelling) const {
    return !SurnamesCounted(spelling).empty();
  }
  // The surnames the passport samples spell `spelling` (folded likewise), in both forms when the
  // table lists the other (Young: 양, 량, 용, 룡); empty when they spell none so.
  const std::vector<std::u32string>& SurnamesCounted(absl::string_view spelling) const;
  // The table's row of the surname `hangul` (either form), or null when the table does not list it.
  const Surname* FindSurname(std::u32string_view hangul) const;
  // Which of the table's forms `hangul` is: kNorth for the North's form of a surname the South
  // writes otherwise (리 for 이), kSouth for that surname's southern form (이), kOnly for a
  // surname written alike (김), kNotListed when the table does not list it.
  enum class SurnameForm : uint8_t { kNotListed, kOnly, kNorth, kSouth };
  SurnameForm FormOf(std::u32string_view hangul) const;
  // How often the surname `hangul` (South Korean form) was spelled each way, most common first;
  // null when the counts do not include it.
  const SurnameSpellingCounts* SpellingCounts(std::u32string_view hangul) const;
  // The cost of `hangul` as a surname of the table (either form), or false when it is none.
  bool SurnameCost(std::u32string_view hangul, float* cost) const;
  // The cost of a surname the table does not list: -log of the share its listed surnames leave.
  float unknown_surname_cost() const { return unknown_surname_cost_; }
  // The longest spelling the table lists, in folded letters.
  size_t longest_surname_spelling() const { return longest_surname_spelling_; }
  // The longest spelling the passport samples counted (IsCountedSurnameSpelling).
  size_t longest_counted_spelling() const { return longest_counted_spelling_; }
  // The table's two-syllable surnames (남궁, 황보) in either form.
  const TwoSyllableSurnames& two_syllable_surnames() const { return two_syllable_surnames_; }

 private:
  // A syllable's probability in given names: per population and position (first, later).
  struct GivenProbabilities {
    float p[kPopulations][2];
  };

  absl::flat_hash_map<std::string, std::vector<SurnameReading>> surname_spellings_;  // Folded.
  size_t longest_surname_spelling_ = 0;
  size_t longest_counted_spelling_ = 0;
  absl::flat_hash_map<uint64_t, float> surname_costs_;  // Keyed by PackSyllables.
  // Folded spelling -> SurnamesCounted.
  absl::flat_hash_map<std::string, std::vector<std::u32string>> counted_spellings_;
  std::vector<Surname> surnames_;                         // The table's rows.
  absl::flat_hash_map<uint64_t, size_t> surname_index_;   // Into surnames_, keyed likewise.
  absl::flat_hash_map<uint64_t, SurnameSpellingCounts> spelling_counts_;  // Keyed likewise.
  float unknown_surname_cost_ = 0;
  TwoSyllableSurnames two_syllable_surnames_;
  // Dense tables, indexed by syllable - kFirstSyllable (unseen syllables have the value of a count
  // of zero): the lattice asks for them at every step.
  std::vector<GivenProbabilities> given_probability_;
  std::vector<float> given_cost_[2];  // As the first / a later syllable of a given name.
  std::vector<float> place_cost_;
  std::vector<float> text_cost_[2];   // The lesser of the two: either, as the first / a later.
  // The least of each: given_, place_ (both positions alike) and text_ (first, later).
  float least_given_cost_[2] = {}, least_place_cost_ = 0, least_text_cost_[2] = {};
  // Whole given names (up to four syllables, keyed by PackSyllables) -> probability per population.
  absl::flat_hash_map<uint64_t, std::array<float, kPopulations>> given_name_probability_;
  std::array<double, kPopulations> mix_{};
  double whole_name_ = 0;
  GivenNameLengths lengths_;
};

// Up to four Hangul syllables in one number (the key of the surname and given-name tables); 0 for
// anything else.
uint64_t PackSyllables(std::u32string_view syllables);

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_NAME_PRIORS_H_
