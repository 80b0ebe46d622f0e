// The API's messages (irum.v1) <-> the engine's types: the only code that knows both, so that the
// handlers (irum_service.cc) only take a snapshot, convert, call the engine and convert back.
//
// FromProto checks what only the API can get wrong (enum values outside the proto's, option
// ranges, a `within` that names nothing) and says which field, as InvalidArgument. ToProto writes
// engine values into messages; it cannot fail.
//
//   absl::StatusOr<ResolveRequestOptions> options =
//       FromProto(request.options(), catalog, limits);
//   for (const match::Candidate& c : *found) ToProto(catalog, c, options->show, out->add_candidates());
//
// Thread safety: pure functions of their arguments.
#ifndef IRUM_SERVER_SERVICE_CONVERT_H_
#define IRUM_SERVER_SERVICE_CONVERT_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "irum/v1/irum.pb.h"
#include "server/catalog/catalog.h"
#include "server/hangul/korea.h"
#include "server/hangul/romanize.h"
#include "server/hangul/string_kind.h"
#include "server/match/annotate.h"
#include "server/match/names.h"
#include "server/match/resolver.h"

namespace irum::service {

// How many results a request may ask for: `fallback` when it says 0, at most `limit`.
struct ResultLimits {
  int fallback = 10;
  int limit = 100;
};

// A request's max_results as the server applies it; InvalidArgument for a negative value.
absl::StatusOr<int> MaxResults(int requested, const ResultLimits& limits);

// A romanization system of a request: one of the romanizer's, or (nullopt) the common spellings
// (match::CommonSpellings).
using SystemChoice = std::optional<hangul::System>;

// The systems a Resolve or GetEntity asks its entities to be written in; `field` names the field
// in errors. UNSPECIFIED is refused: a list entry that names no system is a mistake, not a default.
absl::StatusOr<std::vector<SystemChoice>> SystemsFromProto(
    const google::protobuf::RepeatedField<int>& systems, absl::string_view field);

// A StringKind of a request; `unspecified` is what STRING_KIND_UNSPECIFIED means there.
absl::StatusOr<hangul::StringKind> KindFromProto(int kind, hangul::StringKind unspecified);
// A country of a request as a Korea: "KP" kNorth, "KR" kSouth (any case), "" kUnknown; else
// InvalidArgument naming `field`.
absl::StatusOr<hangul::Korea> KoreaFromCountry(absl::string_view country, absl::string_view field);

// RomanizeOptions: the rules' options, or the common spellings' (ROMANIZATION_SYSTEM_COMMON).
absl::StatusOr<match::TextRomanization> FromProto(const irum::v1::RomanizeOptions& in);

// How the candidates of a resolution are shown.
struct Presentation {
  bool include_hangul = false;
  std::vector<SystemChoice> romanizations;
};

// ResolveOptions: what the matcher needs, and how to show what it finds.
struct ResolveRequestOptions {
  match::ResolveOptions match;
  Presentation show;
};

absl::StatusOr<ResolveRequestOptions> FromProto(const irum::v1::ResolveOptions& in,
                                                const catalog::Catalog& catalog,
                                                const ResultLimits& limits);

void ToProto(const catalog::Catalog& catalog, const match::Candidate& in, const Presentation& show,
             irum::v1::Candidate* out);
// The whole entity, with its names in `systems`.
void ToProto(const catalog::Catalog& catalog, const catalog::Entity& in,
             const std::vector<SystemChoice>& systems, irum::v1::Entity* out);
void ToProto(const match::RomanizedText& in, irum::v1::RomanizeResult* out);
void ToProto(const match::Comparison& in, irum::v1::CompareResult* out);
// The readings of one name, and (persons) how Korean it looks.
void ToProto(const std::vector<match::NameReading>& readings, const match::Koreanness* korean,
             irum::v1::ToHangulResult* out);

// AnnotateOptions.
absl::StatusOr<match::AnnotateOptions> FromProto(const irum::v1::AnnotateOptions& in);
// A mention of `text`.
void ToProto(const catalog::Catalog& catalog, absl::string_view text, const match::Mention& in,
             irum::v1::Mention* out);

// A per-item error of a batch or stream (code and message).
void ToProto(const absl::Status& status, irum::v1::QueryError* out);

}  // namespace irum::service

#endif  // IRUM_SERVER_SERVICE_CONVERT_H_
