// The loader's rules for a tables directory: the full table set, and how much a reload may lose.
#include "server/loader/table_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/temp_dir.h"
#include "server/catalog/table_reader.h"

namespace irum::loader {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;


const std::string kHeader = absl::StrCat(catalog::kEntityTableHeader, "\n");

TEST(TableFiles, RequiredTablesAreTheBundledOnes) {
  std::vector<std::string> bundled;
  for (const auto& entry : fs::directory_iterator(IRUM_TABLES_DIR)) {
    if (entry.path().extension() == ".tsv") bundled.push_back(entry.path().filename().string());
  }
  std::sort(bundled.begin(), bundled.end());
  EXPECT_EQ(std::vector<std::string>(std::begin(kRequiredTables), std::end(kRequiredTables)),
            bundled);
}

TEST(TableFiles, CheckNamesEveryMissingTable) {
  TempDir dir;
  dir.Write("people.tsv", kHeader + "person/kp/x\tperson\t김\t\tKim\tKP\t\t\t\t\t\tA person\n");
  const text::Normalizer normalizer = *text::Normalizer::Create();
  absl::StatusOr<CheckedTables> checked = CheckTables(dir.path(), normalizer);
  ASSERT_TRUE(checked.ok()) << checked.status();
  ASSERT_FALSE(checked->errors.empty());
  EXPECT_EQ(checked->catalog, nullptr);
  const catalog::Diagnostic& d = checked->errors.front();
  EXPECT_EQ(d.rule, "table-set");
  EXPECT_EQ(d.location.file, dir.path());
  EXPECT_THAT(d.message, StartsWith("missing 20 of the 20 tables a tables directory must hold: "
                                    "context_aliases.tsv, demonyms.tsv, "));
  EXPECT_THAT(d.message, HasSubstr("places.tsv, places_kp.tsv, places_kr.tsv"));
  EXPECT_EQ(LoadCatalog(dir.path(), normalizer).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TableFiles, ADirectoryWhereATableShouldBeIsAnError) {
  TempDir dir;
  dir.Write("places.tsv", kHeader);
  fs::create_directory(fs::path(dir.path()) / "people_kr.tsv");
  absl::StatusOr<std::vector<catalog::TableText>> tables = ReadTableFiles(dir.path());
  EXPECT_EQ(tables.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tables.status().message(),
            absl::StrCat("'", dir.path(), "/people_kr.tsv' is a directory where a table file "
                         "should be"));
}

// Catalogs of a few places, to measure what a reload would lose.
std::shared_ptr<const catalog::Catalog> Places(const std::vector<std::string>& ids,
                                               const std::string& retired = "") {
  const text::Normalizer normalizer = *text::Normalizer::Create();
  std::string places = kHeader;
  for (const std::string& id : ids) {
    absl::StrAppend(&places, id, "\tplace\t개성\t\t", id.substr(id.rfind('/') + 1),
                    "\tKP\t\t\t\t\t\tPlace\n");
  }
  std::vector<catalog::TableText> tables = {{"places.tsv", places}};
  if (!retired.empty()) {
    tables.push_back({"retired.tsv", absl::StrCat(catalog::kRetiredTableHeader, "\n", retired)});
  }
  catalog::ParsedTables parsed = catalog::ParseTables(tables, normalizer);
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors[0].ToString();
  return *catalog::Catalog::Build(std::move(parsed.entities), "v", normalizer, {},
                                  std::move(parsed.retired));
}

struct LossCase {
  std::vector<std::string> next;
  std::string retired;
  double max_loss;
  const char* refused;  // Part of the message; null when the reload may go ahead.
};

TEST(TableFiles, AReloadMayLoseAtMostASetShareOfTheEntities) {
  const auto serving =
      Places({"place/kp/a", "place/kp/b", "place/kp/c", "place/kp/d", "place/kp/e"});
  const LossCase kCases[] = {
      {{"place/kp/a", "place/kp/b", "place/kp/c", "place/kp/d", "place/kp/e"}, "", 0, nullptr},
      {{"place/kp/a", "place/kp/b", "place/kp/c", "place/kp/d", "place/kp/e", "place/kp/f"}, "", 0,
       nullptr},  // Growth loses nothing.
      {{"place/kp/a", "place/kp/b", "place/kp/c", "place/kp/d"}, "", 0.05,
       "would lose 1 of the 5 entities served (20.0%: place/kp/e), more than a reload may lose "
       "(5.0%"},
      {{"place/kp/a", "place/kp/b", "place/kp/c", "place/kp/d"}, "", 0.2, nullptr},  // At it.
      {{"place/kp/a"}, "", 0.5, "would lose 4 of the 5 entities served (80.0%: place/kp/b, "},
      {{}, "", 1, nullptr},  // 1 accepts any loss.
      // A retired ID is not lost: it leads to its successor.
      {{"place/kp/a", "place/kp/b", "place/kp/c", "place/kp/d"}, "place/kp/e\tplace/kp/d\t\tmerged\n",
       0, nullptr},
  };
  for (const LossCase& c : kCases) {
    const absl::Status status = CheckReloadLoss(*serving, *Places(c.next, c.retired), c.max_loss);
    if (c.refused == nullptr) {
      EXPECT_TRUE(status.ok()) << status;
    } else {
      EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << c.refused;
      EXPECT_THAT(std::string(status.message()), HasSubstr(c.refused));
    }
  }
}

// The Korean dictionary as hunspell-ko writes it: a count, then `word/FLAGS` lines with Hangul as
// conjoining jamo; the words composed, those with anything but Hangul left out.
TEST(TableFiles, ReadsTheKoreanLexiconComposed) {
  TempDir dir;
  const std::string path = dir.path() + "/ko.dic";
  {
    std::ofstream out(path);
    // 조국/10, 장면 (no flags), 1루/25 (a digit), 감 (a tail jamo: ㄱ ㅏ ㅁ).
    out << "4\n\u110C\u1169\u1100\u116E\u11A8/10\n\u110C\u1161\u11BC\u1106\u1167\u11AB\n"
           "1\u1105\u116E/25\n\u1100\u1161\u11B7/3\n";
  }
  EXPECT_THAT(ReadKoreanLexicon(path), ::testing::ElementsAre("조국", "장면", "감"));
  EXPECT_THAT(ReadKoreanLexicon(dir.path() + "/absent.dic"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace irum::loader
