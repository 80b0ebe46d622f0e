#include "server/hangul/hanja.h"

#include "server/text/utf8.h"

namespace irum::hangul {

bool HasHanja(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (IsHanja(text::NextCodePoint(text, &i))) return true;
  }
  return false;
}

HanjaReadings::HanjaReadings(const std::vector<HanjaRow>& rows) {
  readings_.reserve(rows.size());
  for (const HanjaRow& row : rows) {
    if (!row.readings.empty()) readings_[row.hanja] = row.readings;
  }
}

std::u32string_view HanjaReadings::Of(char32_t hanja) const {
  auto it = readings_.find(hanja);
  return it == readings_.end() ? std::u32string_view() : std::u32string_view(it->second);
}

}  // namespace irum::hangul
