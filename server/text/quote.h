// Quoting a client's input in an error message: never more than a short prefix of it, so that a
// megabyte of input cannot make a megabyte of error (gRPC sends the message as a header, which a
// client refuses past its metadata limit, and logs keep it), and never bytes that break the
// message.
//
//   absl::NotFoundError(absl::StrCat("no entity has id ", text::Quote(id)));
//   // no entity has id 'place/kp/kaesong'
//   // no entity has id 'xxxxxxxx…'  (an ID of 10,000 x: its first 64 bytes)
//
// Thread safety: a pure function.
#ifndef IRUM_SERVER_TEXT_QUOTE_H_
#define IRUM_SERVER_TEXT_QUOTE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace irum::text {

// How many bytes of an input an error message quotes, at most.
inline constexpr size_t kMaxQuotedBytes = 64;

// `input` in single quotes, for an error message: at most `max_bytes` bytes of it, cut at a
// character boundary and followed by "…" (inside the quotes) when cut. Control characters
// (U+0000-U+001F, U+007F-U+009F) are written as \xNN escapes of their bytes, as is each byte that
// is not part of well-formed UTF-8 (ValidateUtf8), so the result is always well-formed UTF-8 on
// one line; an escape counts its own length against `max_bytes`. Apostrophes are kept as they are
// (P'yŏngyang).
std::string Quote(absl::string_view input, size_t max_bytes = kMaxQuotedBytes);

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_QUOTE_H_
