#include "server/service/irum_service.h"

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/io/coded_stream.h"
#include "server/base/process.h"
#include "server/base/status_macros.h"
#include "server/match/annotate.h"
#include "server/match/names.h"
#include "server/service/status.h"
#include "server/text/quote.h"

namespace irum::service {
namespace {

namespace v1 = ::irum::v1;

// ToHangul readings per name when the request does not say.
constexpr int kDefaultReadings = 5;
// The longest ID GetEntity looks up (the tables' longest are under 100 bytes).
constexpr size_t kMaxIdBytes = 256;

// The first block of a unary call's arena, on the stack (see Unary).
constexpr size_t kArenaFirstBlockBytes = 8 * 1024;

// Why `context`'s call is to stop before its end, or OK when it may go on: the call is past its
// deadline (gRPC cancels the call then, but the deadline is the reason to report), or it was
// cancelled (by the client, or by the server's shutdown).
absl::Status CallStopped(const grpc::CallbackServerContext& context) {
  if (context.deadline() <= std::chrono::system_clock::now()) {
    return absl::DeadlineExceededError("the call's deadline passed");
  }
  if (context.IsCancelled()) return absl::CancelledError("the call was cancelled");
  return absl::OkStatus();
}

// Parses a request as gRPC would have, but says what is wrong (gRPC answers UNIMPLEMENTED with no
// message when a request does not parse, and a stream's read just fails).
absl::Status ParseRequest(const grpc::ByteBuffer& raw, google::protobuf::Message* request) {
  // A request of one slice (most: gRPC reads a small message into one) is parsed where it is;
  // others are copied into one first.
  grpc::Slice bytes;
  if ((!raw.TrySingleSlice(&bytes).ok() && !raw.DumpToSingleSlice(&bytes).ok()) ||
      !request->ParseFromArray(bytes.begin(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the request is not a valid ", request->GetTypeName(),
        " (malformed protocol buffer, or a string field that is not UTF-8; see "
        "proto/irum/v1/irum.proto)"));
  }
  return absl::OkStatus();
}

// Writes `response` into `raw` (replacing what it held: a stream's buffer is reused once its write
// is done) as one slice. REQUIRES: `size` is what response.ByteSizeLong() returned, and `response`
// has not changed since (its cached sizes are serialized): gRPC's own serializer would compute
// every size again, a pass over the whole answer.
void SerializeSized(const google::protobuf::MessageLite& response, size_t size,
                    grpc::ByteBuffer* raw) {
  grpc::Slice slice(size);
  response.SerializeWithCachedSizesToArray(const_cast<uint8_t*>(slice.begin()));
  grpc::ByteBuffer buffer(&slice, 1);
  raw->Swap(&buffer);
}

// The answer to a call that comes while the server shuts down.
absl::Status ShuttingDown() {
  return absl::UnavailableError("the server is shutting down; call again (another server)");
}

// The bytes a message of `size` bytes takes as a field of another (fields 1 to 15: a one-byte
// tag, then its length).
size_t FieldBytes(size_t size) {
  return 1 + google::protobuf::io::CodedOutputStream::VarintSize64(size) + size;
}

}  // namespace

absl::Status IrumService::CheckBatchSize(int count, absl::string_view what) const {
  if (count <= options_.max_batch_queries) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("request has ", count, " ", what,
                                                 "; the limit is ", options_.max_batch_queries));
}

absl::Status IrumService::ResponseTooLarge(absl::string_view progress) const {
  const std::string where = progress.empty() ? "" : absl::StrCat(" (", progress, ")");
  return absl::ResourceExhaustedError(absl::StrCat(
      "the response would be larger than the server's limit of ", options_.max_response_bytes,
      " bytes", where, "; ask for fewer items, results or romanizations per call"));
}

template <typename Request, typename Response, typename Handle>
grpc::ServerUnaryReactor* IrumService::Unary(Method method, grpc::CallbackServerContext* context,
                                             const grpc::ByteBuffer* raw_request,
                                             grpc::ByteBuffer* raw_response,
                                             Handle handle) const {
  const CallMetrics::Clock::time_point start =
      metrics_ != nullptr ? CallMetrics::Clock::now() : CallMetrics::Clock::time_point();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // Every unary call ends here.
  auto finish = [&](const absl::Status& status) {
    grpc::Status end = ToGrpcStatus(status);
    if (metrics_ != nullptr) {
      metrics_->RecordCall(method, end.error_code(), CallMetrics::Clock::now() - start);
    }
    reactor->Finish(std::move(end));
  };
  if (!CallStarted()) {
    finish(ShuttingDown());
    return reactor;
  }
  // The call's messages, and every message and string inside them, on one arena: a batch of 1,000
  // names answers some 10,000 messages and strings, each a malloc and a free otherwise. The arena
  // starts in a block on the stack, which holds a single name's call whole (the heap serves the
  // rest of a larger one).
  alignas(8) char first_block[kArenaFirstBlockBytes];
  google::protobuf::Arena arena(first_block, sizeof(first_block));
  Request* request = google::protobuf::Arena::CreateMessage<Request>(&arena);
  Response* response = google::protobuf::Arena::CreateMessage<Response>(&arena);
  absl::Status status = ParseRequest(*raw_request, request);
  if (status.ok()) status = handle(request, response);
  if (status.ok()) {
    const size_t size = response->ByteSizeLong();
    if (size > static_cast<size_t>(options_.max_response_bytes)) {
      status = ResponseTooLarge("");
    } else {
      SerializeSized(*response, size, raw_response);
    }
  }
  finish(status);
  CallEnded();
  return reactor;
}

template <typename Result, typename Answer>
absl::Status IrumService::AnswerEach(grpc::CallbackServerContext* context, int count,
                                     absl::string_view what,
                                     google::protobuf::RepeatedPtrField<Result>* results,
                                     Answer answer) const {
  counters_.batch_started.fetch_add(1, std::memory_order_relaxed);
  results->Reserve(count);
  // Counted when it ends, after batch_stopped: a reader that sees the call counted sees its outcome.
  absl::Cleanup ended = [this] { counters_.batch_calls.fetch_add(1, std::memory_order_relaxed); };
  size_t bytes = 0;
  for (int i = 0; i < count; ++i) {
    if (i % kItemsPerStopCheck == 0) {
      absl::Status stopped = CallStopped(*context);
      if (stopped.ok() && work_ended_.load(std::memory_order_relaxed)) stopped = ShuttingDown();
      if (!stopped.ok()) {
        counters_.batch_stopped.fetch_add(1, std::memory_order_relaxed);
        results->Clear();
        return stopped;
      }
    }
    counters_.batch_items.fetch_add(1, std::memory_order_relaxed);
    Result* result = results->Add();
    if (absl::Status status = answer(i, result); !status.ok()) {
      result->Clear();
      ToProto(status, result->mutable_error());
    }
    result->set_index(i);
    bytes += FieldBytes(result->ByteSizeLong());
    if (bytes > static_cast<size_t>(options_.max_response_bytes)) {
      results->Clear();
      return ResponseTooLarge(absl::StrCat("after ", i + 1, " of ", count, " ", what));
    }
  }
  return absl::OkStatus();
}

absl::Status IrumService::AnswerBatchResolve(grpc::CallbackServerContext* context,
                                             const catalog::Catalog& catalog,
                                             const v1::BatchResolveRequest& request,
                                             v1::BatchResolveResponse* response) const {
  IRUM_RETURN_IF_ERROR(CheckBatchSize(request.queries_size(), "queries"));
  IRUM_ASSIGN_OR_RETURN(ResolveRequestOptions options,
                        FromProto(request.options(), catalog, result_limits()));
  IRUM_RETURN_IF_ERROR(AnswerEach(
      context, request.queries_size(), "queries", response->mutable_results(),
      [&](int i, v1::ResolveResult* result) {
        return AnswerResolve(catalog, request.queries(i), options.match, options.show, result);
      }));
  response->set_table_version(catalog.version());
  return absl::OkStatus();
}

absl::Status IrumService::AnswerResolve(const catalog::Catalog& catalog, const std::string& query,
                                        const match::ResolveOptions& options,
                                        const Presentation& show, v1::ResolveResult* result) const {
  IRUM_ASSIGN_OR_RETURN(std::vector<match::Candidate> found,
                        match::Resolve(catalog, query, options, options_.limits));
  result->set_query(query);  // Valid UTF-8: Resolve checked it.
  for (const match::Candidate& candidate : found) {
    ToProto(catalog, candidate, show, result->add_candidates());
  }
  return absl::OkStatus();
}

// A stream of requests, each answered as its unary call would be: reads a request, answers it on
// the snapshot of the moment, writes the answer, and only then reads the next, so that at most one
// answer waits in the server for a slow reader. `answer` fills the response or returns why the
// request was refused, which becomes the response's error; the reactor sets its index and the
// table version. While the service drains it ends with UNAVAILABLE instead of reading on: at once
// when it waits for a request (Drain, from the shutting-down thread), else after its answer. Each
// answer and the stream's end are recorded in the service's metrics as `method`'s.
template <typename Request, typename Response>
class IrumService::StreamReactor : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                                   public IrumService::Stream {
 public:
  using Answer =
      std::function<absl::Status(const catalog::Catalog&, const Request&, Response*)>;

  StreamReactor(const IrumService* service, Method method, grpc::CallbackServerContext* context,
                Answer answer)
      : service_(service), method_(method), context_(context), answer_(std::move(answer)) {
    if (!service_->StreamOpened(this)) {
      opened_ = false;
      End(ToGrpcStatus(ShuttingDown()));
      return;
    }
    absl::MutexLock lock(&mutex_);
    reading_ = true;
    this->StartRead(&raw_request_);
  }

  void Drain() override {
    {
      absl::MutexLock lock(&mutex_);
      draining_ = true;
      if (!reading_ || finished_) return;  // Ends after its answer (OnWriteDone), or has ended.
      finished_ = true;
    }
    // Outside the lock: gRPC may run OnDone on this thread before Finish returns.
    End(ToGrpcStatus(ShuttingDown()));
  }

  void OnReadDone(bool ok) override {
    grpc::Status end;
    {
      absl::MutexLock lock(&mutex_);
      reading_ = false;
      if (finished_) return;  // Drain ended the stream; this read was cut short by it.
      if (!ok) {  // The client half-closed (or the call is gone): every answer is written.
        // Unless the deadline passed meanwhile (a batch it cut short answered with that error):
        // the call then ends as the client's own deadline would end it, whichever comes first.
        const absl::Status stopped = CallStopped(*context_);
        end = stopped.ok() || absl::IsCancelled(stopped) ? grpc::Status::OK : ToGrpcStatus(stopped);
      } else if (absl::Status stopped = CallStopped(*context_); !stopped.ok()) {
        // Requests the client sent before it gave up (or before the deadline) are not answered.
        end = ToGrpcStatus(stopped);
      } else if (draining_) {
        end = ToGrpcStatus(ShuttingDown());
      } else {
        end = grpc::Status(grpc::StatusCode::UNKNOWN, "");  // Not ending: answer.
      }
      if (end.error_code() != grpc::StatusCode::UNKNOWN) finished_ = true;
    }
    if (end.error_code() != grpc::StatusCode::UNKNOWN) {
      End(end);
      return;
    }
    CallMetrics* const metrics = service_->metrics_;
    const CallMetrics::Clock::time_point start =
        metrics != nullptr ? CallMetrics::Clock::now() : CallMetrics::Clock::time_point();
    response_.Clear();
    request_.Clear();
    const std::shared_ptr<const Snapshot> snap = service_->snapshot();
    // A request that does not parse gets its error in its own answer, like any bad request.
    absl::Status status = ParseRequest(raw_request_, &request_);
    if (status.ok()) status = answer_(*snap->catalog, request_, &response_);
    const int index = next_index_++;
    response_.set_index(index);
    response_.set_table_version(snap->catalog->version());
    size_t size = response_.ByteSizeLong();
    if (status.ok() && size > static_cast<size_t>(service_->options_.max_response_bytes)) {
      status = service_->ResponseTooLarge("");
    }
    if (!status.ok()) {
      response_.Clear();
      ToProto(status, response_.mutable_error());
      response_.set_index(index);
      response_.set_table_version(snap->catalog->version());
      size = response_.ByteSizeLong();
    }
    SerializeSized(response_, size, &raw_response_);
    if (metrics != nullptr) {
      metrics->RecordMessage(method_, status.code(), CallMetrics::Clock::now() - start);
    }
    this->StartWrite(&raw_response_);
  }

  void OnWriteDone(bool ok) override {
    grpc::Status end;
    {
      absl::MutexLock lock(&mutex_);
      if (!ok) {  // The client is gone.
        end = grpc::Status(grpc::StatusCode::CANCELLED, "the stream was cancelled");
      } else if (draining_) {
        end = ToGrpcStatus(ShuttingDown());
      } else {
        // Under the lock, so that Drain sees either a stream reading or one about to.
        reading_ = true;
        this->StartRead(&raw_request_);
        return;
      }
      finished_ = true;
    }
    End(end);
  }

  void OnDone() override {
    if (opened_) service_->StreamClosed(this);
    Release();
  }

 private:
  // Every stream ends here (once).
  void End(grpc::Status status) {
    if (service_->metrics_ != nullptr) {
      service_->metrics_->RecordCall(method_, status.error_code(), CallMetrics::Clock::duration());
    }
    this->Finish(std::move(status));
  }

  const IrumService* service_;
  const Method method_;
  grpc::CallbackServerContext* context_;  // The call's; outlives the reactor.
  Answer answer_;
  bool opened_ = true;  // Counted by the service (StreamOpened).
  absl::Mutex mutex_;
  bool reading_ ABSL_GUARDED_BY(mutex_) = false;   // A read is pending.
  bool draining_ ABSL_GUARDED_BY(mutex_) = false;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;  // Finish was called.
  grpc::ByteBuffer raw_request_;
  grpc::ByteBuffer raw_response_;
  Request request_;
  Response response_;
  int next_index_ = 0;
};

absl::Status IrumService::AnswerAnnotate(const catalog::Catalog& catalog,
                                         const v1::AnnotateRequest& request,
                                         v1::AnnotateResponse* response) const {
  IRUM_ASSIGN_OR_RETURN(match::AnnotateOptions options, FromProto(request.options()));
  IRUM_ASSIGN_OR_RETURN(std::vector<match::Mention> mentions,
                        match::Annotate(catalog, request.text(), options, options_.limits));
  size_t bytes = 0;
  for (size_t i = 0; i < mentions.size(); ++i) {
    v1::Mention* mention = response->add_mentions();
    ToProto(catalog, request.text(), mentions[i], mention);
    bytes += FieldBytes(mention->ByteSizeLong());
    if (bytes > static_cast<size_t>(options_.max_response_bytes)) {
      response->Clear();
      return ResponseTooLarge(absl::StrCat("after ", i + 1, " of ", mentions.size(), " mentions"));
    }
  }
  return absl::OkStatus();
}

IrumService::IrumService(ServiceOptions options, std::shared_ptr<const catalog::Catalog> catalog,
                         absl::Duration load_time, CallMetrics* metrics)
    : options_(std::move(options)), metrics_(metrics) {
  SetCatalog(std::move(catalog), load_time);
}

void IrumService::SetCatalog(std::shared_ptr<const catalog::Catalog> catalog,
                             absl::Duration load_time) {
  auto next =
      std::make_shared<const Snapshot>(Snapshot{std::move(catalog), absl::Now(), load_time});
  snapshot_.Set(std::move(next));
}

void IrumService::RecordReload(ReloadReport report) {
  if (metrics_ != nullptr) {
    metrics_->RecordReload(report.ok        ? ReloadOutcome::kTaken
                           : report.refused ? ReloadOutcome::kRefused
                                            : ReloadOutcome::kFailed,
                           report.trigger, report.took, report.at);
  }
  absl::MutexLock lock(&mutex_);
  last_reload_ = std::move(report);
}

WorkCounters IrumService::work_counters() const {
  WorkCounters counts;
  counts.batch_started = counters_.batch_started.load(std::memory_order_relaxed);
  counts.batch_calls = counters_.batch_calls.load(std::memory_order_relaxed);
  counts.batch_stopped = counters_.batch_stopped.load(std::memory_order_relaxed);
  counts.batch_items = counters_.batch_items.load(std::memory_order_relaxed);
  return counts;
}

int64_t IrumService::calls_in_flight() const {
  absl::MutexLock lock(&flight_mutex_);
  return in_flight_;
}

bool IrumService::CallStarted() const {
  absl::MutexLock lock(&flight_mutex_);
  last_start_ = absl::Now();
  if (draining_) return false;
  ++in_flight_;
  return true;
}

void IrumService::CallEnded() const {
  absl::MutexLock lock(&flight_mutex_);
  --in_flight_;
}

bool IrumService::StreamOpened(Stream* stream) const {
  if (!CallStarted()) return false;
  absl::MutexLock lock(&flight_mutex_);
  streams_.insert(stream);
  return true;
}

void IrumService::StreamClosed(Stream* stream) const {
  absl::MutexLock lock(&flight_mutex_);
  streams_.erase(stream);
  --in_flight_;
}

void IrumService::Drain() {
  std::vector<Stream*> streams;
  {
    absl::MutexLock lock(&flight_mutex_);
    draining_ = true;
    for (Stream* stream : streams_) {
      stream->Hold();  // Not deleted before Release below, even if it ends meanwhile.
      streams.push_back(stream);
    }
  }
  for (Stream* stream : streams) {
    stream->Drain();
    stream->Release();
  }
}

void IrumService::EndWork() { work_ended_.store(true, std::memory_order_relaxed); }

bool IrumService::AwaitIdle(absl::Time deadline) const {
  for (;;) {
    {
      absl::MutexLock lock(&flight_mutex_);
      if (in_flight_ == 0) return true;
    }
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
}

void IrumService::AwaitQuiet(absl::Duration quiet, absl::Time deadline) const {
  for (;;) {
    {
      absl::MutexLock lock(&flight_mutex_);
      if (absl::Now() - last_start_ >= quiet) return;
    }
    if (absl::Now() >= deadline) return;
    absl::SleepFor(absl::Milliseconds(5));
  }
}

std::shared_ptr<const catalog::Catalog> IrumService::catalog() const {
  return snapshot()->catalog;
}

grpc::ServerUnaryReactor* IrumService::Resolve(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::ResolveRequest, v1::ResolveResponse>(
      Method::kResolve, context, raw_request, raw_response,
      [&](const v1::ResolveRequest* request, v1::ResolveResponse* response) -> absl::Status {
    std::shared_ptr<const Snapshot> snap = snapshot();
    const catalog::Catalog& catalog = *snap->catalog;
    IRUM_ASSIGN_OR_RETURN(ResolveRequestOptions options,
                          FromProto(request->options(), catalog, result_limits()));
    IRUM_ASSIGN_OR_RETURN(std::vector<match::Candidate> found,
                          match::Resolve(catalog, request->query(), options.match, options_.limits));
    for (const match::Candidate& candidate : found) {
      ToProto(catalog, candidate, options.show, response->add_candidates());
    }
    response->set_table_version(catalog.version());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IrumService::BatchResolve(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::BatchResolveRequest, v1::BatchResolveResponse>(
      Method::kBatchResolve, context, raw_request, raw_response,
      [&](const v1::BatchResolveRequest* request, v1::BatchResolveResponse* response) {
        return AnswerBatchResolve(context, *snapshot()->catalog, *request, response);
      });
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IrumService::ResolveStream(
    grpc::CallbackServerContext* context) {
  return new StreamReactor<v1::ResolveRequest, v1::ResolveResult>(
      this, Method::kResolveStream, context,
      [this](const catalog::Catalog& catalog, const v1::ResolveRequest& request,
             v1::ResolveResult* result) -> absl::Status {
        IRUM_ASSIGN_OR_RETURN(ResolveRequestOptions options,
                              FromProto(request.options(), catalog, result_limits()));
        return AnswerResolve(catalog, request.query(), options.match, options.show, result);
      });
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IrumService::BatchResolveStream(
    grpc::CallbackServerContext* context) {
  return new StreamReactor<v1::BatchResolveRequest, v1::BatchResolveResponse>(
      this, Method::kBatchResolveStream, context,
      [this, context](const catalog::Catalog& catalog, const v1::BatchResolveRequest& request,
                      v1::BatchResolveResponse* response) {
        return AnswerBatchResolve(context, catalog, request, response);
      });
}

grpc::ServerUnaryReactor* IrumService::Annotate(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::AnnotateRequest, v1::AnnotateResponse>(
      Method::kAnnotate, context, raw_request, raw_response,
      [&](const v1::AnnotateRequest* request, v1::AnnotateResponse* response) -> absl::Status {
    std::shared_ptr<const Snapshot> snap = snapshot();
    IRUM_RETURN_IF_ERROR(AnswerAnnotate(*snap->catalog, *request, response));
    response->set_table_version(snap->catalog->version());
    return absl::OkStatus();
  });
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IrumService::AnnotateStream(
    grpc::CallbackServerContext* context) {
  return new StreamReactor<v1::AnnotateRequest, v1::AnnotateResponse>(
      this, Method::kAnnotateStream, context,
      [this](const catalog::Catalog& catalog, const v1::AnnotateRequest& request,
             v1::AnnotateResponse* response) {
        return AnswerAnnotate(catalog, request, response);
      });
}

grpc::ServerUnaryReactor* IrumService::GetEntity(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::GetEntityRequest, v1::GetEntityResponse>(
      Method::kGetEntity, context, raw_request, raw_response,
      [&](const v1::GetEntityRequest* request, v1::GetEntityResponse* response) -> absl::Status {
    std::shared_ptr<const Snapshot> snap = snapshot();
    const catalog::Catalog& catalog = *snap->catalog;
    const std::string& id = request->id();
    if (id.empty()) return absl::InvalidArgumentError("id is empty");
    if (id.size() > kMaxIdBytes) {  // No ID is that long; and the error must not echo it whole.
      return absl::InvalidArgumentError(
          absl::StrCat("id is ", id.size(), " bytes long; the limit is ", kMaxIdBytes));
    }
    if (absl::Status utf8 = text::ValidateUtf8(id); !utf8.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("id is not valid UTF-8: ", utf8.message()));
    }
    IRUM_ASSIGN_OR_RETURN(std::vector<SystemChoice> systems,
                          SystemsFromProto(request->romanizations(), "romanizations"));
    const catalog::Entity* entity = catalog.FindById(id);
    if (entity == nullptr) {
      if (const catalog::RetiredId* retired = catalog.FindRetired(id)) {
        entity = &catalog.Successor(*retired);
        v1::Redirect* redirect = response->mutable_redirect();
        redirect->set_from_id(retired->id);
        redirect->set_retired(retired->retired);
        redirect->set_note(retired->note);
      }
    }
    if (entity == nullptr) {
      return absl::NotFoundError(absl::StrCat("no entity has id ", text::Quote(id)));
    }
    ToProto(catalog, *entity, systems, response->mutable_entity());
    response->set_table_version(catalog.version());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IrumService::GetInfo(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::GetInfoRequest, v1::GetInfoResponse>(
      Method::kGetInfo, context, raw_request, raw_response,
      [&](const v1::GetInfoRequest* /*request*/, v1::GetInfoResponse* response) -> absl::Status {
  std::shared_ptr<const Snapshot> snap = snapshot();
  const catalog::Catalog& catalog = *snap->catalog;
  response->set_table_version(catalog.version());
  response->set_loaded_at(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", snap->loaded_at, absl::UTCTimeZone()));
  response->set_entity_count(static_cast<int64_t>(catalog.entities().size()));
  response->set_alias_count(catalog.key_count());
  response->set_person_count(catalog.CountOfKind(catalog::EntityKind::kPerson));
  response->set_place_count(catalog.CountOfKind(catalog::EntityKind::kPlace));
  response->set_organization_count(catalog.CountOfKind(catalog::EntityKind::kOrganization));
  response->set_server_version(options_.server_version);
  response->set_max_query_chars(options_.limits.max_query_chars);
  response->set_max_batch_queries(options_.max_batch_queries);
  response->set_max_results_limit(options_.max_results_limit);
  response->set_max_text_chars(options_.limits.max_text_chars);
  response->set_max_document_bytes(options_.limits.max_document_bytes);
  response->set_max_response_bytes(options_.max_response_bytes);
  response->set_open_files_limit(options_.open_files_limit);
  response->set_max_connections(options_.max_connections);
  response->set_english_word_count(catalog.english_word_count());
  response->set_pronunciation_exception_count(catalog.pronunciation_count());
  response->set_surname_count(catalog.surname_count());
  response->set_retired_count(catalog.retired_count());
  response->set_load_seconds(absl::ToDoubleSeconds(snap->load_time));
  response->set_resident_bytes(base::ResidentBytes());
  response->set_peak_resident_bytes(base::PeakResidentBytes());
  std::optional<ReloadReport> reload;
  {
    absl::MutexLock lock(&mutex_);
    reload = last_reload_;
  }
  if (reload) {
    v1::ReloadStatus* out = response->mutable_last_reload();
    out->set_at(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", reload->at, absl::UTCTimeZone()));
    out->set_ok(reload->ok);
    out->set_error(reload->error);
    out->set_trigger(reload->trigger);
    out->set_seconds(absl::ToDoubleSeconds(reload->took));
    out->set_table_version(reload->table_version);
  }
  return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IrumService::Romanize(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::RomanizeRequest, v1::RomanizeResponse>(
      Method::kRomanize, context, raw_request, raw_response,
      [&](const v1::RomanizeRequest* request, v1::RomanizeResponse* response) -> absl::Status {
    std::shared_ptr<const Snapshot> snap = snapshot();
    const catalog::Catalog& catalog = *snap->catalog;
    IRUM_RETURN_IF_ERROR(CheckBatchSize(request->texts_size(), "texts"));
    IRUM_ASSIGN_OR_RETURN(match::TextRomanization options, FromProto(request->options()));
    return AnswerEach(context, request->texts_size(), "texts", response->mutable_results(),
                      [&](int i, v1::RomanizeResult* result) -> absl::Status {
                        IRUM_ASSIGN_OR_RETURN(
                            match::RomanizedText romanized,
                            match::RomanizeText(catalog, request->texts(i), options,
                                                options_.limits));
                        ToProto(romanized, result);
                        return absl::OkStatus();
                      });
  });
}

grpc::ServerUnaryReactor* IrumService::ToHangul(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::ToHangulRequest, v1::ToHangulResponse>(
      Method::kToHangul, context, raw_request, raw_response,
      [&](const v1::ToHangulRequest* request, v1::ToHangulResponse* response) -> absl::Status {
    std::shared_ptr<const Snapshot> snap = snapshot();
    const catalog::Catalog& catalog = *snap->catalog;
    IRUM_RETURN_IF_ERROR(CheckBatchSize(request->names_size(), "names"));
    IRUM_ASSIGN_OR_RETURN(hangul::StringKind kind,
                          KindFromProto(request->kind(), hangul::StringKind::kPerson));
    IRUM_ASSIGN_OR_RETURN(
        int max_results,
        MaxResults(request->max_results(), ResultLimits{kDefaultReadings,
                                                        options_.max_results_limit}));
    hangul::DecodeOptions decode = match::ToHangulOptions(kind, max_results);
    IRUM_ASSIGN_OR_RETURN(decode.korea, KoreaFromCountry(request->country(), "country"));
    // Persons are judged for how Korean they look; places and text are not.
    const bool person = kind == hangul::StringKind::kPerson;
    return AnswerEach(context, request->names_size(), "names", response->mutable_results(),
                      [&](int i, v1::ToHangulResult* result) -> absl::Status {
                        match::Koreanness korean;
                        IRUM_ASSIGN_OR_RETURN(
                            std::vector<match::NameReading> readings,
                            match::ReadName(catalog, request->names(i), decode,
                                            !request->skip_catalog(), options_.limits,
                                            person ? &korean : nullptr));
                        result->set_query(request->names(i));
                        ToProto(readings, person ? &korean : nullptr, result);
                        return absl::OkStatus();
                      });
  });
}

grpc::ServerUnaryReactor* IrumService::Compare(grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* raw_request, grpc::ByteBuffer* raw_response) {
  return Unary<v1::CompareRequest, v1::CompareResponse>(
      Method::kCompare, context, raw_request, raw_response,
      [&](const v1::CompareRequest* request, v1::CompareResponse* response) -> absl::Status {
    std::shared_ptr<const Snapshot> snap = snapshot();
    const catalog::Catalog& catalog = *snap->catalog;
    IRUM_RETURN_IF_ERROR(CheckBatchSize(request->pairs_size(), "pairs"));
    IRUM_ASSIGN_OR_RETURN(hangul::StringKind kind,
                          KindFromProto(request->kind(), hangul::StringKind::kPerson));
    response->set_threshold(catalog.decoder().model().same_name);
    return AnswerEach(context, request->pairs_size(), "pairs", response->mutable_results(),
                      [&](int i, v1::CompareResult* result) -> absl::Status {
                        IRUM_ASSIGN_OR_RETURN(
                            match::Comparison comparison,
                            match::Compare(catalog, request->pairs(i).a(), request->pairs(i).b(),
                                           kind, options_.limits));
                        ToProto(comparison, result);
                        return absl::OkStatus();
                      });
  });
}

}  // namespace irum::service
