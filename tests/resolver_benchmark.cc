// Resolve and ToHangul in-process, against an ICU baseline on the same queries:
//   BM_IcuNfkcCaseFold: one NFKC + case-fold pass with ICU (the least any Unicode-aware match does);
//   BM_Key:             irum's full key normalization alone;
//   BM_Resolve/alias:   queries that are names or aliases, up to normalization;
//   BM_Resolve/decoded: spellings no table lists, found through their Hangul readings;
//   BM_ToHangul:        ranked Hangul readings of romanized names (the decoder);
//   BM_ReadName:        the same as the service's ToHangul reads them, the catalog weighed in;
//   BM_LoadTables:      reading, checking and indexing the bundled tables (irumd's start-up).
// Resolve runs on three catalogs: "seed", the 26 entities of irum 0.1 (the baseline the catalog's
// growth is measured against), "full", the bundled tables, and "large", the bundled tables plus
// 100,000 synthetic persons (Hangul names made from the surname table and the syllable priors,
// each with its RR spelling as an alias), as a large deployment would.
// BM_*Count run a fixed number of calls (800) on the full catalog, for instruction counts that a
// noisy machine does not change (scripts/count-instructions runs them under callgrind).
// With $IRUM_BENCH_TABLES naming a tables directory (scripts/gen-catalog writes large ones; irumd
// would serve it), BM_Resolve/alias_tables, decoded_tables and sampled_tables run on the catalog
// loaded from it as irumd loads it: the queries above, and the names of 64 of its own entities
// spread over the tables (synthetic homonyms included), English and Hangul in turn.
// Run: build/tests/resolver_benchmark (or scripts/bench; scripts/measure-scale for the tables).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "server/hangul/jamo.h"
#include "server/loader/table_files.h"
#include "server/match/names.h"
#include "server/match/resolver.h"

namespace irum {
namespace {

constexpr int kSyntheticEntities = 100000;

const std::vector<std::string>& AliasQueries() {
  static const auto* queries = new std::vector<std::string>{
      "Kaesong", "KIM YO-JONG", "Kaesŏng", "P'yŏngyang", "개성", "김 여정", "Trump", "Rodong Sinmun"};
  return *queries;
}

// Romanized names for ToHangul, in the styles it reads: RR, MR, the North's press, ad hoc.
const std::vector<std::string>& RomanizedNames() {
  static const auto* queries = new std::vector<std::string>{
      "Kim Yeo-jeong", "Yo-jong Kim", "Mun Chae-in", "Ri Son Gwon", "Chung Sung-Jun",
      "Pyeongyang", "Kaesong City", "Singapore"};
  return *queries;
}

// Spellings no table lists (the bundled tables: Resolve finds the first seven by their decoded
// Hangul, METHOD_DECODED, reading each as a person's name and as a place's, and Singapore not at
// all). Keep them unlisted when the tables grow, or the decoded benchmarks measure the alias path.
const std::vector<std::string>& DecodedQueries() {
  static const auto* queries = new std::vector<std::string>{
      "Gim Yeojeong",  "Yo-jong Kim",   "Pak Geunhye", "Gim Jeong-eun",
      "Chung Sung-Jun", "Pyeongyang-si", "Kaesŏng-si",  "Singapore"};
  return *queries;
}

// The IDs of irum 0.1's seed tables.
constexpr const char* kSeedIds[] = {
    "place/korea/korean-demilitarized-zone", "place/korea/korean-peninsula",
    "place/korea/panmunjom", "place/kp/kaesong", "place/kp/kaesong-industrial-complex",
    "place/kp/north-korea", "place/kp/pyongyang", "place/kr/imjingak", "place/kr/paju",
    "place/kr/seoul", "place/kr/south-korea", "person/kp/kim-il-sung", "person/kp/kim-jong-il",
    "person/kp/kim-jong-un", "person/kp/kim-yo-jong", "person/kr/moon-jae-in", "person/kr/suh-ho",
    "org/korea/inter-korean-joint-liaison-office", "org/kp/kcna", "org/kp/kpa",
    "org/kp/kpa-general-staff", "org/kp/rodong-sinmun", "org/kp/wpk",
    "org/kr/ministry-of-national-defense", "org/kr/ministry-of-unification",
    "org/kr/national-security-council"};

catalog::ParsedTables BundledTables() {
  const text::Normalizer normalizer = *text::Normalizer::Create();
  return catalog::ParseTables(*loader::ReadTableFiles(IRUM_TABLES_DIR), normalizer);
}

// The bundled tables: all of them ("full"), or only the seed entities, without their parents
// ("seed"), with the same language tables.
const catalog::Catalog& BundledCatalog(bool seed) {
  static const auto* catalogs = [] {
    const text::Normalizer normalizer = *text::Normalizer::Create();
    auto* out = new std::shared_ptr<const catalog::Catalog>[2];
    catalog::ParsedTables full = BundledTables();
    std::vector<catalog::Entity> seed_entities;
    for (const catalog::Entity& e : full.entities) {
      for (const char* id : kSeedIds) {
        if (e.id == id) {
          seed_entities.push_back(e);
          seed_entities.back().parent.clear();
        }
      }
    }
    out[0] = *catalog::Catalog::Build(std::move(full.entities), "full", normalizer, full.language,
                                      std::move(full.retired));
    out[1] = *catalog::Catalog::Build(std::move(seed_entities), "seed", normalizer, full.language);
    return out;
  }();
  return *catalogs[seed ? 1 : 0];
}
const catalog::Catalog& FullCatalog() { return BundledCatalog(false); }
const catalog::Catalog& SeedCatalog() { return BundledCatalog(true); }

// The bundled tables plus kSyntheticEntities synthetic persons.
const catalog::Catalog& LargeCatalog() {
  static const auto* catalog = [] {
    const text::Normalizer normalizer = *text::Normalizer::Create();
    catalog::ParsedTables parsed = BundledTables();
    std::vector<std::u32string> given;
    for (const hangul::SyllableCount& c : parsed.language.name_priors.syllables) {
      if (c.given[1][0] + c.given[1][1] >= 5) {  // Seen at least five times in older names.
        std::u32string s;
        for (const hangul::Segment& seg : hangul::SplitScript(c.syllable)) s += seg.text;
        given.push_back(s);
      }
    }
    const hangul::Romanizer romanizer;
    uint32_t state = 2024;
    auto next = [&state](size_t n) {
      state = state * 1664525u + 1013904223u;
      return (state >> 8) % n;
    };
    for (int i = 0; i < kSyntheticEntities; ++i) {
      const hangul::Surname& surname =
          parsed.language.surnames[next(parsed.language.surnames.size())];
      std::string hangul = surname.hangul + hangul::ToUtf8(given[next(given.size())]) +
                           hangul::ToUtf8(given[next(given.size())]);
      catalog::Entity e;
      e.id = absl::StrCat("person/kr/synthetic-", i);
      e.kind = catalog::EntityKind::kPerson;
      e.hangul = hangul;
      e.name = romanizer.Romanize(hangul, {hangul::System::kRr, hangul::StringKind::kPerson});
      e.aliases = {romanizer.Romanize(hangul, {hangul::System::kMr, hangul::StringKind::kPerson})};
      e.countries = {"KR"};
      parsed.entities.push_back(std::move(e));
    }
    return new std::shared_ptr<const catalog::Catalog>(
        *catalog::Catalog::Build(std::move(parsed.entities), "bench", normalizer, parsed.language,
                                 std::move(parsed.retired)));
  }();
  return **catalog;
}

// The catalog of $IRUM_BENCH_TABLES, loaded once. REQUIRES: the variable names a valid directory.
const catalog::Catalog& TablesCatalog() {
  static const auto* catalog = [] {
    const text::Normalizer normalizer = *text::Normalizer::Create();
    absl::StatusOr<std::shared_ptr<const catalog::Catalog>> loaded =
        loader::LoadCatalog(std::getenv("IRUM_BENCH_TABLES"), normalizer);
    if (!loaded.ok()) {
      std::fprintf(stderr, "IRUM_BENCH_TABLES: %s\n", std::string(loaded.status().message()).c_str());
      std::exit(2);
    }
    return new std::shared_ptr<const catalog::Catalog>(*std::move(loaded));
  }();
  return **catalog;
}

// The names of 64 entities of TablesCatalog(), evenly spaced, English and Hangul in turn.
const std::vector<std::string>& SampledQueries() {
  static const auto* queries = [] {
    constexpr size_t kSampled = 64;
    const std::vector<catalog::Entity>& entities = TablesCatalog().entities();
    auto* out = new std::vector<std::string>;
    for (size_t i = 0; i < kSampled; ++i) {
      const catalog::Entity& e = entities[(i * 2 + 1) * entities.size() / (2 * kSampled)];
      out->push_back(i % 2 == 0 || e.hangul.empty() ? e.name : e.hangul);
    }
    return out;
  }();
  return *queries;
}

void BM_IcuNfkcCaseFold(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  size_t i = 0;
  for (auto _ : state) {
    const std::string& q = AliasQueries()[i++ % AliasQueries().size()];
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(q);
    s = nfkc->normalize(s, status);
    s.foldCase();
    std::string out;
    s.toUTF8String(out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_IcuNfkcCaseFold)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(BM_IcuNfkcCaseFold)->Name("BM_IcuCount")->Iterations(800);

void BM_Key(benchmark::State& state) {
  const text::Normalizer& normalizer = LargeCatalog().normalizer();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalizer.Key(AliasQueries()[i++ % AliasQueries().size()]));
  }
}
BENCHMARK(BM_Key)->Repetitions(5)->ReportAggregatesOnly();

void BM_Resolve(benchmark::State& state, const catalog::Catalog& (*catalog_of)(),
                const std::vector<std::string>& (*queries)()) {
  const catalog::Catalog& catalog = catalog_of();
  match::ResolveOptions options;
  match::QueryLimits limits;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        match::Resolve(catalog, queries()[i++ % queries().size()], options, limits));
  }
}
BENCHMARK_CAPTURE(BM_Resolve, alias_seed, SeedCatalog, AliasQueries)
    ->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK_CAPTURE(BM_Resolve, alias_full, FullCatalog, AliasQueries)
    ->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK_CAPTURE(BM_Resolve, alias_large, LargeCatalog, AliasQueries)
    ->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK_CAPTURE(BM_Resolve, decoded_seed, SeedCatalog, DecodedQueries)
    ->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK_CAPTURE(BM_Resolve, decoded_full, FullCatalog, DecodedQueries)
    ->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK_CAPTURE(BM_Resolve, decoded_large, LargeCatalog, DecodedQueries)
    ->Repetitions(5)->ReportAggregatesOnly();

// irumd's start-up work: read the table files, check them, build the catalog.
void BM_LoadTables(benchmark::State& state) {
  const text::Normalizer normalizer = *text::Normalizer::Create();
  for (auto _ : state) {
    benchmark::DoNotOptimize(loader::LoadCatalog(IRUM_TABLES_DIR, normalizer));
  }
}
BENCHMARK(BM_LoadTables)->Unit(benchmark::kMillisecond)->Repetitions(3)->ReportAggregatesOnly();

void BM_ToHangul(benchmark::State& state) {
  const catalog::Catalog& catalog = LargeCatalog();
  match::QueryLimits limits;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& name = RomanizedNames()[i++ % RomanizedNames().size()];
    benchmark::DoNotOptimize(
        match::ToHangul(catalog, name, hangul::StringKind::kPerson, 5, limits));
  }
}
BENCHMARK(BM_ToHangul)->Repetitions(5)->ReportAggregatesOnly();

// The service's ToHangul (match::ReadName): the same names read, eight readings weighed by what
// the catalog knows, five returned.
void BM_ReadName(benchmark::State& state) {
  const catalog::Catalog& catalog = LargeCatalog();
  match::QueryLimits limits;
  const hangul::DecodeOptions options = match::ToHangulOptions(hangul::StringKind::kPerson, 5);
  size_t i = 0;
  for (auto _ : state) {
    const std::string& name = RomanizedNames()[i++ % RomanizedNames().size()];
    benchmark::DoNotOptimize(match::ReadName(catalog, name, options, true, limits));
  }
}
BENCHMARK(BM_ReadName)->Repetitions(5)->ReportAggregatesOnly();

// ToHangul of one query at a time (the argument indexes RomanizedNames()): where the time goes.
void BM_ToHangulOf(benchmark::State& state) {
  const catalog::Catalog& catalog = FullCatalog();
  const std::string& query = RomanizedNames()[state.range(0)];
  state.SetLabel(query);
  match::QueryLimits limits;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        match::ToHangul(catalog, query, hangul::StringKind::kPerson, 5, limits));
  }
}
BENCHMARK(BM_ToHangulOf)->DenseRange(0, 7);

constexpr int kCountedCalls = 800;

// Calls the overload taking the decoder's options: the other ends in a jump to it, which
// callgrind's --toggle-collect (scripts/count-instructions) would take for a return.
void BM_ToHangulCount(benchmark::State& state) {
  const catalog::Catalog& catalog = FullCatalog();
  match::QueryLimits limits;
  hangul::DecodeOptions options;
  options.kind = hangul::StringKind::kPerson;
  options.max_results = 5;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& name = RomanizedNames()[i++ % RomanizedNames().size()];
    benchmark::DoNotOptimize(match::ToHangul(catalog, name, options, limits));
  }
}
BENCHMARK(BM_ToHangulCount)->Iterations(kCountedCalls);

void BM_ResolveDecodedCount(benchmark::State& state) {
  const catalog::Catalog& catalog = FullCatalog();
  match::ResolveOptions options;
  match::QueryLimits limits;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        match::Resolve(catalog, DecodedQueries()[i++ % DecodedQueries().size()], options, limits));
  }
}
BENCHMARK(BM_ResolveDecodedCount)->Iterations(kCountedCalls);

}  // namespace
}  // namespace irum

int main(int argc, char** argv) {
  using irum::BM_Resolve;
  if (std::getenv("IRUM_BENCH_TABLES") != nullptr) {
    const struct {
      const char* name;
      const std::vector<std::string>& (*queries)();
    } kTableRuns[] = {{"BM_Resolve/alias_tables", irum::AliasQueries},
                      {"BM_Resolve/decoded_tables", irum::DecodedQueries},
                      {"BM_Resolve/sampled_tables", irum::SampledQueries}};
    for (const auto& run : kTableRuns) {
      benchmark::RegisterBenchmark(run.name, BM_Resolve, irum::TablesCatalog, run.queries)
          ->Repetitions(5)
          ->ReportAggregatesOnly();
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
