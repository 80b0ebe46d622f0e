// ToTraditional: Chinese characters in their traditional forms, the forms Hanja are written in, by
// ICU's Simplified-Traditional transform: 金与正 -> 金與正, 开城 -> 開城. Text without simplified
// characters comes back as it was.
//
// Thread safety: may be called from any thread (each thread keeps its own ICU transliterator).
#ifndef IRUM_SERVER_TEXT_TRADITIONAL_H_
#define IRUM_SERVER_TEXT_TRADITIONAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace irum::text {

// `text` with simplified Chinese characters in traditional form. Internal when ICU's transform
// cannot be loaded (a broken ICU installation). REQUIRES: well-formed UTF-8.
absl::StatusOr<std::string> ToTraditional(absl::string_view text);

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_TRADITIONAL_H_
