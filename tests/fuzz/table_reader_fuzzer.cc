// The table reader on any bytes, as one table file and as the body of each kind of table (the
// first byte picks a bundled table, whose header line the rest follows): never a crash, every
// problem a diagnostic with a line inside the file.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "server/catalog/table_reader.h"
#include "server/text/normalize.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

// The header lines of the bundled tables (with their comment lines), read once.
const std::vector<std::string>& Headers() {
  static const auto* const headers = [] {
    auto* out = new std::vector<std::string>();
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(IRUM_TABLES_DIR)) {
      if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file);
      std::string header, line;
      while (std::getline(in, line)) {
        header += line + "\n";
        if (!line.empty() && line[0] != '#') break;
      }
      out->push_back(header);
    }
    return out;
  }();
  return *headers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace irum;
  static const text::Normalizer normalizer = *text::Normalizer::Create();
  const absl::string_view input = fuzz::AsText(data, size);
  std::vector<catalog::TableText> tables = {{"fuzz.tsv", std::string(input)}};
  if (!input.empty() && !Headers().empty()) {
    const std::string& header = Headers()[static_cast<uint8_t>(input[0]) % Headers().size()];
    tables.push_back({"fuzz_rows.tsv", header + std::string(input.substr(1))});
  }
  for (const catalog::TableText& table : tables) {
    const catalog::ParsedTables parsed = catalog::ParseTables({table}, normalizer);
    const size_t lines = static_cast<size_t>(std::count(table.text.begin(), table.text.end(), '\n')) + 1;
    for (const auto* list : {&parsed.errors, &parsed.warnings}) {
      for (const catalog::Diagnostic& d : *list) {
        if (d.location.line < 0 || static_cast<size_t>(d.location.line) > lines) {
          std::fprintf(stderr, "table_reader_fuzzer: a diagnostic past the last line: %s\n",
                       d.ToString().c_str());
          std::abort();
        }
      }
    }
  }
  return 0;
}
