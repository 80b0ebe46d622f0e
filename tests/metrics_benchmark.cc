// What the metrics add to each call, in-process (the gRPC floor a call pays is about 20 µs of server
// CPU, toolchain notes; a load run on a shared machine cannot resolve a difference of 0.1 µs):
//   BM_ClockPair:   the two clock reads that time a call, the least timing can cost;
//   BM_RecordCall:  the clock reads and the recording of a unary call (counter, histogram bucket,
//                   sum), as IrumService::Unary does with metrics on; with 1, 2 and 8 threads
//                   recording at once (per-thread shards);
//   BM_Collect:     one scrape's families (every method, some codes), which runs only when
//                   Prometheus scrapes.
// Run: build/tests/metrics_benchmark (or scripts/bench).
#include <prometheus/metric_family.h>

#include <vector>

#include "benchmark/benchmark.h"
#include "server/service/metrics.h"

namespace irum::service {
namespace {

using Clock = CallMetrics::Clock;

void BM_ClockPair(benchmark::State& state) {
  for (auto _ : state) {
    const Clock::time_point start = Clock::now();
    benchmark::DoNotOptimize(Clock::now() - start);
  }
}
BENCHMARK(BM_ClockPair);

CallMetrics& SharedMetrics() {
  static CallMetrics* metrics = new CallMetrics();
  return *metrics;
}

void BM_RecordCall(benchmark::State& state) {
  CallMetrics& metrics = SharedMetrics();
  for (auto _ : state) {
    const Clock::time_point start = Clock::now();
    metrics.RecordCall(Method::kResolve, grpc::StatusCode::OK, Clock::now() - start);
  }
}
BENCHMARK(BM_RecordCall)->Threads(1)->Threads(2)->Threads(8);

void BM_Collect(benchmark::State& state) {
  CallMetrics metrics;
  for (int code : {0, 3, 5}) {
    for (int m = 0; m < kMethodCount; ++m) {
      metrics.RecordCall(static_cast<Method>(m), static_cast<grpc::StatusCode>(code),
                         std::chrono::microseconds(30));
    }
  }
  for (auto _ : state) {
    std::vector<prometheus::MetricFamily> families;
    metrics.Collect(&families);
    benchmark::DoNotOptimize(families.data());
  }
}
BENCHMARK(BM_Collect);

}  // namespace
}  // namespace irum::service

BENCHMARK_MAIN();
