#include "server/match/resolver.h"

#include <algorithm>

#include "server/hangul/decode.h"

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

absl::StatusOr<std::string> ValidateQuery(absl::string_view query, const QueryLimits& limits,
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
  std::string key = normalizer.Key(query);
  if (key.empty()) return absl::InvalidArgumentError("query has no letter or digit");
  return key;
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
  absl::StatusOr<std::string> valid = ValidateQuery(query, limits, normalizer);
  if (!valid.ok()) return valid.status();
  const std::string& key = *valid;

  // Best candidate per entity: an entity may match under several names (Kaesong, Kaesŏng).
  absl::flat_hash_map<uint32_t, size_t> slot;
  std::vector<Candidate> found;
  auto offer = [&](uint32_t index, Candidate candidate) {
    const catalog::Entity& entity = catalog.entity(index);
    if (!KindAllowed(options, entity.kind) || !CountryAllowed(options, entity)) return;
    candidate.entity = &entity;
    auto [it, inserted] = slot.emplace(index, found.size());
    if (inserted) {
      found.push_back(std::move(candidate));
    } else if (candidate.score > found[it->second].score) {
      found[it->second] = std::move(candidate);
    }
  };

  // 1. The query is a name or alias of the entity, up to normalization.
  for (const catalog::Catalog::Posting& posting : catalog.Lookup(key)) {
    Candidate candidate;
    candidate.method = MatchMethod::kAlias;
    candidate.alias = posting.alias;
    candidate.key = key;
    candidate.normalizations =
        normalizer.Explain(query, catalog::AliasText(catalog.entity(posting.entity), posting.alias));
    candidate.score = ScoreKeyMatch(candidate.normalizations);
    offer(posting.entity, std::move(candidate));
  }

  if (!found.empty()) {
    // 2. Homonyms: other entities with the Hangul of one that matched (김정은 the leader and the
    // singer), whether or not they list the spelling.
    const size_t matched = found.size();
    for (size_t i = 0; i < matched; ++i) {
      const catalog::Entity& entity = *found[i].entity;
      if (entity.hangul.empty()) continue;
      for (const catalog::Catalog::Posting& posting : catalog.LookupHangul(
               catalog.decoder().OrthographyKey(entity.hangul, catalog::HangulKind(entity.kind)))) {
        Candidate candidate;
        candidate.method = MatchMethod::kSameHangul;
        candidate.alias = posting.alias;
        candidate.key = key;
        candidate.decoded_hangul = entity.hangul;
        candidate.score = std::min(found[i].score, kSameHangulScore);
        offer(posting.entity, std::move(candidate));
      }
    }
  } else {
    // 3. The query read as Hangul, as a person's name and as a place's.
    std::vector<hangul::StringKind> kinds;
    if (KindAllowed(options, catalog::EntityKind::kPerson)) kinds.push_back(hangul::StringKind::kPerson);
    if (KindAllowed(options, catalog::EntityKind::kPlace) ||
        KindAllowed(options, catalog::EntityKind::kOrganization)) {
      kinds.push_back(hangul::StringKind::kPlace);
    }
    const std::string folded = normalizer.Fold(query, text::Level::kUnicode);
    for (hangul::StringKind kind : kinds) {
      hangul::DecodeOptions decode;
      decode.kind = kind;
      decode.max_results = kDecodedReadings;
      decode.beam = kDecodedBeam;
      std::vector<hangul::DecodedName> readings = catalog.decoder().Decode(folded, decode);
      if (readings.empty()) continue;
      const double best = readings.front().score;
      for (const hangul::DecodedName& reading : readings) {
        for (const catalog::Catalog::Posting& posting :
             catalog.LookupHangul(catalog.decoder().OrthographyKey(reading.hangul, kind))) {
          Candidate candidate;
          candidate.method = MatchMethod::kDecoded;
          candidate.alias = posting.alias;
          candidate.key = key;
          candidate.decoded_hangul = reading.hangul;
          candidate.score = ScoreDecodedMatch(reading.score / best);
          offer(posting.entity, std::move(candidate));
        }
      }
    }
  }

  // 4. Typos: one edit away from a name ("Kaesnog"), when nothing else matched.
  if (found.empty()) {
    for (const catalog::Catalog::Posting& posting : catalog.LookupTypo(key)) {
      Candidate candidate;
      candidate.method = MatchMethod::kTypo;
      candidate.alias = posting.alias;
      candidate.key = key;
      candidate.score = kTypoScore;
      offer(posting.entity, std::move(candidate));
    }
  }

  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.entity->id < b.entity->id;
  });
  if (found.size() > static_cast<size_t>(options.max_results)) found.resize(options.max_results);
  return found;
}

double ScoreDecodedMatch(double relative_likelihood) {
  return 0.5 + 0.4 * std::clamp(relative_likelihood, 0.0, 1.0);
}

}  // namespace irum::match
