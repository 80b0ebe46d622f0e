// The editors' commands, run as editors and CI run them: scripts/check-tables (with --base, against
// git) and scripts/table-diff, on the bundled tables and on broken copies of them.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace irum {
namespace {

namespace fs = std::filesystem;
using ::irum::testing::RunCommand;
using ::irum::testing::RunResult;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

const std::string kRoot = IRUM_SOURCE_DIR;

// Runs a script of scripts/ with the build directory of this test.
RunResult Script(const std::string& name, std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/env", absl::StrCat("IRUM_BUILD_DIR=", IRUM_BUILD_DIR),
                             kRoot + "/scripts/" + name});
  return RunCommand(args, "", absl::Seconds(600));
}

bool InGitCheckout() {
  return RunCommand({"/usr/bin/git", "-C", kRoot, "rev-parse", "--verify", "HEAD"}).exit_code == 0;
}

// A copy of tables/ to break.
class TablesCopy {
 public:
  TablesCopy() {
    std::string pattern = (fs::temp_directory_path() / "irum_tables_XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    for (const auto& entry : fs::directory_iterator(kRoot + "/tables")) {
      fs::copy(entry.path(), fs::path(dir_) / entry.path().filename());
    }
  }
  ~TablesCopy() { fs::remove_all(dir_); }
  const std::string& dir() const { return dir_; }

  std::string Read(const std::string& file) const {
    std::ifstream in(fs::path(dir_) / file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void Write(const std::string& file, const std::string& text) const {
    std::ofstream(fs::path(dir_) / file, std::ios::binary) << text;
  }
  // Applies `edit` to the line of `file` that starts with `prefix`; returns its line number.
  template <typename Edit>
  int EditLine(const std::string& file, const std::string& prefix, Edit edit) const {
    std::vector<std::string> lines = absl::StrSplit(Read(file), '\n');
    int number = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (absl::StartsWith(lines[i], prefix)) {
        number = static_cast<int>(i) + 1;
        lines[i] = edit(lines[i]);
        break;
      }
    }
    Write(file, absl::StrJoin(lines, "\n"));
    return number;
  }

 private:
  std::string dir_;
};

std::string Field(const std::string& line, int index) {
  std::vector<std::string> fields = absl::StrSplit(line, '\t');
  return fields.at(index);
}
std::string WithField(const std::string& line, int index, const std::string& value) {
  std::vector<std::string> fields = absl::StrSplit(line, '\t');
  fields.at(index) = value;
  return absl::StrJoin(fields, "\t");
}

TEST(EditorScripts, CheckTablesPassesOnTheBundledTables) {
  RunResult r = Script("check-tables", {});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(": OK"));
  if (!InGitCheckout()) GTEST_SKIP() << "not a git checkout: --base not tested";
  r = Script("check-tables", {"--base", "HEAD"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(EditorScripts, CheckTablesNamesFileLineAndRuleOfEachBreak) {
  struct Break {
    const char* file;
    const char* row;  // The row to break, by its ID.
    int field;
    const char* value;
    const char* rule;
  };
  const Break kBreaks[] = {
      {"people_kp.tsv", "person/kp/kim-yo-jong\t", 0, "person/kp/kim-jong-un", "duplicate-id"},
      {"places_kp.tsv", "place/kp/kaesong\t", 2, "개성x", "hangul-script"},
      {"places_kp.tsv", "place/kp/kaesong\t", 6, "place/kp/atlantis", "parent-exists"},
  };
  for (const Break& b : kBreaks) {
    TablesCopy copy;
    const int line = copy.EditLine(b.file, b.row, [&](const std::string& row) {
      return WithField(row, b.field, b.value);
    });
    ASSERT_GT(line, 0) << b.row;
    RunResult r = Script("check-tables", {copy.dir()});
    EXPECT_EQ(r.exit_code, 1) << b.rule;
    EXPECT_THAT(r.err, HasSubstr(absl::StrCat(copy.dir(), "/", b.file, ":", line, ": error [",
                                              b.rule, "]")))
        << r.err;
  }
}

TEST(EditorScripts, CheckTablesBaseRefusesARemovedIdUntilItIsRetired) {
  if (!InGitCheckout()) GTEST_SKIP() << "not a git checkout";
  TablesCopy copy;
  // Remove Kim Yo Jong's row (an ID of HEAD).
  const int line = copy.EditLine("people_kp.tsv", "person/kp/kim-yo-jong\t",
                                 [](const std::string&) { return std::string("# removed"); });
  ASSERT_GT(line, 0);
  RunResult r = Script("check-tables", {"--base", "HEAD", copy.dir()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, MatchesRegex("(.|\n)*HEAD:tables/people_kp.tsv:[0-9]+: error \\[removed-id\\]: "
                                  "id 'person/kp/kim-yo-jong'(.|\n)*"));
  // With a redirect it passes.
  // The retired rows are sorted; a person/ ID comes before every place/ one.
  copy.EditLine("retired.tsv", "id\treplaced_by\t", [](const std::string& header) {
    return absl::StrCat(header, "\nperson/kp/kim-yo-jong\tperson/kp/kim-jong-un\t\ttest");
  });
  r = Script("check-tables", {"--base", "HEAD", copy.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Script("check-tables", {"--base", "no-such-revision", copy.dir()}).exit_code, 2);
}

TEST(EditorScripts, TableDiffShowsWhatAChangeDoesToLookups) {
  if (!InGitCheckout()) GTEST_SKIP() << "not a git checkout";
  TablesCopy copy;
  copy.EditLine("places_kp.tsv", "place/kp/kaesong\t", [](const std::string& row) {
    return WithField(row, 7, absl::StrCat(Field(row, 7), " | Songdo of Koryo"));
  });
  copy.EditLine("people_kp.tsv", "person/kp/kim-yo-jong\t",
                [](const std::string&) { return std::string("# removed"); });
  RunResult r = Script("table-diff", {"--base", "HEAD", "--tables", copy.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("edited   place/kp/kaesong: aliases"));
  EXPECT_THAT(r.out, HasSubstr("removed  person/kp/kim-yo-jong   (ERROR"));
  EXPECT_THAT(r.out, HasSubstr("  Songdo of Koryo\n    before: (no match)\n    after:  place/kp/kaesong"));
}

}  // namespace
}  // namespace irum
