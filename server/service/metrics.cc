#include "server/service/metrics.h"

#include <prometheus/client_metric.h>
#include <prometheus/metric_type.h>

#include <limits>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "server/base/connection_guard.h"
#include "server/base/process.h"
#include "server/catalog/catalog.h"
#include "server/catalog/entity.h"
#include "server/service/irum_service.h"

namespace irum::service {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

constexpr Method kMethods[kMethodCount] = {
    Method::kResolve,        Method::kBatchResolve, Method::kResolveStream,
    Method::kBatchResolveStream, Method::kAnnotate, Method::kAnnotateStream,
    Method::kGetEntity,      Method::kGetInfo,      Method::kRomanize,
    Method::kToHangul,       Method::kCompare};

// gRPC's name of a status code ("INVALID_ARGUMENT"): absl's codes have the same numbers.
std::string CodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

int CodeIndex(int code, int codes) { return code >= 0 && code < codes ? code : 2; }  // UNKNOWN

MetricFamily Family(const char* name, const char* help, MetricType type) {
  MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  return family;
}

ClientMetric Sample(double value, MetricType type,
                    std::vector<ClientMetric::Label> labels = {}) {
  ClientMetric metric;
  metric.label = std::move(labels);
  switch (type) {
    case MetricType::Counter:
      metric.counter.value = value;
      break;
    default:
      metric.gauge.value = value;
      break;
  }
  return metric;
}

// A family of one sample without labels.
MetricFamily Single(const char* name, const char* help, MetricType type, double value) {
  MetricFamily family = Family(name, help, type);
  family.metric.push_back(Sample(value, type));
  return family;
}

// A histogram sample from counts per bucket (not cumulative; the last one is +Inf's).
template <typename Counts>
ClientMetric HistogramSample(const double* bounds, const Counts& counts, size_t buckets,
                             double sum, std::vector<ClientMetric::Label> labels) {
  ClientMetric metric;
  metric.label = std::move(labels);
  uint64_t cumulative = 0;
  for (size_t b = 0; b < buckets; ++b) {
    cumulative += counts[b];
    ClientMetric::Bucket bucket;
    bucket.cumulative_count = cumulative;
    bucket.upper_bound = b + 1 < buckets ? bounds[b] : std::numeric_limits<double>::infinity();
    metric.histogram.bucket.push_back(bucket);
  }
  metric.histogram.sample_count = cumulative;
  metric.histogram.sample_sum = sum;
  return metric;
}

absl::string_view OutcomeName(ReloadOutcome outcome) {
  switch (outcome) {
    case ReloadOutcome::kTaken:
      return "taken";
    case ReloadOutcome::kRefused:
      return "refused";
    case ReloadOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

double UnixSeconds(absl::Time t) { return absl::ToDoubleSeconds(t - absl::UnixEpoch()); }

// The state of the service and the process, read at each scrape, with the recorded metrics.
class ServiceCollectable : public prometheus::Collectable {
 public:
  ServiceCollectable(const IrumService* service, const CallMetrics* metrics,
                     CollectableOptions options)
      : service_(service), metrics_(metrics), options_(std::move(options)) {}

  std::vector<MetricFamily> Collect() const override {
    std::vector<MetricFamily> families;
    metrics_->Collect(&families);

    MetricFamily build = Family("irum_build_info", "The server's version (label), always 1.",
                                MetricType::Gauge);
    build.metric.push_back(Sample(1, MetricType::Gauge, {{"version", options_.server_version}}));
    families.push_back(std::move(build));

    const std::shared_ptr<const catalog::Catalog> catalog = service_->catalog();
    MetricFamily tables = Family("irum_table_info",
                                 "The version of the tables served (label), always 1.",
                                 MetricType::Gauge);
    tables.metric.push_back(Sample(1, MetricType::Gauge, {{"version", catalog->version()}}));
    families.push_back(std::move(tables));
    MetricFamily entities =
        Family("irum_entities", "Entities of the tables served, by kind.", MetricType::Gauge);
    for (catalog::EntityKind kind : {catalog::EntityKind::kPerson, catalog::EntityKind::kPlace,
                                     catalog::EntityKind::kOrganization}) {
      entities.metric.push_back(
          Sample(static_cast<double>(catalog->CountOfKind(kind)), MetricType::Gauge,
                 {{"kind", std::string(catalog::KindName(kind))}}));
    }
    families.push_back(std::move(entities));
    families.push_back(Single("irum_aliases",
                              "Distinct matching keys (names, aliases, former names) of the "
                              "tables served.",
                              MetricType::Gauge, static_cast<double>(catalog->key_count())));
    families.push_back(Single("irum_retired_ids", "Retired IDs of the tables served.",
                              MetricType::Gauge, static_cast<double>(catalog->retired_count())));

    const WorkCounters work = service_->work_counters();
    families.push_back(Single("irum_batch_calls_total",
                              "Batch calls (BatchResolve, Romanize, ToHangul, Compare) that "
                              "reached their items.",
                              MetricType::Counter, static_cast<double>(work.batch_calls)));
    families.push_back(Single("irum_batch_stopped_total",
                              "Batch calls stopped before their last item (cancelled, past "
                              "their deadline, or the server stopping).",
                              MetricType::Counter, static_cast<double>(work.batch_stopped)));
    families.push_back(Single("irum_batch_items_total", "Items the batch calls answered.",
                              MetricType::Counter, static_cast<double>(work.batch_items)));
    families.push_back(Single("irum_calls_in_flight",
                              "Calls of irum.v1.Irum running (unary calls being answered, open "
                              "streams).",
                              MetricType::Gauge, static_cast<double>(service_->calls_in_flight())));

    families.push_back(Single("process_resident_memory_bytes", "Resident memory size in bytes.",
                              MetricType::Gauge, static_cast<double>(base::ResidentBytes())));
    families.push_back(Single("irum_peak_resident_memory_bytes",
                              "The process's peak resident memory in bytes (VmHWM).",
                              MetricType::Gauge, static_cast<double>(base::PeakResidentBytes())));

    if (options_.connection_guard) {
      const base::ConnectionGuardCounts guard = base::GetConnectionGuardCounts();
      families.push_back(Single("irum_connections_open",
                                "Client connections open (as the connection guard counts them).",
                                MetricType::Gauge, static_cast<double>(guard.open)));
      MetricFamily refused =
          Family("irum_connections_refused_total",
                 "Client connections closed as soon as they were accepted, by reason: at "
                 "--max_connections, with no file descriptor left, or while stopping.",
                 MetricType::Counter);
      refused.metric.push_back(Sample(static_cast<double>(guard.refused_at_cap),
                                      MetricType::Counter, {{"reason", "cap"}}));
      refused.metric.push_back(Sample(static_cast<double>(guard.refused_without_descriptor),
                                      MetricType::Counter, {{"reason", "no_descriptor"}}));
      refused.metric.push_back(Sample(static_cast<double>(guard.refused_stopping),
                                      MetricType::Counter, {{"reason", "stopping"}}));
      families.push_back(std::move(refused));
    }
    return families;
  }

 private:
  const IrumService* service_;
  const CallMetrics* metrics_;
  const CollectableOptions options_;
};

}  // namespace

absl::string_view MethodName(Method method) {
  switch (method) {
    case Method::kResolve:
      return "Resolve";
    case Method::kBatchResolve:
      return "BatchResolve";
    case Method::kResolveStream:
      return "ResolveStream";
    case Method::kBatchResolveStream:
      return "BatchResolveStream";
    case Method::kAnnotate:
      return "Annotate";
    case Method::kAnnotateStream:
      return "AnnotateStream";
    case Method::kGetEntity:
      return "GetEntity";
    case Method::kGetInfo:
      return "GetInfo";
    case Method::kRomanize:
      return "Romanize";
    case Method::kToHangul:
      return "ToHangul";
    case Method::kCompare:
      return "Compare";
  }
  return "";
}

bool IsStream(Method method) {
  return method == Method::kResolveStream || method == Method::kBatchResolveStream ||
         method == Method::kAnnotateStream;
}

CallMetrics::CallMetrics() : shards_(new Shard[kShards]) {
  for (int s = 0; s < kShards; ++s) {
    Shard& shard = shards_[s];
    for (int m = 0; m < kMethodCount; ++m) {
      for (int c = 0; c < kCodes; ++c) {
        shard.calls[m][c].store(0, std::memory_order_relaxed);
        shard.messages[m][c].store(0, std::memory_order_relaxed);
      }
      for (int b = 0; b < kBuckets; ++b) shard.buckets[m][b].store(0, std::memory_order_relaxed);
      shard.nanos[m].store(0, std::memory_order_relaxed);
    }
  }
}

CallMetrics::Shard& CallMetrics::ThisThreadsShard() {
  // gRPC's threads take the shards in turn as they first record.
  static std::atomic<unsigned> next{0};
  thread_local const unsigned index = next.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shards_[index];
}

void CallMetrics::Observe(Shard& shard, int method, Clock::duration took) {
  const int64_t nanos =
      std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(took).count());
  // The bounds in nanoseconds, so that the search compares integers.
  static constexpr auto kBoundsNanos = [] {
    std::array<int64_t, kCallBuckets.size()> bounds{};
    for (size_t b = 0; b < kCallBuckets.size(); ++b) {
      bounds[b] = static_cast<int64_t>(kCallBuckets[b] * 1e9 + 0.5);
    }
    return bounds;
  }();
  int bucket = 0;  // Calls are fast: the few first bounds are the ones compared.
  while (bucket < kBuckets - 1 && nanos > kBoundsNanos[bucket]) ++bucket;
  shard.buckets[method][bucket].fetch_add(1, std::memory_order_relaxed);
  shard.nanos[method].fetch_add(static_cast<uint64_t>(nanos), std::memory_order_relaxed);
}

void CallMetrics::RecordCall(Method method, grpc::StatusCode code, Clock::duration took) {
  Shard& shard = ThisThreadsShard();
  const int m = static_cast<int>(method);
  shard.calls[m][CodeIndex(static_cast<int>(code), kCodes)].fetch_add(1,
                                                                      std::memory_order_relaxed);
  if (!IsStream(method)) Observe(shard, m, took);
}

void CallMetrics::RecordMessage(Method method, absl::StatusCode code, Clock::duration took) {
  Shard& shard = ThisThreadsShard();
  const int m = static_cast<int>(method);
  shard.messages[m][CodeIndex(static_cast<int>(code), kCodes)].fetch_add(
      1, std::memory_order_relaxed);
  Observe(shard, m, took);
}

void CallMetrics::RecordReload(ReloadOutcome outcome, absl::string_view trigger,
                               absl::Duration took, absl::Time at) {
  const double seconds = absl::ToDoubleSeconds(took);
  size_t bucket = 0;
  while (bucket < kReloadBuckets.size() && seconds > kReloadBuckets[bucket]) ++bucket;
  absl::MutexLock lock(&reload_mutex_);
  ++reloads_.count[{outcome, std::string(trigger)}];
  ++reloads_.buckets[bucket];
  reloads_.seconds += seconds;
  reloads_.any = true;
  reloads_.last_ok = outcome == ReloadOutcome::kTaken;
  reloads_.last_at = at;
  if (reloads_.last_ok) reloads_.last_ok_at = at;
}

void CallMetrics::Collect(std::vector<MetricFamily>* families) const {
  uint64_t calls[kMethodCount][kCodes] = {};
  uint64_t messages[kMethodCount][kCodes] = {};
  uint64_t buckets[kMethodCount][kBuckets] = {};
  uint64_t nanos[kMethodCount] = {};
  for (int s = 0; s < kShards; ++s) {
    const Shard& shard = shards_[s];
    for (int m = 0; m < kMethodCount; ++m) {
      for (int c = 0; c < kCodes; ++c) {
        calls[m][c] += shard.calls[m][c].load(std::memory_order_relaxed);
        messages[m][c] += shard.messages[m][c].load(std::memory_order_relaxed);
      }
      for (int b = 0; b < kBuckets; ++b) {
        buckets[m][b] += shard.buckets[m][b].load(std::memory_order_relaxed);
      }
      nanos[m] += shard.nanos[m].load(std::memory_order_relaxed);
    }
  }

  // Every method has its OK series from the start (so that rates exist before the first call);
  // other codes appear once they happen.
  MetricFamily call_family =
      Family("irum_calls_total",
             "Calls of irum.v1.Irum answered, by method and gRPC status code (a stream counts "
             "once, when it ends).",
             MetricType::Counter);
  MetricFamily message_family =
      Family("irum_stream_messages_total",
             "Requests answered within streams (ResolveStream, BatchResolveStream, "
             "AnnotateStream), by method and the "
             "code of the error their answer carries (OK when none).",
             MetricType::Counter);
  MetricFamily time_family =
      Family("irum_call_duration_seconds",
             "Time the server took to answer a request, from its handler's start to its answer: a "
             "unary call, or one request of a stream.",
             MetricType::Histogram);
  for (Method method : kMethods) {
    const int m = static_cast<int>(method);
    const std::string name(MethodName(method));
    for (int c = 0; c < kCodes; ++c) {
      if (c == 0 || calls[m][c] > 0) {
        call_family.metric.push_back(Sample(static_cast<double>(calls[m][c]),
                                            MetricType::Counter,
                                            {{"method", name}, {"code", CodeName(c)}}));
      }
      if (IsStream(method) && (c == 0 || messages[m][c] > 0)) {
        message_family.metric.push_back(Sample(static_cast<double>(messages[m][c]),
                                               MetricType::Counter,
                                               {{"method", name}, {"code", CodeName(c)}}));
      }
    }
    time_family.metric.push_back(HistogramSample(kCallBuckets.data(), buckets[m], kBuckets,
                                                 static_cast<double>(nanos[m]) * 1e-9,
                                                 {{"method", name}}));
  }
  families->push_back(std::move(call_family));
  families->push_back(std::move(message_family));
  families->push_back(std::move(time_family));

  Reloads reloads;
  {
    absl::MutexLock lock(&reload_mutex_);
    reloads = reloads_;
  }
  MetricFamily reload_family = Family(
      "irum_reloads_total",
      "Reloads of the tables (SIGHUP or --watch), by outcome (taken; refused: valid tables that "
      "would lose more than --reload_max_loss of the entities; failed: unreadable or invalid "
      "tables) and trigger (signal, watch).",
      MetricType::Counter);
  for (ReloadOutcome outcome :
       {ReloadOutcome::kTaken, ReloadOutcome::kRefused, ReloadOutcome::kFailed}) {
    for (const char* trigger : {"signal", "watch"}) {
      reloads.count.emplace(std::make_pair(outcome, std::string(trigger)), 0);  // Zero series.
    }
  }
  for (const auto& [key, count] : reloads.count) {
    reload_family.metric.push_back(
        Sample(static_cast<double>(count), MetricType::Counter,
               {{"outcome", std::string(OutcomeName(key.first))}, {"trigger", key.second}}));
  }
  families->push_back(std::move(reload_family));
  MetricFamily reload_time = Family(
      "irum_reload_duration_seconds",
      "Time a reload took to read, check and index the tables, whatever its outcome.",
      MetricType::Histogram);
  reload_time.metric.push_back(HistogramSample(kReloadBuckets.data(), reloads.buckets,
                                               reloads.buckets.size(), reloads.seconds, {}));
  families->push_back(std::move(reload_time));
  if (reloads.any) {
    families->push_back(Single("irum_last_reload_ok",
                               "1 when the last reload was taken, 0 when it was refused or "
                               "failed (the previous tables still serve); absent before the "
                               "first reload.",
                               MetricType::Gauge, reloads.last_ok ? 1 : 0));
    families->push_back(Single("irum_last_reload_timestamp_seconds",
                               "When the last reload attempt ended (Unix time).",
                               MetricType::Gauge, UnixSeconds(reloads.last_at)));
  }
  if (reloads.last_ok_at != absl::InfinitePast()) {
    families->push_back(Single("irum_last_reload_success_timestamp_seconds",
                               "When the last reload that was taken ended (Unix time).",
                               MetricType::Gauge, UnixSeconds(reloads.last_ok_at)));
  }
}

std::shared_ptr<prometheus::Collectable> NewServiceCollectable(const IrumService* service,
                                                               const CallMetrics* metrics,
                                                               CollectableOptions options) {
  return std::make_shared<ServiceCollectable>(service, metrics, std::move(options));
}

}  // namespace irum::service
