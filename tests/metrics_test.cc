// irumd --metrics_listen: the real server on a copy of the bundled tables, called over gRPC, its
// tables reloaded by SIGHUP (taken, refused, failed), and its /metrics scraped over HTTP on
// loopback after each step: the counters by method and code, the latency histograms, the stream
// messages, the tables' version and entity counts (against GetInfo's) and the reloads.
#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "irum/v1/irum.grpc.pb.h"
#include "tests/subprocess.h"
#include "tests/temp_dir.h"

namespace irum {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::irum::v1;
using ::irum::testing::HttpGet;
using ::irum::testing::Process;
using ::testing::HasSubstr;

using Labels = std::map<std::string, std::string>;

// One sample of the text exposition format: name{labels} value.
struct Sample {
  std::string name;
  Labels labels;
  double value = 0;
};

// The samples of a scrape, with the lookups the tests need.
class Scrape {
 public:
  explicit Scrape(const std::string& body) {
    for (absl::string_view line : absl::StrSplit(body, '\n', absl::SkipEmpty())) {
      if (line[0] == '#') continue;
      const size_t space = line.rfind(' ');
      if (space == absl::string_view::npos) continue;
      Sample sample;
      absl::string_view series = line.substr(0, space);
      const absl::string_view value = line.substr(space + 1);
      if (value == "+Inf") {
        sample.value = HUGE_VAL;
      } else if (!absl::SimpleAtod(value, &sample.value)) {
        continue;
      }
      const size_t brace = series.find('{');
      sample.name = std::string(series.substr(0, brace));
      if (brace != absl::string_view::npos) {
        // name{a="x",b="y, z"}: no value of ours holds a quote or a backslash.
        size_t at = brace + 1;
        while (at < series.size() && series[at] != '}') {
          const size_t eq = series.find("=\"", at);
          const size_t close = series.find('"', eq + 2);
          if (eq == absl::string_view::npos || close == absl::string_view::npos) break;
          sample.labels[std::string(series.substr(at, eq - at))] =
              std::string(series.substr(eq + 2, close - eq - 2));
          at = close + 1;
          if (at < series.size() && series[at] == ',') ++at;
        }
      }
      samples_.push_back(std::move(sample));
    }
  }

  // The value of the sample `name` with exactly `labels`, or nullopt when there is none.
  std::optional<double> Get(const std::string& name, const Labels& labels = {}) const {
    for (const Sample& s : samples_) {
      if (s.name == name && s.labels == labels) return s.value;
    }
    return std::nullopt;
  }
  // The same, 0 when absent (a counter not yet moved).
  double Value(const std::string& name, const Labels& labels = {}) const {
    return Get(name, labels).value_or(0);
  }
  // The samples named `name`, in the order of the scrape.
  std::vector<Sample> All(const std::string& name) const {
    std::vector<Sample> found;
    for (const Sample& s : samples_) {
      if (s.name == name) found.push_back(s);
    }
    return found;
  }

 private:
  std::vector<Sample> samples_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& entry : fs::directory_iterator(IRUM_TABLES_DIR)) {
      if (entry.path().extension() == ".tsv") {
        fs::copy(entry.path(), fs::path(dir_.path()) / entry.path().filename());
      }
    }
    server_ = Process::Start({IRUMD_PATH, "--listen=127.0.0.1:0", "--tables=" + dir_.path(),
                              "--metrics_listen=127.0.0.1:0",
                              // No entity may be lost: removing one is a refused reload.
                              "--reload_max_loss=0"});
    ASSERT_NE(server_, nullptr);
    // "irumd: serving N entities (tables V) on 127.0.0.1:PORT", then
    // "irumd: metrics on http://127.0.0.1:PORT/metrics".
    std::optional<std::string> banner = server_->ReadLine(absl::Seconds(60));
    ASSERT_TRUE(banner.has_value());
    const size_t on = banner->rfind(" on ");
    ASSERT_NE(on, std::string::npos) << *banner;
    address_ = banner->substr(on + 4);
    std::optional<std::string> metrics = server_->ReadLine();
    ASSERT_TRUE(metrics.has_value());
    constexpr char kPrefix[] = "irumd: metrics on http://127.0.0.1:";
    ASSERT_TRUE(absl::StartsWith(*metrics, kPrefix)) << *metrics;
    ASSERT_TRUE(absl::EndsWith(*metrics, "/metrics")) << *metrics;
    const std::string port = metrics->substr(sizeof(kPrefix) - 1,
                                             metrics->size() - sizeof(kPrefix) + 1 - 8);
    ASSERT_TRUE(absl::SimpleAtoi(port, &metrics_port_)) << *metrics;
    ASSERT_GT(metrics_port_, 0);
    stub_ = v1::Irum::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_) {
      server_->Signal(SIGTERM);
      EXPECT_EQ(server_->Wait(), 0);
    }
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return context;
  }

  grpc::Status Resolve(const std::string& query) {
    v1::ResolveRequest request;
    request.set_query(query);
    v1::ResolveResponse response;
    return stub_->Resolve(Context().get(), request, &response);
  }

  v1::GetInfoResponse Info() {
    v1::GetInfoResponse info;
    EXPECT_TRUE(stub_->GetInfo(Context().get(), v1::GetInfoRequest(), &info).ok());
    return info;
  }

  Scrape Metrics() {
    const std::string response = HttpGet(metrics_port_, "/metrics");
    EXPECT_TRUE(absl::StartsWith(response, "HTTP/1.1 200")) << response.substr(0, 200);
    EXPECT_THAT(response, HasSubstr("Content-Type: text/plain"));
    const size_t body = response.find("\r\n\r\n");
    return Scrape(body == std::string::npos ? "" : response.substr(body + 4));
  }

  // Sends SIGHUP and scrapes until irum_reloads_total{outcome} reaches `count`.
  Scrape ReloadUntil(const std::string& outcome, double count) {
    server_->Signal(SIGHUP);
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    Scrape scrape = Metrics();
    while (scrape.Value("irum_reloads_total", {{"outcome", outcome}, {"trigger", "signal"}}) <
               count &&
           absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(20));
      scrape = Metrics();
    }
    return scrape;
  }

  TempDir dir_;
  std::unique_ptr<Process> server_;
  std::string address_;
  int metrics_port_ = 0;
  std::unique_ptr<v1::Irum::Stub> stub_;
};

TEST_F(MetricsTest, CountsCallsByMethodAndCodeWithTheirTimes) {
  // Before any call: every method's OK series is there, at zero.
  Scrape before = Metrics();
  for (const char* method : {"Resolve", "BatchResolve", "ResolveStream", "BatchResolveStream",
                             "Annotate", "AnnotateStream", "GetEntity", "GetInfo", "Romanize",
                             "ToHangul", "Compare"}) {
    EXPECT_EQ(before.Get("irum_calls_total", {{"method", method}, {"code", "OK"}}), 0) << method;
    EXPECT_EQ(before.Get("irum_call_duration_seconds_count", {{"method", method}}), 0) << method;
  }

  for (const char* query : {"Kaesong", "Pyongyang", "Kim Yo-jong"}) {
    ASSERT_TRUE(Resolve(query).ok()) << query;
  }
  ASSERT_EQ(Resolve("?!").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  {
    v1::GetEntityRequest request;
    request.set_id("place/kp/nowhere");
    v1::GetEntityResponse response;
    ASSERT_EQ(stub_->GetEntity(Context().get(), request, &response).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {  // A stream of three requests, one of them bad: one call, three messages.
    auto context = Context();
    auto stream = stub_->ResolveStream(context.get());
    for (const char* query : {"Kaesong", "", "Paju"}) {
      v1::ResolveRequest request;
      request.set_query(query);
      ASSERT_TRUE(stream->Write(request));
    }
    ASSERT_TRUE(stream->WritesDone());
    for (v1::ResolveResult result; stream->Read(&result);) {
    }
    ASSERT_TRUE(stream->Finish().ok());
  }

  Scrape after = Metrics();
  EXPECT_EQ(after.Value("irum_calls_total", {{"method", "Resolve"}, {"code", "OK"}}), 3);
  EXPECT_EQ(after.Value("irum_calls_total", {{"method", "Resolve"}, {"code", "INVALID_ARGUMENT"}}),
            1);
  EXPECT_EQ(after.Value("irum_calls_total", {{"method", "GetEntity"}, {"code", "NOT_FOUND"}}), 1);
  EXPECT_EQ(after.Value("irum_calls_total", {{"method", "ResolveStream"}, {"code", "OK"}}), 1);
  EXPECT_EQ(after.Value("irum_stream_messages_total", {{"method", "ResolveStream"}, {"code", "OK"}}),
            2);
  EXPECT_EQ(after.Value("irum_stream_messages_total",
                        {{"method", "ResolveStream"}, {"code", "INVALID_ARGUMENT"}}),
            1);
  // Codes that never happened have no series.
  EXPECT_FALSE(after.Get("irum_calls_total", {{"method", "Resolve"}, {"code", "INTERNAL"}}));

  // The histogram: every Resolve observed once, in buckets that add up, in a plausible time.
  const Labels resolve = {{"method", "Resolve"}};
  EXPECT_EQ(after.Value("irum_call_duration_seconds_count", resolve), 4);
  EXPECT_EQ(after.Value("irum_call_duration_seconds_bucket", {{"method", "Resolve"}, {"le", "+Inf"}}),
            4);
  EXPECT_GT(after.Value("irum_call_duration_seconds_sum", resolve), 0);
  EXPECT_LT(after.Value("irum_call_duration_seconds_sum", resolve), 10);
  std::vector<double> bounds, counts;  // Resolve's buckets, in order: cumulative counts.
  for (const Sample& bucket : after.All("irum_call_duration_seconds_bucket")) {
    if (bucket.labels.at("method") != "Resolve") continue;
    double bound = 0;
    ASSERT_TRUE(absl::SimpleAtod(bucket.labels.at("le"), &bound)) << bucket.labels.at("le");
    bounds.push_back(bound);
    counts.push_back(bucket.value);
  }
  ASSERT_EQ(bounds.size(), 21u);  // 5 µs to 10 s, and +Inf.
  EXPECT_EQ(bounds.front(), 5e-6);
  EXPECT_EQ(bounds[19], 10);
  EXPECT_EQ(bounds.back(), HUGE_VAL);
  for (size_t i = 1; i < bounds.size(); ++i) {
    EXPECT_LT(bounds[i - 1], bounds[i]);
    EXPECT_LE(counts[i - 1], counts[i]);
  }
  EXPECT_EQ(after.All("irum_call_duration_seconds_bucket").size(), 11 * 21u);  // 11 methods.
  // A stream's messages are timed one by one.
  EXPECT_EQ(after.Value("irum_call_duration_seconds_count", {{"method", "ResolveStream"}}), 3);
  // A call leaves the in-flight count just after its answer is sent: the client may scrape first.
  Scrape idle = after;
  for (const absl::Time give_up = absl::Now() + absl::Seconds(10);
       idle.Value("irum_calls_in_flight") != 0 && absl::Now() < give_up;) {
    absl::SleepFor(absl::Milliseconds(10));
    idle = Metrics();
  }
  EXPECT_EQ(idle.Value("irum_calls_in_flight"), 0);

  // The counters only grow: three more calls are three more.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Resolve("Kaesong").ok());
  EXPECT_EQ(Metrics().Value("irum_calls_total", {{"method", "Resolve"}, {"code", "OK"}}), 6);
}

TEST_F(MetricsTest, ReportsTheTablesAndTheReloads) {
  v1::GetInfoResponse info = Info();
  Scrape scrape = Metrics();
  EXPECT_EQ(scrape.Get("irum_table_info", {{"version", info.table_version()}}), 1);
  EXPECT_EQ(scrape.Get("irum_entities", {{"kind", "person"}}), info.person_count());
  EXPECT_EQ(scrape.Get("irum_entities", {{"kind", "place"}}), info.place_count());
  EXPECT_EQ(scrape.Get("irum_entities", {{"kind", "organization"}}), info.organization_count());
  EXPECT_EQ(info.person_count() + info.place_count() + info.organization_count(),
            info.entity_count());
  EXPECT_GT(info.place_count(), 1000);
  EXPECT_EQ(scrape.Get("irum_aliases"), info.alias_count());
  EXPECT_EQ(scrape.Get("irum_retired_ids"), info.retired_count());
  EXPECT_EQ(scrape.Get("irum_build_info", {{"version", info.server_version()}}), 1);
  EXPECT_GT(scrape.Value("process_resident_memory_bytes"), 10 << 20);
  EXPECT_GE(scrape.Value("irum_connections_open"), 1);  // This test's channel.
  // No reload yet: zero series for each outcome, no last reload.
  for (const char* outcome : {"taken", "refused", "failed"}) {
    for (const char* trigger : {"signal", "watch"}) {
      EXPECT_EQ(scrape.Get("irum_reloads_total", {{"outcome", outcome}, {"trigger", trigger}}), 0);
    }
  }
  EXPECT_EQ(scrape.Get("irum_reload_duration_seconds_count"), 0);
  EXPECT_FALSE(scrape.Get("irum_last_reload_ok"));

  // Taken: a new version with one place more (last, as the rows are sorted by ID).
  const fs::path places_kp = fs::path(dir_.path()) / "places_kp.tsv";
  const std::string kp = ReadFile(places_kp);
  const size_t last_row = kp.rfind('\n', kp.size() - 2) + 1;
  const std::string last_id = kp.substr(last_row, kp.find('\t', last_row) - last_row);
  std::ofstream(places_kp, std::ios::binary | std::ios::app)
      << last_id << "-irum-probe\tplace\t측정\t\tIrum Metrics Probe\tKP\t\t\t\t\t\tA test's place\n";
  server_->Signal(SIGHUP);
  std::optional<std::string> line = server_->ReadLine(absl::Seconds(60));
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(absl::StartsWith(*line, "irumd: reloaded (signal) ")) << *line;
  const v1::GetInfoResponse reloaded = Info();
  ASSERT_NE(reloaded.table_version(), info.table_version());
  scrape = Metrics();
  EXPECT_EQ(scrape.Value("irum_reloads_total", {{"outcome", "taken"}, {"trigger", "signal"}}), 1);
  EXPECT_EQ(scrape.Get("irum_last_reload_ok"), 1);
  EXPECT_EQ(scrape.Get("irum_reload_duration_seconds_count"), 1);
  EXPECT_NEAR(scrape.Value("irum_reload_duration_seconds_sum"), reloaded.last_reload().seconds(),
              1e-6);
  EXPECT_GT(scrape.Value("irum_last_reload_success_timestamp_seconds"), 1.7e9);
  EXPECT_EQ(scrape.Get("irum_table_info", {{"version", reloaded.table_version()}}), 1);
  EXPECT_FALSE(scrape.Get("irum_table_info", {{"version", info.table_version()}}));
  EXPECT_EQ(scrape.Get("irum_entities", {{"kind", "place"}}), info.place_count() + 1);
  EXPECT_EQ(scrape.Get("irum_entities", {{"kind", "place"}}), reloaded.place_count());

  // Refused: valid tables without that place, which --reload_max_loss=0 does not allow.
  std::ofstream(places_kp, std::ios::binary) << kp;
  scrape = ReloadUntil("refused", 1);
  EXPECT_EQ(scrape.Value("irum_reloads_total", {{"outcome", "refused"}, {"trigger", "signal"}}), 1);
  EXPECT_EQ(scrape.Get("irum_last_reload_ok"), 0);
  EXPECT_EQ(scrape.Get("irum_table_info", {{"version", reloaded.table_version()}}), 1);

  // Failed: a row with too few fields.
  std::ofstream(places_kp, std::ios::binary | std::ios::app) << "place/kp/zz-broken\tplace\n";
  scrape = ReloadUntil("failed", 1);
  EXPECT_EQ(scrape.Value("irum_reloads_total", {{"outcome", "failed"}, {"trigger", "signal"}}), 1);
  EXPECT_EQ(scrape.Value("irum_reloads_total", {{"outcome", "taken"}, {"trigger", "signal"}}), 1);
  EXPECT_EQ(scrape.Get("irum_last_reload_ok"), 0);
  EXPECT_EQ(scrape.Get("irum_reload_duration_seconds_count"), 3);
  EXPECT_EQ(scrape.Get("irum_reload_duration_seconds_bucket", {{"le", "+Inf"}}), 3);
  EXPECT_EQ(scrape.Get("irum_entities", {{"kind", "place"}}), reloaded.place_count());
  EXPECT_FALSE(Info().last_reload().ok());
}

TEST(MetricsFlagTest, AnAddressThatCannotBeBoundStopsTheStart) {
  const testing::RunResult run = testing::RunCommand(
      {IRUMD_PATH, "--listen=127.0.0.1:0", "--tables=" IRUM_TABLES_DIR,
       "--metrics_listen=256.0.0.1:0"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("cannot serve metrics on 256.0.0.1:0"));
  EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace irum
