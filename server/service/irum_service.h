// IrumService: the gRPC face of the engine (irum.v1.Irum, callback API).
//
// Each handler takes the catalog snapshot of the moment, converts the request to engine types
// (convert.h), calls the engine and converts its answer back; batches answer item by item through
// one helper (an item's error goes into its own result), and the streams (ResolveStream,
// BatchResolveStream, AnnotateStream) answer each request as the unary call would, through one
// reactor. Handlers never block: all work is in-memory. A batch or a stream whose call is cancelled
// or past its deadline stops within kItemsPerStopCheck items (a stream: before its next request;
// one Annotate text is one item: a long document is annotated whole).
// Drain and EndWork shut the service down without cancelling a call: see there.
// Errors become grpc::Status in one place (status.h).
//
// Thread safety: all methods may be called concurrently. SetCatalog swaps the snapshot atomically;
// calls already running finish on the snapshot they started with.
#ifndef IRUM_SERVER_SERVICE_IRUM_SERVICE_H_
#define IRUM_SERVER_SERVICE_IRUM_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "irum/v1/irum.grpc.pb.h"
#include "server/base/snapshot_cell.h"
#include "server/catalog/catalog.h"
#include "server/match/resolver.h"
#include "server/service/convert.h"
#include "server/service/metrics.h"

namespace irum::service {

struct ServiceOptions {
  match::QueryLimits limits;
  int default_max_results = 10;   // When a request says 0.
  int max_results_limit = 100;    // Larger requests are reduced to this.
  int max_batch_queries = 1000;   // More items in one batch call (queries, texts, names, pairs)
                                  // is INVALID_ARGUMENT.
  // An answer larger than this (serialized) is refused with RESOURCE_EXHAUSTED instead of being
  // built and sent: a batch stops at the item that crosses it. The default is four times the
  // largest request irumd accepts by default (--max_message_bytes, 4 MiB), so that every
  // proportionate answer passes (Romanize echoes its texts beside their romanizations: two to
  // three times its request), while a small request cannot make a huge answer (a BatchResolve
  // asking for every romanization of 100 candidates per query). Clients that keep gRPC's default
  // receive limit (4 MiB) must raise it to take answers between that and this.
  int64_t max_response_bytes = 16 << 20;
  std::string server_version;     // Reported by GetInfo.
  // Reported by GetInfo, enforced elsewhere (irumd): the process's limit on open descriptors and
  // its cap on open connections; 0 when unknown or none.
  int64_t open_files_limit = 0;
  int64_t max_connections = 0;
};

// A batch checks whether its call was stopped (cancelled, past its deadline, the server shutting
// down) before its first item and then every this many items. A check reads the clock and the
// call's state: checked before every item it was 8% of the server's samples under a BatchResolve
// of listed names (perf, docs/performance.md); every 16 items it is a sixteenth of that, and an
// abandoned batch still stops within 16 items (about 0.2 ms of names only the decoder reads).
inline constexpr int kItemsPerStopCheck = 16;

// One attempt to reload the tables, as GetInfo reports it.
struct ReloadReport {
  absl::Time at;
  bool ok = false;
  bool refused = false;       // Not ok: valid tables that would lose too many entities.
  std::string error;          // Why it failed; empty when ok.
  std::string trigger;        // "signal" or "watch".
  absl::Duration took;        // Reading, checking and indexing.
  std::string table_version;  // Loaded, or refused.
};

// What the batch calls (BatchResolve, Romanize, ToHangul, Compare, and each request of a
// BatchResolveStream) did since the service started: for monitoring, and for the tests that check
// that abandoned calls stop.
struct WorkCounters {
  int64_t batch_started = 0;  // Batch calls that reached their items.
  int64_t batch_calls = 0;    // Of those, the ones that ended, whatever the outcome.
  int64_t batch_stopped = 0;  // Of those, stopped before their last item because the call was
                              // cancelled or past its deadline, or the server shut down.
  int64_t batch_items = 0;    // Items the batch calls answered.
};

namespace internal {
// irum.v1.Irum with every method taking its request and answer as bytes.
using RawIrumService = irum::v1::Irum::WithRawCallbackMethod_Resolve<
    irum::v1::Irum::WithRawCallbackMethod_BatchResolve<
        irum::v1::Irum::WithRawCallbackMethod_ResolveStream<
            irum::v1::Irum::WithRawCallbackMethod_BatchResolveStream<
                irum::v1::Irum::WithRawCallbackMethod_Annotate<
                    irum::v1::Irum::WithRawCallbackMethod_AnnotateStream<
                        irum::v1::Irum::WithRawCallbackMethod_GetEntity<
                            irum::v1::Irum::WithRawCallbackMethod_GetInfo<
                                irum::v1::Irum::WithRawCallbackMethod_Romanize<
                                    irum::v1::Irum::WithRawCallbackMethod_ToHangul<
                                        irum::v1::Irum::WithRawCallbackMethod_Compare<
                                            irum::v1::Irum::Service>>>>>>>>>>>;
}  // namespace internal

class IrumService final : public internal::RawIrumService {
 public:
  // `load_time`: how long reading and indexing `catalog` took (GetInfo reports it). `metrics`, when
  // not null, records every call and reload (metrics.h); it must outlive the service.
  // REQUIRES: `catalog` is not null.
  IrumService(ServiceOptions options, std::shared_ptr<const catalog::Catalog> catalog,
              absl::Duration load_time = absl::ZeroDuration(), CallMetrics* metrics = nullptr);

  // Serves `catalog` from now on; `load_time` as for the constructor. REQUIRES: not null.
  void SetCatalog(std::shared_ptr<const catalog::Catalog> catalog,
                  absl::Duration load_time = absl::ZeroDuration());

  // The catalog served now (calls that start from now on answer from it).
  std::shared_ptr<const catalog::Catalog> catalog() const;

  // Records the outcome of a reload attempt for GetInfo and the metrics (a successful one also
  // calls SetCatalog).
  void RecordReload(ReloadReport report) ABSL_LOCKS_EXCLUDED(mutex_);

  // The counts so far (each read atomically, not all at one instant).
  WorkCounters work_counters() const;
  // Calls running now: unary calls being answered and open streams.
  int64_t calls_in_flight() const ABSL_LOCKS_EXCLUDED(flight_mutex_);

  // Shutting down, in two steps (IrumServer::Shutdown takes them, in this order, once each).
  // Drain: from now on a call that starts is answered UNAVAILABLE ("the server is shutting down")
  // at once, and so is a stream's next request; a stream waiting for its client's next request
  // ends so at once, one writing an answer right after that answer. Calls already running go on.
  // EndWork: batches still running stop before their next item, UNAVAILABLE too.
  void Drain() ABSL_LOCKS_EXCLUDED(flight_mutex_);
  void EndWork();
  // Waits until no call is running (unary handlers, open streams), or until `deadline`; true in
  // the first case.
  bool AwaitIdle(absl::Time deadline) const ABSL_LOCKS_EXCLUDED(flight_mutex_);
  // Waits until no call has started (or been refused) for `quiet`, or until `deadline`.
  void AwaitQuiet(absl::Duration quiet, absl::Time deadline) const
      ABSL_LOCKS_EXCLUDED(flight_mutex_);

  // The RPCs of irum.v1.Irum, on the request's and the answer's bytes: each parses its request
  // itself, so that one that does not parse gets INVALID_ARGUMENT saying so (gRPC's own parsing
  // answers UNIMPLEMENTED with no message, and fails a stream's read).
  grpc::ServerUnaryReactor* Resolve(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* BatchResolve(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* ResolveStream(
      grpc::CallbackServerContext* context) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* BatchResolveStream(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* Annotate(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* AnnotateStream(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* GetEntity(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetInfo(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Romanize(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ToHangul(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Compare(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;

 private:
  struct Snapshot {
    std::shared_ptr<const catalog::Catalog> catalog;
    absl::Time loaded_at;
    absl::Duration load_time;
  };

  // What Drain needs of a stream (the reactors are templates).
  class Stream {
   public:
    virtual ~Stream() = default;
    // Ends the stream with UNAVAILABLE now if it waits for a request, else after its answer.
    virtual void Drain() = 0;
    // A stream is deleted once gRPC is done with it and no Drain holds it.
    void Hold() { holds_.fetch_add(1, std::memory_order_relaxed); }
    void Release() {
      if (holds_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }

   private:
    std::atomic<int> holds_{1};  // gRPC's, released in OnDone.
  };
  template <typename Request, typename Response>
  class StreamReactor;

  // A call starts (true) or is refused because the service drains (false); each true is followed
  // by one CallEnded.
  bool CallStarted() const ABSL_LOCKS_EXCLUDED(flight_mutex_);
  void CallEnded() const ABSL_LOCKS_EXCLUDED(flight_mutex_);
  // A stream opens: counted as a running call until StreamClosed; false, and not counted, when the
  // service drains.
  bool StreamOpened(Stream* stream) const ABSL_LOCKS_EXCLUDED(flight_mutex_);
  void StreamClosed(Stream* stream) const ABSL_LOCKS_EXCLUDED(flight_mutex_);

  std::shared_ptr<const Snapshot> snapshot() const { return snapshot_.Get(); }
  ResultLimits result_limits() const {
    return {options_.default_max_results, options_.max_results_limit};
  }

  // InvalidArgument when a request carries more than max_batch_queries `what` (queries, texts...).
  absl::Status CheckBatchSize(int count, absl::string_view what) const;

  // ResourceExhausted naming options_.max_response_bytes; `progress` says where the answer
  // crossed it ("after 12 of 1000 queries"), may be empty.
  absl::Status ResponseTooLarge(absl::string_view progress) const;

  // Finishes a unary call: parses `raw_request` as a Request (InvalidArgument when it does not
  // parse), has `handle(const Request*, Response*)` fill the answer or return why not, refuses an
  // answer larger than options_.max_response_bytes (ResponseTooLarge), and writes the answer's
  // bytes into `raw_response`. UNAVAILABLE at once while the service drains. The call's end is
  // recorded in metrics_ as `method`'s.
  template <typename Request, typename Response, typename Handle>
  grpc::ServerUnaryReactor* Unary(Method method, grpc::CallbackServerContext* context,
                                  const grpc::ByteBuffer* raw_request,
                                  grpc::ByteBuffer* raw_response, Handle handle) const;

  // Answers the `count` items (`what`: "queries", "texts"...) of a batch, one result each in order
  // with its index: `answer(i, result)` fills the result, or returns why item i was refused, which
  // becomes the result's error. Before the first item and every kItemsPerStopCheck items, stops
  // with DeadlineExceeded when the call is past its deadline and Cancelled when it was cancelled
  // (the client gave up, or the server is shutting down), so that an abandoned call costs at most
  // kItemsPerStopCheck more items; ResponseTooLarge as soon as the results add up to more than
  // options_.max_response_bytes.
  template <typename Result, typename Answer>
  absl::Status AnswerEach(grpc::CallbackServerContext* context, int count, absl::string_view what,
                          google::protobuf::RepeatedPtrField<Result>* results,
                          Answer answer) const;

  // One text of Annotate or AnnotateStream into `response` (not its index or table version).
  absl::Status AnswerAnnotate(const catalog::Catalog& catalog,
                              const irum::v1::AnnotateRequest& request,
                              irum::v1::AnnotateResponse* response) const;

  // One request of BatchResolve or BatchResolveStream into `response` (not its index or error in
  // the stream).
  absl::Status AnswerBatchResolve(grpc::CallbackServerContext* context,
                                  const catalog::Catalog& catalog,
                                  const irum::v1::BatchResolveRequest& request,
                                  irum::v1::BatchResolveResponse* response) const;

  // One query of BatchResolve, BatchResolveStream or ResolveStream into `result` (not its index).
  absl::Status AnswerResolve(const catalog::Catalog& catalog, const std::string& query,
                             const match::ResolveOptions& options, const Presentation& show,
                             irum::v1::ResolveResult* result) const;

  const ServiceOptions options_;
  CallMetrics* const metrics_;  // Null when metrics are off.
  struct AtomicCounters {
    std::atomic<int64_t> batch_started{0};
    std::atomic<int64_t> batch_calls{0};
    std::atomic<int64_t> batch_stopped{0};
    std::atomic<int64_t> batch_items{0};
  };
  mutable AtomicCounters counters_;
  std::atomic<bool> work_ended_{false};
  mutable absl::Mutex flight_mutex_;
  bool draining_ ABSL_GUARDED_BY(flight_mutex_) = false;
  mutable int64_t in_flight_ ABSL_GUARDED_BY(flight_mutex_) = 0;
  mutable absl::Time last_start_ ABSL_GUARDED_BY(flight_mutex_) = absl::InfinitePast();
  mutable absl::flat_hash_set<Stream*> streams_ ABSL_GUARDED_BY(flight_mutex_);
  base::SnapshotCell<const Snapshot> snapshot_{nullptr};  // Set by the constructor.
  mutable absl::Mutex mutex_;
  std::optional<ReloadReport> last_reload_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace irum::service

#endif  // IRUM_SERVER_SERVICE_IRUM_SERVICE_H_
