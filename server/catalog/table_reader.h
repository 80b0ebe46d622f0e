// Reads the curated tables (tables/*.tsv) from text into entities, with file:line diagnostics.
//
// The format is documented for editors in tables/README.md: UTF-8, tab-separated, a header line
// that says which table it is (entities, retired IDs, pronunciation exceptions, surnames, syllable
// priors, Hanja readings, place generics, particles, titles, demonyms), `#` comment lines and
// blank lines allowed, one row per line, rows sorted by their first field, list fields separated
// by `|`.
//
// The reader is also the validator editors run (scripts/check-tables): each row is checked on its
// own (field count, ID syntax and its agreement with kind and countries, scripts of the Hangul and
// Hanja fields, aliases, sort order), then the tables together (no ID twice, every parent exists
// and is of a fitting kind, parents form no cycle, retired IDs are not in use and lead to a live
// one). Every problem is a Diagnostic that names the file, the line and the rule broken; errors
// make the tables unusable, warnings do not.
//
// It takes text, not paths: reading files is the caller's business (server/loader), so the same
// code serves the server, the validator and the tests.
//
//   std::vector<TableText> tables = {{"tables/places.tsv", places_text}};
//   ParsedTables parsed = ParseTables(tables, normalizer);
//   for (const Diagnostic& d : parsed.errors) Print(d.ToString());
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
    "id\tkind\thangul\thanja\tname\tcountry\tparent\taliases\tformer\tpopulation\twikidata\t"
    "description";

// The entity header of tables written before parents and history existed (irum 0.1). Still read,
// so that older revisions of the tables can be compared with the current ones (table-diff,
// check-tables --base); its rows have no parent, former names or population.
inline constexpr absl::string_view kLegacyEntityTableHeader =
    "id\tkind\thangul\thanja\tname\tcountry\taliases\twikidata\tdescription";

// The header line of the retired-ID table (tables/retired.tsv): IDs no longer in use, each with
// the ID that replaces it.
inline constexpr absl::string_view kRetiredTableHeader = "id\treplaced_by\tretired\tnote";

// The header line of the pronunciation exception table: words whose pronunciation the rules
// cannot derive, written -> pronounced, both Hangul of equal length (학여울 -> 항녀울).
inline constexpr absl::string_view kPronunciationTableHeader = "written\tpronounced\tnote";

// The header line of the surname table (tables/surnames.tsv).
inline constexpr absl::string_view kSurnameTableHeader = "hangul\tnorth\tspellings\tshare\tnote";

// The header line of the surname spelling counts (tables/surname_spellings.tsv, made by
// scripts/gen-surname-spellings): spellings "Shin 29868 | Sin 4205", most common first.
inline constexpr absl::string_view kSurnameSpellingTableHeader = "hangul\tspellings";

// The header line of the place generic table (tables/place_generics.tsv).
inline constexpr absl::string_view kPlaceGenericTableHeader = "english\thangul\tnote";

// The header line of the demonym table (tables/demonyms.tsv): words for the people of a place
// ("North Korean" -> place/kp/north-korea), which Annotate links on request.
inline constexpr absl::string_view kDemonymTableHeader = "demonym\tid\tnote";

// The header line of the context alias table (tables/context_aliases.tsv): names and aliases of
// entities that are also ordinary words or other things' names (조선 the Joseon dynasty, 경기 a
// match), which Annotate links in running text only where the text supports the entity.
inline constexpr absl::string_view kContextAliasTableHeader = "alias\tnote";

// The header line of the title table (tables/titles.tsv): Korean titles that follow a name
// (김 위원장), by which Annotate links a surname alone.
inline constexpr absl::string_view kTitleTableHeader = "title\tnote";

// The header line of the particle table (tables/particles.tsv): Korean particles and endings that
// follow a name in running text (김여정은, 개성에서), which Annotate links without them.
inline constexpr absl::string_view kParticleTableHeader = "particle\tnote";

// The header line of the Hanja reading table (tables/hanja_readings.tsv, made by
// scripts/gen-hanja-readings from Unicode's Unihan): each Hanja and its Hangul readings.
inline constexpr absl::string_view kHanjaReadingTableHeader = "hanja\treadings";

// The header lines of the name prior tables, made by scripts/gen-priors: syllable counts by
// population and position (tables/syllable_priors.tsv), whole given names
// (tables/given_names.tsv) and the mixture (tables/name_model.tsv).
inline constexpr absl::string_view kSyllablePriorTableHeader =
    "syllable\tmodern1\tmodern2\tolder1\tolder2\tdprk1\tdprk2\tplace";
inline constexpr absl::string_view kGivenNameTableHeader = "given\tmodern\tolder\tdprk";
inline constexpr absl::string_view kNameModelTableHeader = "parameter\tvalue\tnote";
// The header line of the spelling model (tables/spelling_model.tsv, made by
// scripts/fit-name-model): a key slot|jamo|context|letters and a probability per style.
inline constexpr absl::string_view kSpellingModelTableHeader = "key\trr\tmr\tplain\tpassport";
// The syllable prior table of irum 0.1 (one count for all given names), still read so that older
// revisions of the tables can be compared: its counts stand for the older population.
inline constexpr absl::string_view kLegacySyllablePriorTableHeader = "syllable\tgiven\tplace";

enum class Severity : uint8_t {
  kError = 0,    // The tables cannot be served; scripts/check-tables exits 1.
  kWarning = 1,  // Worth a look; does not fail the check.
};

// One problem in a table, at a line (line 0: the file as a whole), and the rule it breaks (a short
// name listed in tables/README.md, e.g. "parent-exists").
struct Diagnostic {
  Diagnostic(SourceLocation location, std::string message, std::string rule = "",
             Severity severity = Severity::kError)
      : location(std::move(location)),
        message(std::move(message)),
        rule(std::move(rule)),
        severity(severity) {}

  SourceLocation location;
  std::string message;
  std::string rule;
  Severity severity = Severity::kError;

  // "tables/places.tsv:12: error [parent-exists]: parent 'place/kr/x' is not an ID in the tables"
  std::string ToString() const;
};

// The text of one table file and the name to report it under.
struct TableText {
  std::string file;
  std::string text;
};

struct ParsedTables {
  std::vector<Entity> entities;    // Every row that had no error of its own, in file order.
  std::vector<RetiredId> retired;  // Likewise, from the retired-ID tables.
  LanguageData language;           // Likewise, from the other tables.
  std::vector<Diagnostic> errors;    // Every error found, in file and line order.
  std::vector<Diagnostic> warnings;  // Every warning, in file and line order.
};

// Parses every table in `tables`; the header line says which kind of table a file is. Rows with
// errors of their own are left out; a file with an unknown header contributes one error and
// nothing else. Errors between rows (a missing parent, a cycle) are reported but leave the rows in.
ParsedTables ParseTables(const std::vector<TableText>& tables, const text::Normalizer& normalizer);

// The IDs of an earlier version of the tables (`base`, e.g. a git revision's files) that `current`
// neither uses nor lists as retired: an ID is never removed without a redirect. One error per such
// ID, at the line of `base` where it was defined (rule "removed-id"). Reads only the first field of
// the rows of `base`'s entity tables, so a base with other problems is still compared.
std::vector<Diagnostic> CheckAgainstBase(const ParsedTables& current,
                                         const std::vector<TableText>& base);

// Summarizes `errors` as one InvalidArgument status (the first few, then how many more), or OK when
// there are none.
absl::Status ErrorsToStatus(const std::vector<Diagnostic>& errors);

}  // namespace irum::catalog

#endif  // IRUM_SERVER_CATALOG_TABLE_READER_H_
