// Throughput of the romanizers over about 1 MB of Hangul, against ICU's Hangul-Latin transliterator
// on the same text in the same binary (the baseline the speed target is stated against).
//
// The text: Korean names and place names from ../shared/data (read in place) when that folder is
// there, else deterministic synthetic words; either way about 1 MB. Each benchmark runs twice: /0
// romanizes one name per call (per-call costs dominate), /1 paragraphs of about 1 KB per call (a
// document). Each iteration romanizes the whole text. Run: scripts/bench --benchmark_filter=Romanize
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "benchmark/benchmark.h"
#include "server/hangul/jamo.h"
#include "server/hangul/romanize.h"

namespace irum::hangul {
namespace {

constexpr size_t kTextBytes = 1 << 20;

// The Hangul first column of a TSV file (after its header), or nothing when it cannot be read.
std::vector<std::string> FirstColumn(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) out.push_back(line.substr(0, line.find('\t')));
  return out;
}

const std::vector<std::string>& Lines() {
  static const auto* lines = [] {
    auto* out = new std::vector<std::string>;
    std::vector<std::string> source;
    for (const char* file : {"names/persons_popong_codebook.tsv", "places/kr_admin.tsv",
                             "places/kp_places.tsv"}) {
      for (std::string& s : FirstColumn(std::string(IRUM_SHARED_DATA) + "/" + file)) {
        source.push_back(std::move(s));
      }
    }
    if (source.empty()) {  // No reference data: synthetic words of common-shaped syllables.
      uint32_t state = 12345;
      for (int i = 0; i < 5000; ++i) {
        std::u32string word;
        for (int k = 0; k < 3; ++k) {
          state = state * 1103515245 + 12345;
          word.push_back(Compose({static_cast<Lead>((state >> 8) % kLeadCount),
                                  static_cast<Vowel>((state >> 16) % kVowelCount),
                                  static_cast<Tail>((state >> 24) % 8 == 0 ? 4 : 0)}));
        }
        source.push_back(ToUtf8(word));
      }
    }
    size_t bytes = 0;
    for (size_t i = 0; bytes < kTextBytes; ++i) {
      out->push_back(source[i % source.size()]);
      bytes += out->back().size() + 1;
    }
    return out;
  }();
  return *lines;
}

// The same text as paragraphs of about 1 KB (names joined by spaces), as a document would come.
const std::vector<std::string>& Paragraphs() {
  static const auto* paragraphs = [] {
    auto* out = new std::vector<std::string>(1);
    for (const std::string& line : Lines()) {
      if (out->back().size() > 1000) out->emplace_back();
      if (!out->back().empty()) out->back() += ' ';
      out->back() += line;
    }
    return out;
  }();
  return *paragraphs;
}

int64_t TotalBytes(const std::vector<std::string>& text) {
  int64_t bytes = 0;
  for (const std::string& line : text) bytes += static_cast<int64_t>(line.size());
  return bytes;
}

// Benchmark arg 0: one name per call; 1: one paragraph per call.
const std::vector<std::string>& Text(const benchmark::State& state) {
  return state.range(0) == 0 ? Lines() : Paragraphs();
}

void BM_IcuHangulLatin(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu(
      icu::Transliterator::createInstance("Hangul-Latin", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    state.SkipWithError("ICU Hangul-Latin unavailable");
    return;
  }
  for (auto _ : state) {
    for (const std::string& line : Text(state)) {
      icu::UnicodeString s = icu::UnicodeString::fromUTF8(line);
      icu->transliterate(s);
      std::string out;
      s.toUTF8String(out);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(Text(state)));
}
BENCHMARK(BM_IcuHangulLatin)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The bundled pronunciation exceptions, as the server uses them.
PronunciationExceptions BundledExceptions() {
  PronunciationExceptions out;
  std::ifstream in(std::string(IRUM_TABLES_DIR) + "/pronunciation.tsv");
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    const size_t tab = line.find('\t');
    const size_t tab2 = line.find('\t', tab + 1);
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1, tab2 - tab - 1));
  }
  return out;
}

void BM_Romanize(benchmark::State& state, System system, StringKind kind) {
  const Romanizer romanizer(BundledExceptions());
  const RomanizeOptions options{system, kind};
  for (auto _ : state) {
    for (const std::string& line : Text(state)) {
      benchmark::DoNotOptimize(romanizer.Romanize(line, options));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(Text(state)));
}
BENCHMARK_CAPTURE(BM_Romanize, rr_text, System::kRr, StringKind::kText)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Romanize, rr_place, System::kRr, StringKind::kPlace)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Romanize, rr_person, System::kRr, StringKind::kPerson)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Romanize, mr_text, System::kMr, StringKind::kText)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Romanize, dprk_text, System::kDprk, StringKind::kText)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Romanize, yale_text, System::kYale, StringKind::kText)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Romanize, rr_translit, System::kRrTransliteration, StringKind::kText)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace irum::hangul

BENCHMARK_MAIN();
