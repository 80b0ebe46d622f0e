// UTF-8 decoding and encoding for code that walks text code point by code point. Header-only: the
// engine's lowest layer, used by text/, hangul/ and catalog/ alike.
//
//   for (size_t i = 0; i < s.size();) { char32_t c = NextCodePoint(s, &i); ... }
#ifndef IRUM_SERVER_TEXT_UTF8_H_
#define IRUM_SERVER_TEXT_UTF8_H_

#include <algorithm>
#include <string>

#include "absl/strings/string_view.h"

namespace irum::text {

// The code point that starts at byte *i of `s`, advancing *i past it. REQUIRES: *i < s.size() and
// `s` well-formed UTF-8 (see ValidateUtf8); a sequence cut short by the end of `s` is decoded from
// the bytes there are.
inline char32_t NextCodePoint(absl::string_view s, size_t* i) {
  const auto b = static_cast<unsigned char>(s[*i]);
  const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len && *i + k < s.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  }
  *i = std::min(*i + len, s.size());
  return c;
}

// The number of bytes (1 to 4) `c` takes in UTF-8.
inline size_t Utf8Length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

// Writes `c` as UTF-8 at `out`, which must have room for Utf8Length(c) bytes; returns that length.
inline size_t EncodeUtf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

// Appends `c` to `out` as UTF-8.
inline void AppendUtf8(char32_t c, std::string* out) {
  char bytes[4];
  out->append(bytes, EncodeUtf8(c, bytes));
}

// The length (1 to 4) of the well-formed UTF-8 sequence that starts at byte `i` of `s`, or 0 when
// the bytes there are none: a stray continuation byte, an overlong form, a surrogate, a code point
// above U+10FFFF, or a sequence cut short by the end of `s`. REQUIRES: i < s.size().
inline size_t WellFormedLength(absl::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  size_t len;
  char32_t c;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
    c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    c = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    c = b & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    c = (c << 6) | (next & 0x3F);
  }
  const bool overlong = (len == 3 && c < 0x800) || (len == 4 && c < 0x10000);
  const bool surrogate = c >= 0xD800 && c <= 0xDFFF;
  return overlong || surrogate || c > 0x10FFFF ? 0 : len;
}

// `s` as code points. REQUIRES: well-formed UTF-8.
inline std::u32string CodePoints(absl::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(NextCodePoint(s, &i));
  return out;
}

inline bool IsAscii(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_UTF8_H_
