// A complete tables directory with (almost) no entities, for tests that write their own few: every
// table file irumd requires (loader::kRequiredTables), the language tables as bundled, and the
// tables of entities, retired IDs and demonyms (which name entities) reduced to their header line.
// Header-only; the test defines IRUM_TABLES_DIR.
#ifndef IRUM_TESTS_MINIMAL_TABLES_H_
#define IRUM_TESTS_MINIMAL_TABLES_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace irum::testing {

inline void WriteMinimalTables(const std::string& dir) {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(IRUM_TABLES_DIR)) {
    if (entry.path().extension() != ".tsv") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string header;
    for (size_t at = 0; at < text.size();) {
      size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(at, end - at);
      at = end + 1;
      if (!line.empty() && line[0] != '#') {
        header = line;
        break;
      }
    }
    const bool names_entities = header.rfind("id\t", 0) == 0 || header.rfind("demonym\t", 0) == 0;
    std::ofstream(fs::path(dir) / entry.path().filename(), std::ios::binary)
        << (names_entities ? header + "\n" : text);
  }
}

}  // namespace irum::testing

#endif  // IRUM_TESTS_MINIMAL_TABLES_H_
