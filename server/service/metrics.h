// Metrics: what the service reports to Prometheus (irumd --metrics_listen; IrumServer serves them).
//
// CallMetrics is what the service records into as calls end: calls by method and gRPC code, the
// time each took, the messages of the streams, the reloads. Recording is cheap enough for every
// call: a few relaxed atomic additions on counters the calling thread shares with few others (one
// of kShards shards, picked per thread), no lock, no allocation, no string; the labels exist only
// when Prometheus scrapes (Collect sums the shards then). The service holds a null pointer when
// metrics are off, and then does not even read the clock.
//
// NewServiceCollectable adds what is read at scrape time rather than recorded: the tables served
// (version, entities by kind), the batch counters and calls in flight of the service, the process's
// memory and, in irumd, the connection guard's counts. The engine (text, hangul, catalog, match)
// knows nothing of metrics.
//
// Thread safety: every method may be called concurrently.
#ifndef IRUM_SERVER_SERVICE_METRICS_H_
#define IRUM_SERVER_SERVICE_METRICS_H_

#include <grpcpp/support/status.h>
#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace irum::service {

class IrumService;

// The methods of irum.v1.Irum, as metric labels (MethodName: "Resolve", ...).
enum class Method : int {
  kResolve,
  kBatchResolve,
  kResolveStream,
  kBatchResolveStream,
  kAnnotate,
  kAnnotateStream,
  kGetEntity,
  kGetInfo,
  kRomanize,
  kToHangul,
  kCompare,
};
inline constexpr int kMethodCount = 11;
absl::string_view MethodName(Method method);
bool IsStream(Method method);

// How a reload attempt ended, as the label of irum_reloads_total.
enum class ReloadOutcome : int {
  kTaken,    // The new tables serve.
  kRefused,  // Valid tables, refused because they would lose too many entities.
  kFailed,   // Unreadable or invalid tables.
};

class CallMetrics {
 public:
  using Clock = std::chrono::steady_clock;

  // Upper bounds of the buckets of the time histograms, in seconds (then +Inf): from the 5 µs of an
  // alias Resolve's work to the 10 s of a large batch.
  static constexpr std::array<double, 20> kCallBuckets = {
      5e-6,  1e-5,  2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3,
      1e-2, 2.5e-2, 5e-2,   0.1,  0.25, 0.5,    1,    2.5,  5,      10};
  // Reloads read, check and index the tables: 10 ms for a few entities, seconds for a million.
  static constexpr std::array<double, 12> kReloadBuckets = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                            1,    2.5,   5,    10,  30,  60};

  CallMetrics();
  CallMetrics(const CallMetrics&) = delete;
  CallMetrics& operator=(const CallMetrics&) = delete;

  // A call ended with `code`: a unary call when it is answered, a stream when it ends. `took`: from
  // the handler's start to the answer, observed for unary calls only (a stream's messages are
  // timed one by one, RecordMessage).
  void RecordCall(Method method, grpc::StatusCode code, Clock::duration took);
  // A stream answered one request: `code` is the error its answer carries (OK when none), `took`
  // the time from the request read to its answer ready to write.
  void RecordMessage(Method method, absl::StatusCode code, Clock::duration took);
  // A reload attempt ended; `took` is its reading, checking and indexing; `trigger` "signal" or
  // "watch".
  void RecordReload(ReloadOutcome outcome, absl::string_view trigger, absl::Duration took,
                    absl::Time at);

  // The recorded metrics as Prometheus families (irum_calls_total, irum_call_duration_seconds,
  // irum_stream_messages_total, irum_reloads_total, irum_reload_duration_seconds,
  // irum_last_reload_*), appended to `families`.
  void Collect(std::vector<prometheus::MetricFamily>* families) const;

 private:
  static constexpr int kCodes = 17;  // grpc::StatusCode OK (0) to UNAUTHENTICATED (16).
  static constexpr int kShards = 16;
  static constexpr int kBuckets = static_cast<int>(kCallBuckets.size()) + 1;  // With +Inf.

  // One thread's counters (shared with the other threads that map to it): on cache lines of its
  // own.
  struct alignas(64) Shard {
    std::atomic<uint64_t> calls[kMethodCount][kCodes];
    std::atomic<uint64_t> messages[kMethodCount][kCodes];
    std::atomic<uint64_t> buckets[kMethodCount][kBuckets];
    std::atomic<uint64_t> nanos[kMethodCount];
  };

  Shard& ThisThreadsShard();
  void Observe(Shard& shard, int method, Clock::duration took);

  std::unique_ptr<Shard[]> shards_;

  struct Reloads {
    std::map<std::pair<ReloadOutcome, std::string>, uint64_t> count;  // By outcome and trigger.
    std::array<uint64_t, kReloadBuckets.size() + 1> buckets{};
    double seconds = 0;
    bool any = false;
    bool last_ok = false;
    absl::Time last_at;
    absl::Time last_ok_at = absl::InfinitePast();
  };
  mutable absl::Mutex reload_mutex_;
  Reloads reloads_ ABSL_GUARDED_BY(reload_mutex_);
};

// What the metrics endpoint shows besides CallMetrics.
struct CollectableOptions {
  std::string server_version;     // irum_build_info's label.
  bool connection_guard = false;  // Report the connection guard's counts (irumd's).
};

// The collectable an Exposer scrapes: `metrics`' families and the state of `service` and the
// process at the moment of the scrape. REQUIRES: both outlive it (and its last scrape).
std::shared_ptr<prometheus::Collectable> NewServiceCollectable(const IrumService* service,
                                                               const CallMetrics* metrics,
                                                               CollectableOptions options);

}  // namespace irum::service

#endif  // IRUM_SERVER_SERVICE_METRICS_H_
