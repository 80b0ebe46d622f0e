#include "server/hangul/speller.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "server/text/utf8.h"
#include "server/hangul/jamo.h"

namespace irum::hangul {
namespace {

// How many spellings of each syllable, and of each name so far, the search keeps per style: the
// shares below them are too small to change the first few.
constexpr size_t kSyllableBeam = 8;
constexpr size_t kNameBeam = 32;
// Spellings with a smaller share are not listed: the model's smoothing gives every letter group
// some weight (Kim Yop Jong), which is not a spelling anyone uses.
constexpr double kMinShare = 0.001;

// A partial spelling: each syllable's letters, and -log P in the style.
struct Partial {
  std::vector<std::string> syllables;
  double cost = 0;
};

// The cheapest spellings of syllable `i` of `name` in `style`: lead, vowel and tail chunks in
// their contexts. A chunk that only McCune-Reischauer writes (breves, apostrophes) is left out;
// for a North Korean name (`north`) also what McCune-Reischauer writes where the DPRK system does
// not, since the model's plain style holds both: "ch" for ㅈ (Chong-un; Jong Un), and the
// nasalization before ㄹ (Yŏng-nim, Kŭng-nyŏl; Yong Rim, Kuk Ryol: the DPRK system writes each
// given syllable apart).
std::vector<std::pair<std::string, double>> SyllableSpellings(const std::u32string& name, size_t i,
                                                              size_t surname_length, int style,
                                                              bool north,
                                                              const SpellingModel& model) {
  const bool surname = i < surname_length;
  const size_t part_start = surname ? 0 : surname_length;
  const size_t part_end = surname ? surname_length : name.size();
  const Syllable syl = Decompose(name[i]);
  const int lead_context =
      i == part_start ? SpellingModel::kStart : static_cast<int>(Decompose(name[i - 1]).tail);
  const int tail_context =
      i + 1 == part_end ? SpellingModel::kEnd : static_cast<int>(Decompose(name[i + 1]).lead);
  const auto slot = [surname](SpellingModel::Slot s) {
    return static_cast<SpellingModel::Slot>(s + (surname ? SpellingModel::kSurnameLead : 0));
  };
  auto usable = [](const std::string& letters) {
    return letters.find_first_of("OU'") == std::string::npos;
  };
  std::vector<std::pair<std::string, double>> out;
  for (const SpellingModel::Option& l :
       model.OptionsOf(slot(SpellingModel::kLead), static_cast<int>(syl.lead))) {
    if (!usable(*l.letters)) continue;
    if (north && ((syl.lead == Lead::kJ && *l.letters == "ch") ||
                  (syl.lead == Lead::kR && i > part_start && *l.letters == "n"))) {
      continue;
    }
    const double lc = l.costs[lead_context * kStyles + style];
    for (const SpellingModel::Option& v :
         model.OptionsOf(slot(SpellingModel::kVowel), static_cast<int>(syl.vowel))) {
      if (v.letters->empty() || !usable(*v.letters)) continue;
      const double vc = v.costs[static_cast<int>(syl.tail) * kStyles + style];
      for (const SpellingModel::Option& t :
           model.OptionsOf(slot(SpellingModel::kTail), static_cast<int>(syl.tail))) {
        if (!usable(*t.letters)) continue;
        if (north && tail_context == static_cast<int>(Lead::kR) &&
            ((syl.tail == Tail::kG && *t.letters == "ng") ||
             (syl.tail == Tail::kB && *t.letters == "m"))) {
          continue;
        }
        const double tc = t.costs[tail_context * kStyles + style];
        out.push_back({*l.letters + *v.letters + *t.letters, lc + vc + tc});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  // One entry per spelling (two cuts can write the same letters): the likelier kept, the
  // other's weight added.
  std::vector<std::pair<std::string, double>> merged;
  for (const auto& [letters, cost] : out) {
    const std::string& spelled = letters;
    auto it = std::find_if(merged.begin(), merged.end(),
                           [&spelled](const auto& m) { return m.first == spelled; });
    if (it == merged.end()) {
      if (merged.size() < kSyllableBeam) merged.push_back({letters, cost});
    } else {
      it->second = -std::log(std::exp(-it->second) + std::exp(-cost));
    }
  }
  return merged;
}

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = absl::ascii_toupper(s[0]);
  return s;
}

// A spelling the table lists that a style can write: letters only (Chŏng and Ch'oe are the
// McCune-Reischauer spellings the styles here leave out).
bool PlainLetters(const std::string& spelling) {
  return !spelling.empty() && std::all_of(spelling.begin(), spelling.end(), [](char c) {
    return absl::ascii_isalpha(static_cast<unsigned char>(c));
  });
}

// Beyond this cost SpellCost found no cut of the letters at all (its floor is about 27.6).
constexpr float kNoSpelling = 27;

// The n-best spellings of syllables [from, to) of `name` in `style`, each syllable's letters
// apart.
std::vector<Partial> SpellSyllables(const std::u32string& name, size_t from, size_t to,
                                    size_t surname_length, int style, bool north,
                                    const SpellingModel& model) {
  std::vector<Partial> beam = {Partial{}};
  for (size_t i = from; i < to && !beam.empty(); ++i) {
    const auto spellings = SyllableSpellings(name, i, surname_length, style, north, model);
    std::vector<Partial> next;
    for (const Partial& p : beam) {
      for (const auto& [letters, cost] : spellings) {
        Partial q = p;
        q.syllables.push_back(letters);
        q.cost += cost;
        next.push_back(std::move(q));
      }
    }
    std::sort(next.begin(), next.end(),
              [](const Partial& a, const Partial& b) { return a.cost < b.cost; });
    if (next.size() > kNameBeam) next.resize(kNameBeam);
    beam = std::move(next);
  }
  return beam;
}

}  // namespace

std::vector<SpelledName> SpellName(std::u32string_view hangul, const PriorModel& priors,
                                   const SpellingModel& model, const SpelledNameOptions& options) {
  std::u32string name;
  size_t space = std::u32string_view::npos;
  for (size_t i = 0; i < hangul.size(); ++i) {
    if (hangul[i] == U' ' && space == std::u32string_view::npos && !name.empty()) {
      space = name.size();
    } else if (IsSyllable(hangul[i])) {
      name.push_back(hangul[i]);
    } else {
      return {};
    }
  }
  // A surname has one or two syllables (and may stand alone); a name is no longer than
  // kMaxNameSyllables.
  if (name.empty() || name.size() > kMaxNameSyllables || model.empty() ||
      (space != std::u32string_view::npos && space > 2)) {
    return {};
  }
  // The surname: before the space; a two-syllable surname of the table standing alone (남궁);
  // else as the romanizer splits names.
  const size_t surname_length =
      space != std::u32string_view::npos && space < name.size() ? space
      : name.size() == 2 && priors.two_syllable_surnames().Contains(name)
          ? 2
          : priors.two_syllable_surnames().SurnameLength(name);
  // A South Korean surname is spelled as the counts of tables/surname_spellings.tsv say (Shin
  // before Sin); else one the surname table lists is spelled as the table spells it, the model
  // ranking the spellings. A North Korean name's surname is in its northern form (이 -> 리) and
  // spelled by the model's press style alone (the table's spellings are mostly the South's:
  // Ryoo, Yoo).
  const Surname* row = priors.FindSurname(std::u32string_view(name).substr(0, surname_length));
  if (row != nullptr && options.north && !row->north.empty()) {
    const std::u32string north = text::CodePoints(row->north);
    if (north.size() == surname_length) name.replace(0, surname_length, north);
  }
  const std::u32string surname = name.substr(0, surname_length);

  // The styles such names are written in, each weighted by P(style) of person names: the North's
  // press style for a North Korean name; passport and Revised Romanization spellings for others.
  const std::array<float, kStyles>& style_costs = model.person_style_costs();
  absl::flat_hash_map<std::string, double> weight;  // Surname and given syllables joined by '|'.
  for (int style = 0; style < kStyles; ++style) {
    const std::string style_name = kStyleNames[style];
    if (options.north ? style_name != "plain" : style_name != "passport" && style_name != "rr") {
      continue;
    }
    std::vector<Partial> surnames;
    const SurnameSpellingCounts* counts = options.north ? nullptr : priors.SpellingCounts(surname);
    if (counts != nullptr) {
      // How passports and other samples spell the surname; the same whatever the given name's
      // style (the systems' rules are not how people spell surnames).
      double total = 0;
      for (const auto& [spelling, count] : counts->spellings) total += static_cast<double>(count);
      for (const auto& [spelling, count] : counts->spellings) {
        surnames.push_back(Partial{{spelling}, -std::log(static_cast<double>(count) / total)});
      }
    } else if (row != nullptr && !options.north) {
      for (const std::string& spelling : row->spellings) {
        if (!PlainLetters(spelling)) continue;
        const float cost = model.SpellCost(surname, absl::AsciiStrToLower(spelling), true)[style];
        if (cost < kNoSpelling) surnames.push_back(Partial{{spelling}, cost});
      }
    }
    if (surnames.empty()) {
      surnames = SpellSyllables(name, 0, surname_length, surname_length, style, options.north, model);
      for (Partial& p : surnames) {
        std::string joined;
        for (const std::string& s : p.syllables) joined += s;
        p.syllables = {Capitalized(joined)};
      }
    }
    const std::vector<Partial> givens =
        SpellSyllables(name, surname_length, name.size(), surname_length, style, options.north, model);
    for (const Partial& s : surnames) {
      for (const Partial& g : givens) {
        std::string key = s.syllables[0];
        for (const std::string& syllable : g.syllables) key += "|" + syllable;
        weight[key] += std::exp(-(s.cost + g.cost + style_costs[style]));
      }
    }
  }
  if (weight.empty()) return {};

  double total = 0;
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [key, w] : weight) {
    total += w;
    ranked.push_back({w, key});
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::vector<SpelledName> out;
  for (const auto& [w, key] : ranked) {
    if (static_cast<int>(out.size()) >= options.max_results || w < kMinShare * total) break;
    // The given name hyphenated (Jae-myung), or for the North each syllable a capitalized word
    // (Yo Jong).
    const std::vector<std::string> parts = absl::StrSplit(key, '|');
    std::string latin = parts[0];
    for (size_t i = 1; i < parts.size(); ++i) {
      latin += i == 1 || options.north ? " " + Capitalized(parts[i]) : "-" + parts[i];
    }
    out.push_back({std::move(latin), w / total});
  }
  return out;
}

}  // namespace irum::hangul
