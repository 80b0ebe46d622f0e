// The engine under many threads while its catalog is replaced, as in irumd: gRPC's threads answer
// calls on the snapshot they took, and a reload swaps a new one in (base::SnapshotCell), the old
// one being freed by whichever thread lets go of it last. Every answer must be the one the same
// catalog gives on one thread. scripts/test also runs this test under ThreadSanitizer (IRUM_TSAN,
// build-tsan/), where a data race fails it; the gRPC layer cannot be checked so (Debian's gRPC and
// Abseil are not instrumented: see CMakeLists.txt).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/base/snapshot_cell.h"
#include "server/catalog/table_reader.h"
#include "server/loader/table_files.h"
#include "server/match/annotate.h"
#include "server/match/names.h"
#include "server/match/resolver.h"

namespace irum {
namespace {

using Catalog = catalog::Catalog;

// One call of each engine entry point, as text that differs when the answer does.
struct Task {
  std::string name;
  std::function<std::string(const Catalog&)> run;
};

std::string Describe(const absl::StatusOr<std::vector<match::Candidate>>& found) {
  if (!found.ok()) return found.status().ToString();
  std::string out;
  for (const match::Candidate& c : *found) absl::StrAppend(&out, c.entity->id, " ", c.score, "; ");
  return out;
}

std::vector<Task> Tasks() {
  const match::QueryLimits limits;
  std::vector<Task> tasks;
  for (const char* query : {"Kaesong", "Kim Yo Jong", "Gim Yeojeong", "개성", "金與正", "キム・ヨジョン",
                            "Ким Ё Чжон", "Pyeongyang-si", "Chung Sung-Jun"}) {
    tasks.push_back({absl::StrCat("Resolve ", query), [=](const Catalog& catalog) {
                       return Describe(match::Resolve(catalog, query, {}, limits));
                     }});
  }
  tasks.push_back({"Annotate", [=](const Catalog& catalog) {
                     auto found = match::Annotate(
                         catalog,
                         "North Korea blew up the liaison office in Kaesong. Kim Yo Jong said the "
                         "South's vice unification minister, Suh Ho, had failed. Suh said so. "
                         "Chung Sung-Jun / Getty Images. 김여정은 개성에서 말했다.",
                         {}, limits);
                     if (!found.ok()) return found.status().ToString();
                     std::string out;
                     for (const match::Mention& m : *found) {
                       absl::StrAppend(&out, m.begin, "-", m.end, " ",
                                       m.candidates.empty() ? m.hangul : m.candidates[0].entity->id,
                                       "; ");
                     }
                     return out;
                   }});
  tasks.push_back({"ToHangul", [=](const Catalog& catalog) {
                     auto read = match::ToHangul(catalog, "Hwang Pyong So", hangul::StringKind::kPerson,
                                                 5, limits);
                     if (!read.ok()) return read.status().ToString();
                     std::string out;
                     for (const hangul::DecodedName& d : *read) absl::StrAppend(&out, d.hangul, " ", d.score, "; ");
                     return out;
                   }});
  tasks.push_back({"Compare", [=](const Catalog& catalog) {
                     auto compared = match::Compare(catalog, "Kim Jong Un", "Gim Jeong-eun",
                                                    hangul::StringKind::kPerson, limits);
                     if (!compared.ok()) return compared.status().ToString();
                     return absl::StrCat(compared->score, " ", compared->shared_hangul);
                   }});
  tasks.push_back({"RomanizeText", [=](const Catalog& catalog) {
                     match::TextRomanization options;
                     options.common = true;
                     options.rules.kind = hangul::StringKind::kPerson;
                     auto romanized = match::RomanizeText(catalog, "이재명", options, limits);
                     if (!romanized.ok()) return romanized.status().ToString();
                     return romanized->romanized;
                   }});
  return tasks;
}

TEST(Concurrency, ThreadsGetEachCatalogsOwnAnswersWhileItIsReplaced) {
  const text::Normalizer normalizer = *text::Normalizer::Create();
  absl::StatusOr<std::vector<catalog::TableText>> files = loader::ReadTableFiles(IRUM_TABLES_DIR);
  ASSERT_TRUE(files.ok()) << files.status();
  const catalog::ParsedTables parsed = catalog::ParseTables(*files, normalizer);
  ASSERT_TRUE(parsed.errors.empty());
  // Two catalogs that answer differently: the bundled one, and the same without its persons.
  auto build = [&](bool without_persons, const std::string& version) {
    std::vector<catalog::Entity> entities;
    for (const catalog::Entity& e : parsed.entities) {
      if (without_persons && e.kind == catalog::EntityKind::kPerson) continue;
      entities.push_back(e);
    }
    std::vector<catalog::RetiredId> retired;
    for (const catalog::RetiredId& r : parsed.retired) {
      if (!without_persons || !absl::StartsWith(r.replaced_by, "person/")) retired.push_back(r);
    }
    auto built = Catalog::Build(std::move(entities), version, normalizer, parsed.language,
                                std::move(retired));
    EXPECT_TRUE(built.ok()) << built.status();
    return built.ok() ? *built : nullptr;
  };
  std::shared_ptr<const Catalog> full = build(false, "full");
  std::shared_ptr<const Catalog> no_persons = build(true, "without persons");
  ASSERT_NE(full, nullptr);
  ASSERT_NE(no_persons, nullptr);

  const std::vector<Task> tasks = Tasks();
  absl::flat_hash_map<std::string, std::vector<std::string>> expected;  // By catalog version.
  for (const auto& catalog : {full, no_persons}) {
    for (const Task& task : tasks) expected[catalog->version()].push_back(task.run(*catalog));
  }
  int differ = 0;
  for (size_t t = 0; t < tasks.size(); ++t) differ += expected["full"][t] != expected["without persons"][t];
  ASSERT_GT(differ, 0) << "the two catalogs answer alike: the test could not see a mixed answer";

  base::SnapshotCell<const Catalog> cell(full);
  constexpr int kReaders = 4;
  constexpr int kRounds = 3;      // Over every task, by each reader, at least,
  constexpr int kMinSwaps = 50;  // and until the catalog has been replaced this often.
  std::atomic<int> swaps{0};
  std::atomic<int> readers_done{0};
  std::vector<std::vector<std::string>> mismatches(kReaders);
  std::vector<int> versions_seen(kReaders, 0);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      std::string last_version;
      for (int round = 0; round < kRounds || swaps.load() < kMinSwaps; ++round) {
        for (size_t t = 0; t < tasks.size(); ++t) {
          const size_t task = (t + r) % tasks.size();  // Readers start on different tasks.
          const std::shared_ptr<const Catalog> catalog = cell.Get();
          const std::string answer = tasks[task].run(*catalog);
          if (answer != expected.at(catalog->version())[task]) {
            mismatches[r].push_back(absl::StrCat(tasks[task].name, " on ", catalog->version(),
                                                 ": ", answer));
          }
          if (catalog->version() != last_version) ++versions_seen[r];
          last_version = catalog->version();
        }
      }
      readers_done.fetch_add(1);
    });
  }
  // Swap between the two, and once put in a fresh build that the cell and the readers alone own,
  // so that a reader frees it.
  for (int swap = 0; readers_done.load() < kReaders; swaps.store(++swap)) {
    if (swap == 10) {
      cell.Set(build(false, "full"));
    } else {
      cell.Set(swap % 2 ? no_persons : full);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  for (std::thread& t : readers) t.join();
  for (int r = 0; r < kReaders; ++r) {
    EXPECT_TRUE(mismatches[r].empty()) << "reader " << r << ": " << mismatches[r].front();
  }
  int switched = 0;
  for (int seen : versions_seen) switched += seen > 1;
  EXPECT_GT(switched, 0) << "no reader saw the catalog change (" << swaps.load() << " swaps)";
}

}  // namespace
}  // namespace irum
