// irumd stopping on SIGTERM under load, with an idle client and an open stream: every call is
// served or refused with UNAVAILABLE, never cancelled, and the process exits without waiting for
// the idle connection or the stream. (Issue 11: calls queued behind heavy work were CANCELLED, one
// idle client connection delayed the exit up to 20 s, and open streams were cancelled at the end of
// the grace.)
#include <signal.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "irum/v1/irum.grpc.pb.h"
#include "tests/subprocess.h"

namespace irum {
namespace {

namespace v1 = ::irum::v1;
using ::irum::testing::Process;

// Status codes of the calls made, by code.
class Outcomes {
 public:
  void Add(grpc::StatusCode code) {
    absl::MutexLock lock(&mutex_);
    ++counts_[code];
  }
  int Count(grpc::StatusCode code) const {
    absl::MutexLock lock(&mutex_);
    auto it = counts_.find(code);
    return it == counts_.end() ? 0 : it->second;
  }
  int CountOtherThan(grpc::StatusCode a, grpc::StatusCode b) const {
    absl::MutexLock lock(&mutex_);
    int n = 0;
    for (const auto& [code, count] : counts_) n += (code == a || code == b) ? 0 : count;
    return n;
  }
  std::string ToString() const {
    absl::MutexLock lock(&mutex_);
    std::string out;
    for (const auto& [code, count] : counts_) absl::StrAppend(&out, "code ", code, ": ", count, "; ");
    return out;
  }

 private:
  mutable absl::Mutex mutex_;
  std::map<grpc::StatusCode, int> counts_;
};

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  return context;
}

// A channel of its own (channels with identical arguments share a connection).
std::shared_ptr<grpc::Channel> Channel(const std::string& address, int n) {
  grpc::ChannelArguments args;
  args.SetInt("irum.test.channel", n);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

TEST(Shutdown, ServesOrRefusesEveryCallAndExitsDespiteIdleClients) {
  // A grace longer than the test waits for the exit: the server must not use it up.
  std::unique_ptr<Process> server = Process::Start(
      {IRUMD_PATH, "--listen=127.0.0.1:0", absl::StrCat("--tables=", IRUM_TABLES_DIR),
       "--max_batch_queries=100000", "--max_message_bytes=16777216", "--shutdown_grace=120s"});
  ASSERT_NE(server, nullptr);
  const std::string banner = server->ReadLine().value_or("");
  const size_t on = banner.rfind(" on ");
  ASSERT_NE(on, std::string::npos) << banner;
  const std::string address = banner.substr(on + 4);

  // An idle client: connected (one call made), then silent.
  std::unique_ptr<v1::Irum::Stub> idle = v1::Irum::NewStub(Channel(address, 0));
  v1::GetInfoResponse info;
  ASSERT_TRUE(idle->GetInfo(Context().get(), v1::GetInfoRequest(), &info).ok());

  // An open stream, answered once, then waiting for its client's next request.
  std::unique_ptr<v1::Irum::Stub> streamer = v1::Irum::NewStub(Channel(address, 1));
  std::unique_ptr<grpc::ClientContext> stream_context = Context();
  auto stream = streamer->ResolveStream(stream_context.get());
  v1::ResolveRequest request;
  request.set_query("Kaesong");
  ASSERT_TRUE(stream->Write(request));
  v1::ResolveResult result;
  ASSERT_TRUE(stream->Read(&result));

  // Load: two clients sending heavy batches (about 0.5 s of work each), two sending small calls,
  // each on its own connection, until the server is gone.
  Outcomes outcomes;
  std::atomic<bool> stop{false};
  std::atomic<int> batches_ok{0};
  v1::BatchResolveRequest batch;
  for (int i = 0; i < 20000; ++i) batch.add_queries(absl::StrCat("Pak Chol Ryong ", i % 97));
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      std::unique_ptr<v1::Irum::Stub> stub = v1::Irum::NewStub(Channel(address, 10 + t));
      while (!stop.load()) {
        grpc::Status status;
        if (t < 2) {
          v1::BatchResolveResponse response;
          status = stub->BatchResolve(Context().get(), batch, &response);
          if (status.ok()) ++batches_ok;
        } else {
          v1::ResolveResponse response;
          v1::ResolveRequest small;
          small.set_query("Kim Yo Jong");
          status = stub->Resolve(Context().get(), small, &response);
        }
        outcomes.Add(status.error_code());
      }
    });
  }
  // SIGTERM once the load is on (a batch answered); bounded.
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (batches_ok.load() == 0 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_GT(batches_ok.load(), 0) << outcomes.ToString();
  server->Signal(SIGTERM);

  // The open stream ends UNAVAILABLE (told to reconnect), not CANCELLED.
  EXPECT_FALSE(stream->Read(&result));
  const grpc::Status stream_status = stream->Finish();
  EXPECT_EQ(stream_status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << stream_status.error_message();

  // The process exits, long before the grace, with the idle client still connected.
  EXPECT_EQ(server->Wait(absl::Seconds(30)), 0);
  stop = true;
  for (std::thread& t : clients) t.join();

  EXPECT_EQ(outcomes.Count(grpc::StatusCode::CANCELLED), 0) << outcomes.ToString();
  EXPECT_EQ(outcomes.CountOtherThan(grpc::StatusCode::OK, grpc::StatusCode::UNAVAILABLE), 0)
      << outcomes.ToString();
}

}  // namespace
}  // namespace irum
