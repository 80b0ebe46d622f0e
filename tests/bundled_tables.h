// Engine tests that need the fitted models read some of the bundled tables (tables/, as
// IRUM_TABLES_DIR names it) and parse them as irumd would.
#ifndef IRUM_TESTS_BUNDLED_TABLES_H_
#define IRUM_TESTS_BUNDLED_TABLES_H_

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "server/catalog/table_reader.h"
#include "server/text/normalize.h"

namespace irum {

// The text of the tables `files` (names in tables/, e.g. "spelling_model.tsv"), to parse as they
// are or changed.
inline std::vector<catalog::TableText> BundledTableTexts(std::initializer_list<const char*> files) {
  std::vector<catalog::TableText> tables;
  for (const char* file : files) {
    std::ifstream in(std::string(IRUM_TABLES_DIR) + "/" + file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    tables.push_back({file, text.str()});
  }
  return tables;
}

// The tables `files` (names in tables/, e.g. "spelling_model.tsv"), parsed.
inline catalog::ParsedTables ParseBundledTables(std::initializer_list<const char*> files) {
  return catalog::ParseTables(BundledTableTexts(files), *text::Normalizer::Create());
}

}  // namespace irum

#endif  // IRUM_TESTS_BUNDLED_TABLES_H_
