#include "server/service/irum_service.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/base/process.h"
#include "server/match/names.h"
#include "server/service/status.h"

namespace irum::service {
namespace {

namespace v1 = ::irum::v1;

// ToHangul readings per name when the request does not say.
constexpr int kDefaultReadings = 5;
// Common spellings per text (RomanizeOptions.max_spellings): when the request does not say, and
// at most.
constexpr int kDefaultSpellings = 5;
constexpr int kMaxSpellings = 20;

v1::EntityKind ToProto(catalog::EntityKind kind) {
  switch (kind) {
    case catalog::EntityKind::kPerson:
      return v1::ENTITY_KIND_PERSON;
    case catalog::EntityKind::kPlace:
      return v1::ENTITY_KIND_PLACE;
    case catalog::EntityKind::kOrganization:
      return v1::ENTITY_KIND_ORGANIZATION;
  }
  return v1::ENTITY_KIND_UNSPECIFIED;
}

v1::Match::AliasKind ToProto(catalog::AliasKind kind) {
  switch (kind) {
    case catalog::AliasKind::kName:
      return v1::Match::ALIAS_KIND_NAME;
    case catalog::AliasKind::kHangul:
      return v1::Match::ALIAS_KIND_HANGUL;
    case catalog::AliasKind::kHanja:
      return v1::Match::ALIAS_KIND_HANJA;
    case catalog::AliasKind::kAlias:
      return v1::Match::ALIAS_KIND_ALIAS;
    case catalog::AliasKind::kFormer:
      return v1::Match::ALIAS_KIND_FORMER;
  }
  return v1::Match::ALIAS_KIND_UNSPECIFIED;
}

v1::Normalization ToProto(text::Level level) {
  switch (level) {
    case text::Level::kNone:
      break;
    case text::Level::kUnicode:
      return v1::NORMALIZATION_UNICODE;
    case text::Level::kCase:
      return v1::NORMALIZATION_CASE;
    case text::Level::kDiacritics:
      return v1::NORMALIZATION_DIACRITICS;
    case text::Level::kPunctuation:
      return v1::NORMALIZATION_PUNCTUATION;
  }
  return v1::NORMALIZATION_UNSPECIFIED;
}

// A romanization system of a request: one of the romanizer's, or (nullopt) the common spellings
// (match::CommonSpellings).
using SystemChoice = std::optional<hangul::System>;

absl::StatusOr<SystemChoice> SystemFromProto(int system, absl::string_view field) {
  switch (system) {
    case v1::ROMANIZATION_SYSTEM_UNSPECIFIED:
    case v1::ROMANIZATION_SYSTEM_RR:
      return hangul::System::kRr;
    case v1::ROMANIZATION_SYSTEM_RR_TRANSLITERATION:
      return hangul::System::kRrTransliteration;
    case v1::ROMANIZATION_SYSTEM_MCCUNE_REISCHAUER:
      return hangul::System::kMr;
    case v1::ROMANIZATION_SYSTEM_ALA_LC:
      return hangul::System::kAlaLc;
    case v1::ROMANIZATION_SYSTEM_BGN_PCGN:
      return hangul::System::kBgnPcgn;
    case v1::ROMANIZATION_SYSTEM_DPRK:
      return hangul::System::kDprk;
    case v1::ROMANIZATION_SYSTEM_YALE:
      return hangul::System::kYale;
    case v1::ROMANIZATION_SYSTEM_COMMON:
      return SystemChoice();
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown romanization system ", system, " in ", field));
  }
}

// The systems a Resolve or GetEntity asks its entities to be written in. UNSPECIFIED is refused
// here: a list entry that names no system is a mistake, not a default.
absl::StatusOr<std::vector<SystemChoice>> SystemsFromProto(
    const google::protobuf::RepeatedField<int>& systems, absl::string_view field) {
  std::vector<SystemChoice> out;
  for (int system : systems) {
    if (system == v1::ROMANIZATION_SYSTEM_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat("unknown romanization system 0 in ", field));
    }
    absl::StatusOr<SystemChoice> s = SystemFromProto(system, field);
    if (!s.ok()) return s.status();
    out.push_back(*s);
  }
  return out;
}

v1::RomanizationSystem ToProto(SystemChoice choice) {
  if (!choice.has_value()) return v1::ROMANIZATION_SYSTEM_COMMON;
  switch (*choice) {
    case hangul::System::kRr: return v1::ROMANIZATION_SYSTEM_RR;
    case hangul::System::kRrTransliteration: return v1::ROMANIZATION_SYSTEM_RR_TRANSLITERATION;
    case hangul::System::kMr: return v1::ROMANIZATION_SYSTEM_MCCUNE_REISCHAUER;
    case hangul::System::kAlaLc: return v1::ROMANIZATION_SYSTEM_ALA_LC;
    case hangul::System::kBgnPcgn: return v1::ROMANIZATION_SYSTEM_BGN_PCGN;
    case hangul::System::kDprk: return v1::ROMANIZATION_SYSTEM_DPRK;
    case hangul::System::kYale: return v1::ROMANIZATION_SYSTEM_YALE;
  }
  return v1::ROMANIZATION_SYSTEM_UNSPECIFIED;
}

// A StringKind of a request; `unspecified` is what STRING_KIND_UNSPECIFIED means there.
absl::StatusOr<hangul::StringKind> KindFromProto(int kind, hangul::StringKind unspecified) {
  switch (kind) {
    case v1::STRING_KIND_UNSPECIFIED:
      return unspecified;
    case v1::STRING_KIND_TEXT:
      return hangul::StringKind::kText;
    case v1::STRING_KIND_PERSON:
      return hangul::StringKind::kPerson;
    case v1::STRING_KIND_PLACE:
      return hangul::StringKind::kPlace;
    default:
      return absl::InvalidArgumentError(absl::StrCat("unknown string kind ", kind, " in kind"));
  }
}

void SetError(const absl::Status& status, v1::QueryError* error) {
  error->set_code(static_cast<int>(status.code()));
  error->set_message(std::string(status.message()));
}

// RomanizeOptions, converted: the romanizer's options, or the common spellings' when `common`.
struct ConvertedRomanizeOptions {
  hangul::RomanizeOptions rules;
  bool common = false;
  match::Korea korea = match::Korea::kUnknown;
  int max_spellings = kDefaultSpellings;
};

// The Korea a country code names: "KP", "KR" (any case), or "" for unknown.
absl::StatusOr<match::Korea> KoreaFromCountry(absl::string_view country, absl::string_view field) {
  const std::string upper = absl::AsciiStrToUpper(country);
  if (upper.empty()) return match::Korea::kUnknown;
  if (upper == "KP") return match::Korea::kNorth;
  if (upper == "KR") return match::Korea::kSouth;
  return absl::InvalidArgumentError(absl::StrCat(
      field, " '", absl::CHexEscape(country), "' is neither KP (North Korea) nor KR (South Korea)"));
}

absl::StatusOr<ConvertedRomanizeOptions> FromProto(const v1::RomanizeOptions& in) {
  ConvertedRomanizeOptions out;
  absl::StatusOr<SystemChoice> system = SystemFromProto(in.system(), "options.system");
  if (!system.ok()) return system.status();
  out.common = !system->has_value();
  if (system->has_value()) out.rules.system = **system;
  absl::StatusOr<hangul::StringKind> kind = KindFromProto(in.kind(), hangul::StringKind::kText);
  if (!kind.ok()) return kind.status();
  out.rules.kind = *kind;
  out.rules.ascii = in.ascii();
  out.rules.hyphenate_given_name = in.hyphenate_given_name();
  out.rules.hyphenate_units = !in.no_unit_hyphen();
  out.rules.drop_unit_suffix = in.drop_unit_suffix();
  absl::StatusOr<match::Korea> korea = KoreaFromCountry(in.country(), "options.country");
  if (!korea.ok()) return korea.status();
  out.korea = *korea;
  if (in.max_spellings() < 0 || in.max_spellings() > kMaxSpellings) {
    return absl::InvalidArgumentError(absl::StrCat("options.max_spellings is ", in.max_spellings(),
                                                   "; it must be from 0 (default ",
                                                   kDefaultSpellings, ") to ", kMaxSpellings));
  }
  if (in.max_spellings() > 0) out.max_spellings = in.max_spellings();
  return out;
}

// Writes an entity's Hangul in `systems`, by the rules of its kind.
template <typename Message>
void AddRomanizations(const catalog::Catalog& catalog, const catalog::Entity& entity,
                      const std::vector<SystemChoice>& systems, Message* out) {
  if (entity.hangul.empty()) return;
  hangul::RomanizeOptions options;
  switch (entity.kind) {
    case catalog::EntityKind::kPerson:
      options.kind = hangul::StringKind::kPerson;
      break;
    case catalog::EntityKind::kPlace:
      options.kind = hangul::StringKind::kPlace;
      break;
    case catalog::EntityKind::kOrganization:
      // Capitalized like a place, but 군 in 조선인민군 is an army, not a county.
      options.kind = hangul::StringKind::kPlace;
      options.hyphenate_units = false;
      break;
  }
  for (const SystemChoice& system : systems) {
    v1::Romanization* r = out->add_romanizations();
    r->set_system(ToProto(system));
    if (system.has_value()) {
      options.system = *system;
      r->set_text(catalog.romanizer().Romanize(entity.hangul, options));
    } else {
      r->set_text(match::CommonSpellingOf(catalog, entity));
    }
  }
}

// ResolveOptions, converted: what the matcher needs and how to present its candidates.
struct ConvertedOptions {
  match::ResolveOptions match;
  bool include_hangul = false;
  std::vector<SystemChoice> romanizations;
};

// A request's max_results as the server applies it: `fallback` for 0, at most the server's limit;
// InvalidArgument for a negative value.
absl::StatusOr<int> MaxResults(int requested, int fallback, const ServiceOptions& limits) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_results is ", requested, "; it must not be negative"));
  }
  return requested == 0 ? fallback : std::min(requested, limits.max_results_limit);
}

absl::StatusOr<ConvertedOptions> FromProto(const v1::ResolveOptions& in,
                                           const ServiceOptions& limits,
                                           const catalog::Catalog& catalog) {
  ConvertedOptions converted;
  match::ResolveOptions& out = converted.match;
  for (int kind : in.kinds()) {
    switch (kind) {
      case v1::ENTITY_KIND_PERSON:
        out.kinds.push_back(catalog::EntityKind::kPerson);
        break;
      case v1::ENTITY_KIND_PLACE:
        out.kinds.push_back(catalog::EntityKind::kPlace);
        break;
      case v1::ENTITY_KIND_ORGANIZATION:
        out.kinds.push_back(catalog::EntityKind::kOrganization);
        break;
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            "unknown kind ", kind, " in options.kinds (expected PERSON, PLACE or ORGANIZATION)"));
    }
  }
  for (const std::string& country : in.countries()) {
    if (country.size() != 2 || !absl::ascii_isalpha(country[0]) ||
        !absl::ascii_isalpha(country[1])) {
      return absl::InvalidArgumentError(
          absl::StrCat("country '", absl::CHexEscape(country),
                       "' in options.countries is not an ISO 3166-1 alpha-2 code like KP"));
    }
    out.countries.push_back(absl::AsciiStrToUpper(country));
  }
  absl::StatusOr<int> max_results =
      MaxResults(in.max_results(), limits.default_max_results, limits);
  if (!max_results.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("options.", max_results.status().message()));
  }
  out.max_results = *max_results;
  absl::StatusOr<std::vector<SystemChoice>> systems =
      SystemsFromProto(in.romanizations(), "options.romanizations");
  if (!systems.ok()) return systems.status();
  converted.romanizations = *std::move(systems);
  converted.include_hangul = in.include_hangul();
  if (!in.within().empty()) {
    absl::StatusOr<std::vector<uint32_t>> within = match::FindWithin(catalog, in.within());
    if (!within.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("options.", within.status().message()));
    }
    out.within = *std::move(within);
  }
  return converted;
}

void ToProto(const catalog::Entity& in, v1::EntityRef* out) {
  out->set_id(in.id);
  out->set_kind(ToProto(in.kind));
  out->set_name(in.name);
  out->set_hangul(in.hangul);
}

template <typename Message>
void AddParents(const catalog::Catalog& catalog, uint32_t index, Message* out) {
  for (uint32_t a : catalog.Ancestors(index)) ToProto(catalog.entity(a), out->add_parents());
}

void ToProto(const catalog::Catalog& catalog, const match::Candidate& in,
             const ConvertedOptions& options, v1::Candidate* out) {
  const catalog::Entity& entity = *in.entity;
  out->set_id(entity.id);
  out->set_kind(ToProto(entity.kind));
  out->set_display_name(entity.name);
  out->set_score(in.score);
  v1::Match* match = out->mutable_match();
  match->set_alias(std::string(catalog::AliasText(entity, in.alias)));
  match->set_alias_kind(ToProto(in.alias.kind));
  match->set_key(in.key);
  for (text::Level level : in.normalizations) match->add_normalizations(ToProto(level));
  switch (in.method) {
    case match::MatchMethod::kAlias:
      match->set_method(v1::Match::METHOD_ALIAS);
      break;
    case match::MatchMethod::kSameHangul:
      match->set_method(v1::Match::METHOD_SAME_HANGUL);
      break;
    case match::MatchMethod::kDecoded:
      match->set_method(v1::Match::METHOD_DECODED);
      break;
    case match::MatchMethod::kTypo:
      match->set_method(v1::Match::METHOD_TYPO);
      break;
    case match::MatchMethod::kFormerName:
      match->set_method(v1::Match::METHOD_FORMER_NAME);
      break;
  }
  match->set_hangul(in.decoded_hangul);
  if (in.qualifier != nullptr) ToProto(*in.qualifier, match->mutable_qualifier());
  AddParents(catalog, in.index, out);
  for (const std::string& country : entity.countries) out->add_countries(country);
  if (options.include_hangul) {
    out->set_hangul(entity.hangul);
    out->set_hanja(entity.hanja);
  }
  AddRomanizations(catalog, entity, options.romanizations, out);
}

void ToProto(const catalog::Catalog& catalog, const catalog::Entity& in, v1::Entity* out) {
  const uint32_t index = catalog.IndexOf(in);
  AddParents(catalog, index, out);
  out->set_child_count(catalog.child_count(index));
  out->set_descendant_count(catalog.descendant_count(index));
  for (const std::string& former : in.former_names) out->add_former_names(former);
  out->set_population(in.population);
  out->set_id(in.id);
  out->set_kind(ToProto(in.kind));
  out->set_name(in.name);
  out->set_hangul(in.hangul);
  out->set_hanja(in.hanja);
  for (const std::string& country : in.countries) out->add_countries(country);
  for (const std::string& alias : in.aliases) out->add_aliases(alias);
  out->set_wikidata_id(in.wikidata_id);
  out->set_description(in.description);
}

// Finishes a unary call with `status`.
grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context, const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

absl::Status IrumService::CheckBatchSize(int size, absl::string_view what) const {
  if (size <= options_.max_batch_queries) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("request has ", size, " ", what,
                                                 "; the limit is ", options_.max_batch_queries));
}

IrumService::IrumService(ServiceOptions options, std::shared_ptr<const catalog::Catalog> catalog,
                         absl::Duration load_time)
    : options_(std::move(options)) {
  SetCatalog(std::move(catalog), load_time);
}

void IrumService::SetCatalog(std::shared_ptr<const catalog::Catalog> catalog,
                             absl::Duration load_time) {
  auto next =
      std::make_shared<const Snapshot>(Snapshot{std::move(catalog), absl::Now(), load_time});
  absl::MutexLock lock(&mutex_);
  snapshot_ = std::move(next);
}

void IrumService::RecordReload(ReloadReport report) {
  absl::MutexLock lock(&mutex_);
  last_reload_ = std::move(report);
}

std::shared_ptr<const IrumService::Snapshot> IrumService::snapshot() const {
  absl::MutexLock lock(&mutex_);
  return snapshot_;
}

grpc::ServerUnaryReactor* IrumService::Resolve(grpc::CallbackServerContext* context,
                                               const v1::ResolveRequest* request,
                                               v1::ResolveResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  absl::StatusOr<ConvertedOptions> options =
      FromProto(request->options(), options_, *snap->catalog);
  if (!options.ok()) return Finish(context, options.status());
  absl::StatusOr<std::vector<match::Candidate>> found =
      match::Resolve(*snap->catalog, request->query(), options->match, options_.limits);
  if (!found.ok()) return Finish(context, found.status());
  for (const match::Candidate& candidate : *found) {
    ToProto(*snap->catalog, candidate, *options, response->add_candidates());
  }
  response->set_table_version(snap->catalog->version());
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IrumService::BatchResolve(grpc::CallbackServerContext* context,
                                                    const v1::BatchResolveRequest* request,
                                                    v1::BatchResolveResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  if (absl::Status size = CheckBatchSize(request->queries_size(), "queries"); !size.ok()) {
    return Finish(context, size);
  }
  absl::StatusOr<ConvertedOptions> options =
      FromProto(request->options(), options_, *snap->catalog);
  if (!options.ok()) return Finish(context, options.status());
  for (int i = 0; i < request->queries_size(); ++i) {
    const std::string& query = request->queries(i);
    v1::ResolveResult* result = response->add_results();
    result->set_index(i);
    absl::StatusOr<std::vector<match::Candidate>> found =
        match::Resolve(*snap->catalog, query, options->match, options_.limits);
    if (!found.ok()) {
      SetError(found.status(), result->mutable_error());
      continue;
    }
    result->set_query(query);  // Valid UTF-8: Resolve checked it.
    for (const match::Candidate& candidate : *found) {
      ToProto(*snap->catalog, candidate, *options, result->add_candidates());
    }
  }
  response->set_table_version(snap->catalog->version());
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IrumService::GetEntity(grpc::CallbackServerContext* context,
                                                 const v1::GetEntityRequest* request,
                                                 v1::GetEntityResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  const std::string& id = request->id();
  if (id.empty()) return Finish(context, absl::InvalidArgumentError("id is empty"));
  if (absl::Status utf8 = text::ValidateUtf8(id); !utf8.ok()) {
    return Finish(context, absl::InvalidArgumentError(
                               absl::StrCat("id is not valid UTF-8: ", utf8.message())));
  }
  absl::StatusOr<std::vector<SystemChoice>> systems =
      SystemsFromProto(request->romanizations(), "romanizations");
  if (!systems.ok()) return Finish(context, systems.status());
  const catalog::Catalog& catalog = *snap->catalog;
  const catalog::Entity* entity = catalog.FindById(id);
  if (entity == nullptr) {
    if (const catalog::RetiredId* retired = catalog.FindRetired(id)) {
      entity = &catalog.Successor(*retired);
      v1::Redirect* redirect = response->mutable_redirect();
      redirect->set_from_id(retired->id);
      redirect->set_retired(retired->retired);
      redirect->set_note(retired->note);
    }
  }
  if (entity == nullptr) {
    return Finish(context, absl::NotFoundError(absl::StrCat("no entity has id '", id, "'")));
  }
  ToProto(catalog, *entity, response->mutable_entity());
  AddRomanizations(*snap->catalog, *entity, *systems, response->mutable_entity());
  response->set_table_version(snap->catalog->version());
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IrumService::GetInfo(grpc::CallbackServerContext* context,
                                               const v1::GetInfoRequest* request,
                                               v1::GetInfoResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  const catalog::Catalog& catalog = *snap->catalog;
  response->set_table_version(catalog.version());
  response->set_loaded_at(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", snap->loaded_at, absl::UTCTimeZone()));
  response->set_entity_count(static_cast<int64_t>(catalog.entities().size()));
  response->set_alias_count(catalog.key_count());
  response->set_person_count(catalog.CountOfKind(catalog::EntityKind::kPerson));
  response->set_place_count(catalog.CountOfKind(catalog::EntityKind::kPlace));
  response->set_organization_count(catalog.CountOfKind(catalog::EntityKind::kOrganization));
  response->set_server_version(options_.server_version);
  response->set_max_query_chars(options_.limits.max_query_chars);
  response->set_max_batch_queries(options_.max_batch_queries);
  response->set_max_results_limit(options_.max_results_limit);
  response->set_max_text_chars(options_.max_text_chars);
  response->set_pronunciation_exception_count(catalog.pronunciation_count());
  response->set_surname_count(catalog.surname_count());
  response->set_retired_count(catalog.retired_count());
  response->set_load_seconds(absl::ToDoubleSeconds(snap->load_time));
  response->set_resident_bytes(base::ResidentBytes());
  response->set_peak_resident_bytes(base::PeakResidentBytes());
  std::optional<ReloadReport> reload;
  {
    absl::MutexLock lock(&mutex_);
    reload = last_reload_;
  }
  if (reload) {
    v1::ReloadStatus* out = response->mutable_last_reload();
    out->set_at(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", reload->at, absl::UTCTimeZone()));
    out->set_ok(reload->ok);
    out->set_error(reload->error);
    out->set_trigger(reload->trigger);
    out->set_seconds(absl::ToDoubleSeconds(reload->took));
    out->set_table_version(reload->table_version);
  }
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IrumService::Romanize(grpc::CallbackServerContext* context,
                                                const v1::RomanizeRequest* request,
                                                v1::RomanizeResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  if (absl::Status size = CheckBatchSize(request->texts_size(), "texts"); !size.ok()) {
    return Finish(context, size);
  }
  absl::StatusOr<ConvertedRomanizeOptions> options = FromProto(request->options());
  if (!options.ok()) return Finish(context, options.status());
  const catalog::Catalog& catalog = *snap->catalog;
  for (int i = 0; i < request->texts_size(); ++i) {
    const std::string& text = request->texts(i);
    v1::RomanizeResult* result = response->add_results();
    absl::Status valid = text::ValidateUtf8(text);
    if (!valid.ok()) {
      valid = absl::InvalidArgumentError(absl::StrCat("text is not valid UTF-8: ", valid.message()));
    } else if (const int64_t chars = text::CountCodePoints(text); chars > options_.max_text_chars) {
      valid = absl::InvalidArgumentError(absl::StrCat(
          "text is ", chars, " characters long; the limit is ", options_.max_text_chars));
    }
    if (!valid.ok()) {
      SetError(valid, result->mutable_error());
      continue;
    }
    result->set_text(catalog.normalizer().Fold(text, text::Level::kNone));
    if (!options->common) {
      result->set_romanized(catalog.romanizer().Romanize(result->text(), options->rules));
      continue;
    }
    const match::Spellings spelled = match::CommonSpellings(
        catalog, result->text(), options->rules.kind, options->korea, options->max_spellings);
    result->set_romanized(spelled.spellings.front().latin);
    for (const hangul::SpelledName& s : spelled.spellings) {
      if (s.latin.empty()) continue;  // An empty text.
      v1::Spelling* spelling = result->add_spellings();
      spelling->set_text(s.latin);
      spelling->set_share(s.share);
    }
    result->set_country(spelled.korea == match::Korea::kNorth ? "KP" : "KR");
  }
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IrumService::ToHangul(grpc::CallbackServerContext* context,
                                                const v1::ToHangulRequest* request,
                                                v1::ToHangulResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  if (absl::Status size = CheckBatchSize(request->names_size(), "names"); !size.ok()) {
    return Finish(context, size);
  }
  absl::StatusOr<hangul::StringKind> kind =
      KindFromProto(request->kind(), hangul::StringKind::kPerson);
  if (!kind.ok()) return Finish(context, kind.status());
  absl::StatusOr<int> max_results =
      MaxResults(request->max_results(), kDefaultReadings, options_);
  if (!max_results.ok()) return Finish(context, max_results.status());
  for (int i = 0; i < request->names_size(); ++i) {
    v1::ToHangulResult* result = response->add_results();
    result->set_index(i);
    // Persons are judged for how Korean they look; places and text are not.
    const bool person = *kind == hangul::StringKind::kPerson;
    match::Koreanness korean;
    absl::StatusOr<std::vector<hangul::DecodedName>> readings =
        match::ToHangul(*snap->catalog, request->names(i), *kind, *max_results, options_.limits,
                        person ? &korean : nullptr);
    if (!readings.ok()) {
      SetError(readings.status(), result->mutable_error());
      continue;
    }
    result->set_query(request->names(i));
    for (const hangul::DecodedName& r : *readings) {
      v1::HangulCandidate* c = result->add_candidates();
      c->set_hangul(r.hangul);
      c->set_score(r.score);
      c->set_surname_last(r.surname_last);
    }
    if (person) {
      result->set_log_likelihood_per_letter(korean.log_likelihood_per_letter);
      result->set_korean(korean.korean);
      result->set_not_korean(korean.not_korean);
    }
  }
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* IrumService::Compare(grpc::CallbackServerContext* context,
                                               const v1::CompareRequest* request,
                                               v1::CompareResponse* response) {
  std::shared_ptr<const Snapshot> snap = snapshot();
  if (absl::Status size = CheckBatchSize(request->pairs_size(), "pairs"); !size.ok()) {
    return Finish(context, size);
  }
  absl::StatusOr<hangul::StringKind> kind =
      KindFromProto(request->kind(), hangul::StringKind::kPerson);
  if (!kind.ok()) return Finish(context, kind.status());
  response->set_threshold(snap->catalog->decoder().model().same_name);
  for (int i = 0; i < request->pairs_size(); ++i) {
    v1::CompareResult* result = response->add_results();
    result->set_index(i);
    absl::StatusOr<match::Comparison> comparison =
        match::Compare(*snap->catalog, request->pairs(i).a(), request->pairs(i).b(), *kind,
                       options_.limits);
    if (!comparison.ok()) {
      SetError(comparison.status(), result->mutable_error());
      continue;
    }
    result->set_same(comparison->same);
    result->set_score(comparison->score);
    result->set_shared_hangul(comparison->shared_hangul);
    result->set_a_hangul(comparison->a_hangul);
    result->set_b_hangul(comparison->b_hangul);
  }
  return Finish(context, absl::OkStatus());
}

}  // namespace irum::service
