#include "server/hangul/spelled_syllables.h"

#include <algorithm>

namespace irum::hangul {

void SpelledSyllables::Add(const std::u32string& spelling, char32_t syllable) {
  std::vector<char32_t>& list = syllables_[spelling];
  if (std::find(list.begin(), list.end(), syllable) == list.end()) list.push_back(syllable);
  longest_ = std::max(longest_, spelling.size());
}

const std::vector<char32_t>& SpelledSyllables::Of(std::u32string_view spelling) const {
  static const auto* const kNone = new std::vector<char32_t>();
  auto it = syllables_.find(std::u32string(spelling));
  return it == syllables_.end() ? *kNone : it->second;
}

bool IsPlainNameSyllable(const Syllable& s) {
  switch (s.lead) {
    case Lead::kKK: case Lead::kTT: case Lead::kPP: case Lead::kSS: case Lead::kJJ: return false;
    default: break;
  }
  switch (s.tail) {
    case Tail::kNone: case Tail::kG: case Tail::kN: case Tail::kL: case Tail::kM: case Tail::kB:
    case Tail::kS: case Tail::kNG:
      return true;
    default:
      return false;
  }
}

}  // namespace irum::hangul
