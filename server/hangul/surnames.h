// TwoSyllableSurnames: the two-syllable surnames of tables/surnames.tsv (남궁, 선우, 황보, and the
// North's forms), and where the surname of a name written as one word ends -- the one rule the
// romanizer (선우혁 -> Seonu Hyeok) and the decoder's orthography key (남궁룡 = 남궁용) share.
//
//   TwoSyllableSurnames surnames({"남궁", "선우"});
//   surnames.SurnameLength(U"선우혁");  // 2
//   surnames.SurnameLength(U"김선우");  // 1
//
// Thread safety: immutable after construction.
#ifndef IRUM_SERVER_HANGUL_SURNAMES_H_
#define IRUM_SERVER_HANGUL_SURNAMES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"

namespace irum::hangul {

class TwoSyllableSurnames {
 public:
  // No table: SurnameLength guesses from the length alone.
  TwoSyllableSurnames() = default;
  // `surnames` in UTF-8; those that are not two Hangul syllables are ignored.
  explicit TwoSyllableSurnames(const std::vector<std::string>& surnames);

  bool Contains(std::u32string_view syllables) const;

  // How many syllables of `name`, a name written as one word, are its surname: 2 when its first two
  // are a two-syllable surname and a given name follows; with no table, 2 for a name of four
  // syllables or more; else 1 (0 for an empty name).
  size_t SurnameLength(std::u32string_view name) const;

 private:
  // Two syllables in one number (each 16 bits from U+AC00): no string built per lookup.
  static uint32_t Pack(char32_t first, char32_t second) {
    return (static_cast<uint32_t>(first - 0xAC00) << 16) | static_cast<uint32_t>(second - 0xAC00);
  }
  absl::flat_hash_set<uint32_t> surnames_;
};

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_SURNAMES_H_
