// irum-load: a load generator for an irum server, and the baseline it is measured against.
//
// Several connections (--connections), each with its own completion queue and thread, keep
// --inflight asynchronous calls outstanding for --duration. First the same server's health Check
// is driven so (the gRPC floor), then the workload; the report gives calls/s (and names/s for
// batches), latency percentiles and the calls by status code of each, and the workload's rate as
// a share of Check's. Workloads:
//   alias    Resolve of names the bundled tables list (Kaesong, Kim Yo Jong, 개성...)
//   mix      Resolve of a realistic mix: listed names, spellings only the decoder reads (Gim
//            Yeojeong), Hangul, and names of nothing (Singapore)
//   check    the health Check alone
//   hostile  every method, with bad input (invalid UTF-8, over-long, unknown IDs), calls
//            cancelled at once and calls given a deadline too short to meet: a soak's workload
//            (scripts/soak). Only statuses a client can act on are expected: any UNKNOWN,
//            INTERNAL, DATA_LOSS, UNIMPLEMENTED or UNAVAILABLE makes the exit status 1.
// With --batch=N (alias, mix), BatchResolve of N names per call. With --stream (alias, mix), each
// of the --inflight slots is one ResolveStream held open for the phase, its requests written back
// to back, at most --stream_window ahead of the answers; a "call" is then one answer, its latency
// from its request's write. With --stream and --batch=N, the streams are BatchResolveStreams of N
// names per request: a "call" is one answer of N results, counted by its request-wide error, and
// the report gives names/s (a window of a few requests is enough: 4 unless --stream_window says
// otherwise; without --batch, 64).
//
// Exit status: 0 when the run ended and no call failed unexpectedly, 1 when some did, 2 on a usage
// error or when the server cannot be reached.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "irum/v1/irum.grpc.pb.h"
#include "client/channel.h"

ABSL_FLAG(std::string, server, "",
          "Server address, host:port, or any gRPC target (dns:///NAME:PORT, "
          "ipv4:HOST:PORT,HOST:PORT: calls spread over every address, UNAVAILABLE retried on the "
          "next). Default: $IRUM_SERVER, else 127.0.0.1:50051.");
ABSL_FLAG(std::string, workload, "mix", "alias, mix, check or hostile (see --help).");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "How long to drive the workload (and, with --baseline, the health Check as long), in "
          "all rounds together.");
ABSL_FLAG(int, connections, 2, "Connections (each with its own thread and completion queue).");
ABSL_FLAG(int, inflight, 8, "Calls outstanding per connection.");
ABSL_FLAG(int, batch, 0,
          "alias, mix: names per BatchResolve call, or per BatchResolveStream request with "
          "--stream (0: one Resolve, or ResolveStream request, per name).");
ABSL_FLAG(bool, stream, false,
          "alias, mix: ResolveStream (BatchResolveStream with --batch), one stream per in-flight "
          "slot (see --stream_window), instead of a unary call per name or batch.");
ABSL_FLAG(int, stream_window, 0,
          "--stream: requests a stream may have unanswered; 0: 64 a name a request, 4 with "
          "--batch (a few batches keep a stream busy; more only queue names).");
ABSL_FLAG(bool, baseline, true,
          "Drive the health Check too, alternating with the workload (see --rounds), and report "
          "the ratio of their calls/s.");
ABSL_FLAG(int, rounds, 5,
          "With --baseline: the Check and the workload alternate this many times, each for "
          "--duration/rounds, the order swapped every round; the ratio reported is the median of "
          "the rounds' ratios, which a shared machine's load moves less than one long phase of "
          "each.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10), "Deadline of each call (hostile: most).");

namespace {

namespace v1 = ::irum::v1;

// Listed in the bundled tables (the alias path).
const std::vector<std::string>& ListedNames() {
  static const auto* names = new std::vector<std::string>{
      "Kaesong", "Gaesong", "Pyongyang", "Kim Yo Jong", "Kim Yo-jong", "Kim Jong Un", "Seoul",
      "Busan", "Suh Ho", "KCNA", "개성", "평양", "김여정", "Panmunjom", "Yongbyon", "Moon Jae-in",
      "Sinuiju", "Jongno-gu", "Ministry of Unification", "Workers' Party of Korea"};
  return *names;
}

// Read only by the decoder (spellings no table lists), Hangul, and names of nothing.
const std::vector<std::string>& UnlistedNames() {
  static const auto* names = new std::vector<std::string>{
      "Gim Yeojeong", "Yo-jong Kim", "Pak Geunhye", "Gim Jeong-eun", "Chung Sung-Jun",
      "Pyeongyang-si", "Kaesŏng-si", "Singapore", "Kim Chaewon", "Ri Son Gwon"};
  return *names;
}

// What the hostile workload sends that no name is.
const std::vector<std::string>& BadInputs() {
  static const auto* inputs = new std::vector<std::string>{
      "", "\xff\xfe", std::string(300, 'a'), std::string(100, '\0'), "ⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷⅷ",
      "Kim\tYo\nJong", "金A", "キムK", "\xe2\x80", "'; DROP TABLE names; --"};
  return *inputs;
}

// The outcome of one phase.
struct Tally {
  int64_t calls = 0;
  int64_t names = 0;
  std::vector<double> latency_us;
  std::map<grpc::StatusCode, int64_t> codes;

  void Add(const Tally& other) {
    calls += other.calls;
    names += other.names;
    latency_us.insert(latency_us.end(), other.latency_us.begin(), other.latency_us.end());
    for (const auto& [code, n] : other.codes) codes[code] += n;
  }
};

// One call in flight: its context, its start, and how to read its outcome.
class Call {
 public:
  virtual ~Call() = default;
  grpc::ClientContext context;
  grpc::Status status;
  absl::Time started;
  int64_t names = 1;  // Names the call resolves (BatchResolve: the batch).
};

template <typename Response>
class TypedCall : public Call {
 public:
  Response response;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
};

// One connection's share of a phase: its own channel, completion queue and thread.
class Driver {
 public:
  Driver(const std::string& server, const std::string& workload, int inflight, int batch,
         int stream_window, absl::Duration timeout, int seed)
      : workload_(workload),
        inflight_(inflight),
        batch_(batch),
        stream_window_(stream_window),
        timeout_(timeout),
        random_(seed) {
    grpc::ChannelArguments args = irum::client::ChannelArguments();
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // A connection of its own.
    args.SetMaxReceiveMessageSize(64 << 20);
    channel_ = grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(), args);
    stub_ = v1::Irum::NewStub(channel_);
    generic_ = std::make_unique<grpc::GenericStub>(channel_);
  }

  // Drives calls until `end`, then waits for those in flight.
  Tally Run(absl::Time end) {
    if (stream_window_ > 0) {
      if (batch_ > 0) return RunStreams<v1::BatchResolveRequest, v1::BatchResolveResponse>(end);
      return RunStreams<v1::ResolveRequest, v1::ResolveResult>(end);
    }
    Tally tally;
    int outstanding = 0;
    for (int i = 0; i < inflight_; ++i) {
      Start();
      ++outstanding;
    }
    while (outstanding > 0) {
      void* tag = nullptr;
      bool ok = false;
      if (!cq_.Next(&tag, &ok)) break;
      std::unique_ptr<Call> call(static_cast<Call*>(tag));
      const absl::Time now = absl::Now();
      ++tally.calls;
      tally.names += call->names;
      ++tally.codes[call->status.error_code()];
      tally.latency_us.push_back(absl::ToDoubleMicroseconds(now - call->started));
      --outstanding;
      if (now < end) {
        Start();
        ++outstanding;
      }
    }
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
    return tally;
  }

 private:
  // Starts a call made by `prepare` (of a stub's PrepareAsync kind), due in `timeout`, cancelled
  // at once when `cancel`; the completion queue hands it back to Run.
  template <typename Response, typename Request, typename Prepare>
  void Issue(const Request& request, Prepare prepare, absl::Duration timeout, bool cancel,
             int64_t names = 1) {
    auto* call = new TypedCall<Response>();
    call->names = names;
    call->started = absl::Now();
    call->context.set_deadline(absl::ToChronoTime(call->started + timeout));
    call->reader = prepare(&call->context, request, &cq_);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
    if (cancel) call->context.TryCancel();
  }

  // The same for a method of the irum stub: `method` is &v1::Irum::Stub::PrepareAsyncX.
  template <typename Response, typename Request>
  void CallStub(const Request& request,
                std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> (
                    v1::Irum::Stub::*method)(grpc::ClientContext*, const Request&,
                                             grpc::CompletionQueue*),
                absl::Duration timeout, bool cancel, int64_t names = 1) {
    Issue<Response>(
        request,
        [this, method](grpc::ClientContext* c, const Request& r, grpc::CompletionQueue* q) {
          return (stub_.get()->*method)(c, r, q);
        },
        timeout, cancel, names);
  }

  // A ResolveStream (Request ResolveRequest, Response ResolveResult) or BatchResolveStream
  // (BatchResolveRequest, BatchResolveResponse) of RunStreams, and the tags of its operations (at
  // most one write, one read).
  template <typename Request, typename Response>
  struct Stream;
  template <typename Request, typename Response>
  struct StreamTag {
    enum Kind { kStart, kWrite, kRead, kWritesDone, kFinish } kind;
    Stream<Request, Response>* stream;
  };
  template <typename Request, typename Response>
  struct Stream {
    using Tag = StreamTag<Request, Response>;
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientAsyncReaderWriter<Request, Response>> rpc;
    Request request;
    Response result;
    grpc::Status status;
    std::deque<absl::Time> unanswered;  // When each request awaiting its answer was written.
    int pending = 0;                    // Operations whose tags have not come back.
    bool writing = false;
    bool writes_done = false;
    bool finishing = false;
    Tag start{Tag::kStart, this}, write{Tag::kWrite, this}, read{Tag::kRead, this},
        done{Tag::kWritesDone, this}, finish{Tag::kFinish, this};
  };

  // A stream's next request: one name, or a batch of batch_.
  void Fill(v1::ResolveRequest* request) { request->set_query(Name()); }
  void Fill(v1::BatchResolveRequest* request) {
    request->clear_queries();
    for (int i = 0; i < batch_; ++i) request->add_queries(Name());
  }
  // The names an answer resolved.
  static int64_t Names(const v1::ResolveResult& /*result*/) { return 1; }
  static int64_t Names(const v1::BatchResolveResponse& response) {
    return response.results_size();
  }
  // Opens a stream of the kind `s` is.
  std::unique_ptr<grpc::ClientAsyncReaderWriter<v1::ResolveRequest, v1::ResolveResult>> Open(
      Stream<v1::ResolveRequest, v1::ResolveResult>& s) {
    return stub_->PrepareAsyncResolveStream(&s.context, &cq_);
  }
  std::unique_ptr<grpc::ClientAsyncReaderWriter<v1::BatchResolveRequest, v1::BatchResolveResponse>>
  Open(Stream<v1::BatchResolveRequest, v1::BatchResolveResponse>& s) {
    return stub_->PrepareAsyncBatchResolveStream(&s.context, &cq_);
  }

  // Writes the stream's next request if it may (none in flight, the window not full, before
  // `end`); at `end`, closes the writing side once.
  template <typename Request, typename Response>
  void WriteNext(Stream<Request, Response>& s, absl::Time now, absl::Time end) {
    if (s.writing || s.writes_done || s.finishing) return;
    if (now >= end) {
      s.writes_done = true;
      ++s.pending;
      s.rpc->WritesDone(&s.done);
      return;
    }
    if (static_cast<int>(s.unanswered.size()) >= stream_window_) return;
    Fill(&s.request);
    s.unanswered.push_back(now);
    s.writing = true;
    ++s.pending;
    s.rpc->Write(s.request, &s.write);
  }

  template <typename Request, typename Response>
  void FinishStream(Stream<Request, Response>& s) {
    if (s.finishing) return;
    s.finishing = true;
    ++s.pending;
    s.rpc->Finish(&s.status, &s.finish);
  }

  // --stream: inflight_ streams, each pipelining its requests until `end`; one tally entry per
  // answer, and one more for a stream that ends with an error.
  template <typename Request, typename Response>
  Tally RunStreams(absl::Time end) {
    using Tag = typename Stream<Request, Response>::Tag;
    Tally tally;
    std::vector<std::unique_ptr<Stream<Request, Response>>> streams;
    for (int i = 0; i < inflight_; ++i) {
      auto s = std::make_unique<Stream<Request, Response>>();
      s->context.set_deadline(absl::ToChronoTime(end + timeout_));
      s->rpc = Open(*s);
      ++s->pending;
      s->rpc->StartCall(&s->start);
      streams.push_back(std::move(s));
    }
    int open = inflight_;
    while (open > 0) {
      void* raw = nullptr;
      bool ok = false;
      if (!cq_.Next(&raw, &ok)) break;
      const Tag& tag = *static_cast<Tag*>(raw);
      Stream<Request, Response>& s = *tag.stream;
      --s.pending;
      const absl::Time now = absl::Now();
      switch (tag.kind) {
        case Tag::kStart:
          if (!ok) {
            FinishStream(s);
            break;
          }
          ++s.pending;
          s.rpc->Read(&s.result, &s.read);
          WriteNext(s, now, end);
          break;
        case Tag::kWrite:
          s.writing = false;
          if (ok) WriteNext(s, now, end);
          break;
        case Tag::kRead:
          if (!ok) {  // The server ended the stream.
            FinishStream(s);
            break;
          }
          if (!s.unanswered.empty()) {
            tally.latency_us.push_back(absl::ToDoubleMicroseconds(now - s.unanswered.front()));
            s.unanswered.pop_front();
          }
          ++tally.calls;
          tally.names += Names(s.result);
          ++tally.codes[static_cast<grpc::StatusCode>(s.result.error().code())];
          ++s.pending;
          s.rpc->Read(&s.result, &s.read);
          WriteNext(s, now, end);
          break;
        case Tag::kWritesDone:
          break;
        case Tag::kFinish:
          if (!s.status.ok()) {
            ++tally.calls;
            ++tally.codes[s.status.error_code()];
          }
          break;
      }
      if (s.finishing && s.pending == 0) --open;
    }
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
    return tally;
  }

  const std::string& Pick(const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random_)];
  }

  // A name of the workload: listed, or (mix) one in four read by the decoder, Hangul or nothing.
  const std::string& Name() {
    if (workload_ == "mix" && std::uniform_int_distribution<int>(0, 3)(random_) == 0) {
      return Pick(UnlistedNames());
    }
    return Pick(ListedNames());
  }

  void Start() {
    if (workload_ == "check") {
      static const grpc::Slice kEmpty("");  // HealthCheckRequest{service: ""}, serialized.
      Issue<grpc::ByteBuffer>(
          grpc::ByteBuffer(&kEmpty, 1),
          [this](grpc::ClientContext* c, const grpc::ByteBuffer& r, grpc::CompletionQueue* q) {
            return generic_->PrepareUnaryCall(c, "/grpc.health.v1.Health/Check", r, q);
          },
          timeout_, false);
      return;
    }
    if (workload_ == "hostile") {
      StartHostile();
      return;
    }
    if (batch_ > 0) {
      v1::BatchResolveRequest request;
      for (int i = 0; i < batch_; ++i) request.add_queries(Name());
      CallStub(request, &v1::Irum::Stub::PrepareAsyncBatchResolve, timeout_, false, batch_);
      return;
    }
    v1::ResolveRequest request;
    request.set_query(Name());
    CallStub(request, &v1::Irum::Stub::PrepareAsyncResolve, timeout_, false);
  }

  // Every method, a third of the inputs bad; one call in eight cancelled at once and one in
  // eight given a millisecond.
  void StartHostile() {
    const int what = std::uniform_int_distribution<int>(0, 7)(random_);
    const int fate = std::uniform_int_distribution<int>(0, 7)(random_);
    const bool cancel = fate == 0;
    const absl::Duration timeout = fate == 1 ? absl::Milliseconds(1) : timeout_;
    const bool bad = std::uniform_int_distribution<int>(0, 2)(random_) == 0;
    const std::string input = bad ? Pick(BadInputs()) : Name();
    switch (what) {
      case 0: {
        v1::ResolveRequest r;
        r.set_query(input);
        CallStub(r, &v1::Irum::Stub::PrepareAsyncResolve, timeout, cancel);
        return;
      }
      case 1: {
        v1::BatchResolveRequest r;
        for (int i = 0; i < 50; ++i) r.add_queries(i % 10 == 0 ? Pick(BadInputs()) : Name());
        CallStub(r, &v1::Irum::Stub::PrepareAsyncBatchResolve, timeout, cancel, 50);
        return;
      }
      case 2: {
        v1::GetEntityRequest r;
        r.set_id(bad ? input : "place/kp/kaesong");
        CallStub(r, &v1::Irum::Stub::PrepareAsyncGetEntity, timeout, cancel);
        return;
      }
      case 3: {
        v1::ToHangulRequest r;
        r.add_names(input);
        CallStub(r, &v1::Irum::Stub::PrepareAsyncToHangul, timeout, cancel);
        return;
      }
      case 4: {
        v1::CompareRequest r;
        v1::NamePair* pair = r.add_pairs();
        pair->set_a(input);
        pair->set_b(Name());
        CallStub(r, &v1::Irum::Stub::PrepareAsyncCompare, timeout, cancel);
        return;
      }
      case 5: {
        v1::RomanizeRequest r;
        r.add_texts(bad ? input : "김여정 개성");
        CallStub(r, &v1::Irum::Stub::PrepareAsyncRomanize, timeout, cancel);
        return;
      }
      case 6: {
        v1::AnnotateRequest r;
        r.set_text(absl::StrCat(input, " said in Kaesong that Kim Yo Jong and ", Name(), " met."));
        CallStub(r, &v1::Irum::Stub::PrepareAsyncAnnotate, timeout, cancel);
        return;
      }
      default: {
        v1::GetInfoRequest r;
        CallStub(r, &v1::Irum::Stub::PrepareAsyncGetInfo, timeout, cancel);
        return;
      }
    }
  }

  std::string workload_;
  int inflight_;
  int batch_;
  int stream_window_;  // 0: no streams.
  absl::Duration timeout_;
  std::mt19937 random_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Irum::Stub> stub_;
  std::unique_ptr<grpc::GenericStub> generic_;  // The health Check, an empty request.
  grpc::CompletionQueue cq_;
};

// Drives `workload` on every connection for `duration`; the tallies added up, and the time taken.
Tally RunPhase(const std::string& server, const std::string& workload, absl::Duration duration,
               absl::Duration* elapsed) {
  const int connections = absl::GetFlag(FLAGS_connections);
  int stream_window = absl::GetFlag(FLAGS_stream_window);
  if (stream_window == 0) stream_window = absl::GetFlag(FLAGS_batch) > 0 ? 4 : 64;
  std::vector<std::unique_ptr<Driver>> drivers;
  for (int i = 0; i < connections; ++i) {
    const bool stream = absl::GetFlag(FLAGS_stream) && (workload == "alias" || workload == "mix");
    drivers.push_back(std::make_unique<Driver>(
        server, workload, absl::GetFlag(FLAGS_inflight), absl::GetFlag(FLAGS_batch),
        stream ? stream_window : 0, absl::GetFlag(FLAGS_timeout), 17 + i));
  }
  std::vector<Tally> tallies(connections);
  const absl::Time start = absl::Now();
  const absl::Time end = start + duration;
  std::vector<std::thread> threads;
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back([&, i] { tallies[i] = drivers[i]->Run(end); });
  }
  for (std::thread& t : threads) t.join();
  *elapsed = absl::Now() - start;
  Tally out;
  for (const Tally& t : tallies) out.Add(t);
  return out;
}

double Percentile(std::vector<double>* v, double p) {
  if (v->empty()) return 0;
  const size_t k = std::min(v->size() - 1, static_cast<size_t>(p * static_cast<double>(v->size())));
  std::nth_element(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(k), v->end());
  return (*v)[k];
}

// Prints a phase's report: calls per second, latency percentiles, statuses.
void Report(const std::string& name, Tally* t, absl::Duration elapsed) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  const double rate = static_cast<double>(t->calls) / seconds;
  std::printf("%s: %lld calls in %.2f s: %.0f calls/s", name.c_str(),
              static_cast<long long>(t->calls), seconds, rate);
  if (t->names != t->calls) std::printf(", %.0f names/s", static_cast<double>(t->names) / seconds);
  std::printf("\n%s: latency p50 %.0f us, p99 %.0f us, p99.9 %.0f us\n", name.c_str(),
              Percentile(&t->latency_us, 0.5), Percentile(&t->latency_us, 0.99),
              Percentile(&t->latency_us, 0.999));
  std::printf("%s: status", name.c_str());
  for (const auto& [code, n] : t->codes) {
    std::printf(" %d:%lld", static_cast<int>(code), static_cast<long long>(n));
  }
  std::printf("\n");
}

bool Unexpected(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::UNAVAILABLE:
      return true;
    default:
      return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "irum-load [flags]: drives an irum server with asynchronous calls and reports calls/s, "
      "latency percentiles and statuses, next to the same server's health Check.\n"
      "Workloads (--workload): alias (listed names), mix (listed, decoded, Hangul, unknown), "
      "check, hostile (every method, bad input, cancellations, short deadlines; exit 1 on an "
      "UNKNOWN, INTERNAL, DATA_LOSS, UNIMPLEMENTED or UNAVAILABLE status). alias and mix call "
      "Resolve, or BatchResolve with --batch=N, or ResolveStream with --stream, or "
      "BatchResolveStream with --stream --batch=N. Example:\n"
      "  irum-load --server=127.0.0.1:50051 --workload=alias --duration=10s --connections=2 "
      "--inflight=16");
  absl::ParseCommandLine(argc, argv);
  std::string server = absl::GetFlag(FLAGS_server);
  if (server.empty()) {
    const char* env = std::getenv("IRUM_SERVER");
    server = env != nullptr && *env != '\0' ? env : "127.0.0.1:50051";
  }
  const std::string workload = absl::GetFlag(FLAGS_workload);
  if (workload != "alias" && workload != "mix" && workload != "check" && workload != "hostile") {
    std::cerr << "irum-load: unknown --workload '" << workload
              << "' (expected alias, mix, check or hostile)\n";
    return 2;
  }
  if (absl::GetFlag(FLAGS_connections) < 1 || absl::GetFlag(FLAGS_inflight) < 1 ||
      absl::GetFlag(FLAGS_batch) < 0 || absl::GetFlag(FLAGS_duration) <= absl::ZeroDuration() ||
      absl::GetFlag(FLAGS_rounds) < 1) {
    std::cerr << "irum-load: --connections, --inflight and --rounds must be at least 1, --batch "
                 "at least 0, --duration positive\n";
    return 2;
  }
  if (absl::GetFlag(FLAGS_stream) &&
      (absl::GetFlag(FLAGS_stream_window) < 0 || (workload != "alias" && workload != "mix"))) {
    std::cerr << "irum-load: --stream is for --workload=alias or mix, with --stream_window at "
                 "least 0 (0: the default)\n";
    return 2;
  }
  {  // Reachable at all?
    auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
    if (!channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(5)))) {
      std::cerr << "irum-load: cannot reach " << server << "\n";
      return 2;
    }
  }
  const absl::Duration duration = absl::GetFlag(FLAGS_duration);
  const bool baseline = absl::GetFlag(FLAGS_baseline) && workload != "check";
  const int rounds = baseline ? absl::GetFlag(FLAGS_rounds) : 1;
  // Each round drives the Check and the workload for the same time, in swapped order every
  // round (a drift of the machine's load then weighs on both alike); the tallies add up.
  Tally check, tally;
  absl::Duration check_elapsed, elapsed;
  std::vector<double> ratios;
  for (int round = 0; round < rounds; ++round) {
    double rates[2] = {0, 0};  // Check, workload.
    for (int k = 0; k < 2; ++k) {
      const bool is_check = baseline && (k == 0) == (round % 2 == 0);
      if (!baseline && k == 0) continue;
      absl::Duration took;
      const Tally t = RunPhase(server, is_check ? "check" : workload, duration / rounds, &took);
      (is_check ? check : tally).Add(t);
      (is_check ? check_elapsed : elapsed) += took;
      rates[is_check ? 0 : 1] = static_cast<double>(t.calls) / absl::ToDoubleSeconds(took);
    }
    if (baseline && rates[0] > 0) ratios.push_back(rates[1] / rates[0]);
  }
  if (baseline) Report("check", &check, check_elapsed);
  Report(workload, &tally, elapsed);
  if (!ratios.empty()) {
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    std::printf("ratio: %s/check %.3f (median of %zu rounds:", workload.c_str(), median, n);
    for (const double r : ratios) std::printf(" %.3f", r);
    std::printf(")\n");
  }
  int64_t unexpected = 0;
  for (const auto& [code, n] : tally.codes) {
    if (Unexpected(code)) unexpected += n;
  }
  if (unexpected > 0) {
    std::printf("unexpected: %lld calls ended UNKNOWN, INTERNAL, DATA_LOSS, UNIMPLEMENTED or "
                "UNAVAILABLE\n",
                static_cast<long long>(unexpected));
    return 1;
  }
  return 0;
}
