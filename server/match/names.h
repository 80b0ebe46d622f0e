// Operations on Korean names: reading romanized names in Hangul (ToHangul), telling whether two
// spellings are one name (Compare), both resting on hangul::Decoder; spelling a Hangul name as
// people do (CommonSpellings, hangul::SpellName); writing a text or an entity's name in a system
// (RomanizeText, RomanizeEntity).
//
//   ToHangul(*catalog, "Chung Sung-Jun", StringKind::kPerson, 5, limits);  // 정성준 first
//   Compare(*catalog, "Ri Son Gwon", "Lee Seon-gwon", StringKind::kPerson, limits)->same  // true
//   CommonSpellings(*catalog, "김여정", StringKind::kPerson, Korea::kUnknown, 5)  // Kim Yo Jong
//
// Thread safety: pure functions of their arguments.
#ifndef IRUM_SERVER_MATCH_NAMES_H_
#define IRUM_SERVER_MATCH_NAMES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/catalog/catalog.h"
#include "server/hangul/decode.h"
#include "server/hangul/korea.h"
#include "server/hangul/speller.h"
#include "server/match/resolver.h"

namespace irum::match {

// How Korean a romanized person name looks, from all its readings. A name without Latin letters,
// or with letters of another script (Hangul, Hanja, kana, Cyrillic: Kim 여정), is not judged:
// korean 1, not_korean false.
struct Koreanness {
  // ln P(spelling) under the model, summed over all readings, per Latin letter; 0 when none.
  double log_likelihood_per_letter = 0;
  // hangul::Decoder::KoreanShare of it: about 0.5 for a typical Korean name, near 0 for a name
  // that is not Korean; 0 when there is no reading.
  double korean = 0;
  // korean < hangul::Decoder::kNotKoreanBelow, and no breve (ŏ, ŭ) shows McCune-Reischauer.
  bool not_korean = true;
};

// The readings of `name`, best first, at most `max_results` (> 0). InvalidArgument when
// ValidateQuery fails; no readings when the name cannot be read as romanized Korean. When
// `korean` is not null, also how Korean the name looks (meant for persons).
absl::StatusOr<std::vector<hangul::DecodedName>> ToHangul(const catalog::Catalog& catalog,
                                                          absl::string_view name,
                                                          hangul::StringKind kind,
                                                          int max_results,
                                                          const QueryLimits& limits,
                                                          Koreanness* korean = nullptr);
// The decoder's options of the ToHangul above: `kind`, `max_results`, rare spellings read. Set
// more (korea) and call the ToHangul below.
hangul::DecodeOptions ToHangulOptions(hangul::StringKind kind, int max_results);
// The same with the decoder's options (kind, readings, beam, korea).
absl::StatusOr<std::vector<hangul::DecodedName>> ToHangul(const catalog::Catalog& catalog,
                                                          absl::string_view name,
                                                          const hangul::DecodeOptions& options,
                                                          const QueryLimits& limits,
                                                          Koreanness* korean = nullptr);

// A reading of a name, with the catalog entity whose Hangul it is.
struct NameReading {
  hangul::DecodedName decoded;
  // The most prominent entity of the name's kind (persons; places and organizations) whose Hangul
  // or Hangul alias the reading is, of the country of DecodeOptions::korea when that is known;
  // else nullptr.
  const catalog::Entity* entity = nullptr;
};

// How many readings ReadName weighs, whatever it returns: a catalog name read fifth or eighth
// still has its chance.
inline constexpr int kKnownNameReadings = 8;

// The readings of `name` as the service's ToHangul gives them: ToHangul's, weighed by what the
// catalog knows. A person's name the tables list (a person's name, Hanja or alias, not a former
// name) reads as that person's Hangul too, as likely before the weighing as the decoder's first
// reading, unless a reading already names the person (Syngman Rhee: 이승만, which no spelling
// rule derives). (Places are not: a place's listed name may differ from its Hangul by the unit,
// Musan for 무산군.) Then each reading that is the Hangul, or a Hangul alias, of an entity of the
// name's kind is made likelier by the odds NameModel::known_name (persons: known_name.person;
// places: known_name.place), and the scores renormalized, the readings not found keeping their
// share:
//   score' = score * odds / (sum of score * odds over the readings + 1 - sum of scores)
// with odds 1 for a reading that names no entity. Best first, at most options.max_results.
// Text (StringKind::kText), and any name when `use_catalog` is false, is read by the decoder
// alone (ToHangul; no entity). `korean` as ToHangul's, except that a person's name the tables
// list is never flagged not Korean.
absl::StatusOr<std::vector<NameReading>> ReadName(const catalog::Catalog& catalog,
                                                  absl::string_view name,
                                                  const hangul::DecodeOptions& options,
                                                  bool use_catalog, const QueryLimits& limits,
                                                  Koreanness* korean = nullptr);

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

// Whose spelling habits CommonSpellings follows; kUnknown: decided by the name.
using hangul::Korea;

struct Spellings {
  std::vector<hangul::SpelledName> spellings;  // Best first; never empty.
  Korea korea = Korea::kSouth;                 // Whose habits were followed (never kUnknown).
};

// The spellings people use for the Korean text `hangul` (the `common` romanization; spaces
// around it ignored), at most `max_results` (> 0). Persons: hangul::SpellName (이재명 -> Lee
// Jae-myung, Lee Jae-myeong, ...; North Korean names in the DPRK press style, 김여정 -> Kim Yo
// Jong). With `korea` kUnknown a person is North Korean when the catalog's persons of that Hangul
// are all North Korean, or, the catalog having none, when the surname is in a northern form South
// Koreans do not write (리, 림; not 류, 라: the passport counts list them); else South Korean.
// Places and text: one spelling, share 1: the name of the catalog's place with that Hangul (as
// its name or an alias, North and South orthography alike; of homonyms the most prominent; of
// `korea`'s country when known, a place of both Koreas counting for either): 평양 Pyongyang,
// 서울 Seoul; else, like persons SpellName cannot spell, by the country's official system
// (Revised Romanization; the DPRK system without breves; unknown is South).
// REQUIRES: valid UTF-8.
Spellings CommonSpellings(const catalog::Catalog& catalog, absl::string_view hangul,
                          hangul::StringKind kind, Korea korea, int max_results);

// The common spelling of an entity's name: a place's, its name in the catalog (not a homonym's);
// a person's, the first of CommonSpellings by the habits of the person's country; an
// organization's, its Hangul in its country's official system (its English name is a
// translation, not a spelling).
std::string CommonSpellingOf(const catalog::Catalog& catalog, const catalog::Entity& entity);

// How an entity's Hangul is romanized by the rules: as a person's name, a place's, or an
// organization's (capitalized like a place, but 군 in 조선인민군 is an army, not a county).
hangul::RomanizeOptions EntityRomanizeOptions(catalog::EntityKind kind);

// An entity's name written in `system` (its Hangul by EntityRomanizeOptions), or with nullopt its
// common spelling (CommonSpellingOf). Empty when the entity has no Hangul.
std::string RomanizeEntity(const catalog::Catalog& catalog, const catalog::Entity& entity,
                           std::optional<hangul::System> system);

// How RomanizeText writes a text: by the rules, or (common) as people spell names.
struct TextRomanization {
  hangul::RomanizeOptions rules;  // rules.kind also tells what the text is for `common`.
  bool common = false;            // CommonSpellings in place of rules.system.
  Korea korea = Korea::kUnknown;  // common: whose habits; kUnknown: told by the name.
  int max_spellings = 5;          // common: at most this many spellings. REQUIRES: > 0.
};

struct RomanizedText {
  std::string text;       // The input, NFC.
  std::string romanized;  // By the rules, or the first common spelling.
  std::vector<hangul::SpelledName> spellings;  // common: best first, with their shares.
  Korea korea = Korea::kUnknown;               // common: whose habits were followed.
};

// Writes `text` as `options` say. Text that is not Hangul passes through. InvalidArgument when
// `text` is not valid UTF-8 or is longer than limits.max_text_chars code points.
absl::StatusOr<RomanizedText> RomanizeText(const catalog::Catalog& catalog, absl::string_view text,
                                           const TextRomanization& options,
                                           const QueryLimits& limits);

}  // namespace irum::match

#endif  // IRUM_SERVER_MATCH_NAMES_H_
