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
#include "server/catalog/catalog.h"
#include "server/catalog/table_reader.h"
#include "server/text/normalize.h"

namespace irum::loader {

// Reads every `*.tsv` file directly inside `dir`, in name order, each labelled `dir/name`.
// NotFound when `dir` is not a directory; InvalidArgument when it holds no table; Internal naming the
// file when one cannot be read.
absl::StatusOr<std::vector<catalog::TableText>> ReadTableFiles(const std::string& dir);

// Names the contents of `tables`: 16 hex digits of a 64-bit FNV-1a hash over the file names (without
// their directory) and texts. Equal table contents give equal versions on every machine.
std::string TableVersion(const std::vector<catalog::TableText>& tables);

// Reads, parses and compiles the tables in `dir`. On any table error, InvalidArgument whose message
// lists the problems as "file:line: message" lines.
absl::StatusOr<std::shared_ptr<const catalog::Catalog>> LoadCatalog(
    const std::string& dir, const text::Normalizer& normalizer);

}  // namespace irum::loader

#endif  // IRUM_SERVER_LOADER_TABLE_FILES_H_
