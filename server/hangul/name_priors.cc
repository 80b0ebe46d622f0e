#include "server/hangul/name_priors.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "server/hangul/jamo.h"
#include "server/hangul/latin_words.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// Add-half smoothing of the syllable counts over the 11,172 syllables.
constexpr double kAlpha = 0.5;
constexpr size_t kSyllables = kLastSyllable - kFirstSyllable + 1;

}  // namespace

uint64_t PackSyllables(std::u32string_view s) {
  if (s.empty() || s.size() > 4) return 0;
  uint64_t key = 0;
  for (char32_t c : s) {
    if (!IsSyllable(c)) return 0;
    key = (key << 16) | (c - kFirstSyllable + 1);
  }
  return key;
}

PriorModel::PriorModel(const std::vector<Surname>& surnames,
                       const std::vector<SyllableCount>& syllables,
                       const std::vector<GivenNameCount>& given_names,
                       const std::array<double, kPopulations>& mix, double whole_name,
                       const std::vector<SurnameSpellingCounts>& spelling_counts,
                       double dprk_backoff, const GivenNameLengths& lengths,
                       const std::array<double, kPopulations>& syllable_backoff)
    : two_syllable_surnames_([&surnames] {
        std::vector<std::string> forms;
        for (const Surname& s : surnames) forms.insert(forms.end(), {s.hangul, s.north});
        return forms;
      }()),
      mix_(mix),
      whole_name_(whole_name),
      lengths_(lengths) {
  // A surname without a census figure counts as the smallest share the table gives: the 2015
  // census counts every surname of 5 or more people, so one it does not count is rare. With no
  // share at all, the surnames count alike.
  double smallest = 0;
  for (const Surname& s : surnames) {
    if (s.share > 0 && (smallest == 0 || s.share < smallest)) smallest = s.share;
  }
  if (smallest == 0 && !surnames.empty()) smallest = 100.0 / surnames.size();
  double listed = 0;  // The shares the table gives, in percent.
  for (const Surname& s : surnames) {
    const double cost = -std::log((s.share > 0 ? s.share : smallest) / 100.0);
    listed += std::max(s.share, 0.0);
    for (const std::string* form : {&s.hangul, &s.north}) {
      const std::u32string hangul = text::CodePoints(*form);
      if (hangul.empty()) continue;
      if (const uint64_t key = PackSyllables(hangul)) {
        surname_costs_.emplace(key, static_cast<float>(cost));
        surname_index_.emplace(key, surnames_.size());
      }
    }
    // Every spelling the table lists names the surname, in both its forms, at the cost of its
    // share; how likely the spelling is (Lee for 이, Ri for 리) is the spelling model's business,
    // and which form a name takes the decoder's (Decoder::SurnameFormCosts).
    for (const std::string& spelling : s.spellings) {
      const std::string folded = FoldSpelling(spelling);
      if (folded.empty()) continue;
      longest_surname_spelling_ = std::max(longest_surname_spelling_, folded.size());
      std::vector<SurnameReading>& readings = surname_spellings_[folded];
      for (const std::string* form : {&s.hangul, &s.north}) {
        if (form->empty()) continue;
        const bool seen = std::any_of(readings.begin(), readings.end(),
                                      [&](const SurnameReading& r) { return r.hangul == *form; });
        if (!seen) readings.push_back({*form, text::CodePoints(*form), cost});
      }
    }
    surnames_.push_back(s);
  }
  for (const SurnameSpellingCounts& counts : spelling_counts) {
    if (const uint64_t key = PackSyllables(text::CodePoints(counts.hangul))) {
      spelling_counts_.emplace(key, counts);
    }
    // The surname in both forms, when the table lists the North's (량 of 양).
    std::vector<std::u32string> forms = {text::CodePoints(counts.hangul)};
    if (const Surname* listed = FindSurname(forms[0]);
        listed != nullptr && listed->hangul == counts.hangul && !listed->north.empty()) {
      forms.push_back(text::CodePoints(listed->north));
    }
    for (const auto& [spelling, count] : counts.spellings) {
      std::string folded = FoldSpelling(spelling);
      if (folded.empty()) continue;
      longest_counted_spelling_ = std::max(longest_counted_spelling_, folded.size());
      std::vector<std::u32string>& surnames = counted_spellings_[std::move(folded)];
      for (const std::u32string& form : forms) {
        if (std::find(surnames.begin(), surnames.end(), form) == surnames.end()) {
          surnames.push_back(form);
        }
      }
    }
  }
  // The bundled table lists 99.74% of South Koreans (2015 census): an unlisted surname costs
  // about 6. At least 0.1%, should a table's shares sum to 100 or more.
  unknown_surname_cost_ = static_cast<float>(-std::log(std::max(1.0 - listed / 100.0, 1e-3)));
  for (auto& [spelling, readings] : surname_spellings_) {
    std::sort(readings.begin(), readings.end(),
              [](const SurnameReading& a, const SurnameReading& b) { return a.cost < b.cost; });
  }

  // Syllables, per population and position; the lattice uses their mixture syllable by syllable,
  // GivenNameCost the mixture of whole names. Counts by syllable index first.
  std::vector<SyllableCount> dense(kSyllables);
  double given_total[kPopulations][2] = {};
  double place_total = 0;
  for (const SyllableCount& c : syllables) {
    const std::u32string s = text::CodePoints(c.syllable);
    if (s.size() != 1 || !IsSyllable(s[0])) continue;
    SyllableCount& d = dense[s[0] - kFirstSyllable];
    for (int p = 0; p < kPopulations; ++p) {
      for (int at = 0; at < 2; ++at) {
        d.given[p][at] += c.given[p][at];
        given_total[p][at] += static_cast<double>(c.given[p][at]);
      }
    }
    d.place += c.place;
    place_total += static_cast<double>(c.place);
  }
  // Each population's jamo model per position: P(lead), P(vowel), P(tail) of its syllables,
  // add-one smoothed (only where syllable_backoff asks for it).
  struct JamoModel {
    double lead[kLeadCount], vowel[kVowelCount], tail[kTailCount];
    double Of(size_t index) const {
      return lead[index / (kVowelCount * kTailCount)] *
             vowel[(index / kTailCount) % kVowelCount] * tail[index % kTailCount];
    }
  };
  std::vector<JamoModel> jamo(kPopulations * 2);
  for (int p = 0; p < kPopulations; ++p) {
    for (int at = 0; at < 2; ++at) {
      JamoModel& m = jamo[p * 2 + at];
      std::fill(std::begin(m.lead), std::end(m.lead), 1.0);
      std::fill(std::begin(m.vowel), std::end(m.vowel), 1.0);
      std::fill(std::begin(m.tail), std::end(m.tail), 1.0);
      if (!(syllable_backoff[p] > 0)) continue;
      for (size_t i = 0; i < kSyllables; ++i) {
        const double c = static_cast<double>(dense[i].given[p][at]);
        m.lead[i / (kVowelCount * kTailCount)] += c;
        m.vowel[(i / kTailCount) % kVowelCount] += c;
        m.tail[i % kTailCount] += c;
      }
      const double n = given_total[p][at];
      for (double& x : m.lead) x /= n + kLeadCount;
      for (double& x : m.vowel) x /= n + kVowelCount;
      for (double& x : m.tail) x /= n + kTailCount;
    }
  }
  auto probability = [](double count, double total) {
    return (count + kAlpha) / (total + kAlpha * static_cast<double>(kSyllables));
  };
  // A syllable's probability in population p at position `at`, from its count there (the older
  // population's, in `g`, already set).
  constexpr int kOlder = 1, kDprk = kDprkPopulation;
  auto given_probability = [&](int p, int at, size_t index, const GivenProbabilities& g) {
    const double count = static_cast<double>(dense[index].given[p][at]);
    if (p == kDprk && dprk_backoff > 0) {
      return (count + dprk_backoff * g.p[kOlder][at]) / (given_total[p][at] + dprk_backoff);
    }
    if (syllable_backoff[p] > 0) {
      return (count + syllable_backoff[p] * jamo[p * 2 + at].Of(index)) /
             (given_total[p][at] + syllable_backoff[p]);
    }
    return probability(count, given_total[p][at]);
  };
  static_assert(kOlder < kDprk, "the older population's probabilities come first");
  auto cost_of = [](double p) { return static_cast<float>(-std::log(p)); };
  auto mixed = [this](const GivenProbabilities& g, int at) {
    double p = 0;
    for (int k = 0; k < kPopulations; ++k) p += mix_[k] * g.p[k][at];
    return p;
  };
  given_probability_.resize(kSyllables);
  for (int at = 0; at < 2; ++at) given_cost_[at].resize(kSyllables);
  place_cost_.resize(kSyllables);
  for (size_t index = 0; index < kSyllables; ++index) {
    GivenProbabilities& g = given_probability_[index];
    for (int p = 0; p < kPopulations; ++p) {
      for (int at = 0; at < 2; ++at) {
        g.p[p][at] = static_cast<float>(given_probability(p, at, index, g));
      }
    }
    for (int at = 0; at < 2; ++at) given_cost_[at][index] = cost_of(mixed(g, at));
    place_cost_[index] =
        cost_of(probability(static_cast<double>(dense[index].place), place_total));
  }
  for (int at = 0; at < 2; ++at) {
    text_cost_[at].resize(kSyllables);
    for (size_t i = 0; i < kSyllables; ++i) {
      text_cost_[at][i] = std::min(given_cost_[at][i], place_cost_[i]);
    }
  }
  auto least = [](const std::vector<float>& costs) {
    return *std::min_element(costs.begin(), costs.end());
  };
  for (int at = 0; at < 2; ++at) {
    least_given_cost_[at] = least(given_cost_[at]);
    least_text_cost_[at] = least(text_cost_[at]);
  }
  least_place_cost_ = least(place_cost_);
  // Whole names: the share of the population's names (its first syllables count its names).
  for (const GivenNameCount& g : given_names) {
    std::array<float, kPopulations> p{};
    for (int k = 0; k < kPopulations; ++k) {
      p[k] = given_total[k][0] > 0 ? static_cast<float>(g.count[k] / given_total[k][0]) : 0.0f;
    }
    if (const uint64_t key = PackSyllables(text::CodePoints(g.given))) {
      given_name_probability_[key] = p;
    }
  }
}

double PriorModel::SyllableCost(char32_t syllable, Position position, int index) const {
  if (!IsSyllable(syllable)) return std::numeric_limits<double>::infinity();
  const size_t at = syllable - kFirstSyllable;
  switch (position) {
    case Position::kGiven: return given_cost_[index == 0 ? 0 : 1][at];
    case Position::kPlace: return place_cost_[at];
    case Position::kText: return text_cost_[index == 0 ? 0 : 1][at];
  }
  return 0;
}

const float* PriorModel::SyllableCostTable(Position position, bool first) const {
  switch (position) {
    case Position::kGiven: return given_cost_[first ? 0 : 1].data();
    case Position::kPlace: return place_cost_.data();
    case Position::kText: return text_cost_[first ? 0 : 1].data();
  }
  return nullptr;
}

float PriorModel::LeastSyllableCost(Position position, bool first) const {
  switch (position) {
    case Position::kGiven: return least_given_cost_[first ? 0 : 1];
    case Position::kPlace: return least_place_cost_;
    case Position::kText: return least_text_cost_[first ? 0 : 1];
  }
  return 0;
}

std::array<double, kPopulations> PriorModel::GivenNameProbabilities(
    std::u32string_view given) const {
  std::array<double, kPopulations> syllables;
  syllables.fill(1.0);
  for (size_t i = 0; i < given.size(); ++i) {
    if (!IsSyllable(given[i])) return {};
    const GivenProbabilities& g = given_probability_[given[i] - kFirstSyllable];
    for (int k = 0; k < kPopulations; ++k) syllables[k] *= g.p[k][i == 0 ? 0 : 1];
  }
  if (given.empty()) return syllables;
  const size_t length = std::min<size_t>(given.size(), kGivenNameLengths) - 1;
  for (int k = 0; k < kPopulations; ++k) syllables[k] *= lengths_.share[k][length];
  auto whole = given_name_probability_.find(PackSyllables(given));
  std::array<double, kPopulations> out;
  for (int k = 0; k < kPopulations; ++k) {
    const double w = whole == given_name_probability_.end() ? 0.0 : whole->second[k];
    out[k] = whole_name_ * w + (1 - whole_name_) * syllables[k];
  }
  return out;
}

bool PriorModel::CountsGivenName(std::u32string_view given) const {
  return !given.empty() && given.size() <= kGivenNameLengths &&
         std::all_of(given.begin(), given.end(), IsSyllable) &&
         given_name_probability_.contains(PackSyllables(given));
}

double PriorModel::GivenNameCost(std::u32string_view given) const {
  if (given.empty()) return 0;
  if (!std::all_of(given.begin(), given.end(), IsSyllable)) {
    return std::numeric_limits<double>::infinity();
  }
  return GivenNameCost(GivenNameProbabilities(given));
}

double PriorModel::GivenNameCost(const std::array<double, kPopulations>& probabilities) const {
  double mixed = 0;
  for (int k = 0; k < kPopulations; ++k) mixed += mix_[k] * probabilities[k];
  return -std::log(std::max(mixed, 1e-300));  // Finite, whatever the table's weights.
}

const std::vector<SurnameReading>& PriorModel::SurnamesSpelled(absl::string_view spelling) const {
  static const auto* const kNone = new std::vector<SurnameReading>();
  // Lowercase ASCII letters fold to themselves: looked up as they are (Annotate asks for every
  // capitalized word's key), without building the folded string.
  const bool folded = std::all_of(spelling.begin(), spelling.end(),
                                  [](char c) { return c >= 'a' && c <= 'z'; });
  auto it = folded ? surname_spellings_.find(spelling)
                   : surname_spellings_.find(FoldSpelling(spelling));
  return it == surname_spellings_.end() ? *kNone : it->second;
}

const std::vector<std::u32string>& PriorModel::SurnamesCounted(absl::string_view spelling) const {
  static const auto* const kNone = new std::vector<std::u32string>();
  const bool folded = std::all_of(spelling.begin(), spelling.end(),
                                  [](char c) { return c >= 'a' && c <= 'z'; });
  auto it = folded ? counted_spellings_.find(spelling)
                   : counted_spellings_.find(FoldSpelling(spelling));
  return it == counted_spellings_.end() ? *kNone : it->second;
}

bool PriorModel::SurnameCost(std::u32string_view hangul, float* cost) const {
  auto it = surname_costs_.find(PackSyllables(hangul));
  if (it == surname_costs_.end()) return false;
  *cost = it->second;
  return true;
}

const SurnameSpellingCounts* PriorModel::SpellingCounts(std::u32string_view hangul) const {
  auto it = spelling_counts_.find(PackSyllables(hangul));
  return it == spelling_counts_.end() ? nullptr : &it->second;
}

const Surname* PriorModel::FindSurname(std::u32string_view hangul) const {
  auto it = surname_index_.find(PackSyllables(hangul));
  return it == surname_index_.end() ? nullptr : &surnames_[it->second];
}

PriorModel::SurnameForm PriorModel::FormOf(std::u32string_view hangul) const {
  const Surname* row = FindSurname(hangul);
  if (row == nullptr) return SurnameForm::kNotListed;
  if (row->north.empty() || row->north == row->hangul) return SurnameForm::kOnly;
  return text::CodePoints(row->north) == hangul ? SurnameForm::kNorth : SurnameForm::kSouth;
}

}  // namespace irum::hangul
