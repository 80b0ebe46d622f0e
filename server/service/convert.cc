#include "server/service/convert.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/text/quote.h"

namespace irum::service {
namespace {

namespace v1 = ::irum::v1;

// Entities per linked mention of Annotate: at most.
constexpr int kMaxMentionCandidates = 10;

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

v1::Match::Method ToProto(match::MatchMethod method) {
  switch (method) {
    case match::MatchMethod::kAlias:
      return v1::Match::METHOD_ALIAS;
    case match::MatchMethod::kSameHangul:
      return v1::Match::METHOD_SAME_HANGUL;
    case match::MatchMethod::kDecoded:
      return v1::Match::METHOD_DECODED;
    case match::MatchMethod::kTypo:
      return v1::Match::METHOD_TYPO;
    case match::MatchMethod::kFormerName:
      return v1::Match::METHOD_FORMER_NAME;
    case match::MatchMethod::kCoreference:
      return v1::Match::METHOD_COREFERENCE;
    case match::MatchMethod::kDemonym:
      return v1::Match::METHOD_DEMONYM;
    case match::MatchMethod::kHanjaReading:
      return v1::Match::METHOD_HANJA_READING;
    case match::MatchMethod::kKanaReading:
      return v1::Match::METHOD_KANA_READING;
    case match::MatchMethod::kCyrillicReading:
      return v1::Match::METHOD_CYRILLIC_READING;
  }
  return v1::Match::METHOD_UNSPECIFIED;
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
    case hangul::System::kKatakana: return v1::ROMANIZATION_SYSTEM_KATAKANA;
    case hangul::System::kCyrillic: return v1::ROMANIZATION_SYSTEM_CYRILLIC;
  }
  return v1::ROMANIZATION_SYSTEM_UNSPECIFIED;
}

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
    case v1::ROMANIZATION_SYSTEM_KATAKANA:
      return hangul::System::kKatakana;
    case v1::ROMANIZATION_SYSTEM_CYRILLIC:
      return hangul::System::kCyrillic;
    case v1::ROMANIZATION_SYSTEM_COMMON:
      return SystemChoice();
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown romanization system ", system, " in ", field));
  }
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

template <typename Message>
void AddRomanizations(const catalog::Catalog& catalog, const catalog::Entity& entity,
                      const std::vector<SystemChoice>& systems, Message* out) {
  if (entity.hangul.empty()) return;
  for (const SystemChoice& system : systems) {
    v1::Romanization* r = out->add_romanizations();
    r->set_system(ToProto(system));
    r->set_text(match::RomanizeEntity(catalog, entity, system));
  }
}

// options.kinds: entity kinds, each once (the matcher looks every candidate up in the list).
absl::StatusOr<std::vector<catalog::EntityKind>> KindsFromProto(
    const google::protobuf::RepeatedField<int>& kinds) {
  std::vector<catalog::EntityKind> out;
  for (int kind : kinds) {
    catalog::EntityKind k;
    switch (kind) {
      case v1::ENTITY_KIND_PERSON:
        k = catalog::EntityKind::kPerson;
        break;
      case v1::ENTITY_KIND_PLACE:
        k = catalog::EntityKind::kPlace;
        break;
      case v1::ENTITY_KIND_ORGANIZATION:
        k = catalog::EntityKind::kOrganization;
        break;
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            "unknown kind ", kind, " in options.kinds (expected PERSON, PLACE or ORGANIZATION)"));
    }
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  }
  return out;
}

}  // namespace

absl::StatusOr<int> MaxResults(int requested, const ResultLimits& limits) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_results is ", requested, "; it must not be negative"));
  }
  return requested == 0 ? limits.fallback : std::min(requested, limits.limit);
}

absl::StatusOr<std::vector<SystemChoice>> SystemsFromProto(
    const google::protobuf::RepeatedField<int>& systems, absl::string_view field) {
  std::vector<SystemChoice> out;
  for (int system : systems) {
    if (system == v1::ROMANIZATION_SYSTEM_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat("unknown romanization system 0 in ", field));
    }
    absl::StatusOr<SystemChoice> s = SystemFromProto(system, field);
    if (!s.ok()) return s.status();
    // Each system once: a list with one system many times must not multiply the answer. The list
    // holds at most one entry per system, so the search is short.
    if (std::find(out.begin(), out.end(), *s) == out.end()) out.push_back(*s);
  }
  return out;
}

absl::StatusOr<hangul::Korea> KoreaFromCountry(absl::string_view country, absl::string_view field) {
  const std::string upper = absl::AsciiStrToUpper(country);
  if (upper.empty()) return hangul::Korea::kUnknown;
  if (upper == "KP") return hangul::Korea::kNorth;
  if (upper == "KR") return hangul::Korea::kSouth;
  return absl::InvalidArgumentError(absl::StrCat(
      field, " ", text::Quote(country), " is neither KP (North Korea) nor KR (South Korea)"));
}

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

absl::StatusOr<match::TextRomanization> FromProto(const v1::RomanizeOptions& in) {
  match::TextRomanization out;
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
  out.max_spellings = in.max_spellings() > 0 ? in.max_spellings() : kDefaultSpellings;
  return out;
}

absl::StatusOr<ResolveRequestOptions> FromProto(const v1::ResolveOptions& in,
                                                const catalog::Catalog& catalog,
                                                const ResultLimits& limits) {
  ResolveRequestOptions converted;
  match::ResolveOptions& out = converted.match;
  IRUM_ASSIGN_OR_RETURN(out.kinds, KindsFromProto(in.kinds()));
  std::array<bool, 26 * 26> listed{};
  for (const std::string& country : in.countries()) {
    if (country.size() != 2 || !absl::ascii_isalpha(country[0]) ||
        !absl::ascii_isalpha(country[1])) {
      return absl::InvalidArgumentError(
          absl::StrCat("country ", text::Quote(country),
                       " in options.countries is not an ISO 3166-1 alpha-2 code like KP"));
    }
    // Each country once: the matcher looks every candidate's countries up in the list.
    const std::string upper = absl::AsciiStrToUpper(country);
    const int code = (upper[0] - 'A') * 26 + (upper[1] - 'A');
    if (!listed[code]) out.countries.push_back(upper);
    listed[code] = true;
  }
  absl::StatusOr<int> max_results = MaxResults(in.max_results(), limits);
  if (!max_results.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("options.", max_results.status().message()));
  }
  out.max_results = *max_results;
  absl::StatusOr<std::vector<SystemChoice>> systems =
      SystemsFromProto(in.romanizations(), "options.romanizations");
  if (!systems.ok()) return systems.status();
  converted.show.romanizations = *std::move(systems);
  converted.show.include_hangul = in.include_hangul();
  if (!in.within().empty()) {
    absl::StatusOr<std::vector<uint32_t>> within = match::FindWithin(catalog, in.within());
    if (!within.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("options.", within.status().message()));
    }
    out.within = *std::move(within);
  }
  return converted;
}

void ToProto(const catalog::Catalog& catalog, const match::Candidate& in, const Presentation& show,
             v1::Candidate* out) {
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
  match->set_method(ToProto(in.method));
  match->set_hangul(in.decoded_hangul);
  if (in.qualifier != nullptr) ToProto(*in.qualifier, match->mutable_qualifier());
  AddParents(catalog, in.index, out);
  for (const std::string& country : entity.countries) out->add_countries(country);
  if (show.include_hangul) {
    out->set_hangul(entity.hangul);
    out->set_hanja(entity.hanja);
  }
  AddRomanizations(catalog, entity, show.romanizations, out);
}

void ToProto(const catalog::Catalog& catalog, const catalog::Entity& in,
             const std::vector<SystemChoice>& systems, v1::Entity* out) {
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
  AddRomanizations(catalog, in, systems, out);
}

void ToProto(const match::RomanizedText& in, v1::RomanizeResult* out) {
  out->set_text(in.text);
  out->set_romanized(in.romanized);
  for (const hangul::SpelledName& s : in.spellings) {
    v1::Spelling* spelling = out->add_spellings();
    spelling->set_text(s.latin);
    spelling->set_share(s.share);
  }
  if (in.korea != match::Korea::kUnknown) {
    out->set_country(in.korea == match::Korea::kNorth ? "KP" : "KR");
  }
}

void ToProto(const match::Comparison& in, v1::CompareResult* out) {
  out->set_same(in.same);
  out->set_score(in.score);
  out->set_shared_hangul(in.shared_hangul);
  out->set_a_hangul(in.a_hangul);
  out->set_b_hangul(in.b_hangul);
}

void ToProto(const std::vector<match::NameReading>& readings, const match::Koreanness* korean,
             v1::ToHangulResult* out) {
  for (const match::NameReading& r : readings) {
    v1::HangulCandidate* c = out->add_candidates();
    c->set_hangul(r.decoded.hangul);
    c->set_score(r.decoded.score);
    c->set_surname_last(r.decoded.surname_last);
    if (r.entity != nullptr) c->set_entity_id(r.entity->id);
  }
  if (korean != nullptr) {
    out->set_log_likelihood_per_letter(korean->log_likelihood_per_letter);
    out->set_korean(korean->korean);
    out->set_not_korean(korean->not_korean);
  }
}

absl::StatusOr<match::AnnotateOptions> FromProto(const v1::AnnotateOptions& in) {
  match::AnnotateOptions out;
  IRUM_ASSIGN_OR_RETURN(out.kinds, KindsFromProto(in.kinds()));
  if (!(in.min_score() >= 0 && in.min_score() <= 1)) {  // NaN too.
    return absl::InvalidArgumentError(
        absl::StrCat("options.min_score is ", in.min_score(), "; it must be from 0 to 1"));
  }
  out.min_score = in.min_score();
  out.unknown_names = !in.no_unknown_names();
  out.demonyms = in.demonyms();
  if (in.max_candidates() < 0 || in.max_candidates() > kMaxMentionCandidates) {
    return absl::InvalidArgumentError(absl::StrCat("options.max_candidates is ",
                                                   in.max_candidates(), "; it must be from 0 to ",
                                                   kMaxMentionCandidates));
  }
  out.max_candidates = std::max(1, in.max_candidates());
  return out;
}

void ToProto(const catalog::Catalog& catalog, absl::string_view text, const match::Mention& in,
             v1::Mention* out) {
  // int32: a text is at most QueryLimits::max_document_bytes long, far below 2 GB.
  out->set_begin(static_cast<int32_t>(in.begin));
  out->set_end(static_cast<int32_t>(in.end));
  out->set_begin_char(static_cast<int32_t>(in.cp_begin));
  out->set_end_char(static_cast<int32_t>(in.cp_end));
  out->set_text(std::string(text.substr(in.begin, in.end - in.begin)));
  for (const match::Candidate& c : in.candidates) {
    ToProto(catalog, c, Presentation{/*include_hangul=*/true, {}}, out->add_candidates());
  }
  out->set_hangul(in.hangul);
  out->set_score(in.score);
}

void ToProto(const absl::Status& status, v1::QueryError* out) {
  out->set_code(static_cast<int>(status.code()));
  out->set_message(std::string(status.message()));
}

}  // namespace irum::service
