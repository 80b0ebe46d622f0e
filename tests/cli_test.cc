// Runs the built binaries: irumd as a background process on 127.0.0.1:0, irum against it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/temp_dir.h"
#include "tests/minimal_tables.h"
#include "tests/subprocess.h"

namespace irum {
namespace {

namespace fs = std::filesystem;
using ::irum::testing::Process;
using ::irum::testing::RunCommand;
using ::irum::testing::RunResult;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

std::vector<std::string> Columns(const std::string& line) { return absl::StrSplit(line, '\t'); }


// Starts irumd on a free loopback port; `address` is where it listens.
struct RunningServer {
  std::unique_ptr<Process> process;
  std::string address;
  std::string banner;
};

// `flags` are added to irumd's; `prefix` runs before it (prlimit or env, and their arguments).
RunningServer StartServer(const std::string& tables_dir, const std::vector<std::string>& flags = {},
                          const std::vector<std::string>& prefix = {}) {
  RunningServer server;
  std::vector<std::string> argv = prefix;
  argv.insert(argv.end(), {IRUMD_PATH, "--listen=127.0.0.1:0", absl::StrCat("--tables=", tables_dir)});
  argv.insert(argv.end(), flags.begin(), flags.end());
  server.process = Process::Start(argv);
  if (server.process == nullptr) return server;
  std::optional<std::string> line = server.process->ReadLine();
  if (!line) return server;
  server.banner = *line;
  // "irumd: serving N entities (tables V) on 127.0.0.1:PORT"
  const size_t on = line->rfind(" on ");
  if (on != std::string::npos) server.address = line->substr(on + 4);
  return server;
}

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RunningServer(StartServer(IRUM_TABLES_DIR));
  }
  static void TearDownTestSuite() {
    server_->process->Signal(SIGTERM);
    server_->process->Wait();
    delete server_;
  }
  void SetUp() override { ASSERT_FALSE(server_->address.empty()) << server_->banner; }

  static RunResult Irum(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {IRUM_PATH, absl::StrCat("--server=", server_->address)});
    return RunCommand(args, input);
  }

  static RunningServer* server_;
};

RunningServer* CliTest::server_ = nullptr;

TEST_F(CliTest, ResolvesTheIssueExample) {
  RunResult r = Irum({"resolve", "Gaesong", "Kaesong", "Kim Yo-jong", "--hangul"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(3)) << r.out;
  std::vector<std::string> gaesong = Columns(lines[0]);
  std::vector<std::string> kaesong = Columns(lines[1]);
  std::vector<std::string> kim = Columns(lines[2]);
  ASSERT_GE(gaesong.size(), 5u);
  ASSERT_GE(kaesong.size(), 5u);
  ASSERT_GE(kim.size(), 5u);
  EXPECT_EQ(gaesong[0], "Gaesong");
  EXPECT_EQ(gaesong[1], "place/kp/kaesong");
  EXPECT_EQ(kaesong[1], gaesong[1]);
  EXPECT_EQ(kaesong[4], "개성");
  EXPECT_EQ(kim[1], "person/kp/kim-yo-jong");
  EXPECT_EQ(kim[4], "김여정");
}

TEST_F(CliTest, ExitsOneWhenAQueryDoesNotResolve) {
  RunResult r = Irum({"resolve", "Kaesong", "Trump"});
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], StartsWith("Kaesong\tplace/kp/kaesong\t"));
  EXPECT_EQ(lines[1], "Trump\t(no match)");
}

TEST_F(CliTest, ReportsARejectedQueryOnStderr) {
  RunResult r = Irum({"resolve", "Kaesong", ""});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(Lines(r.out), SizeIs(1));
  EXPECT_THAT(r.err, HasSubstr("query 2 '': query is empty"));
}

TEST_F(CliTest, ReadsQueriesFromStdinInBatches) {
  // Five queries with a blank line, in batches of two: three BatchResolve calls, output in order.
  RunResult r = Irum({"resolve", "--batch_size=2"},
                     "Kaesong\nPyongyang\n\nSeoul\r\nKim Jong Un\nDMZ\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(5)) << r.out;
  const char* expected[] = {"place/kp/kaesong", "place/kp/pyongyang", "place/kr/seoul",
                            "person/kp/kim-jong-un", "place/korea/korean-demilitarized-zone"};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Columns(lines[i])[1], expected[i]) << lines[i];
  EXPECT_EQ(Columns(lines[2])[0], "Seoul");  // The CR of a CRLF line is not part of the query.
  EXPECT_EQ(r.err, "");  // stderr is a pipe here: no progress line.
}

TEST_F(CliTest, ShowsProgressOfStdinBatchesOnATerminalOnly) {
  // script(1) gives irum a terminal for stderr (its stdout goes to a file): the progress line
  // appears there, cleared at the end; the results are the same as without a terminal.
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/script (util-linux)";
  TempDir dir;
  dir.Write("queries.txt", "Seoul\nSeoul\nSeoul\nSeoul\nSeoul\n");  // 6 bytes a line.
  const std::string out = (fs::path(dir.path()) / "out.txt").string();
  const std::string command =
      absl::StrCat(IRUM_PATH, " --server=", server_->address, " resolve --batch_size=2 < ",
                   (fs::path(dir.path()) / "queries.txt").string(), " > ", out);
  RunResult r = RunCommand({"/usr/bin/script", "-q", "-e", "-c", command, "/dev/null"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("irum: 2 lines, 40%"));
  EXPECT_THAT(r.out, HasSubstr("irum: 4 lines, 80%"));
  EXPECT_THAT(r.out, EndsWith("\r\033[K"));  // Cleared.
  std::ifstream in(out);
  const std::string results((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(Lines(results), SizeIs(5)) << results;
  EXPECT_THAT(results, Not(HasSubstr("irum:")));
}

TEST_F(CliTest, PrintsJsonLines) {
  RunResult r = Irum({"resolve", "--json", "--hangul", "Kaesŏng", "Trump"});
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], AllOf(StartsWith("{"), HasSubstr("\"id\":\"place/kp/kaesong\""),
                              HasSubstr("\"hangul\":\"개성\""), HasSubstr("\"query\":\"Kaesŏng\"")));
  EXPECT_THAT(lines[1], AllOf(HasSubstr("\"index\":1"), HasSubstr("\"candidates\":[]")));
}

TEST_F(CliTest, RomanizesTheIssueExamples) {
  RunResult r = Irum({"romanize", "--system", "rr", "--kind", "place", "종로구", "신라", "독립문",
                      "학여울"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Jongno-gu\nSilla\nDongnimmun\nHangnyeoul\n");
  EXPECT_EQ(Irum({"romanize", "--kind", "person", "한복남"}).out, "Han Boknam\n");
  EXPECT_EQ(Irum({"romanize", "--system", "mr", "개성"}).out, "Kaesŏng\n");
  EXPECT_EQ(Irum({"romanize", "--system", "dprk", "평양"}).out, "Pyongyang\n");
}

TEST_F(CliTest, PrintsTheCommonSpellingsWithTheirShares) {
  RunResult r = Irum({"romanize", "--system=common", "--country=KP", "김여정", "김정은"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], StartsWith("Kim Yo Jong\t"));
  EXPECT_THAT(lines[1], StartsWith("Kim Jong Un\t"));
  // Persons by default; spelling, share, spelling, share... best first, --max_results of them.
  r = Irum({"romanize", "--system=common", "--max_results=3", "이재명"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> fields = absl::StrSplit(absl::StripSuffix(r.out, "\n"), '\t');
  ASSERT_THAT(fields, SizeIs(6)) << r.out;
  EXPECT_THAT(fields[0], StartsWith("Lee Jae-"));
  double first = 0, second = 0;
  ASSERT_TRUE(absl::SimpleAtod(fields[1], &first) && absl::SimpleAtod(fields[3], &second)) << r.out;
  EXPECT_GE(first, second);
  EXPECT_GT(second, 0);
}

TEST_F(CliTest, RomanizesStdinLineForLine) {
  RunResult r = Irum({"romanize", "--kind=text", "--batch_size=2"}, "같이\n\n해돋이\nabc\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "gachi\n\nhaedoji\nabc\n");
  r = Irum({"romanize", "--kind=text"}, "같이\n\xFF\n해돋이\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "gachi\n\nhaedoji\n");
  EXPECT_THAT(r.err, HasSubstr("irum: text 2: text is not valid UTF-8"));
  r = Irum({"romanize", "--json", "--system=yale", "--kind=text", "--batch_size=1", "물", "물엿"});
  // Every field printed, empty ones too (those of the common spellings here); the index counts
  // the texts across batches.
  EXPECT_EQ(r.out,
            "{\"text\":\"물\",\"romanized\":\"mwul\",\"spellings\":[],\"country\":\"\",\"index\":0}\n"
            "{\"text\":\"물엿\",\"romanized\":\"mwulyes\",\"spellings\":[],\"country\":\"\",\"index\":1}\n");
}

TEST_F(CliTest, ShowsRomanizationsOfAnEntity) {
  RunResult r = Irum({"entity", "--romanizations=rr,mr,dprk", "place/kp/pyongyang"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("rr:          Pyeongyang\n"));
  EXPECT_THAT(r.out, HasSubstr("mr:          P'yŏngyang\n"));
  EXPECT_THAT(r.out, HasSubstr("dprk:        Pyongyang\n"));
}

TEST_F(CliTest, ResolvesTheMatchingIssueExamples) {
  RunResult r = Irum({"resolve", "--max_results=1", "Kim Yeo-jeong", "Yo-jong Kim", "KIM Yo Jong",
                      "Kim Yŏ-jŏng"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(4)) << r.out;
  for (const std::string& line : lines) EXPECT_EQ(Columns(line)[1], "person/kp/kim-yo-jong") << line;

  // "Sung" is 성 in the passport spelling that "Chung" shows, 승 in McCune-Reischauer without
  // breves: the learned spelling model weighs the two.
  r = Irum({"hangul", "Chung Sung-Jun"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Chung Sung-Jun\t정성준 "));
  EXPECT_THAT(r.out, Not(HasSubstr("not Korean")));
  // Whose names they are, when the caller knows: the North's 정, the South's 종.
  r = Irum({"hangul", "--country=KP", "Kim Jong Ho"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Kim Jong Ho\t김정호 "));
  r = Irum({"hangul", "--country=KR", "Kim Jong Ho"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Kim Jong Ho\t김종호 "));
  // A person's alias the catalog lists reads as that person's Hangul; --skip_catalog reads the
  // spelling alone.
  r = Irum({"hangul", "Jay Y. Lee"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Jay Y. Lee\t이재용 "));
  r = Irum({"hangul", "--skip_catalog", "Jay Y. Lee"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(StartsWith("Jay Y. Lee\t"), Not(HasSubstr("이재용"))));
  // A name that is not Korean is read, and flagged.
  r = Irum({"hangul", "Nicole"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(StartsWith("Nicole\t"), HasSubstr("\t(not Korean? 0.")));

  r = Irum({"compare", "Ri Son Gwon", "Lee Seon-gwon"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("same\t"));
  r = Irum({"compare", "KIM Song Chol", "KIM Sok Chol"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, StartsWith("different\t"));
  r = Irum({"compare", "--json"}, "Ri Son Gwon\tLee Seon-gwon\nKIM Song Chol\tKIM Sok Chol\n");
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_THAT(Lines(r.out), SizeIs(2));
  EXPECT_THAT(Lines(r.out)[0], HasSubstr("\"same\":true"));
  EXPECT_THAT(Lines(r.out)[1], HasSubstr("\"same\":false"));
}

// The catalog issue's "done when", on the bundled tables: a national catalog, one place for every
// spelling of Sinuiju, every Jung-gu (current ones first, former ones marked), one for "Jung-gu,
// Busan", and Masan as a former name of Changwon.
TEST_F(CliTest, TheBundledCatalogMeetsItsDoneWhen) {
  RunResult info = Irum({"info", "--json"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  auto count = [&](const std::string& field) {
    const size_t at = info.out.find("\"" + field + "\":\"");
    EXPECT_NE(at, std::string::npos) << field;
    return at == std::string::npos ? 0 : std::stol(info.out.substr(at + field.size() + 4));
  };
  EXPECT_GE(count("entity_count"), 4500);
  EXPECT_GE(count("person_count"), 500);
  EXPECT_GE(count("organization_count"), 200);

  RunResult r = Irum({"resolve", "Sinuiju", "Sinŭiju", "신의주"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(3)) << r.out;
  for (const std::string& line : lines) EXPECT_EQ(Columns(line)[1], "place/kp/sinuiju") << line;

  r = Irum({"resolve", "--max_results=20", "Jung-gu"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  lines = Lines(r.out);
  int current = 0, former = 0;
  for (const std::string& line : lines) {
    if (line.find("former name 'Jung-gu'") != std::string::npos) {
      ++former;
    } else {
      EXPECT_EQ(former, 0) << "a current Jung-gu after a former one: " << line;
      EXPECT_THAT(Columns(line)[1], EndsWith("/jung-gu")) << line;
      ++current;
    }
  }
  EXPECT_GE(current, 5) << r.out;  // Seoul, Busan, Daegu, Daejeon, Ulsan.
  EXPECT_GE(former, 1) << r.out;   // Incheon's, until 2026.

  r = Irum({"resolve", "Jung-gu, Busan", "부산 중구"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(2)) << r.out;
  for (const std::string& line : lines) EXPECT_EQ(Columns(line)[1], "place/kr/busan/jung-gu");

  r = Irum({"resolve", "--max_results=1", "Masan"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("\tplace/kr/changwon\t"), HasSubstr("former name 'Masan'")));
}

TEST_F(CliTest, FiltersByKind) {
  RunResult r = Irum({"resolve", "--kind=person", "Kaesong"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "Kaesong\t(no match)\n");
}

TEST_F(CliTest, ShowsAnEntity) {
  RunResult r = Irum({"entity", "person/kp/kim-yo-jong"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("hangul:      김여정"));
  EXPECT_THAT(r.out, HasSubstr("kind:        person"));

  r = Irum({"entity", "place/kp/atlantis"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no entity has id 'place/kp/atlantis'"));
}

TEST_F(CliTest, DescribesTheServer) {
  RunResult r = Irum({"info"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("server:         irumd "));
  EXPECT_THAT(r.out, HasSubstr(" persons, "));

  r = Irum({"info", "--json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, AllOf(StartsWith("{"), HasSubstr("\"entity_count\":")));
}

struct UsageCase {
  std::vector<std::string> args;
  const char* message;
};

TEST_F(CliTest, AnnotatesFilesAndStdin) {
  TempDir dir;
  dir.Write("a.txt", "Kim Yo Jong went to Kaesong. Chung Sung-Jun / Getty Images\n");
  dir.Write("b.txt", "김여정은 개성에서 말했다.");
  dir.Write("bad.txt", "Kae\xFFsong");
  const std::string a = dir.path() + "/a.txt", b = dir.path() + "/b.txt";
  RunResult r = Irum({"annotate", a, b});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "== " + a + "\n"
            "[Kim Yo Jong]{person/kp/kim-yo-jong} went to [Kaesong]{place/kp/kaesong}. "
            "[Chung Sung-Jun]{?정성준} / Getty Images\n"
            "--\n"
            "0-11\tperson/kp/kim-yo-jong\t1.00\tKim Yo Jong\n"
            "20-27\tplace/kp/kaesong\t1.00\tKaesong\n" +
                Lines(r.out)[5] + "\n" +  // The unknown name's score: the decoder's, not fixed here.
                "== " + b + "\n"
                "[김여정]{person/kp/kim-yo-jong}은 [개성]{place/kp/kaesong}에서 말했다.\n"
                "--\n"
                "0-3\tperson/kp/kim-yo-jong\t1.00\t김여정\n"
                "5-7\tplace/kp/kaesong\t1.00\t개성\n");
  EXPECT_THAT(Lines(r.out)[5], AllOf(StartsWith("29-43\t?정성준\t"), HasSubstr("Chung Sung-Jun")));

  // stdin, as JSON: one object per text.
  r = Irum({"annotate", "--json"}, "Suh Ho spoke. Suh left.");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_THAT(Lines(r.out), SizeIs(1));
  EXPECT_THAT(r.out, AllOf(HasSubstr("\"id\":\"person/kr/suh-ho\""),
                           HasSubstr("\"method\":\"METHOD_COREFERENCE\""),
                           HasSubstr("\"begin_char\":14")));

  // Demonyms on request.
  r = Irum({"annotate", "--demonyms"}, "North Korean troops");
  EXPECT_THAT(r.out, StartsWith("[North Korean]{place/kp/north-korea} troops\n"));

  // A standalone page, the names escaped and marked with their ID, Hangul and score.
  dir.Write("c.txt", "<Kim Yo Jong> & Kaesong");
  r = Irum({"annotate", "--html", dir.path() + "/c.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(StartsWith("<!DOCTYPE html>"),
                           HasSubstr("&lt;<mark class=\"person\" title=\"person/kp/kim-yo-jong · "
                                     "김여정 · 1.00\">Kim Yo Jong</mark>&gt; &amp; <mark"),
                           HasSubstr("</body></html>")));

  // A text the server rejects: its reason, the others still annotated, exit 1.
  r = Irum({"annotate", dir.path() + "/bad.txt", b});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("bad.txt: text is not valid UTF-8"));
  EXPECT_THAT(r.out, HasSubstr("[김여정]{person/kp/kim-yo-jong}"));
  r = Irum({"annotate", dir.path() + "/missing.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot open"));
}

TEST_F(CliTest, UsageErrorsExitTwoWithOneLine) {
  const UsageCase kCases[] = {
      {{}, "missing command"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"resolve", "--kind=city", "x"}, "unknown kind 'city'"},
      {{"resolve", "--max_results=0", "x"}, "--max_results must be at least 1"},
      {{"resolve", "--country=KOR", "x"}, "not an ISO 3166-1 alpha-2 code"},
      {{"entity"}, "entity needs at least one ID"},
      {{"info", "extra"}, "info takes no arguments"},
      {{"romanize", "--system=hepburn", "x"}, "unknown system 'hepburn'"},
      {{"romanize", "--kind=org", "x"}, "unknown kind 'org' for romanize"},
      {{"romanize", "--country=KP", "x"}, "--country only with --system=common"},
      {{"romanize", "--system=common", "--country=KP,KR", "x"}, "one --country"},
      {{"romanize", "--system=common", "--max_results=21", "x"}, "--max_results from 1 to 20"},
      {{"compare", "a"}, "compare takes two names"},
      {{"hangul", "--kind=org", "x"}, "unknown kind 'org' for hangul"},
      {{"hangul", "--country=KP,KR", "x"}, "hangul takes one --country"},
      {{"entity", "--romanizations=ipa", "place/kp/kaesong"}, "unknown system 'ipa'"},
      {{"annotate", "--json", "--html"}, "--json and --html exclude each other"},
      {{"annotate", "--kind=city"}, "unknown kind 'city'"},
  };
  for (const UsageCase& c : kCases) {
    RunResult r = Irum(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_THAT(Lines(r.err), SizeIs(1)) << r.err;
    EXPECT_THAT(r.err, AllOf(StartsWith("irum: "), HasSubstr(c.message)));
  }
}

TEST(Cli, ExitsTwoWhenTheServerIsUnreachable) {
  // Port 1 on loopback: nothing listens there.
  RunResult r = RunCommand({IRUM_PATH, "--server=127.0.0.1:1", "--timeout=5s", "resolve", "Kaesong"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("irum: cannot reach the server at 127.0.0.1:1"));
  EXPECT_THAT(Lines(r.err), SizeIs(1));
}

TEST(Cli, HelpExplainsTheCommands) {
  RunResult r = RunCommand({IRUM_PATH, "--help"});
  EXPECT_THAT(r.out + r.err, AllOf(HasSubstr("irum [flags] resolve QUERY..."),
                                   HasSubstr("irum [flags] annotate [FILE...]"),
                                   HasSubstr("Exit status"), HasSubstr("--hangul")));
}

constexpr char kHeader[] = "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription\n";

TEST(Irumd, StopsCleanlyOnSigterm) {
  RunningServer server = StartServer(IRUM_TABLES_DIR);
  ASSERT_FALSE(server.address.empty()) << server.banner;
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->ReadLine(), "irumd: shutting down");
  EXPECT_EQ(server.process->ReadLine(), "irumd: stopped");
  EXPECT_EQ(server.process->Wait(), 0);
}

// The environment irumd's program image started with (/proc/PID/environ), one entry each.
std::vector<std::string> StartingEnvironment(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/environ"), std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return absl::StrSplit(text, '\0', absl::SkipEmpty());
}

TEST(Irumd, RunsOnHugePagesUnlessGlibcTunablesAreSet) {
  // Started by env, which execs irumd in its own process: irumd's PID.
  RunningServer plain = StartServer(IRUM_TABLES_DIR, {}, {"/usr/bin/env", "-u", "GLIBC_TUNABLES"});
  ASSERT_FALSE(plain.address.empty()) << plain.banner;
  EXPECT_THAT(StartingEnvironment(plain.process->pid()),
              Contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1"));
  // The caller's choice stands.
  RunningServer chosen =
      StartServer(IRUM_TABLES_DIR, {}, {"/usr/bin/env", "GLIBC_TUNABLES=glibc.malloc.hugetlb=0"});
  ASSERT_FALSE(chosen.address.empty()) << chosen.banner;
  const std::vector<std::string> environment = StartingEnvironment(chosen.process->pid());
  EXPECT_THAT(environment, Contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=0"));
  EXPECT_THAT(environment, Not(Contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1")));
}

TEST(Irumd, RefusesToStartOnABadTableNamingFileAndLine) {
  TempDir dir;
  dir.Write("places.tsv", absl::StrCat("# test\n", kHeader,
                                       "place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\tCity\n",
                                       "place/kp/x\tplace\n"));
  RunResult r = RunCommand({IRUMD_PATH, "--listen=127.0.0.1:0", absl::StrCat("--tables=", dir.path())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(dir.path(), "/places.tsv:4: error [field-count]: expected 9 "
                                            "tab-separated fields, found 2")));
}

TEST(Irumd, RefusesToStartWithoutTables) {
  RunResult r = RunCommand({IRUMD_PATH, "--listen=127.0.0.1:0", "--tables=/nonexistent/tables"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("tables directory '/nonexistent/tables' does not exist"));
}

TEST(Irumd, CheckListsEveryProblem) {
  TempDir dir;
  dir.Write("a.tsv", absl::StrCat(kHeader, "place/kp/b\tplace\t개성\t\tB\tKP\t\t\tCity\n",
                                  "place/kp/a\tplace\t개성\t\tA\tKP\t\tQx\tCity\n"));
  dir.Write("b.tsv", absl::StrCat(kHeader, "place/kp/b\tplace\t개성\t\tB\tKP\t\t\tCity\n"));
  RunResult r = RunCommand({IRUMD_PATH, "--check", absl::StrCat("--tables=", dir.path())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/a.tsv:3: error [sorted]: rows must be sorted by id"));
  EXPECT_THAT(r.err, HasSubstr("/a.tsv:3: error [wikidata]: wikidata 'Qx'"));
  EXPECT_THAT(r.err, HasSubstr("/b.tsv:2: error [duplicate-id]: duplicate id 'place/kp/b' (first "
                               "used at "));
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(dir.path(), ": error [table-set]: missing 20 of the 20 "
                                            "tables")));
  EXPECT_THAT(r.err, HasSubstr("4 error(s), 0 warning(s)"));

  r = RunCommand({IRUMD_PATH, "--check", absl::StrCat("--tables=", IRUM_TABLES_DIR)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(": OK"));
}

// A directory with one table is no tables directory: --check names every table it lacks. (It
// passed: a directory holding only people.tsv was "OK".)
TEST(Irumd, CheckRequiresEveryTableOfTheBundledSet) {
  TempDir dir;
  dir.Write("people.tsv",
            absl::StrCat(kHeader, "person/kp/kim-yo-jong\tperson\t김여정\t\tKim Yo Jong\tKP\t\t\tA "
                                  "person\n"));
  RunResult r = RunCommand({IRUMD_PATH, "--check", absl::StrCat("--tables=", dir.path())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(
                         dir.path(), ": error [table-set]: missing 20 of the 20 tables a tables "
                                     "directory must hold: context_aliases.tsv, demonyms.tsv, ")));
  for (const char* table : {"places.tsv", "people_kp.tsv", "people_kr.tsv", "surnames.tsv",
                            "spelling_model.tsv"}) {
    EXPECT_THAT(r.err, HasSubstr(table));
  }
  EXPECT_THAT(r.out, Not(HasSubstr("OK")));

  // The full set with a directory where a table should be: named, and refused.
  TempDir full;
  testing::WriteMinimalTables(full.path());
  r = RunCommand({IRUMD_PATH, "--check", absl::StrCat("--tables=", full.path())});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  fs::remove(fs::path(full.path()) / "people_kr.tsv");
  fs::create_directory(fs::path(full.path()) / "people_kr.tsv");
  r = RunCommand({IRUMD_PATH, "--check", absl::StrCat("--tables=", full.path())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat("'", full.path(), "/people_kr.tsv' is a directory where "
                                            "a table file should be")));
}

TEST(Irumd, ReloadsTablesOnSighupAndKeepsServingOnABadReload) {
  TempDir dir;
  testing::WriteMinimalTables(dir.path());
  dir.Write("places.tsv",
            absl::StrCat(kHeader, "place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\tCity\n"));
  RunningServer server = StartServer(dir.path());
  ASSERT_FALSE(server.address.empty()) << server.banner;
  const std::string flag = absl::StrCat("--server=", server.address);
  EXPECT_EQ(RunCommand({IRUM_PATH, flag, "resolve", "Paju"}).exit_code, 1);

  dir.Write("places.tsv", absl::StrCat(kHeader,
                                       "place/kp/kaesong\tplace\t개성\t\tKaesong\tKP\t\t\tCity\n",
                                       "place/kr/paju\tplace\t파주\t\tPaju\tKR\t\t\tCity\n"));
  server.process->Signal(SIGHUP);
  EXPECT_THAT(server.process->ReadLine().value_or(""), StartsWith("irumd: reloaded (signal) 2 entities"));
  RunResult r = RunCommand({IRUM_PATH, flag, "resolve", "Paju"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("place/kr/paju"));

  dir.Write("places.tsv", "broken\n");
  server.process->Signal(SIGHUP);
  // The failure goes to stderr; the next stdout line is from the SIGTERM below. Meanwhile the old
  // tables keep serving.
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(RunCommand({IRUM_PATH, flag, "resolve", "Paju"}).exit_code, 0);
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->ReadLine(), "irumd: shutting down");
  EXPECT_EQ(server.process->Wait(), 0);
}

TEST(Irumd, FailsWhenThePortIsTaken) {
  RunningServer first = StartServer(IRUM_TABLES_DIR);
  ASSERT_FALSE(first.address.empty());
  RunResult r = RunCommand({IRUMD_PATH, absl::StrCat("--listen=", first.address),
                     absl::StrCat("--tables=", IRUM_TABLES_DIR)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat("cannot listen on ", first.address)));
  first.process->Signal(SIGTERM);
  EXPECT_EQ(first.process->Wait(), 0);
}

// A plain TCP connection to irumd at `address` ("127.0.0.1:PORT"), or -1.
int ConnectTcp(const std::string& address) {
  int port = 0;
  if (!absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port)) return -1;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Reads `fd` until the server closes it (end of file or reset) or `timeout` passes; returns
// whether it closed, and appends what was read to `*read` when given.
bool WaitForClose(int fd, absl::Duration timeout, std::string* read = nullptr) {
  const absl::Time deadline = absl::Now() + timeout;
  char buffer[4096];
  for (absl::Time now = absl::Now(); now < deadline; now = absl::Now()) {
    pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(deadline - now)) + 1) <= 0) continue;
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
    if (n > 0 && read != nullptr) read->append(buffer, static_cast<size_t>(n));
  }
  return false;
}

constexpr char kPrlimit[] = "/usr/bin/prlimit";

// 200 idle connections against a server capped at 32 and limited to 128 descriptors: the 168
// above the cap are closed at once, and once the rest are closed a real call succeeds. (Without
// the cap, gRPC's listener ran out of descriptors and never accepted again.)
TEST(Irumd, KeepsAcceptingAfterMoreConnectionsThanItsCap) {
  if (access(kPrlimit, X_OK) != 0) GTEST_SKIP() << kPrlimit << " (util-linux) is not installed";
  RunningServer server = StartServer(IRUM_TABLES_DIR, {"--max_connections=32", "--handshake_timeout=2s"},
                                     {kPrlimit, "--nofile=128:128", "--"});
  ASSERT_FALSE(server.address.empty()) << server.banner;
  constexpr int kConnections = 200;
  std::vector<int> sockets;
  for (int i = 0; i < kConnections; ++i) {
    const int fd = ConnectTcp(server.address);
    ASSERT_GE(fd, 0) << "connection " << i;
    sockets.push_back(fd);
  }
  int closed = 0;
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  for (int fd : sockets) closed += WaitForClose(fd, std::max(give_up - absl::Now(), absl::ZeroDuration()));
  EXPECT_GE(closed, kConnections - 32);
  for (int fd : sockets) close(fd);

  RunResult r = RunCommand({IRUM_PATH, absl::StrCat("--server=", server.address), "--timeout=10s",
                            "resolve", "Kaesong"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("place/kp/kaesong"));
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->Wait(), 0);
}

// irumd raises its soft limit on descriptors to the hard limit (the default soft limit, 1024, is
// what 1030 idle connections exhausted), and lowers --max_connections to fit under it.
TEST(Irumd, RaisesItsOpenFilesLimitToTheHardLimit) {
  if (access(kPrlimit, X_OK) != 0) GTEST_SKIP() << kPrlimit << " (util-linux) is not installed";
  RunningServer server = StartServer(IRUM_TABLES_DIR, {"--max_connections=100000"},
                                     {kPrlimit, "--nofile=100:1000", "--"});
  ASSERT_FALSE(server.address.empty()) << server.banner;
  RunResult r = RunCommand({IRUM_PATH, absl::StrCat("--server=", server.address), "info"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("connections:    at most 936 open; open files limit 1000"));
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->Wait(), 0);
}

// A connection that never speaks HTTP/2 is closed after --handshake_timeout, and one that does but
// makes no call after --max_connection_idle, with a GOAWAY frame first. (Both stayed open: idle
// connections held their descriptors for good.)
TEST(Irumd, ClosesSilentAndIdleConnections) {
  RunningServer server = StartServer(
      IRUM_TABLES_DIR, {"--handshake_timeout=300ms", "--max_connection_idle=300ms"});
  ASSERT_FALSE(server.address.empty()) << server.banner;
  const int silent = ConnectTcp(server.address);
  ASSERT_GE(silent, 0);
  const int idle = ConnectTcp(server.address);
  ASSERT_GE(idle, 0);
  // The HTTP/2 client preface and an empty SETTINGS frame: a client that has connected and then
  // makes no call.
  const std::string preface = std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") +
                              std::string("\0\0\0\x04\0\0\0\0\0", 9);
  ASSERT_EQ(send(idle, preface.data(), preface.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(preface.size()));

  EXPECT_TRUE(WaitForClose(silent, absl::Seconds(20)));
  std::string frames;
  EXPECT_TRUE(WaitForClose(idle, absl::Seconds(20), &frames));
  // Frames: 3-byte length, 1-byte type (7: GOAWAY), flags, stream; the server's SETTINGS first.
  bool goaway = false;
  for (size_t at = 0; at + 9 <= frames.size();) {
    const size_t length = (static_cast<unsigned char>(frames[at]) << 16) |
                          (static_cast<unsigned char>(frames[at + 1]) << 8) |
                          static_cast<unsigned char>(frames[at + 2]);
    goaway |= frames[at + 3] == 7;
    at += 9 + length;
  }
  EXPECT_TRUE(goaway) << frames.size() << " bytes read";
  close(silent);
  close(idle);
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->Wait(), 0);
}

constexpr char kOpenssl[] = "/usr/bin/openssl";

// Test certificates made with openssl in `dir`: a CA (ca.pem), a server certificate for 127.0.0.1
// (server.pem, server.key) and a client certificate (client.pem, client.key) it signed, and a
// client certificate signed by another CA (stranger.pem, stranger.key). False when openssl fails.
bool MakeCertificates(const TempDir& dir) {
  const std::string d = dir.path() + "/";
  dir.Write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  dir.Write("client.ext", "extendedKeyUsage=clientAuth\n");
  const std::vector<std::vector<std::string>> commands = {
      {kOpenssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", d + "ca.key", "-out", d + "ca.pem", "-days", "2", "-subj",
       "/CN=irum test CA"},
      {kOpenssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", d + "other_ca.key", "-out", d + "other_ca.pem", "-days", "2", "-subj",
       "/CN=another CA"}};
  for (const auto& command : commands) {
    if (RunCommand(command).exit_code != 0) return false;
  }
  for (const auto& [name, ca, ext, cn] :
       {std::tuple<std::string, std::string, std::string, std::string>{"server", "ca", "server.ext",
                                                                       "/CN=localhost"},
        {"client", "ca", "client.ext", "/CN=irum client"},
        {"stranger", "other_ca", "client.ext", "/CN=stranger"}}) {
    RunResult r = RunCommand({kOpenssl, "req", "-newkey", "ec", "-pkeyopt",
                              "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                              d + name + ".key", "-out", d + name + ".csr", "-subj", cn});
    if (r.exit_code != 0) return false;
    r = RunCommand({kOpenssl, "x509", "-req", "-in", d + name + ".csr", "-CA", d + ca + ".pem",
                    "-CAkey", d + ca + ".key", "-CAcreateserial", "-out", d + name + ".pem",
                    "-days", "2", "-extfile", d + ext});
    if (r.exit_code != 0) return false;
  }
  return true;
}

// irumd --tls_cert/--tls_key serves over TLS: irum --tls_ca calls it; a plaintext client, or one
// that does not trust the CA, cannot.
TEST(Irumd, ServesOverTlsAndRefusesPlaintextClients) {
  if (access(kOpenssl, X_OK) != 0) GTEST_SKIP() << kOpenssl << " (Debian package openssl) is missing";
  TempDir dir;
  ASSERT_TRUE(MakeCertificates(dir));
  const std::string d = dir.path() + "/";
  RunningServer server = StartServer(
      IRUM_TABLES_DIR, {absl::StrCat("--tls_cert=", d, "server.pem"),
                        absl::StrCat("--tls_key=", d, "server.key")});
  ASSERT_FALSE(server.address.empty()) << server.banner;
  const std::string at = absl::StrCat("--server=", server.address);
  RunResult r = RunCommand({IRUM_PATH, at, absl::StrCat("--tls_ca=", d, "ca.pem"), "resolve",
                            "Kaesong"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("place/kp/kaesong"));
  r = RunCommand({IRUM_PATH, at, "--timeout=10s", "resolve", "Kaesong"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot reach the server"));
  r = RunCommand({IRUM_PATH, at, "--timeout=10s", absl::StrCat("--tls_ca=", d, "other_ca.pem"),
                  "resolve", "Kaesong"});
  EXPECT_EQ(r.exit_code, 2);
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->Wait(), 0);
}

// With --tls_client_ca a client needs a certificate that CA signed: without one, or with one from
// another CA, it is refused.
TEST(Irumd, MutualTlsRefusesClientsWithoutACertificateFromItsCa) {
  if (access(kOpenssl, X_OK) != 0) GTEST_SKIP() << kOpenssl << " (Debian package openssl) is missing";
  TempDir dir;
  ASSERT_TRUE(MakeCertificates(dir));
  const std::string d = dir.path() + "/";
  RunningServer server = StartServer(
      IRUM_TABLES_DIR,
      {absl::StrCat("--tls_cert=", d, "server.pem"), absl::StrCat("--tls_key=", d, "server.key"),
       absl::StrCat("--tls_client_ca=", d, "ca.pem")});
  ASSERT_FALSE(server.address.empty()) << server.banner;
  const std::vector<std::string> call = {IRUM_PATH, absl::StrCat("--server=", server.address),
                                         "--timeout=10s", absl::StrCat("--tls_ca=", d, "ca.pem")};
  auto Run = [&](const std::vector<std::string>& more) {
    std::vector<std::string> argv = call;
    argv.insert(argv.end(), more.begin(), more.end());
    argv.insert(argv.end(), {"resolve", "Kaesong"});
    return RunCommand(argv);
  };
  RunResult r = Run({absl::StrCat("--tls_cert=", d, "client.pem"),
                     absl::StrCat("--tls_key=", d, "client.key")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("place/kp/kaesong"));
  r = Run({});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.err, HasSubstr("cannot reach the server"));
  r = Run({absl::StrCat("--tls_cert=", d, "stranger.pem"),
           absl::StrCat("--tls_key=", d, "stranger.key")});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->Wait(), 0);
}

// irum-load's four ways of resolving: every answer counted, all OK, on a real server.
TEST(IrumLoad, DrivesResolveBatchResolveAndTheStreams) {
  RunningServer server = StartServer(IRUM_TABLES_DIR);
  ASSERT_FALSE(server.address.empty()) << server.banner;
  struct Case {
    std::vector<std::string> flags;
    bool names;  // Reports names/s besides calls/s.
  };
  const Case cases[] = {{{}, false},
                        {{"--batch=20"}, true},
                        {{"--stream", "--stream_window=8"}, false},
                        {{"--stream", "--batch=20", "--stream_window=2"}, true},
                        {{"--stream", "--batch=20"}, true}};  // The batches' default window.
  for (const Case& c : cases) {
    std::vector<std::string> argv = {IRUM_LOAD_PATH, absl::StrCat("--server=", server.address),
                                     "--workload=mix", "--duration=300ms", "--baseline=false",
                                     "--connections=1", "--inflight=2"};
    argv.insert(argv.end(), c.flags.begin(), c.flags.end());
    const std::string how = absl::StrJoin(c.flags, " ");
    RunResult r = RunCommand(argv);
    EXPECT_EQ(r.exit_code, 0) << how << ": " << r.out << r.err;
    // "mix: N calls in S s: R calls/s[, R names/s]" then "mix: status 0:N".
    int64_t calls = 0;
    const size_t at = r.out.find("mix: ");
    ASSERT_NE(at, std::string::npos) << how << ": " << r.out;
    ASSERT_TRUE(absl::SimpleAtoi(r.out.substr(at + 5, r.out.find(' ', at + 5) - at - 5), &calls))
        << r.out;
    EXPECT_GT(calls, 0) << how;
    EXPECT_THAT(r.out, HasSubstr(absl::StrCat("mix: status 0:", calls, "\n"))) << how;
    EXPECT_EQ(r.out.find("names/s") != std::string::npos, c.names) << how << ": " << r.out;
  }
  RunResult r = RunCommand({IRUM_LOAD_PATH, absl::StrCat("--server=", server.address), "--stream",
                            "--workload=check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--stream is for --workload=alias or mix"));
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->Wait(), 0);
}

// The Resolve calls a server answered OK, from its metrics on 127.0.0.1:`port`; -1 when unreadable.
int64_t ResolvedOk(int port) {
  constexpr char kCounter[] = "irum_calls_total{method=\"Resolve\",code=\"OK\"} ";
  const std::string metrics = irum::testing::HttpGet(port, "/metrics");
  const size_t at = metrics.find(kCounter);
  int64_t n = -1;
  if (at == std::string::npos) return n;
  const size_t from = at + sizeof(kCounter) - 1;
  if (!absl::SimpleAtoi(metrics.substr(from, metrics.find('\n', from) - from), &n)) return -1;
  return n;
}

// Client-side balancing: irum-load given three replicas as one target (ipv4:A,B,C) spreads its
// calls over all of them (round_robin, client/channel.h), and when one is killed mid-run (SIGKILL:
// its calls in flight fail UNAVAILABLE) retries those on the others: every call succeeds, and the
// two left keep answering.
TEST(IrumLoad, SpreadsCallsOverReplicasAndOutlivesOneOfThem) {
  std::vector<RunningServer> servers;
  std::vector<int> metrics_ports;
  std::vector<std::string> addresses;
  for (int i = 0; i < 3; ++i) {
    servers.push_back(StartServer(IRUM_TABLES_DIR, {"--metrics_listen=127.0.0.1:0"}));
    ASSERT_FALSE(servers.back().address.empty()) << servers.back().banner;
    addresses.push_back(servers.back().address);
    // "irumd: metrics on http://127.0.0.1:PORT/metrics" follows the banner.
    std::optional<std::string> line = servers.back().process->ReadLine();
    ASSERT_TRUE(line.has_value());
    constexpr char kPrefix[] = "irumd: metrics on http://127.0.0.1:";
    ASSERT_TRUE(absl::StartsWith(*line, kPrefix)) << *line;
    int port = 0;
    ASSERT_TRUE(absl::SimpleAtoi(absl::StripSuffix(line->substr(sizeof(kPrefix) - 1), "/metrics"),
                                 &port))
        << *line;
    metrics_ports.push_back(port);
  }
  std::unique_ptr<Process> load = Process::Start(
      {IRUM_LOAD_PATH, absl::StrCat("--server=ipv4:", absl::StrJoin(addresses, ",")),
       "--workload=alias", "--duration=3s", "--baseline=false", "--connections=2",
       "--inflight=4"});
  ASSERT_NE(load, nullptr);
  absl::SleepFor(absl::Seconds(1));
  int64_t before[3];
  for (int i = 0; i < 3; ++i) {
    before[i] = ResolvedOk(metrics_ports[i]);
    EXPECT_GT(before[i], 0) << "replica " << i << " had no call";
  }
  servers[2].process->Signal(SIGKILL);
  servers[2].process->Wait();
  std::string out;
  while (std::optional<std::string> line = load->ReadLine(absl::Seconds(30))) {
    absl::StrAppend(&out, *line, "\n");
  }
  EXPECT_EQ(load->Wait(), 0) << out;
  // "alias: N calls in S s: R calls/s", then "alias: status 0:N": OK only.
  int64_t calls = 0;
  ASSERT_TRUE(absl::StartsWith(out, "alias: ")) << out;
  ASSERT_TRUE(absl::SimpleAtoi(out.substr(7, out.find(' ', 7) - 7), &calls)) << out;
  EXPECT_THAT(out, HasSubstr(absl::StrCat("alias: status 0:", calls, "\n")));
  // The irum CLI takes the same targets: the dead replica among them, and a dns:/// name.
  for (const std::string& target :
       {absl::StrCat("ipv4:", absl::StrJoin(addresses, ",")),
        absl::StrCat("dns:///localhost:", addresses[0].substr(addresses[0].rfind(':') + 1))}) {
    RunResult r = RunCommand({IRUM_PATH, absl::StrCat("--server=", target), "resolve",
                              "--max_results=1", "Kaesong", "Pyongyang", "Kim Yo-jong"});
    EXPECT_EQ(r.exit_code, 0) << target << ": " << r.err;
    EXPECT_THAT(Lines(r.out), SizeIs(3)) << target << ": " << r.out;
  }
  for (int i = 0; i < 2; ++i) {
    EXPECT_GT(ResolvedOk(metrics_ports[i]), before[i]) << "replica " << i << " after the kill";
    servers[i].process->Signal(SIGTERM);
    EXPECT_EQ(servers[i].process->Wait(), 0);
  }
}

TEST(Irumd, RejectsBadFlags) {
  RunResult r = RunCommand({IRUMD_PATH, "--max_query_chars=0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--max_query_chars must be positive"));
  r = RunCommand({IRUMD_PATH, "--max_connection_idle=0s"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--max_connection_idle must be positive"));
  r = RunCommand({IRUMD_PATH, "--tls_cert=/nonexistent.pem"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls_cert and --tls_key go together"));
  r = RunCommand({IRUMD_PATH, absl::StrCat("--tables=", IRUM_TABLES_DIR), "--listen=127.0.0.1:0",
                  "--tls_cert=/nonexistent.pem", "--tls_key=/nonexistent.key"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot read --tls_cert file '/nonexistent.pem'"));
  // Plaintext on an address other machines reach needs --insecure (refused before it binds).
  for (const char* listen : {"--listen=0.0.0.0:0", "--listen=[::]:0"}) {
    r = RunCommand({IRUMD_PATH, absl::StrCat("--tables=", IRUM_TABLES_DIR), listen});
    EXPECT_EQ(r.exit_code, 2) << listen;
    EXPECT_THAT(r.err, HasSubstr("can be reached from other machines")) << listen;
    EXPECT_THAT(r.err, HasSubstr("--insecure")) << listen;
  }
  r = RunCommand({IRUMD_PATH, "--max_streams_per_connection=0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--max_streams_per_connection must be positive"));
  r = RunCommand({IRUMD_PATH, "stray"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unexpected argument 'stray'"));
}

}  // namespace
}  // namespace irum
