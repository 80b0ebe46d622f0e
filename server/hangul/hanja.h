// Hanja: the Sino-Korean readings of Chinese characters, from tables/hanja_readings.tsv (Unicode's
// Unihan database, field kHangul; scripts/gen-hanja-readings). The Decoder ranks the readings of
// a Hanja name with its priors (Decoder::Decode); this file holds the characters' readings.
//
//   HanjaReadings readings(rows);
//   readings.Of(U'金');  // U"금김": 금 as in 金剛山, 김 the surname
//
// Thread safety: HanjaReadings is immutable once built; read it from any thread.
#ifndef IRUM_SERVER_HANGUL_HANJA_H_
#define IRUM_SERVER_HANGUL_HANJA_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace irum::hangul {

// True for a CJK unified or compatibility ideograph (the blocks Hanja are written in).
inline bool IsHanja(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// True when UTF-8 `text` holds a Hanja. REQUIRES: well-formed UTF-8.
bool HasHanja(absl::string_view text);

// One row of tables/hanja_readings.tsv.
struct HanjaRow {
  char32_t hanja = 0;
  std::u32string readings;  // One syllable per reading, in Unihan's order (李: 리, 이).
};

class HanjaReadings {
 public:
  HanjaReadings() = default;
  explicit HanjaReadings(const std::vector<HanjaRow>& rows);

  // The readings of `hanja`, one syllable each; empty for a character the table does not read.
  std::u32string_view Of(char32_t hanja) const;

  bool empty() const { return readings_.empty(); }

 private:
  absl::flat_hash_map<char32_t, std::u32string> readings_;
};

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_HANJA_H_
