#include "server/loader/table_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/base/status_macros.h"

namespace irum::loader {

namespace fs = std::filesystem;

absl::StatusOr<std::vector<catalog::TableText>> ReadTableFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat("tables directory '", dir, "' does not exist"));
  }
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".tsv" && it->is_regular_file(ec)) paths.push_back(it->path());
  }
  if (ec) {
    return absl::InternalError(absl::StrCat("cannot list '", dir, "': ", ec.message()));
  }
  if (paths.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no *.tsv tables in '", dir, "'"));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<catalog::TableText> tables;
  for (const fs::path& path : paths) {
    const std::string label = (fs::path(dir) / path.filename()).string();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return absl::InternalError(absl::StrCat("cannot read '", label, "': ", std::strerror(errno)));
    }
    tables.push_back({label, text.str()});
  }
  return tables;
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

absl::StatusOr<std::shared_ptr<const catalog::Catalog>> LoadCatalog(
    const std::string& dir, const text::Normalizer& normalizer) {
  IRUM_ASSIGN_OR_RETURN(std::vector<catalog::TableText> tables, ReadTableFiles(dir));
  catalog::ParsedTables parsed = catalog::ParseTables(tables, normalizer);
  IRUM_RETURN_IF_ERROR(catalog::ErrorsToStatus(parsed.errors));
  return catalog::Catalog::Build(std::move(parsed.entities), TableVersion(tables), normalizer,
                                 parsed.language);
}

}  // namespace irum::loader
