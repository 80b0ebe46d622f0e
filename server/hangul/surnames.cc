#include "server/hangul/surnames.h"

#include "server/hangul/jamo.h"
#include "server/text/utf8.h"

namespace irum::hangul {

TwoSyllableSurnames::TwoSyllableSurnames(const std::vector<std::string>& surnames) {
  for (const std::string& surname : surnames) {
    const std::u32string s = text::CodePoints(surname);
    if (s.size() == 2 && IsSyllable(s[0]) && IsSyllable(s[1])) surnames_.insert(Pack(s[0], s[1]));
  }
}

bool TwoSyllableSurnames::Contains(std::u32string_view syllables) const {
  return syllables.size() == 2 && IsSyllable(syllables[0]) && IsSyllable(syllables[1]) &&
         surnames_.contains(Pack(syllables[0], syllables[1]));
}

size_t TwoSyllableSurnames::SurnameLength(std::u32string_view name) const {
  if (name.empty()) return 0;
  if (name.size() < 3) return 1;
  if (surnames_.empty()) return name.size() >= 4 ? 2 : 1;
  return Contains(name.substr(0, 2)) ? 2 : 1;
}

}  // namespace irum::hangul
