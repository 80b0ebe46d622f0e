#include "tests/fuzz/fuzz_common.h"

#include <cstdio>
#include <cstdlib>

#include "server/loader/table_files.h"
#include "server/text/normalize.h"

namespace irum::fuzz {

const catalog::Catalog& BundledCatalog() { return *BundledCatalogPtr(); }

std::shared_ptr<const catalog::Catalog> BundledCatalogPtr() {
  static const auto* const catalog = [] {
    absl::StatusOr<text::Normalizer> normalizer = text::Normalizer::Create();
    if (!normalizer.ok()) {
      std::fprintf(stderr, "fuzz: %s\n", normalizer.status().ToString().c_str());
      std::abort();
    }
    absl::StatusOr<std::shared_ptr<const catalog::Catalog>> loaded =
        loader::LoadCatalog(IRUM_TABLES_DIR, *normalizer);
    if (!loaded.ok()) {
      std::fprintf(stderr, "fuzz: %s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return new std::shared_ptr<const catalog::Catalog>(*std::move(loaded));
  }();
  return *catalog;
}

std::vector<absl::string_view> Split(absl::string_view input, char separator, size_t max_parts) {
  std::vector<absl::string_view> out;
  while (out.size() + 1 < max_parts) {
    const size_t at = input.find(separator);
    if (at == absl::string_view::npos) break;
    out.push_back(input.substr(0, at));
    input.remove_prefix(at + 1);
  }
  out.push_back(input);
  return out;
}

}  // namespace irum::fuzz
