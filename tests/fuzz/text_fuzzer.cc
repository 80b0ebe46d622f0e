// Normalization and tokenization of any well-formed UTF-8 (every caller validates first): each
// level's fold is well-formed UTF-8 and folding the key again changes nothing; Tokenize's words
// lie in order inside the text, agree with ICU's iterator alone, and sentence ends can be asked
// between any two of them.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "server/text/normalize.h"
#include "server/text/tokenize.h"
#include "tests/fuzz/fuzz_common.h"

namespace irum::fuzz {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "text_fuzzer: %s\n", what);
    std::abort();
  }
}

}  // namespace
}  // namespace irum::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace irum;
  using fuzz::Check;
  static const text::Normalizer normalizer = *text::Normalizer::Create();
  const absl::string_view input = fuzz::AsText(data, size);
  if (!text::ValidateUtf8(input).ok()) return 0;
  for (int level = 0; level <= static_cast<int>(text::kKeyLevel); ++level) {
    const std::string folded = normalizer.Fold(input, static_cast<text::Level>(level));
    Check(text::ValidateUtf8(folded).ok(), "a fold is not well-formed UTF-8");
  }
  const std::string key = normalizer.Key(input);
  Check(normalizer.Key(key) == key, "the key of a key differs from it");
  const std::vector<absl::string_view> halves = fuzz::Split(input, '\t', 2);
  if (halves.size() == 2 && text::ValidateUtf8(halves[0]).ok() &&
      text::ValidateUtf8(halves[1]).ok()) {
    normalizer.Explain(halves[0], halves[1]);
  }
  absl::StatusOr<std::vector<text::Token>> tokens = text::Tokenize(input);
  absl::StatusOr<std::vector<text::Token>> reference = text::TokenizeWithIcu(input);
  Check(tokens.ok() && reference.ok(), "Tokenize failed on well-formed UTF-8");
  auto same = [](const text::Token& a, const text::Token& b) {
    return a.begin == b.begin && a.end == b.end && a.cp_begin == b.cp_begin && a.cp_end == b.cp_end;
  };
  if (!std::equal(tokens->begin(), tokens->end(), reference->begin(), reference->end(), same)) {
    for (const auto* list : {&*tokens, &*reference}) {
      std::fprintf(stderr, list == &*tokens ? "Tokenize:" : "\nICU:     ");
      for (const text::Token& t : *list) {
        std::fprintf(stderr, " [%zu,%zu) '%s'", t.begin, t.end,
                     std::string(input.substr(t.begin, t.end - t.begin)).c_str());
      }
    }
    std::fprintf(stderr, "\n");
  }
  Check(tokens->size() == reference->size(), "Tokenize and ICU's iterator disagree");
  size_t previous_end = 0;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const text::Token& t = (*tokens)[i];
    const text::Token& r = (*reference)[i];
    Check(same(t, r), "Tokenize and ICU's iterator disagree");
    Check(previous_end <= t.begin && t.begin < t.end && t.end <= input.size(),
          "a word out of order or outside the text");
    if (i > 0) text::SentenceEndsBetween(input, (*tokens)[i - 1].end, t.begin);
    previous_end = t.end;
  }
  return 0;
}
