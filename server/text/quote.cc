#include "server/text/quote.h"

#include "absl/strings/str_format.h"
#include "server/text/utf8.h"

namespace irum::text {

std::string Quote(absl::string_view input, size_t max_bytes) {
  std::string out = "'";
  size_t i = 0;
  while (i < input.size()) {
    const size_t len = WellFormedLength(input, i);
    std::string piece;
    if (len == 0) {
      piece = absl::StrFormat("\\x%02X", static_cast<unsigned char>(input[i]));
    } else {
      size_t next = i;
      const char32_t c = NextCodePoint(input, &next);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        for (size_t k = i; k < i + len; ++k) {
          absl::StrAppendFormat(&piece, "\\x%02X", static_cast<unsigned char>(input[k]));
        }
      } else {
        piece = std::string(input.substr(i, len));
      }
    }
    if (out.size() - 1 + piece.size() > max_bytes) break;
    out += piece;
    i += len == 0 ? 1 : len;
  }
  if (i < input.size()) out += "…";
  out += "'";
  return out;
}

}  // namespace irum::text
