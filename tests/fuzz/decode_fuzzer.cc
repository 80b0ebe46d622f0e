// The decoder through the engine's entry points, on any bytes: ToHangul of each kind, Compare of
// the two halves of the input (cut at a tab), Resolve of the first. Invalid input is refused with
// a status, never a crash; readings' scores are shares (each in (0, 1], summing to at most 1).
#include <cstdio>
#include <cstdlib>

#include "server/match/names.h"
#include "server/match/resolver.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace irum;
  const catalog::Catalog& catalog = fuzz::BundledCatalog();
  const std::vector<absl::string_view> parts = fuzz::Split(fuzz::AsText(data, size), '\t', 2);
  const match::QueryLimits limits;
  for (hangul::StringKind kind :
       {hangul::StringKind::kPerson, hangul::StringKind::kPlace, hangul::StringKind::kText}) {
    match::Koreanness korean;
    absl::StatusOr<std::vector<hangul::DecodedName>> readings =
        match::ToHangul(catalog, parts[0], kind, 5, limits, &korean);
    if (!readings.ok()) continue;
    double total = 0;
    for (const hangul::DecodedName& r : *readings) {
      if (!(r.score > 0 && r.score <= 1)) {
        std::fprintf(stderr, "decode_fuzzer: a score out of (0, 1]\n");
        std::abort();
      }
      total += r.score;
    }
    if (total > 1 + 1e-6) {
      std::fprintf(stderr, "decode_fuzzer: scores sum to %f\n", total);
      std::abort();
    }
  }
  if (parts.size() == 2) {
    match::Compare(catalog, parts[0], parts[1], hangul::StringKind::kPerson, limits).IgnoreError();
  }
  match::Resolve(catalog, parts[0], match::ResolveOptions(), limits).IgnoreError();
  return 0;
}
