// Resolver: a query string -> scored, explained candidate entities from a Catalog.
//
// The ways to match, in order:
//   1. alias: one of the entity's names (canonical English name, Hangul, Hanja or a listed alias)
//      has the query's normalized key. Scores 0.93-1.0 by the normalization needed (ScoreKeyMatch).
//      A former name of the entity (Masan for Changwon) matches the same way, as method
//      kFormerName, kFormerNamePenalty lower: current names rank first.
//   2. same Hangul: when step 1 found entities, other entities with the same Hangul (homonyms:
//      김정은 the leader and a singer), up to North/South orthography. Score kSameHangulScore.
//   3. qualified: when step 1 found nothing and the query has several words, it is read as a name
//      and the place that contains it, in either order ("Jung-gu, Busan", "부산 중구", "Busan
//      Jung-gu", "Jungang-dong, Jung-gu, Busan"): entities with the name whose ancestors include a
//      place with the rest. Scored as an alias match of the name, with the punctuation step.
//   4. decoded: when nothing matched yet, the query is read as Hangul (hangul::Decoder, as a
//      person's name and as a place's) and entities with those readings match, North/South
//      orthography folded (Ri Sol Ju -> 리설주 = 이설주). Scores 0.5-0.9 (ScoreDecodedMatch).
//      A place reading of several words that names nothing is read as qualified Hangul, as in
//      step 3 ("Pusan Chung-gu" -> 부산 중구). A query in Hanja is read by its characters'
//      Sino-Korean readings instead (金海 -> 김해), method kHanjaReading; in simplified characters
//      (金与正), first in their traditional forms, which may also meet a Hanja name at step 1's
//      Unicode level (FoldForDecoder, text::ToTraditional). A query in Japanese kana or in
//      Cyrillic is read by the syllables its letters spell (キム・ヨジョン, Ким Ё Чжон -> 김여정),
//      method kKanaReading or kCyrillicReading.
//   5. typo: when nothing else matched, names whose key is one edit away from the query's
//      (Kaesnog, Pyongyng), for keys of six letters or more. Score kTypoScore.
// Every candidate says how it matched: the name, the normalizations, the decoded Hangul, the
// containing place the query named. Candidates of equal score come in order of prominence
// (catalog::Catalog::prominence: "Gwangju" lists the metropolitan city before Gwangju-si).
//
//   absl::StatusOr<std::vector<Candidate>> found = Resolve(*catalog, "Kae-song", options, limits);
//   // found->front().entity->id == "place/kp/kaesong", score 0.97, normalizations {kPunctuation}
//
// Thread safety: Resolve is a pure function of its arguments; call it from any thread.
#ifndef IRUM_SERVER_MATCH_RESOLVER_H_
#define IRUM_SERVER_MATCH_RESOLVER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/catalog/catalog.h"
#include "server/catalog/entity.h"
#include "server/hangul/korea.h"
#include "server/text/normalize.h"

namespace irum::match {

// What a query may be. The server sets these from its flags.
struct QueryLimits {
  int max_query_chars = 256;  // Unicode code points, as sent and after normalization (NFKC).
  int max_text_chars = 4096;  // Of a text to romanize (RomanizeText), in code points.
  int64_t max_document_bytes = 1 << 20;  // Of a text to annotate (Annotate), in UTF-8 bytes.
};

// Checks a raw query: well-formed UTF-8, not empty, at most limits.max_query_chars code points both
// as sent and once normalized (its NFKC form, text::Level::kUnicode, and its key: "ⅷ" is one
// character sent and four normalized), and at least one letter or digit. InvalidArgument with a
// message that says which; otherwise the query's key (text::Normalizer::Key), which the check
// computes anyway.
absl::StatusOr<std::string> ValidateQuery(absl::string_view query, const QueryLimits& limits,
                                          const text::Normalizer& normalizer);

// The query as the decoder reads it (hangul::Decoder::Decode): compatibility forms folded
// (text::Level::kUnicode) and simplified Chinese characters in their traditional forms
// (text::ToTraditional: 金与正 -> 金與正). Internal only when ICU's transform cannot be loaded.
absl::StatusOr<std::string> FoldForDecoder(const text::Normalizer& normalizer,
                                           absl::string_view query);

// The Korea of a list of ISO 3166-1 alpha-2 codes (uppercase): kNorth for KP alone, kSouth for
// KR alone, else kUnknown. An entity's countries, or those a Resolve is restricted to (its
// decoded readings then ranked by that Korea's names: hangul::DecodeOptions::korea).
hangul::Korea KoreaOf(const std::vector<std::string>& countries);

struct ResolveOptions {
  // Only entities of these kinds; empty means every kind.
  std::vector<catalog::EntityKind> kinds;
  // Only entities with one of these ISO 3166-1 alpha-2 codes (uppercase); empty means any.
  std::vector<std::string> countries;
  // Only entities inside one of these entities (indexes into the catalog's entities(), see
  // FindWithin): their descendants in the parent hierarchy. Empty means anywhere.
  std::vector<uint32_t> within;
  // At most this many candidates. REQUIRES: > 0.
  int max_results = 10;
  // Only matches by a name the catalog lists (an alias or former name, its Hangul's homonyms, a
  // name and its place): the query is not read by the decoder nor looked up as a typo. For a
  // caller that keeps only alias matches (Annotate's names written with a comma after the
  // surname), which that work never adds to.
  bool listed_names_only = false;
};

// The entities a `within` option names: the entity with that canonical ID (or the successor of
// that retired ID), else every place whose name, alias or former name has the key of `within`
// ("Busan", "부산"). InvalidArgument when `within` is not valid UTF-8 or names nothing.
absl::StatusOr<std::vector<uint32_t>> FindWithin(const catalog::Catalog& catalog,
                                                 absl::string_view within);

// How a candidate matched (kCoreference, kDemonym: Annotate only, a later mention of a surname
// alone, and a word for the people of a place).
enum class MatchMethod : uint8_t {
  kAlias = 1,
  kSameHangul,
  kDecoded,
  kTypo,
  kFormerName,
  kCoreference,
  kDemonym,
  kHanjaReading,  // Step 4 for a query in Hanja: read by its characters (hangul::Decoder).
  kKanaReading,     // Step 4 for a query in Japanese kana: read by the syllables its kana spell.
  kCyrillicReading  // Step 4 for a query in Cyrillic: read by the syllables its letters spell.
};

// How much lower a match through a former name scores than the same match through a current name.
inline constexpr double kFormerNamePenalty = 0.1;

// Score of a match one edit away from a name (catalog::Catalog::LookupTypo).
inline constexpr double kTypoScore = 0.45;

// Score of a homonym found through the Hangul of an alias match.
inline constexpr double kSameHangulScore = 0.9;
// How many readings of a query the decoded match tries, from a lattice of this beam (ToHangul's;
// scripts/bench measures it).
inline constexpr int kDecodedReadings = 8;
inline constexpr int kDecodedBeam = 6;
// How many readings of several words a place query that matched nothing else is read as a name
// and its place ("Pusan Chung-gu" -> 부산 충구, 부산 청구, 부산 중구: the third), likeliest
// first, until one names something.
inline constexpr int kQualifiedReadings = kDecodedReadings;

struct Candidate {
  const catalog::Entity* entity = nullptr;  // Owned by the Catalog; lives as long as it does.
  uint32_t index = 0;                       // entity's position in the Catalog's entities().
  double score = 0;                         // In [0, 1].
  MatchMethod method = MatchMethod::kAlias;
  catalog::AliasRef alias;                  // The name of the entity that matched.
  std::string key;                          // The query's normalized key.
  std::vector<text::Level> normalizations;  // kAlias: what the query needed to meet the name.
  std::string decoded_hangul;               // kSameHangul, kDecoded: the Hangul that matched.
  // When the query named a place containing the entity ("Jung-gu, Busan"): that place.
  const catalog::Entity* qualifier = nullptr;
};

// The entities named by `postings` (the names filed under `key`, which `text` as written has):
// the best match of each entity, in the order of their first posting. Method kAlias
// (kFormerName through a former name, kFormerNamePenalty lower), scored by ScoreKeyMatch of the
// normalizations the text needed to meet the name (text::Normalizer::Explain; not computed for
// the other names of an entity that one name matches letter for letter).
std::vector<Candidate> NameMatches(const catalog::Catalog& catalog,
                                   absl::Span<const catalog::Catalog::Posting> postings,
                                   absl::string_view text, absl::string_view key);

// Score of a decoded match: 0.5 + 0.4 x the reading's likelihood relative to the query's
// likeliest reading (1 for the likeliest), so 0.9 at best: always below an alias match.
double ScoreDecodedMatch(double relative_likelihood);

// Score of a key match: 1.0 when the query is the name as written, minus a penalty for each
// normalization the match needed (Unicode 0.01, case 0.01, diacritics 0.02, punctuation 0.03), so a
// key match scores between 0.93 and 1.0. Later matchers (decoded romanizations, typos) score below.
double ScoreKeyMatch(const std::vector<text::Level>& normalizations);

// Resolves `query` against `catalog`: at most options.max_results candidates, one per entity, best
// first (score descending, then prominence, then ID), each with the best-scoring name of its entity.
// InvalidArgument when ValidateQuery fails. An empty result is not an error.
absl::StatusOr<std::vector<Candidate>> Resolve(const catalog::Catalog& catalog,
                                               absl::string_view query,
                                               const ResolveOptions& options,
                                               const QueryLimits& limits);

}  // namespace irum::match

#endif  // IRUM_SERVER_MATCH_RESOLVER_H_
