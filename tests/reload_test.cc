// Live reload under load: irumd --watch serves while its tables are rewritten again and again, and
// clients call it all the while. No call may fail, and every answer must come from one snapshot:
// the table version it names and the entities it returns belong together.
#include <atomic>
#include <fstream>
#include <filesystem>
#include <iterator>
#include <map>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "irum/v1/irum.grpc.pb.h"
#include "server/catalog/table_reader.h"
#include "server/loader/table_files.h"
#include "tests/minimal_tables.h"
#include "tests/subprocess.h"

namespace irum {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::irum::v1;
using ::irum::testing::Process;

constexpr char kHeader[] =
    "id\tkind\thangul\thanja\tname\tcountry\tparent\taliases\tformer\tpopulation\twikidata\t"
    "description\n";
// Version A knows Kaesong; version B knows Kaesong and Paju.
const std::string kVersionA =
    absl::StrCat(kHeader, "place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\t\t\t\tCity\n");
const std::string kVersionB =
    absl::StrCat(kVersionA, "place/kr/paju\tplace\t파주\t\tPaju\tKR\t\t\t\t\t\tCity\n");
const std::string kBroken = absl::StrCat(kHeader, "place/kp/x\tplace\n");

// Two clients calling BatchResolve(queries) back to back on `address` until Stop(). `valid` sees
// the answer of each call that succeeded (from both threads at once) and says whether it is
// consistent; failed calls and refused answers are counted.
class ClientLoad {
 public:
  using Valid = std::function<bool(const v1::BatchResolveResponse&)>;

  ClientLoad(const std::string& address, const std::vector<std::string>& queries, Valid valid) {
    for (const std::string& q : queries) request_.add_queries(q);
    for (int t = 0; t < 2; ++t) {
      threads_.emplace_back([this, address, valid] {
        std::unique_ptr<v1::Irum::Stub> stub = v1::Irum::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
        while (!stop_.load()) {
          grpc::ClientContext context;
          context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
          v1::BatchResolveResponse response;
          const grpc::Status status = stub->BatchResolve(&context, request_, &response);
          ++calls_;
          if (!status.ok() || response.results_size() != request_.queries_size()) {
            ++failures_;
          } else if (!valid(response)) {
            ++refused_;
          }
        }
      });
    }
  }
  ~ClientLoad() { Stop(); }

  void Stop() {
    stop_ = true;
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

  int calls() const { return calls_.load(); }
  int failures() const { return failures_.load(); }
  int refused() const { return refused_.load(); }

 private:
  v1::BatchResolveRequest request_;
  std::atomic<bool> stop_{false};
  std::atomic<int> calls_{0}, failures_{0}, refused_{0};
  std::vector<std::thread> threads_;
};

class ReloadTest : public ::testing::Test {
 protected:
  // Flags beyond the fixture's own. The versions these tests swap lose half their entities from
  // one reload to the next, which is not what they are about: any loss is accepted.
  virtual std::vector<std::string> Flags() const { return {"--reload_max_loss=1"}; }

  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "irum_reload_XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    irum::testing::WriteMinimalTables(dir_);
    Write(kVersionA);
    std::vector<std::string> argv = {IRUMD_PATH, "--listen=127.0.0.1:0", "--tables=" + dir_,
                                     "--watch", "--watch_interval=20ms", "--watch_quiet=80ms"};
    for (const std::string& flag : Flags()) argv.push_back(flag);
    server_ = Process::Start(argv);
    ASSERT_NE(server_, nullptr);
    std::optional<std::string> banner = server_->ReadLine();
    ASSERT_TRUE(banner.has_value());
    const size_t on = banner->rfind(" on ");
    ASSERT_NE(on, std::string::npos) << *banner;
    // "... on 127.0.0.1:PORT, watching DIR"
    address_ = banner->substr(on + 4, banner->find(',', on) - on - 4);
  }
  void TearDown() override {
    if (server_) {
      server_->Signal(SIGTERM);
      server_->Wait();
    }
    fs::remove_all(dir_);
  }

  // Replaces places.tsv at once (a new file renamed over the old), as careful editors and git do.
  void Write(const std::string& text) {
    const fs::path tmp = fs::path(dir_) / "places.tsv.new";
    std::ofstream(tmp, std::ios::binary) << text;
    fs::rename(tmp, fs::path(dir_) / "places.tsv");
  }

  // The version of the tables in dir_ with places.tsv holding `places`.
  std::string VersionWith(const std::string& places) {
    std::vector<catalog::TableText> tables = *loader::ReadTableFiles(dir_);
    for (catalog::TableText& table : tables) {
      if (fs::path(table.file).filename() == "places.tsv") table.text = places;
    }
    return loader::TableVersion(tables);
  }

  std::unique_ptr<v1::Irum::Stub> Stub() {
    return v1::Irum::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  v1::GetInfoResponse Info() {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::GetInfoResponse info;
    EXPECT_TRUE(Stub()->GetInfo(&context, v1::GetInfoRequest(), &info).ok());
    return info;
  }

  std::string dir_;
  std::string address_;
  std::unique_ptr<Process> server_;
};

TEST_F(ReloadTest, ReloadsUnderLoadWithoutAFailedCallOrAMixedAnswer) {
  const std::string version_a = VersionWith(kVersionA);
  const std::string version_b = VersionWith(kVersionB);
  std::atomic<int> answers_a{0}, answers_b{0};
  ClientLoad load(address_, {"Kaesong", "Paju"}, [&](const v1::BatchResolveResponse& response) {
    if (response.results(0).candidates_size() != 1) return false;
    const bool has_paju = response.results(1).candidates_size() == 1;
    if (response.table_version() == version_a && !has_paju) {
      ++answers_a;
    } else if (response.table_version() == version_b && has_paju) {
      ++answers_b;
    } else {
      return false;  // An answer that mixes the versions, or comes from neither.
    }
    return true;
  });

  constexpr int kReloads = 12;
  for (int i = 1; i <= kReloads; ++i) {
    Write(i % 2 == 1 ? kVersionB : kVersionA);
    // Wait for the reload's own log line, not for a guessed time.
    std::optional<std::string> line = server_->ReadLine(absl::Seconds(20));
    ASSERT_TRUE(line.has_value()) << "no reload after write " << i;
    EXPECT_TRUE(absl::StartsWith(*line, "irumd: reloaded (watch) ")) << *line;
    if (i == kReloads / 2) {
      // A broken table is refused and the previous one keeps serving; GetInfo says so.
      Write(kBroken);
      const absl::Time deadline = absl::Now() + absl::Seconds(20);
      v1::GetInfoResponse info = Info();
      while ((!info.has_last_reload() || info.last_reload().ok()) && absl::Now() < deadline) {
        absl::SleepFor(absl::Milliseconds(20));
        info = Info();
      }
      ASSERT_TRUE(info.has_last_reload());
      EXPECT_FALSE(info.last_reload().ok());
      EXPECT_EQ(info.last_reload().trigger(), "watch");
      EXPECT_THAT(info.last_reload().error(), ::testing::HasSubstr("places.tsv:2: error [field-count]"));
      EXPECT_EQ(info.table_version(), version_a);  // Still the last good tables.
    }
  }
  load.Stop();

  EXPECT_EQ(load.failures(), 0) << "of " << load.calls() << " calls";
  EXPECT_EQ(load.refused(), 0) << "of " << load.calls() << " calls";
  EXPECT_GT(answers_a.load(), 0);
  EXPECT_GT(answers_b.load(), 0);
  v1::GetInfoResponse info = Info();
  EXPECT_TRUE(info.last_reload().ok());
  EXPECT_EQ(info.table_version(), version_a);  // kReloads is even: version A last.
}

// The same with the bundled catalog (thousands of entities, so that a reload takes real time):
// two versions that differ by one alias, swapped under load.
TEST_F(ReloadTest, ReloadsTheFullCatalogUnderLoad) {
  // Replace the small tables of SetUp by a copy of the bundled ones, then a second version.
  const fs::path bundled = IRUM_TABLES_DIR;
  const std::string kProbe = "Irum Reload Probe";
  std::string places_kp;
  {
    std::ifstream in(bundled / "places_kp.tsv", std::ios::binary);
    places_kp.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // Version B: Pyongyang has one more alias. Its row is "place/kp/pyongyang\t...\taliases\t...".
  std::string with_probe = places_kp;
  const size_t row = with_probe.find("\nplace/kp/pyongyang\t");
  ASSERT_NE(row, std::string::npos);
  size_t field = row + 1;
  for (int f = 0; f < 7; ++f) field = with_probe.find('\t', field) + 1;  // Start of aliases.
  with_probe.insert(field, kProbe + " | ");

  for (const auto& entry : fs::directory_iterator(bundled)) {
    if (entry.path().filename() != "places_kp.tsv") {
      fs::copy(entry.path(), fs::path(dir_) / entry.path().filename(),
               fs::copy_options::overwrite_existing);
    }
  }
  auto write_kp = [&](const std::string& text) {
    const fs::path tmp = fs::path(dir_) / "places_kp.tsv.new";
    std::ofstream(tmp, std::ios::binary) << text;
    fs::rename(tmp, fs::path(dir_) / "places_kp.tsv");
  };
  write_kp(places_kp);
  std::optional<std::string> line = server_->ReadLine(absl::Seconds(60));
  ASSERT_TRUE(line.has_value());
  ASSERT_TRUE(absl::StartsWith(*line, "irumd: reloaded (watch) ")) << *line;
  const std::string version_a = Info().table_version();

  absl::Mutex mutex;
  std::map<std::string, bool> probe_by_version;  // Each version answers the probe one way.
  ClientLoad load(address_, {"Pyongyang", kProbe}, [&](const v1::BatchResolveResponse& response) {
    if (response.results(0).candidates_size() == 0 ||
        response.results(0).candidates(0).id() != "place/kp/pyongyang") {
      return false;
    }
    const bool probe = response.results(1).candidates_size() > 0 &&
                       response.results(1).candidates(0).id() == "place/kp/pyongyang" &&
                       response.results(1).candidates(0).score() == 1.0;
    absl::MutexLock lock(&mutex);
    auto [it, fresh] = probe_by_version.emplace(response.table_version(), probe);
    return fresh || it->second == probe;
  });
  constexpr int kReloads = 6;
  for (int i = 1; i <= kReloads; ++i) {
    write_kp(i % 2 == 1 ? with_probe : places_kp);
    line = server_->ReadLine(absl::Seconds(60));
    ASSERT_TRUE(line.has_value()) << "no reload after write " << i;
    EXPECT_TRUE(absl::StartsWith(*line, "irumd: reloaded (watch) ")) << *line;
  }
  load.Stop();
  EXPECT_EQ(load.failures(), 0) << "of " << load.calls() << " calls";
  EXPECT_EQ(load.refused(), 0) << "of " << load.calls() << " calls";
  absl::MutexLock lock(&mutex);
  ASSERT_EQ(probe_by_version.size(), 2u);  // Both versions answered...
  EXPECT_FALSE(probe_by_version[version_a]);  // ...version A without the probe alias.
}

TEST_F(ReloadTest, SighupReloadsAndIsReported) {
  Write(kVersionB);
  // With --watch the change may be picked up either way; SIGHUP right after reloads at once.
  server_->Signal(SIGHUP);
  std::optional<std::string> line = server_->ReadLine(absl::Seconds(20));
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(absl::StartsWith(*line, "irumd: reloaded (")) << *line;
  EXPECT_EQ(Info().table_version(), VersionWith(kVersionB));
  EXPECT_TRUE(Info().has_last_reload());
}

// The limits a reload must pass, with irumd's defaults (--reload_max_loss=0.05).
class ReloadLimitTest : public ReloadTest {
 protected:
  std::vector<std::string> Flags() const override { return {}; }

  // Sends SIGHUP and waits until GetInfo reports a reload that failed.
  v1::GetInfoResponse FailedReload() {
    server_->Signal(SIGHUP);
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    v1::GetInfoResponse info = Info();
    while ((!info.has_last_reload() || info.last_reload().ok()) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(20));
      info = Info();
    }
    return info;
  }

  // The first candidate for `query` (its ID), or "" for none.
  std::string Resolve(const std::string& query) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::ResolveRequest request;
    request.set_query(query);
    v1::ResolveResponse response;
    EXPECT_TRUE(Stub()->Resolve(&context, request, &response).ok());
    return response.candidates().empty() ? "" : response.candidates(0).id();
  }
};

// A reload to a directory without every table (places_kp.tsv gone; people_kr.tsv a directory) is
// refused, and the old catalog keeps answering. (Both were accepted: 6.2% of answers wrong.)
TEST_F(ReloadLimitTest, RefusesAnIncompleteTablesDirectory) {
  const std::string version = Info().table_version();
  ASSERT_EQ(Resolve("Kaesong"), "place/kp/kaesong");

  fs::remove(fs::path(dir_) / "places_kp.tsv");
  v1::GetInfoResponse info = FailedReload();
  ASSERT_TRUE(info.has_last_reload());
  EXPECT_FALSE(info.last_reload().ok());
  EXPECT_THAT(info.last_reload().error(),
              ::testing::HasSubstr("error [table-set]: missing 1 of the 20 tables a tables "
                                   "directory must hold: places_kp.tsv"));
  EXPECT_EQ(info.table_version(), version);
  EXPECT_EQ(Resolve("Kaesong"), "place/kp/kaesong");

  irum::testing::WriteMinimalTables(dir_);  // places_kp.tsv back (and places.tsv without Kaesong,
  Write(kVersionA);                         // so: back to version A).
  fs::remove(fs::path(dir_) / "people_kr.tsv");
  fs::create_directory(fs::path(dir_) / "people_kr.tsv");
  info = FailedReload();  // The previous failure is still reported: wait for this one's text.
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (!absl::StrContains(info.last_reload().error(), "people_kr.tsv") &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
    info = Info();
  }
  EXPECT_FALSE(info.last_reload().ok());
  EXPECT_THAT(info.last_reload().error(),
              ::testing::HasSubstr("/people_kr.tsv' is a directory where a table file should be"));
  EXPECT_EQ(info.table_version(), version);
  EXPECT_EQ(Resolve("Kaesong"), "place/kp/kaesong");
}

// Tables that would lose more than 5% of the entities served are refused (here all of them: a
// places.tsv emptied by mistake); tables that grow are not.
TEST_F(ReloadLimitTest, RefusesAReloadThatLosesTooManyEntities) {
  const std::string version = Info().table_version();
  Write(kHeader);
  v1::GetInfoResponse info = FailedReload();
  ASSERT_TRUE(info.has_last_reload());
  EXPECT_FALSE(info.last_reload().ok());
  EXPECT_THAT(info.last_reload().error(),
              ::testing::HasSubstr("the new tables would lose 1 of the 1 entities served (100.0%: "
                                   "place/kp/kaesong), more than a reload may lose (5.0%"));
  EXPECT_EQ(info.last_reload().table_version(), VersionWith(kHeader));  // What was refused.
  EXPECT_EQ(info.table_version(), version);
  EXPECT_EQ(Resolve("Kaesong"), "place/kp/kaesong");

  Write(kVersionB);
  server_->Signal(SIGHUP);
  std::optional<std::string> line = server_->ReadLine(absl::Seconds(20));
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(absl::StartsWith(*line, "irumd: reloaded (")) << *line;
  EXPECT_EQ(Resolve("Paju"), "place/kr/paju");
}

}  // namespace
}  // namespace irum
