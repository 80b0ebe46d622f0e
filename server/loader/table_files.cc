#include "server/loader/table_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "server/base/status_macros.h"
#include "server/text/utf8.h"

namespace irum::loader {

namespace fs = std::filesystem;

namespace {

// The bytes of the file at `path`, read into a string of the file's size (a stream copied into an
// ostringstream would grow its buffer by doubling, then copy it again: three copies of 140 MB of
// tables at a million entities). The error message is strerror's.
absl::StatusOr<std::string> ReadWholeFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::InternalError(std::strerror(errno));
  std::string text;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) text.resize(static_cast<size_t>(st.st_size));
  size_t used = 0;
  for (;;) {
    if (used == text.size()) text.resize(std::max<size_t>(2 * text.size(), 4096));  // Grew.
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return absl::InternalError(std::strerror(error));
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(used);
  return text;
}

}  // namespace

absl::StatusOr<std::vector<catalog::TableText>> ReadTableFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat("tables directory '", dir, "' does not exist"));
  }
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".tsv") continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) {  // Follows symbolic links: a link to a file is a file.
      const bool directory = it->is_directory(type_ec);
      return absl::InvalidArgumentError(
          absl::StrCat("'", (fs::path(dir) / it->path().filename()).string(), "' is ",
                       directory ? "a directory" : "not a file", " where a table file should be"));
    }
    paths.push_back(it->path());
  }
  if (ec) {
    return absl::InternalError(absl::StrCat("cannot list '", dir, "': ", ec.message()));
  }
  if (paths.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no *.tsv tables in '", dir, "'"));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<catalog::TableText> tables;
  tables.reserve(paths.size());
  for (const fs::path& path : paths) {
    std::string label = (fs::path(dir) / path.filename()).string();
    absl::StatusOr<std::string> text = ReadWholeFile(path);
    if (!text.ok()) {
      return absl::InternalError(
          absl::StrCat("cannot read '", label, "': ", text.status().message()));
    }
    tables.push_back({std::move(label), *std::move(text)});
  }
  return tables;
}

std::vector<std::string> ReadEnglishLexicon(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && std::all_of(line.begin(), line.end(), [](char c) {
          return c >= 'a' && c <= 'z';
        })) {
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::vector<std::string> ReadKoreanLexicon(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return out;  // The word count.
  std::string word;
  while (std::getline(in, line)) {
    const absl::string_view text = absl::string_view(line).substr(0, line.find('/'));
    // Compose each lead, vowel and optional tail jamo into its syllable (Unicode's algorithm);
    // anything else (digits, Latin, a malformed byte) leaves the word out.
    word.clear();
    bool hangul = !text.empty();
    auto next = [&](size_t* i) -> char32_t {
      return text::WellFormedLength(text, *i) == 0 ? 0 : text::NextCodePoint(text, i);
    };
    for (size_t i = 0; i < text.size() && hangul;) {
      const char32_t lead = next(&i);
      const char32_t vowel = i < text.size() ? next(&i) : 0;
      hangul = lead >= 0x1100 && lead <= 0x1112 && vowel >= 0x1161 && vowel <= 0x1175;
      char32_t tail = 0;
      if (hangul && i < text.size()) {
        size_t after = i;
        const char32_t c = next(&after);
        if (c >= 0x11A8 && c <= 0x11C2) {
          tail = c - 0x11A7;
          i = after;
        }
      }
      if (hangul) text::AppendUtf8(0xAC00 + ((lead - 0x1100) * 21 + (vowel - 0x1161)) * 28 + tail, &word);
    }
    if (hangul) out.push_back(word);
  }
  return out;
}

std::string TableVersion(const std::vector<catalog::TableText>& tables) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](const std::string& bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0xff;  // Separator, so that ("ab", "c") and ("a", "bc") differ.
    hash *= 0x100000001b3ULL;
  };
  for (const catalog::TableText& table : tables) {
    mix(fs::path(table.file).filename().string());
    mix(table.text);
  }
  return absl::StrFormat("%016x", hash);
}

absl::StatusOr<CheckedTables> CheckTables(const std::string& dir, const text::Normalizer& normalizer,
                                          const std::string& base_dir) {
  IRUM_ASSIGN_OR_RETURN(std::vector<catalog::TableText> tables, ReadTableFiles(dir));
  CheckedTables out;
  out.table_count = static_cast<int>(tables.size());
  catalog::ParsedTables parsed = catalog::ParseTables(tables, normalizer);
  if (!base_dir.empty()) {
    IRUM_ASSIGN_OR_RETURN(std::vector<catalog::TableText> base, ReadTableFiles(base_dir));
    for (catalog::Diagnostic& d : catalog::CheckAgainstBase(parsed, base)) {
      parsed.errors.push_back(std::move(d));
    }
  }
  std::vector<std::string> missing;
  for (const char* name : kRequiredTables) {
    if (std::none_of(tables.begin(), tables.end(), [name](const catalog::TableText& t) {
          return fs::path(t.file).filename() == name;
        })) {
      missing.push_back(name);
    }
  }
  if (!missing.empty()) {
    parsed.errors.insert(
        parsed.errors.begin(),
        catalog::Diagnostic({dir, 0},
                            absl::StrCat("missing ", missing.size(), " of the ",
                                         std::size(kRequiredTables),
                                         " tables a tables directory must hold: ",
                                         absl::StrJoin(missing, ", ")),
                            "table-set"));
  }
  out.errors = std::move(parsed.errors);
  out.warnings = std::move(parsed.warnings);
  if (!out.errors.empty()) return out;
  parsed.language.english_words = ReadEnglishLexicon();
  parsed.language.korean_words = ReadKoreanLexicon();
  std::string version = TableVersion(tables);
  // The texts are parsed: their memory (the size of the files) is not held while the catalog is
  // built, which is when a reload's memory peaks.
  std::vector<catalog::TableText>().swap(tables);
  absl::StatusOr<std::shared_ptr<const catalog::Catalog>> catalog =
      catalog::Catalog::Build(std::move(parsed.entities), std::move(version), normalizer,
                              parsed.language, std::move(parsed.retired));
  if (!catalog.ok()) {
    out.errors.push_back({{dir, 0}, std::string(catalog.status().message()), "catalog"});
    return out;
  }
  out.catalog = *std::move(catalog);
  // Loading freed about as much as the catalog keeps (the texts, the rows' temporaries, the
  // indexes' building space); glibc keeps freed memory for reuse unless told to give it back.
  malloc_trim(0);
  return out;
}

absl::StatusOr<std::shared_ptr<const catalog::Catalog>> LoadCatalog(
    const std::string& dir, const text::Normalizer& normalizer) {
  IRUM_ASSIGN_OR_RETURN(CheckedTables checked, CheckTables(dir, normalizer));
  IRUM_RETURN_IF_ERROR(catalog::ErrorsToStatus(checked.errors));
  return checked.catalog;
}

absl::Status CheckReloadLoss(const catalog::Catalog& serving, const catalog::Catalog& next,
                             double max_loss) {
  constexpr size_t kShown = 5;
  std::vector<absl::string_view> lost;
  size_t lost_count = 0;
  for (const catalog::Entity& entity : serving.entities()) {
    if (next.FindById(entity.id) != nullptr || next.FindRetired(entity.id) != nullptr) continue;
    if (++lost_count <= kShown) lost.push_back(entity.id);
  }
  const size_t total = serving.entities().size();
  if (lost_count == 0 || max_loss >= 1) return absl::OkStatus();
  const double share = static_cast<double>(lost_count) / static_cast<double>(total);
  if (share <= max_loss) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrFormat(
      "the new tables would lose %d of the %d entities served (%.1f%%: %s%s), more than a "
      "reload may lose (%.1f%%, --reload_max_loss)",
      lost_count, total, 100 * share, absl::StrJoin(lost, ", "), lost_count > kShown ? ", ..." : "",
      100 * max_loss));
}

TableWatcher::TableWatcher(std::string dir, absl::Duration quiet)
    : dir_(std::move(dir)), quiet_(quiet), loaded_(Fingerprint()), pending_(loaded_) {}

std::string TableWatcher::Fingerprint() const {
  std::error_code ec;
  std::vector<std::string> entries;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".tsv") continue;
    struct stat st;
    if (::stat(it->path().c_str(), &st) != 0) {
      entries.push_back(absl::StrCat(it->path().filename().string(), " unreadable"));
      continue;
    }
    entries.push_back(absl::StrCat(it->path().filename().string(), " ", st.st_ino, " ", st.st_size,
                                   " ", st.st_mtim.tv_sec, ".", st.st_mtim.tv_nsec));
  }
  if (ec) return absl::StrCat("error ", ec.message());
  std::sort(entries.begin(), entries.end());
  return absl::StrJoin(entries, "\n");
}

bool TableWatcher::Poll(absl::Time now) {
  std::string state = Fingerprint();
  if (state == loaded_) {
    pending_ = std::move(state);
    return false;
  }
  if (state != pending_) {
    pending_ = std::move(state);
    pending_since_ = now;
    return false;
  }
  if (now - pending_since_ < quiet_) return false;
  loaded_ = pending_;
  return true;
}

void TableWatcher::MarkLoaded() {
  loaded_ = Fingerprint();
  pending_ = loaded_;
}

}  // namespace irum::loader
