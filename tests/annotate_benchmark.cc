// Annotate in-process over news-like English text, against ICU baselines on the same text:
//   BM_IcuWordBreak:   ICU's word BreakIterator over the text (the tokenization Annotate needs);
//   BM_IcuNfkcCaseFold: one NFKC + case-fold pass over the text;
//   BM_Tokenize:       irum's tokenizer (text::Tokenize), with and without its fast path;
//   BM_Annotate:       irum's Annotate with the bundled tables, unknown names on and off.
// The text: the English paragraphs of tests/annotate_corpus/en.txt (the hand-marked evaluation
// corpus, its marks removed), or of the file $IRUM_ANNOTATE_TEXT (paragraphs separated by blank
// lines), concatenated into articles of about 4 KB and repeated to 2 MB.
// Throughput is reported as bytes per second; compare the three in one run.
// Run: build/tests/annotate_benchmark (or scripts/bench).
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "benchmark/benchmark.h"
#include "server/loader/table_files.h"
#include "server/match/annotate.h"
#include "server/text/tokenize.h"

namespace irum {
namespace {

constexpr size_t kArticleBytes = 4096;
constexpr size_t kTotalBytes = 2 << 20;

// The articles: the corpus's paragraphs, unmarked, about kArticleBytes each, kTotalBytes in all.
const std::vector<std::string>& Articles() {
  static const auto* articles = [] {
    const char* path = std::getenv("IRUM_ANNOTATE_TEXT");
    std::ifstream in(path != nullptr ? path : IRUM_SOURCE_DIR "/tests/annotate_corpus/en.txt");
    std::string text, line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] == '#') continue;
      text += line + "\n";
    }
    text = std::regex_replace(text, std::regex(R"(\[([^\[\]]+)\]\{[^{}]+\})"), "$1");
    std::vector<std::string> paragraphs;
    std::istringstream lines(text);
    std::string paragraph;
    while (std::getline(lines, line)) {
      if (line.empty()) {
        if (!paragraph.empty()) paragraphs.push_back(paragraph);
        paragraph.clear();
      } else {
        paragraph += line + "\n";
      }
    }
    if (!paragraph.empty()) paragraphs.push_back(paragraph);
    auto* out = new std::vector<std::string>;
    if (paragraphs.empty()) return out;
    std::string article;
    size_t total = 0;
    for (size_t i = 0; total < kTotalBytes; ++i) {
      article += paragraphs[i % paragraphs.size()] + "\n";
      if (article.size() >= kArticleBytes) {
        total += article.size();
        out->push_back(std::move(article));
        article.clear();
      }
    }
    return out;
  }();
  return *articles;
}

const catalog::Catalog& Bundled() {
  static const auto* catalog = new std::shared_ptr<const catalog::Catalog>(
      *loader::LoadCatalog(IRUM_TABLES_DIR, *text::Normalizer::Create()));
  return **catalog;
}

// Runs `work` on each article in turn, counting its bytes.
template <typename Work>
void OverArticles(benchmark::State& state, Work work) {
  const std::vector<std::string>& articles = Articles();
  if (articles.empty()) {
    state.SkipWithError("no corpus: tests/annotate_corpus/en.txt");
    return;
  }
  size_t i = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& a = articles[i++ % articles.size()];
    work(a);
    bytes += static_cast<int64_t>(a.size());
  }
  state.SetBytesProcessed(bytes);
}

void BM_IcuWordBreak(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  OverArticles(state, [&](const std::string& a) {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8(a);
    words->setText(s);
    int32_t n = 0;
    for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) ++n;
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_IcuWordBreak)->Repetitions(3)->ReportAggregatesOnly();

void BM_IcuNfkcCaseFold(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  OverArticles(state, [&](const std::string& a) {
    icu::UnicodeString s = nfkc->normalize(icu::UnicodeString::fromUTF8(a), status);
    s.foldCase();
    std::string out;
    s.toUTF8String(out);
    benchmark::DoNotOptimize(out);
  });
}
BENCHMARK(BM_IcuNfkcCaseFold)->Repetitions(3)->ReportAggregatesOnly();
// The same 100 articles as BM_AnnotateCount, for instruction counts under callgrind
// (--toggle-collect='irum::*BM_IcuWordBreak*', '*BM_IcuNfkcCaseFold*'): Annotate's cost in ICU
// passes over the same text.
BENCHMARK(BM_IcuWordBreak)->Name("BM_IcuWordBreakCount")->Iterations(100);
BENCHMARK(BM_IcuNfkcCaseFold)->Name("BM_IcuNfkcCaseFoldCount")->Iterations(100);

// irum's tokenizer: ICU's word rules with the fast path for ASCII and Latin stretches (arg 1), or
// the ICU iterator alone over the UTF-8 text (arg 0), both with offsets in bytes and code points.
void BM_Tokenize(benchmark::State& state) {
  const bool fast = state.range(0) != 0;
  OverArticles(state, [&](const std::string& a) {
    benchmark::DoNotOptimize(fast ? text::Tokenize(a) : text::TokenizeWithIcu(a));
  });
}
BENCHMARK(BM_Tokenize)->ArgName("fast_path")->Arg(1)->Arg(0)->Repetitions(3)->ReportAggregatesOnly();

void BM_Annotate(benchmark::State& state) {
  // This thread's ICU break iterators (Tokenize, SentenceEndsBetween), made once per thread when
  // first used, are made before the articles: no article's cost (about 2.4M instructions).
  text::SentenceEndsBetween("Mr. Suh. Kim", 7, 9);
  const catalog::Catalog& catalog = Bundled();
  match::AnnotateOptions options;
  options.unknown_names = state.range(0) != 0;
  const match::QueryLimits limits;
  OverArticles(state, [&](const std::string& a) {
    benchmark::DoNotOptimize(match::Annotate(catalog, a, options, limits));
  });
}
BENCHMARK(BM_Annotate)->ArgName("unknown_names")->Arg(1)->Arg(0)->Repetitions(3)->ReportAggregatesOnly();
// A fixed number of articles, for instruction counts under callgrind (the share spent in ICU).
BENCHMARK(BM_Annotate)->Name("BM_AnnotateCount")->Arg(1)->Iterations(100);

}  // namespace
}  // namespace irum

BENCHMARK_MAIN();
