// Annotate on any bytes, with the options the first byte picks: invalid text is refused with a
// status; every mention lies inside the text, in order, its code point offsets agreeing with its
// byte offsets.
#include <cstdio>
#include <cstdlib>

#include "server/match/annotate.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace irum;
  const catalog::Catalog& catalog = fuzz::BundledCatalog();
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const absl::string_view text = fuzz::AsText(data + 1, size - 1);
  match::AnnotateOptions options;
  options.unknown_names = (flags & 1) != 0;
  options.demonyms = (flags & 2) != 0;
  if (flags & 4) options.kinds = {catalog::EntityKind::kPerson};
  options.max_candidates = 1 + (flags >> 4);
  absl::StatusOr<std::vector<match::Mention>> mentions =
      match::Annotate(catalog, text, options, match::QueryLimits());
  if (!mentions.ok()) return 0;
  for (const match::Mention& m : *mentions) {
    int64_t points = 0;
    for (size_t i = 0; i < m.begin; ++i) points += (static_cast<uint8_t>(text[i]) & 0xC0) != 0x80;
    int64_t inside = 0;
    for (size_t i = m.begin; i < m.end && i < text.size(); ++i) {
      inside += (static_cast<uint8_t>(text[i]) & 0xC0) != 0x80;
    }
    if (!(m.begin < m.end && m.end <= text.size() && m.cp_begin == points &&
          m.cp_end == points + inside)) {
      std::fprintf(stderr, "annotate_fuzzer: a mention's offsets are wrong\n");
      std::abort();
    }
  }
  return 0;
}
