#include "server/hangul/spelling_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "absl/strings/str_split.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// The compatibility jamo the table writes, in the order of Lead, Vowel and Tail.
constexpr const char* kLeadLetters[kLeadCount] = {"ㄱ", "ㄲ", "ㄴ", "ㄷ", "ㄸ", "ㄹ", "ㅁ", "ㅂ", "ㅃ", "ㅅ",
                                                  "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"};
constexpr const char* kVowelLetters[kVowelCount] = {"ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ",
                                                    "ㅖ", "ㅗ", "ㅘ", "ㅙ", "ㅚ", "ㅛ", "ㅜ",
                                                    "ㅝ", "ㅞ", "ㅟ", "ㅠ", "ㅡ", "ㅢ", "ㅣ"};
constexpr const char* kTailLetters[kTailCount] = {
    "-", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ",
    "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"};

template <size_t N>
int IndexOf(const char* const (&letters)[N], const std::string& s) {
  for (size_t i = 0; i < N; ++i) {
    if (s == letters[i]) return static_cast<int>(i);
  }
  return -1;
}

// The index of whole spellings beginning with `first` and `second` (0: none) in
// SpellingModel::whole_by_prefix_, or -1 when they are not lowercase letters.
int WholePrefix(char first, char second) {
  if (first < 'a' || first > 'z' || (second != 0 && (second < 'a' || second > 'z'))) return -1;
  return (first - 'a') * 27 + (second == 0 ? 26 : second - 'a');
}

// The lowest probability a cost stands for: -log of it caps the cost of an impossible spelling.
constexpr double kFloorProbability = 1e-12;

}  // namespace

bool SpellingModel::ParseKey(const std::string& key, Slot* slot, int* jamo, int* context,
                             std::string* letters) {
  std::vector<std::string> parts = absl::StrSplit(key, '|');
  if (parts.size() != 4) return false;
  bool surname = parts[0].size() > 1 && parts[0][0] == 's';
  if (surname) parts[0].erase(0, 1);
  if (parts[0] == "lead") {
    *slot = surname ? kSurnameLead : kLead;
    *jamo = IndexOf(kLeadLetters, parts[1]);
    *context = parts[2] == "*" ? -1 : parts[2] == "^" ? kStart : IndexOf(kTailLetters, parts[2]);
  } else if (parts[0] == "vowel") {
    *slot = surname ? kSurnameVowel : kVowel;
    *jamo = IndexOf(kVowelLetters, parts[1]);
    *context = parts[2] == "*" ? -1 : IndexOf(kTailLetters, parts[2]);
  } else if (parts[0] == "tail") {
    *slot = surname ? kSurnameTail : kTail;
    *jamo = IndexOf(kTailLetters, parts[1]);
    *context = parts[2] == "*" ? -1 : parts[2] == "$" ? kEnd : IndexOf(kLeadLetters, parts[2]);
  } else {
    return false;
  }
  if (*jamo < 0 || (parts[2] != "*" && *context < 0) || parts[3].empty()) return false;
  *letters = parts[3] == "-" ? "" : parts[3];
  return true;
}

bool SpellingModel::ParseWholeKey(const std::string& key, char32_t* syllable,
                                  std::string* letters) {
  std::vector<std::string> parts = absl::StrSplit(key, '|');
  if (parts.size() != 4 || parts[0] != "whole" || parts[2] != "*") return false;
  if (parts[1] == "*") {
    *syllable = 0;
    *letters = parts[3];
    return parts[3] == "*";
  }
  const std::u32string hangul = text::CodePoints(parts[1]);
  if (hangul.size() != 1 || !IsSyllable(hangul[0]) || parts[3].empty() ||
      !std::all_of(parts[3].begin(), parts[3].end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return false;
  }
  *syllable = hangul[0];
  *letters = parts[3];
  return true;
}

SpellingModel::SpellingModel(const std::vector<SpellingRow>& rows,
                             const std::array<double, kStyles>& person_styles,
                             const std::array<double, kStyles>& place_styles,
                             double min_probability) {
  for (int kind = 0; kind < 2; ++kind) {
    const std::array<double, kStyles>& weights = kind == 0 ? person_styles : place_styles;
    double total = 0;
    for (double w : weights) total += w;
    for (int s = 0; s < kStyles; ++s) {
      const double p = total > 0 ? weights[s] / total : 1.0 / kStyles;
      style_costs_[kind][s] = static_cast<float>(-std::log(std::max(p, kFloorProbability)));
    }
  }

  // The rows by what they say: context-free probabilities, back-off weights, context rows.
  using Key = std::tuple<int, int, std::string>;  // slot, jamo, letters
  std::map<Key, std::array<float, kStyles>> free;
  std::map<std::tuple<int, int, int>, std::array<float, kStyles>> weight;  // slot, jamo, context
  std::map<std::tuple<int, int, int, std::string>, std::array<float, kStyles>> in_context;
  for (const SpellingRow& row : rows) {
    Slot slot;
    int jamo, context;
    std::string letters;
    char32_t syllable = 0;
    if (ParseWholeKey(row.key, &syllable, &letters)) {
      if (syllable == 0) {
        for (int s = 0; s < kStyles; ++s) {
          jamo_syllable_costs_[s] = static_cast<float>(-std::log(std::max(
              1.0 - static_cast<double>(row.value[s]), kFloorProbability)));
        }
      } else {  // Every one: they are few, and a syllable spelled whole costs the lattice little.
        WholeSpelling w{letters, syllable, {}};
        for (int s = 0; s < kStyles; ++s) {
          w.costs[s] = static_cast<float>(
              -std::log(std::max(static_cast<double>(row.value[s]), kFloorProbability)));
        }
        whole_by_prefix_[WholePrefix(letters[0], letters.size() > 1 ? letters[1] : 0)].push_back(
            static_cast<uint16_t>(whole_.size()));
        whole_.push_back(std::move(w));
      }
      continue;
    }
    if (!ParseKey(row.key, &slot, &jamo, &context, &letters)) continue;
    if (context < 0) {
      if (letters != "*") free[{slot, jamo, letters}] = row.value;
    } else if (letters == "*") {
      weight[{slot, jamo, context}] = row.value;
    } else {
      in_context[{slot, jamo, context, letters}] = row.value;
    }
  }

  // Each chunk that reads as a jamo often enough, in some style and some context (신라 Silla: l
  // reads ㄴ only after ㄹ), with its costs in every context.
  std::map<Key, bool> frequent;
  for (const auto& [key, p] : free) {
    frequent[key] |= *std::max_element(p.begin(), p.end()) >= min_probability;
  }
  for (const auto& [key, p] : in_context) {
    const auto& [slot, jamo, context, letters] = key;
    if (*std::max_element(p.begin(), p.end()) >= min_probability) frequent[{slot, jamo, letters}] = true;
  }
  std::map<std::pair<int, std::string>, uint16_t> chunk_ids;
  for (const auto& [key, p] : free) {
    const auto& [slot, jamo, letters] = key;
    if (!frequent[key]) continue;
    auto [it, fresh] = chunk_ids.emplace(std::make_pair(slot, letters),
                                         static_cast<uint16_t>(chunks_[slot].size()));
    if (fresh) chunks_[slot].push_back(Chunk{letters, {}});
    const int contexts = kContexts[slot];
    std::vector<float> block(static_cast<size_t>(contexts) * kStyles);
    for (int c = 0; c < contexts; ++c) {
      auto row = in_context.find({slot, jamo, c, letters});
      auto w = weight.find({slot, jamo, c});
      for (int s = 0; s < kStyles; ++s) {
        double q = p[s];
        if (row != in_context.end() && row->second[s] >= 0) {
          q = row->second[s];
        } else if (w != weight.end()) {
          q = w->second[s] * p[s];
        }
        block[c * kStyles + s] = static_cast<float>(-std::log(std::max(q, kFloorProbability)));
      }
    }
    Chunk& chunk = chunks_[slot][it->second];
    const float least = *std::min_element(block.begin(), block.end());
    chunk.least_cost = chunk.readings.empty() ? least : std::min(chunk.least_cost, least);
    blocks_.push_back(std::move(block));
    chunk.readings.push_back(Reading{static_cast<uint8_t>(jamo), blocks_.back().data()});
  }
  for (int slot = 0; slot < kSlots; ++slot) {
    by_jamo_[slot].assign(std::max(kLeadCount, std::max(kVowelCount, kTailCount)), {});
    for (const Chunk& chunk : chunks_[slot]) {
      for (const Reading& r : chunk.readings) by_jamo_[slot][r.jamo].push_back({&chunk.letters, r.costs});
    }
    by_first_byte_[slot].assign(256, {});
    for (size_t i = 0; i < chunks_[slot].size(); ++i) {
      const std::string& letters = chunks_[slot][i].letters;
      for (int b = 0; b < 256; ++b) {
        if (letters.empty() || static_cast<unsigned char>(letters[0]) == b) {
          by_first_byte_[slot][b].push_back(static_cast<uint16_t>(i));
        }
      }
    }
  }
}

const std::vector<uint16_t>& SpellingModel::WholeSpellingsStartingWith(char first,
                                                                      char second) const {
  static const auto* const kNone = new std::vector<uint16_t>();
  const int prefix = WholePrefix(first, second);
  return prefix < 0 ? *kNone : whole_by_prefix_[prefix];
}

const std::vector<SpellingModel::Option>& SpellingModel::OptionsOf(Slot slot, int jamo) const {
  static const auto* const kNone = new std::vector<Option>();
  const auto& table = by_jamo_[slot];
  return jamo >= 0 && static_cast<size_t>(jamo) < table.size() ? table[jamo] : *kNone;
}

std::array<float, kStyles> SpellingModel::SpellCost(std::u32string_view hangul,
                                                    const std::string& symbols,
                                                    bool surname) const {
  const int base = surname ? kSurnameLead : kLead;
  const size_t n = symbols.size();
  const size_t m = hangul.size();
  // forward[i * (n + 1) + k][s]: probability of the first i syllables spelled by symbols[0, k)
  // in style s. Reused by this thread from call to call.
  thread_local std::vector<std::array<double, kStyles>> cells;
  cells.assign((m + 1) * (n + 1), std::array<double, kStyles>{});
  auto forward = [n](size_t i, size_t k) -> std::array<double, kStyles>& {
    return cells[i * (n + 1) + k];
  };
  forward(0, 0).fill(1.0);
  auto probability = [](const Chunk& chunk, int jamo, int context, int style) {
    for (const Reading& r : chunk.readings) {
      if (r.jamo == jamo) return std::exp(-static_cast<double>(r.costs[context * kStyles + style]));
    }
    return 0.0;
  };
  auto matches = [&symbols](const std::string& letters, size_t at) {
    return symbols.compare(at, letters.size(), letters) == 0 && at + letters.size() <= symbols.size();
  };
  for (size_t i = 0; i < m; ++i) {
    if (!IsSyllable(hangul[i])) return {};
    const Syllable syl = Decompose(hangul[i]);
    const int lead_context = i == 0 ? kStart : static_cast<int>(Decompose(hangul[i - 1]).tail);
    const int tail_context = i + 1 == m ? kEnd : static_cast<int>(Decompose(hangul[i + 1]).lead);
    for (size_t k = 0; k < n; ++k) {
      const auto& from = forward(i, k);
      if (std::all_of(from.begin(), from.end(), [](double p) { return p == 0; })) continue;
      auto byte = [&symbols](size_t at) {
        return at < symbols.size() ? static_cast<unsigned char>(symbols[at]) : 0;
      };
      for (const uint16_t l : by_first_byte_[base][byte(k)]) {
        const Chunk& lead = chunks_[base][l];
        if (!matches(lead.letters, k)) continue;
        const size_t a = k + lead.letters.size();
        for (const uint16_t v : by_first_byte_[base + 1][byte(a)]) {
          const Chunk& vowel = chunks_[base + 1][v];
          if (vowel.letters.empty() || !matches(vowel.letters, a)) continue;
          const size_t b = a + vowel.letters.size();
          for (const uint16_t t : by_first_byte_[base + 2][byte(b)]) {
            const Chunk& tail = chunks_[base + 2][t];
            if (!matches(tail.letters, b)) continue;
            const size_t e = b + tail.letters.size();
            if (i + 1 == m && e != n) continue;
            for (int s = 0; s < kStyles; ++s) {
              const double p =
                  probability(lead, static_cast<int>(syl.lead), lead_context, s) *
                  probability(vowel, static_cast<int>(syl.vowel), static_cast<int>(syl.tail), s) *
                  probability(tail, static_cast<int>(syl.tail), tail_context, s);
              forward(i + 1, e)[s] += from[s] * p;
            }
          }
        }
      }
    }
  }
  std::array<float, kStyles> out;
  for (int s = 0; s < kStyles; ++s) {
    out[s] = static_cast<float>(-std::log(std::max(forward(m, n)[s], kFloorProbability)));
  }
  return out;
}

float SpellingModel::CostOverStyles(const std::array<float, kStyles>& spell,
                                    const std::array<float, kStyles>& style) {
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

}  // namespace irum::hangul
