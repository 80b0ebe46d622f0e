// Operations on romanized Korean names that need no entity: reading them in Hangul (ToHangul) and
// telling whether two spellings are one name (Compare). Both rest on hangul::Decoder.
//
//   ToHangul(*catalog, "Chung Sung-Jun", StringKind::kPerson, 5, limits);  // 정성준 first
//   Compare(*catalog, "Ri Son Gwon", "Lee Seon-gwon", StringKind::kPerson, limits)->same  // true
//
// Thread safety: pure functions of their arguments.
#ifndef IRUM_SERVER_MATCH_NAMES_H_
#define IRUM_SERVER_MATCH_NAMES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/catalog/catalog.h"
#include "server/hangul/decode.h"
#include "server/match/resolver.h"

namespace irum::match {

// The readings of `name`, best first, at most `max_results` (> 0). InvalidArgument when
// ValidateQuery fails; no readings when the name cannot be read as romanized Korean.
absl::StatusOr<std::vector<hangul::DecodedName>> ToHangul(const catalog::Catalog& catalog,
                                                          absl::string_view name,
                                                          hangul::StringKind kind,
                                                          int max_results,
                                                          const QueryLimits& limits);

struct Comparison {
  // The Bhattacharyya coefficient of the two spellings' reading distributions, after folding
  // North/South orthography (hangul::OrthographyKey): 1 when both have one and the same reading,
  // 0 when they share none.
  double score = 0;
  bool same = false;  // score >= the catalog's threshold (hangul::NameModel::same_name).
  std::string shared_hangul;  // The likeliest shared reading, as the first spelling has it.
  std::string a_hangul;       // Each spelling's likeliest reading ("" when it has none).
  std::string b_hangul;
};

// InvalidArgument naming "a" or "b" when either fails ValidateQuery.
absl::StatusOr<Comparison> Compare(const catalog::Catalog& catalog, absl::string_view a,
                                   absl::string_view b, hangul::StringKind kind,
                                   const QueryLimits& limits);

}  // namespace irum::match

#endif  // IRUM_SERVER_MATCH_NAMES_H_
