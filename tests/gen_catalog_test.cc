// scripts/gen-catalog, run as a measurement runs it: a small synthetic catalog that irumd --check
// accepts, that irumd serves, and whose generated names resolve over gRPC to their generated IDs.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/match.h"
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
using ::irum::testing::Process;
using ::irum::testing::RunCommand;
using ::irum::testing::RunResult;
using ::testing::Contains;
using ::testing::HasSubstr;

constexpr int kEntities = 2000;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The data rows of an entity table, split into fields.
std::vector<std::vector<std::string>> Rows(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  for (absl::string_view line : absl::StrSplit(ReadFile(path), '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "#") || absl::StartsWith(line, "id\t")) continue;
    rows.push_back(absl::StrSplit(line, '\t'));
  }
  return rows;
}

RunResult Generate(const std::string& dir, const std::string& seed = "12") {
  return RunCommand({IRUM_SOURCE_DIR "/scripts/gen-catalog", "--seed", seed,
                     std::to_string(kEntities), dir});
}

class GenCatalogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    generated_ = new RunResult(Generate(dir_->path()));
  }
  static void TearDownTestSuite() {
    delete generated_;
    delete dir_;
  }
  void SetUp() override { ASSERT_EQ(generated_->exit_code, 0) << generated_->err; }

  static fs::path Path(const std::string& name) { return fs::path(dir_->path()) / name; }

  static TempDir* dir_;
  static RunResult* generated_;
};

TempDir* GenCatalogTest::dir_ = nullptr;
RunResult* GenCatalogTest::generated_ = nullptr;

TEST_F(GenCatalogTest, WritesPersonsAndPlacesUnderRealParentsBesideTheBundledTables) {
  const auto people = Rows(Path("synthetic_people.tsv"));
  const auto places = Rows(Path("synthetic_places.tsv"));
  EXPECT_EQ(people.size() + places.size(), static_cast<size_t>(kEntities));
  EXPECT_EQ(places.size(), static_cast<size_t>(kEntities * 3 / 10));  // --places 0.3.
  for (const auto& row : places) {
    ASSERT_EQ(row.size(), 12u);
    EXPECT_TRUE(absl::StartsWith(row[0], row[6] + "/")) << row[0];  // Under its parent.
    EXPECT_TRUE(absl::EndsWith(row[2], "리")) << row[2];
  }
  // The bundled tables come along unchanged.
  for (const char* name : {"places_kr.tsv", "surnames.tsv", "syllable_priors.tsv"}) {
    EXPECT_EQ(ReadFile(Path(name)), ReadFile(fs::path(IRUM_SOURCE_DIR) / "tables" / name)) << name;
  }
}

TEST_F(GenCatalogTest, IsDeterministicForASeed) {
  TempDir same, other;
  ASSERT_EQ(Generate(same.path()).exit_code, 0);
  ASSERT_EQ(Generate(other.path(), "13").exit_code, 0);
  for (const char* name : {"synthetic_people.tsv", "synthetic_places.tsv"}) {
    EXPECT_EQ(ReadFile(fs::path(same.path()) / name), ReadFile(Path(name))) << name;
    EXPECT_NE(ReadFile(fs::path(other.path()) / name), ReadFile(Path(name))) << name;
  }
}

TEST_F(GenCatalogTest, PassesIrumdCheck) {
  RunResult r = RunCommand({IRUMD_PATH, "--check", absl::StrCat("--tables=", dir_->path())});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(": OK"));
  EXPECT_EQ(r.err, "");  // Not even a warning.
}

TEST_F(GenCatalogTest, GeneratedNamesResolveOverGrpc) {
  std::unique_ptr<Process> irumd = Process::Start(
      {IRUMD_PATH, "--listen=127.0.0.1:0", absl::StrCat("--tables=", dir_->path())});
  ASSERT_NE(irumd, nullptr);
  std::optional<std::string> banner = irumd->ReadLine();
  ASSERT_TRUE(banner.has_value());
  const size_t on = banner->rfind(" on ");
  ASSERT_NE(on, std::string::npos) << *banner;
  std::unique_ptr<v1::Irum::Stub> stub = v1::Irum::NewStub(
      grpc::CreateChannel(banner->substr(on + 4), grpc::InsecureChannelCredentials()));
  auto resolve = [&stub](const std::string& query) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::ResolveRequest request;
    request.set_query(query);
    request.mutable_options()->set_max_results(100);  // Homonyms are many.
    v1::ResolveResponse response;
    EXPECT_TRUE(stub->Resolve(&context, request, &response).ok()) << query;
    std::vector<std::string> ids;
    for (const v1::Candidate& c : response.candidates()) ids.push_back(c.id());
    return ids;
  };
  // A person by its name, its Hangul and an alias; a village by its name.
  const std::vector<std::string> person = Rows(Path("synthetic_people.tsv")).front();
  EXPECT_THAT(resolve(person[4]), Contains(person[0]));
  EXPECT_THAT(resolve(person[2]), Contains(person[0]));
  const std::vector<std::string> place = Rows(Path("synthetic_places.tsv")).back();
  EXPECT_THAT(resolve(place[4]), Contains(place[0]));

  // The village's parent chain leads through its real parent.
  grpc::ClientContext context;
  v1::GetEntityRequest request;
  request.set_id(place[0]);
  v1::GetEntityResponse response;
  ASSERT_TRUE(stub->GetEntity(&context, request, &response).ok());
  ASSERT_GE(response.entity().parents_size(), 2);
  EXPECT_EQ(response.entity().parents(0).id(), place[6]);
  irumd->Signal(SIGTERM);
  EXPECT_EQ(irumd->Wait(), 0);
}

}  // namespace
}  // namespace irum
