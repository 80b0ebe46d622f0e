#include "server/match/resolver.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace irum::match {
namespace {

bool KindAllowed(const ResolveOptions& options, catalog::EntityKind kind) {
  return options.kinds.empty() ||
         std::find(options.kinds.begin(), options.kinds.end(), kind) != options.kinds.end();
}

bool CountryAllowed(const ResolveOptions& options, const catalog::Entity& entity) {
  if (options.countries.empty()) return true;
  for (const std::string& c : entity.countries) {
    if (std::find(options.countries.begin(), options.countries.end(), c) !=
        options.countries.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::Status ValidateQuery(absl::string_view query, const QueryLimits& limits,
                           const text::Normalizer& normalizer) {
  if (absl::Status utf8 = text::ValidateUtf8(query); !utf8.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("query is not valid UTF-8: ", utf8.message()));
  }
  if (query.empty()) return absl::InvalidArgumentError("query is empty");
  const int64_t chars = text::CountCodePoints(query);
  if (chars > limits.max_query_chars) {
    return absl::InvalidArgumentError(absl::StrCat("query is ", chars, " characters long; the limit is ",
                                                   limits.max_query_chars));
  }
  if (normalizer.Key(query).empty()) {
    return absl::InvalidArgumentError("query has no letter or digit");
  }
  return absl::OkStatus();
}

double ScoreKeyMatch(const std::vector<text::Level>& normalizations) {
  double score = 1.0;
  for (text::Level level : normalizations) {
    switch (level) {
      case text::Level::kNone:
        break;
      case text::Level::kUnicode:
      case text::Level::kCase:
        score -= 0.01;
        break;
      case text::Level::kDiacritics:
        score -= 0.02;
        break;
      case text::Level::kPunctuation:
        score -= 0.03;
        break;
    }
  }
  return score;
}

absl::StatusOr<std::vector<Candidate>> Resolve(const catalog::Catalog& catalog,
                                               absl::string_view query,
                                               const ResolveOptions& options,
                                               const QueryLimits& limits) {
  const text::Normalizer& normalizer = catalog.normalizer();
  if (absl::Status valid = ValidateQuery(query, limits, normalizer); !valid.ok()) return valid;

  std::string key = normalizer.Key(query);
  // Best candidate per entity: an entity may have several names under one key (Kaesong, Kaesŏng).
  absl::flat_hash_map<uint32_t, size_t> slot;
  std::vector<Candidate> found;
  for (const catalog::Catalog::Posting& posting : catalog.Lookup(key)) {
    const catalog::Entity& entity = catalog.entity(posting.entity);
    if (!KindAllowed(options, entity.kind) || !CountryAllowed(options, entity)) continue;
    Candidate candidate;
    candidate.entity = &entity;
    candidate.alias = posting.alias;
    candidate.key = key;
    candidate.normalizations = normalizer.Explain(query, catalog::AliasText(entity, posting.alias));
    candidate.score = ScoreKeyMatch(candidate.normalizations);
    auto [it, inserted] = slot.emplace(posting.entity, found.size());
    if (inserted) {
      found.push_back(std::move(candidate));
    } else if (candidate.score > found[it->second].score) {
      found[it->second] = std::move(candidate);
    }
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.entity->id < b.entity->id;
  });
  if (found.size() > static_cast<size_t>(options.max_results)) found.resize(options.max_results);
  return found;
}

}  // namespace irum::match
