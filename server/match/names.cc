#include "server/match/names.h"

#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"

namespace irum::match {
namespace {

// How many readings of each spelling Compare weighs.
constexpr int kCompareReadings = 24;

}  // namespace

absl::StatusOr<std::vector<hangul::DecodedName>> ToHangul(const catalog::Catalog& catalog,
                                                          absl::string_view name,
                                                          hangul::StringKind kind,
                                                          int max_results,
                                                          const QueryLimits& limits) {
  if (absl::StatusOr<std::string> valid = ValidateQuery(name, limits, catalog.normalizer());
      !valid.ok()) {
    return valid.status();
  }
  hangul::DecodeOptions options;
  options.kind = kind;
  options.max_results = max_results;
  return catalog.decoder().Decode(catalog.normalizer().Fold(name, text::Level::kUnicode), options);
}

absl::StatusOr<Comparison> Compare(const catalog::Catalog& catalog, absl::string_view a,
                                   absl::string_view b, hangul::StringKind kind,
                                   const QueryLimits& limits) {
  absl::StatusOr<std::vector<hangul::DecodedName>> readings[2] = {
      ToHangul(catalog, a, kind, kCompareReadings, limits),
      ToHangul(catalog, b, kind, kCompareReadings, limits)};
  for (int i = 0; i < 2; ++i) {
    if (!readings[i].ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(i == 0 ? "a: " : "b: ", readings[i].status().message()));
    }
  }
  // Each spelling's distribution over orthography keys, and the first reading of each key.
  std::map<std::string, double> weight[2];
  std::map<std::string, std::string> first_reading;
  for (int i = 0; i < 2; ++i) {
    for (const hangul::DecodedName& r : *readings[i]) {
      const std::string key = catalog.decoder().OrthographyKey(r.hangul, kind);
      weight[i][key] += r.score;
      if (i == 0) first_reading.emplace(key, r.hangul);
    }
  }
  Comparison out;
  if (!readings[0]->empty()) out.a_hangul = readings[0]->front().hangul;
  if (!readings[1]->empty()) out.b_hangul = readings[1]->front().hangul;
  double best = 0;
  for (const auto& [key, wa] : weight[0]) {
    auto it = weight[1].find(key);
    if (it == weight[1].end()) continue;
    const double shared = std::sqrt(wa * it->second);
    out.score += shared;
    if (shared > best) {
      best = shared;
      out.shared_hangul = first_reading[key];
    }
  }
  out.score = std::min(1.0, out.score);
  out.same = out.score >= catalog.decoder().model().same_name;
  return out;
}

}  // namespace irum::match
