// Resolve in-process over the bundled tables, against ICU baselines on the same queries:
//   BM_IcuNfkcCaseFold: one NFKC + case-fold pass with ICU (the least any Unicode-aware match does);
//   BM_Key:             irum's full key normalization alone;
//   BM_Resolve:         the whole engine call (validate, key, look up, explain, score, sort).
// Run: build/tests/resolver_benchmark (or scripts/bench).
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "benchmark/benchmark.h"
#include "server/loader/table_files.h"
#include "server/match/resolver.h"

namespace irum {
namespace {

const std::vector<std::string>& Queries() {
  static const auto* queries = new std::vector<std::string>{
      "Kaesong", "KIM YO-JONG", "Kaesŏng", "P'yŏngyang", "개성", "김 여정", "Trump", "Rodong Sinmun"};
  return *queries;
}

const catalog::Catalog& BundledCatalog() {
  static const auto* catalog = new std::shared_ptr<const catalog::Catalog>(
      *loader::LoadCatalog(IRUM_TABLES_DIR, *text::Normalizer::Create()));
  return **catalog;
}

void BM_IcuNfkcCaseFold(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  size_t i = 0;
  for (auto _ : state) {
    const std::string& q = Queries()[i++ % Queries().size()];
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(q);
    s = nfkc->normalize(s, status);
    s.foldCase();
    std::string out;
    s.toUTF8String(out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_IcuNfkcCaseFold);

void BM_Key(benchmark::State& state) {
  const text::Normalizer& normalizer = BundledCatalog().normalizer();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalizer.Key(Queries()[i++ % Queries().size()]));
  }
}
BENCHMARK(BM_Key);

void BM_Resolve(benchmark::State& state) {
  const catalog::Catalog& catalog = BundledCatalog();
  match::ResolveOptions options;
  match::QueryLimits limits;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(match::Resolve(catalog, Queries()[i++ % Queries().size()], options, limits));
  }
}
BENCHMARK(BM_Resolve);

}  // namespace
}  // namespace irum

BENCHMARK_MAIN();
