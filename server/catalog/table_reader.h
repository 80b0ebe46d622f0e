// Reads the curated tables (tables/*.tsv) from text into entities, with file:line diagnostics.
//
// The format is documented for editors in tables/README.md: UTF-8, tab-separated, a header line
// that says which table it is (entities or pronunciation exceptions), `#` comment lines and blank lines allowed, one entity per row, rows sorted by ID, list fields
// separated by `|`. The reader checks everything that can be checked without the other tables (field
// count, ID syntax and its agreement with kind and countries, scripts of the Hangul and Hanja fields,
// aliases, sort order) and, across files, that no ID is used twice.
//
// It takes text, not paths: reading files is the caller's business (server/loader), so the same
// code serves the server, the validator and the tests.
//
//   std::vector<TableText> tables = {{"tables/places.tsv", places_text}};
//   ParsedTables parsed = ParseTables(tables, normalizer);
//   if (!parsed.errors.empty()) { for (const auto& e : parsed.errors) Print(e.ToString()); }
#ifndef IRUM_SERVER_CATALOG_TABLE_READER_H_
#define IRUM_SERVER_CATALOG_TABLE_READER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/catalog/catalog.h"
#include "server/catalog/entity.h"
#include "server/hangul/decode.h"
#include "server/hangul/romanize.h"
#include "server/text/normalize.h"

namespace irum::catalog {

// The header line every entity table starts with (after comments and blank lines).
inline constexpr absl::string_view kEntityTableHeader =
    "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription";

// The header line of the pronunciation exception table: words whose pronunciation the rules
// cannot derive, written -> pronounced, both Hangul of equal length (학여울 -> 항녀울).
inline constexpr absl::string_view kPronunciationTableHeader = "written\tpronounced\tnote";

// The header line of the surname table (tables/surnames.tsv).
inline constexpr absl::string_view kSurnameTableHeader = "hangul\tnorth\tspellings\tshare\tnote";

// The header line of the place generic table (tables/place_generics.tsv).
inline constexpr absl::string_view kPlaceGenericTableHeader = "english\thangul\tnote";

// The header line of the syllable prior table (tables/syllable_priors.tsv, made by
// scripts/gen-priors).
inline constexpr absl::string_view kSyllablePriorTableHeader = "syllable\tgiven\tplace";

// One problem in a table, at a line (line 0: the file as a whole).
struct Diagnostic {
  SourceLocation location;
  std::string message;

  // "tables/places.tsv:12: message"
  std::string ToString() const;
};

// The text of one table file and the name to report it under.
struct TableText {
  std::string file;
  std::string text;
};

struct ParsedTables {
  std::vector<Entity> entities;  // Every row that had no error, in file order.
  LanguageData language;         // Likewise, from the other tables.
  std::vector<Diagnostic> errors;  // Every problem found, in file and line order.
};

// Parses every table in `tables`; the header line says which kind of table a file is. Rows with
// errors are left out; a file with an unknown header contributes one error and nothing else.
ParsedTables ParseTables(const std::vector<TableText>& tables, const text::Normalizer& normalizer);

// Summarizes `errors` as one InvalidArgument status (the first few, then how many more), or OK when
// there are none.
absl::Status ErrorsToStatus(const std::vector<Diagnostic>& errors);

}  // namespace irum::catalog

#endif  // IRUM_SERVER_CATALOG_TABLE_READER_H_
