// Every romanizer on any bytes, in every system and for every kind of text, by the rules and as
// people spell names (RomanizeText): invalid input is refused with a status, and what is written
// is well-formed UTF-8.
#include <cstdio>
#include <cstdlib>

#include "server/match/names.h"
#include "server/text/normalize.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace irum;
  const catalog::Catalog& catalog = fuzz::BundledCatalog();
  const absl::string_view input = fuzz::AsText(data, size);
  const match::QueryLimits limits;
  for (int system = static_cast<int>(hangul::System::kRr);
       system <= static_cast<int>(hangul::System::kCyrillic); ++system) {
    for (hangul::StringKind kind :
         {hangul::StringKind::kPerson, hangul::StringKind::kPlace, hangul::StringKind::kText}) {
      for (int common = 0; common < 2; ++common) {
        match::TextRomanization options;
        options.rules.system = static_cast<hangul::System>(system);
        options.rules.kind = kind;
        options.common = common == 1;
        absl::StatusOr<match::RomanizedText> out =
            match::RomanizeText(catalog, input, options, limits);
        if (out.ok() && !text::ValidateUtf8(out->romanized).ok()) {
          std::fprintf(stderr, "romanize_fuzzer: output is not well-formed UTF-8\n");
          std::abort();
        }
      }
    }
  }
  return 0;
}
