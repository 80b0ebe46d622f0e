// Reading the curated tables from disk: the thin file-system shell around catalog/table_reader.
//
//   IRUM_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::Catalog> catalog,
//                         LoadCatalog("tables", normalizer));
#ifndef IRUM_SERVER_LOADER_TABLE_FILES_H_
#define IRUM_SERVER_LOADER_TABLE_FILES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/catalog/catalog.h"
#include "server/catalog/table_reader.h"
#include "server/text/normalize.h"

namespace irum::loader {

// The table files every tables directory holds: those of the bundled tables/ (table_files_test
// checks that the two agree). A directory without one of them is refused (CheckTables): tables
// copied or checked out in part would otherwise serve a catalog without its places, or a decoder
// without its model. Other *.tsv files may be added.
inline constexpr const char* kRequiredTables[] = {
    "context_aliases.tsv", "demonyms.tsv",   "given_names.tsv",     "hanja_readings.tsv",
    "name_model.tsv",      "organizations.tsv", "particles.tsv",    "people_kp.tsv",
    "people_kr.tsv",       "place_generics.tsv", "places.tsv",      "places_kp.tsv",
    "places_kr.tsv",       "pronunciation.tsv", "retired.tsv",      "spelling_model.tsv",
    "surname_spellings.tsv", "surnames.tsv",  "syllable_priors.tsv", "titles.tsv",
};

// Reads every `*.tsv` file directly inside `dir`, in name order, each labelled `dir/name`.
// NotFound when `dir` is not a directory; InvalidArgument when it holds no table, or when a
// `*.tsv` entry is not a file (a directory where a table should be), naming it; Internal naming the
// file when one cannot be read.
absl::StatusOr<std::vector<catalog::TableText>> ReadTableFiles(const std::string& dir);

// Where Debian's wamerican package puts its English word list.
inline constexpr char kEnglishLexiconPath[] = "/usr/share/dict/american-english";

// The words of the English word list at `path` (one per line) that it writes in lowercase ASCII
// letters only ("song", "moon"; not "Seoul", "Kim" or "doesn't"): ordinary words. Empty when the
// file does not exist (the lexicon is optional: Annotate then judges unknown names by the decoder
// alone).
std::vector<std::string> ReadEnglishLexicon(const std::string& path = kEnglishLexiconPath);

// Where Debian's hunspell-ko package puts its Korean dictionary.
inline constexpr char kKoreanLexiconPath[] = "/usr/share/hunspell/ko.dic";

// The words of the hunspell dictionary at `path` (a count on the first line, then one `word` or
// `word/FLAGS` a line, Hangul written as conjoining jamo) that are Hangul syllables only, composed
// (NFC): "조국", "장면", and proper nouns too ("평양", "김정은"). Empty when the file does not exist
// (the lexicon is optional: Annotate then links a person's two-syllable name that is also a word
// as it links any name).
std::vector<std::string> ReadKoreanLexicon(const std::string& path = kKoreanLexiconPath);

// Names the contents of `tables`: 16 hex digits of a 64-bit FNV-1a hash over the file names (without
// their directory) and texts. Equal table contents give equal versions on every machine.
std::string TableVersion(const std::vector<catalog::TableText>& tables);

// What reading and validating a tables directory found.
struct CheckedTables {
  std::vector<catalog::Diagnostic> errors;    // In file and line order; empty when servable.
  std::vector<catalog::Diagnostic> warnings;  // In file and line order.
  // The compiled catalog when there is no error, else null.
  std::shared_ptr<const catalog::Catalog> catalog;
  int table_count = 0;
};

// Reads, validates and compiles the tables in `dir` (with ReadEnglishLexicon's and
// ReadKoreanLexicon's words), exactly as
// LoadCatalog does, keeping every problem. A table of kRequiredTables that `dir` lacks is an error
// (rule `table-set`, at `dir`, naming every missing file). When `base_dir` is not empty it holds an
// earlier version of the tables (a git revision checked out by scripts/check-tables --base; it
// may predate a table), and every ID of it that `dir` neither uses nor lists as retired is an
// error too. A non-OK status only when a directory cannot be read (ReadTableFiles).
absl::StatusOr<CheckedTables> CheckTables(const std::string& dir, const text::Normalizer& normalizer,
                                          const std::string& base_dir = "");

// Reads, parses and compiles the tables in `dir`. On any table error, InvalidArgument whose message
// lists the problems as "file:line: error [rule]: message" lines.
absl::StatusOr<std::shared_ptr<const catalog::Catalog>> LoadCatalog(
    const std::string& dir, const text::Normalizer& normalizer);

// Whether a reload may replace the `serving` catalog by `next`: FailedPrecondition when more than
// `max_loss` (a share, from 0 to 1) of the entities of `serving` would be lost, that is have an ID
// that `next` neither uses nor lists as retired; the message counts them, gives their share and
// the first few IDs. A `max_loss` of 1 accepts any loss. Tables that shrink by mistake (a file
// emptied, a sed gone wrong) are refused while the old catalog keeps serving.
absl::Status CheckReloadLoss(const catalog::Catalog& serving, const catalog::Catalog& next,
                             double max_loss);

// Notices when the *.tsv files of a tables directory change, for irumd --watch: by polling their
// names, sizes, inodes and modification times (editors that save by renaming a new file over the
// old one are seen too). Debounced: a change is reported once the files have stayed as they are
// for `quiet`, so that a save in several steps, or a `git checkout` of many files, gives one reload.
//
//   TableWatcher watcher("tables", absl::Milliseconds(500));
//   for (;;) { Sleep(interval); if (watcher.Poll(absl::Now())) Reload(); }
//
// Thread safety: not thread-safe; one thread polls.
class TableWatcher {
 public:
  // Takes the directory's present state as the loaded one.
  TableWatcher(std::string dir, absl::Duration quiet);

  // True when the files differ from the loaded state and have not changed for `quiet` up to
  // `now`; the new state then counts as loaded. A missing or unreadable directory is a state too
  // (its return is a change).
  bool Poll(absl::Time now);

  // Takes the directory's present state as the loaded one (call before a reload made for another
  // reason, e.g. SIGHUP, so that it is not repeated).
  void MarkLoaded();

 private:
  std::string Fingerprint() const;

  std::string dir_;
  absl::Duration quiet_;
  std::string loaded_;
  std::string pending_;
  absl::Time pending_since_;
};

}  // namespace irum::loader

#endif  // IRUM_SERVER_LOADER_TABLE_FILES_H_
