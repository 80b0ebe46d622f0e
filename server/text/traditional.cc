#include "server/text/traditional.h"

#include <memory>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "absl/strings/str_cat.h"

namespace irum::text {

absl::StatusOr<std::string> ToTraditional(absl::string_view text) {
  struct Transform {
    std::unique_ptr<icu::Transliterator> transliterator;
    UErrorCode status = U_ZERO_ERROR;
  };
  // Made once per thread: creating one compiles the transform's rules.
  thread_local Transform transform = [] {
    Transform t;
    t.transliterator.reset(icu::Transliterator::createInstance(
        "Simplified-Traditional", UTRANS_FORWARD, t.status));
    return t;
  }();
  if (U_FAILURE(transform.status) || transform.transliterator == nullptr) {
    return absl::InternalError(absl::StrCat("ICU's Simplified-Traditional transform cannot be loaded: ",
                                            u_errorName(transform.status)));
  }
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  transform.transliterator->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace irum::text
