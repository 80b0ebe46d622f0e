// What the fuzz targets share: the bundled catalog, loaded once per process, and a way to cut one
// input into several.
//
// Each target defines LLVMFuzzerTestOneInput. Built with IRUM_FUZZ (clang), it is a libFuzzer
// binary (scripts/fuzz TARGET [SECONDS]); in the ordinary builds it is linked with replay_main.cc
// and runs every input of its seed folder once, as a ctest (tests/fuzz/seeds/TARGET: the seeds
// and every input that once crashed it).
#ifndef IRUM_TESTS_FUZZ_FUZZ_COMMON_H_
#define IRUM_TESTS_FUZZ_FUZZ_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/catalog/catalog.h"

namespace irum::fuzz {

// The catalog of the bundled tables (IRUM_TABLES_DIR), loaded on first use; aborts when they do
// not load (a broken checkout, not a finding).
const catalog::Catalog& BundledCatalog();
std::shared_ptr<const catalog::Catalog> BundledCatalogPtr();

// The input as text.
inline absl::string_view AsText(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

// The input cut at each byte `separator` (at most `max_parts` parts, the last taking the rest).
std::vector<absl::string_view> Split(absl::string_view input, char separator, size_t max_parts);

}  // namespace irum::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#endif  // IRUM_TESTS_FUZZ_FUZZ_COMMON_H_
