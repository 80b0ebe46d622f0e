#include "server/match/names.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/hangul/romanize.h"
#include "server/text/utf8.h"

namespace irum::match {
namespace {

// How many readings of each spelling Compare weighs.
constexpr int kCompareReadings = 24;

// The North's spelling habits for a person's name: the catalog's persons of that Hangul are all
// North Korean; or, when the catalog has none, its surname is in a northern form that South
// Koreans do not write (리, 림, 로; not 류 or 라, which the South's passport counts list).
bool LooksNorthKorean(const catalog::Catalog& catalog, const std::u32string& name) {
  int north = 0, other = 0;
  for (const catalog::Catalog::Posting& posting : catalog.LookupHangul(catalog.decoder().OrthographyKey(
           hangul::ToUtf8(name), hangul::StringKind::kPerson))) {
    const catalog::Entity& entity = catalog.entity(posting.entity);
    if (entity.kind != catalog::EntityKind::kPerson) continue;
    (KoreaOf(entity.countries) == Korea::kNorth ? north : other) += 1;
  }
  if (north + other > 0) return other == 0;
  const hangul::PriorModel& priors = catalog.decoder().priors();
  for (size_t length : {size_t{2}, size_t{1}}) {
    if (name.size() <= length) continue;
    const std::u32string_view form = std::u32string_view(name).substr(0, length);
    const hangul::PriorModel::SurnameForm surname = priors.FormOf(form);
    if (surname == hangul::PriorModel::SurnameForm::kNotListed) continue;
    return surname == hangul::PriorModel::SurnameForm::kNorth &&
           priors.SpellingCounts(form) == nullptr;
  }
  return false;
}

// `text` in the official system of `korea` (Revised Romanization, given names hyphenated; the
// DPRK system without breves), with the other `options` as given.
std::string OfficialSpelling(const catalog::Catalog& catalog, absl::string_view text,
                             hangul::RomanizeOptions options, Korea korea) {
  if (korea == Korea::kNorth) {
    options.system = hangul::System::kDprk;
    options.ascii = true;
  } else {
    options.system = hangul::System::kRr;
    options.hyphenate_given_name = true;
  }
  return catalog.romanizer().Romanize(text, options);
}

// How Korean the name `folded` (as the decoder read it: full-width letters folded) looks, from
// all its readings.
Koreanness HowKorean(const catalog::Catalog& catalog, absl::string_view folded,
                     const std::vector<hangul::DecodedName>& readings) {
  Koreanness out;
  // Latin letters: ASCII and the Latin-1 and Latin Extended-A/B letters (ŏ, ŭ, é).
  int letters = 0;
  bool breve = false;
  bool other_script = false;  // Hangul, Hanja, kana, Cyrillic: letters the model does not cost.
  for (size_t i = 0; i < folded.size();) {
    const char32_t c = text::NextCodePoint(folded, &i);
    if (c < 0x80 ? absl::ascii_isalpha(static_cast<unsigned char>(c))
                 : c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7) {
      ++letters;
    }
    // Past Latin and the combining marks, but not general punctuation, the ideographic space or
    // the katakana middle dot.
    other_script = other_script || (c >= 0x370 && !(c >= 0x2000 && c <= 0x206F) &&
                                     c != 0x3000 && c != 0x30FB);
    // ŏ, ŭ (and the combining breve): McCune-Reischauer's letters, which no other names use.
    breve = breve || c == U'ŏ' || c == U'Ŏ' || c == U'ŭ' || c == U'Ŭ' || c == 0x0306;
  }
  if (letters == 0 || other_script) {  // Not a romanization to judge (or not only one).
    out.korean = 1;
    out.not_korean = false;
    return out;
  }
  if (readings.empty() || readings.front().score <= 0) return out;
  // Each reading's share is its weight over the total: cost + ln share is the same for all,
  // -ln of the total weight.
  const double total_cost = readings.front().cost + std::log(readings.front().score);
  out.log_likelihood_per_letter = -total_cost / letters;
  out.korean = catalog.decoder().KoreanShare(total_cost / letters);
  // A spelling in McCune-Reischauer with breves is Korean by its letters, however rare the model
  // finds that style (0.1% of the training names).
  out.not_korean = out.korean < hangul::Decoder::kNotKoreanBelow && !breve;
  return out;
}

}  // namespace

Spellings CommonSpellings(const catalog::Catalog& catalog, absl::string_view hangul,
                          hangul::StringKind kind, Korea korea, int max_results) {
  Spellings out;
  out.korea = korea;
  // The name's syllables, and the one space that may part surname and given name, without the
  // spaces around them.
  const absl::string_view trimmed = absl::StripAsciiWhitespace(hangul);
  if (korea == Korea::kUnknown) {
    std::u32string syllables;
    for (char32_t c : text::CodePoints(trimmed)) {
      if (c != U' ') syllables.push_back(c);
    }
    out.korea = kind == hangul::StringKind::kPerson && LooksNorthKorean(catalog, syllables)
                    ? Korea::kNorth
                    : Korea::kSouth;
  }
  if (kind == hangul::StringKind::kPerson) {
    hangul::SpelledNameOptions options;
    options.north = out.korea == Korea::kNorth;
    options.max_results = max_results;
    out.spellings = hangul::SpellName(text::CodePoints(trimmed), catalog.decoder().priors(),
                                      catalog.decoder().spelling(), options);
    if (!out.spellings.empty()) return out;
  }
  if (kind != hangul::StringKind::kPerson) {
    // A place of the catalog with this Hangul is spelled as the catalog names it (평양 Pyongyang,
    // 서울 Seoul, 압록강 Yalu River); of homonyms, the most prominent. (Organizations' names are
    // translations, not spellings: 조선중앙통신 is not "Korean Central News Agency".)
    // A place of both Koreas (the Yalu, the DMZ) is either's.
    auto in = [](const catalog::Entity& entity, const char* country) {
      return std::find(entity.countries.begin(), entity.countries.end(), country) !=
             entity.countries.end();
    };
    const catalog::Entity* best = nullptr;
    for (const catalog::Catalog::Posting& posting :
         catalog.LookupHangul(catalog.decoder().OrthographyKey(trimmed, kind))) {
      const catalog::Entity& entity = catalog.entity(posting.entity);
      if (entity.kind != catalog::EntityKind::kPlace) continue;
      if (korea != Korea::kUnknown && !in(entity, korea == Korea::kNorth ? "KP" : "KR")) continue;
      if (best == nullptr ||
          catalog.prominence(posting.entity) < catalog.prominence(catalog.IndexOf(*best))) {
        best = &entity;
      }
    }
    if (best != nullptr) {
      if (korea == Korea::kUnknown) out.korea = in(*best, "KR") ? Korea::kSouth : Korea::kNorth;
      out.spellings.push_back({best->name, 1.0});
      return out;
    }
  }
  hangul::RomanizeOptions options;
  options.kind = kind;
  out.spellings.push_back({OfficialSpelling(catalog, trimmed, options, out.korea), 1.0});
  return out;
}

std::string CommonSpellingOf(const catalog::Catalog& catalog, const catalog::Entity& entity) {
  switch (entity.kind) {
    case catalog::EntityKind::kPlace:
      return entity.name;
    case catalog::EntityKind::kPerson:
      return CommonSpellings(catalog, entity.hangul, hangul::StringKind::kPerson,
                             KoreaOf(entity.countries), 1)
          .spellings.front()
          .latin;
    case catalog::EntityKind::kOrganization:
      return OfficialSpelling(catalog, entity.hangul, EntityRomanizeOptions(entity.kind),
                              KoreaOf(entity.countries));
  }
  return entity.name;
}

hangul::RomanizeOptions EntityRomanizeOptions(catalog::EntityKind kind) {
  hangul::RomanizeOptions options;
  switch (kind) {
    case catalog::EntityKind::kPerson:
      options.kind = hangul::StringKind::kPerson;
      break;
    case catalog::EntityKind::kPlace:
      options.kind = hangul::StringKind::kPlace;
      break;
    case catalog::EntityKind::kOrganization:
      options.kind = hangul::StringKind::kPlace;
      options.hyphenate_units = false;
      break;
  }
  return options;
}

std::string RomanizeEntity(const catalog::Catalog& catalog, const catalog::Entity& entity,
                           std::optional<hangul::System> system) {
  if (entity.hangul.empty()) return "";
  if (!system.has_value()) return CommonSpellingOf(catalog, entity);
  hangul::RomanizeOptions options = EntityRomanizeOptions(entity.kind);
  options.system = *system;
  return catalog.romanizer().Romanize(entity.hangul, options);
}

absl::StatusOr<RomanizedText> RomanizeText(const catalog::Catalog& catalog, absl::string_view text,
                                           const TextRomanization& options,
                                           const QueryLimits& limits) {
  if (absl::Status utf8 = text::ValidateUtf8(text); !utf8.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("text is not valid UTF-8: ", utf8.message()));
  }
  if (const int64_t chars = text::CountCodePoints(text); chars > limits.max_text_chars) {
    return absl::InvalidArgumentError(absl::StrCat("text is ", chars,
                                                   " characters long; the limit is ",
                                                   limits.max_text_chars));
  }
  RomanizedText out;
  out.text = catalog.normalizer().Fold(text, text::Level::kNone);
  if (!options.common) {
    out.romanized = catalog.romanizer().Romanize(out.text, options.rules);
    return out;
  }
  Spellings spelled =
      CommonSpellings(catalog, out.text, options.rules.kind, options.korea, options.max_spellings);
  out.romanized = spelled.spellings.front().latin;
  out.korea = spelled.korea;
  for (hangul::SpelledName& s : spelled.spellings) {
    if (!s.latin.empty()) out.spellings.push_back(std::move(s));  // Not for an empty text.
  }
  return out;
}

absl::StatusOr<std::vector<hangul::DecodedName>> ToHangul(const catalog::Catalog& catalog,
                                                          absl::string_view name,
                                                          hangul::StringKind kind,
                                                          int max_results,
                                                          const QueryLimits& limits,
                                                          Koreanness* korean) {
  return ToHangul(catalog, name, ToHangulOptions(kind, max_results), limits, korean);
}

hangul::DecodeOptions ToHangulOptions(hangul::StringKind kind, int max_results) {
  hangul::DecodeOptions options;
  options.kind = kind;
  options.max_results = max_results;
  options.rare_spellings = true;
  return options;
}

absl::StatusOr<std::vector<hangul::DecodedName>> ToHangul(const catalog::Catalog& catalog,
                                                          absl::string_view name,
                                                          const hangul::DecodeOptions& options,
                                                          const QueryLimits& limits,
                                                          Koreanness* korean) {
  // A name of ASCII letters with a space, a hyphen or a period between them (as Annotate's
  // windows are) is valid as it is, and NFKC leaves it so: it goes to the decoder without the
  // checks' and the fold's copies. Any other text is checked and folded.
  const bool plain = !name.empty() && name.size() <= static_cast<size_t>(limits.max_query_chars) &&
                     absl::ascii_isalpha(static_cast<unsigned char>(name.front())) &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == ' ' ||
                              c == '-' || c == '.';
                     });
  std::string folded;
  if (!plain) {
    if (absl::StatusOr<std::string> valid = ValidateQuery(name, limits, catalog.normalizer());
        !valid.ok()) {
      return valid.status();
    }
    absl::StatusOr<std::string> fold = FoldForDecoder(catalog.normalizer(), name);
    if (!fold.ok()) return fold.status();
    folded = *std::move(fold);
  }
  const absl::string_view text = plain ? name : absl::string_view(folded);
  std::vector<hangul::DecodedName> readings = catalog.decoder().Decode(text, options);
  if (korean != nullptr) *korean = HowKorean(catalog, text, readings);
  return readings;
}

namespace {

// The entity a reading names: the most prominent entity whose Hangul is `hangul` exactly, else
// the most prominent with it as a Hangul alias (원산시 of Wonsan; 이설주, the South's form of
// 리설주), of the decoder's `kind` and of `korea`'s country when known; nullptr when none.
// `*own` tells which.
const catalog::Entity* EntityWithHangul(const catalog::Catalog& catalog, absl::string_view hangul,
                                        hangul::StringKind kind, Korea korea, bool* own) {
  const catalog::Entity* best = nullptr;
  std::pair<bool, uint32_t> best_rank;  // (not its own Hangul, prominence): lower is better.
  for (const catalog::Catalog::Posting& posting :
       catalog.LookupHangul(catalog.decoder().OrthographyKey(hangul, kind))) {
    const catalog::Entity& entity = catalog.entity(posting.entity);
    const std::string* written = posting.alias.kind == catalog::AliasKind::kHangul ? &entity.hangul
                                 : posting.alias.kind == catalog::AliasKind::kAlias
                                     ? &entity.aliases[posting.alias.index]
                                     : nullptr;
    if (written == nullptr || *written != hangul || catalog::HangulKind(entity.kind) != kind) {
      continue;
    }
    if (korea != Korea::kUnknown && KoreaOf(entity.countries) != korea) continue;
    const std::pair<bool, uint32_t> rank = {written != &entity.hangul,
                                            catalog.prominence(posting.entity)};
    if (best == nullptr || rank < best_rank) {
      best = &entity;
      best_rank = rank;
    }
  }
  *own = best != nullptr && !best_rank.first;
  return best;
}

}  // namespace

absl::StatusOr<std::vector<NameReading>> ReadName(const catalog::Catalog& catalog,
                                                  absl::string_view name,
                                                  const hangul::DecodeOptions& options,
                                                  bool use_catalog, const QueryLimits& limits,
                                                  Koreanness* korean) {
  use_catalog = use_catalog && options.kind != hangul::StringKind::kText;
  hangul::DecodeOptions wide = options;
  if (use_catalog) wide.max_results = std::max(options.max_results, kKnownNameReadings);
  absl::StatusOr<std::vector<hangul::DecodedName>> decoded =
      ToHangul(catalog, name, wide, limits, korean);
  if (!decoded.ok()) return decoded.status();
  std::vector<NameReading> out;
  out.reserve(decoded->size());
  for (hangul::DecodedName& d : *decoded) out.push_back({std::move(d), nullptr});
  if (use_catalog) {
    const bool person = options.kind == hangul::StringKind::kPerson;
    // An entity one reading names by its own Hangul is not named by the others through its
    // aliases: 李雪主 reads 리설주 rather than 이설주.
    std::vector<bool> own(out.size());
    for (size_t i = 0; i < out.size(); ++i) {
      bool is_own = false;
      out[i].entity =
          EntityWithHangul(catalog, out[i].decoded.hangul, options.kind, options.korea, &is_own);
      own[i] = is_own;
    }
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i].entity == nullptr || own[i]) continue;
      for (size_t j = 0; j < out.size(); ++j) {
        if (own[j] && out[j].entity == out[i].entity) out[i].entity = nullptr;
      }
    }
    // A person the tables list under the name's key: their Hangul is a reading, unless one is
    // already. (A place's listed name may differ from its Hangul by the unit, Musan for 무산군:
    // places are only weighed.)
    const hangul::DecodedName first =
        out.empty() ? hangul::DecodedName{"", 1.0, 0.0, false} : out.front().decoded;
    for (const catalog::Catalog::Posting& posting :
         person ? catalog.Lookup(catalog.normalizer().Key(name))
                : absl::Span<const catalog::Catalog::Posting>()) {
      const catalog::Entity& entity = catalog.entity(posting.entity);
      if (posting.alias.kind == catalog::AliasKind::kFormer || entity.hangul.empty() ||
          entity.kind != catalog::EntityKind::kPerson ||
          (options.korea != Korea::kUnknown && KoreaOf(entity.countries) != options.korea)) {
        continue;
      }
      if (korean != nullptr) korean->not_korean = false;
      if (std::none_of(out.begin(), out.end(),
                       [&](const NameReading& r) {
                         return r.entity == &entity || r.decoded.hangul == entity.hangul;
                       })) {
        hangul::DecodedName listed = first;
        listed.hangul = entity.hangul;
        listed.surname_last = false;
        out.push_back({std::move(listed), &entity});
      }
    }
    const double odds = catalog.decoder().model().known_name[person ? 0 : 1];
    double found = 0, weighed = 0;
    for (const NameReading& r : out) {
      found += r.decoded.score;
      weighed += r.decoded.score * (r.entity != nullptr ? odds : 1.0);
    }
    const double total = weighed + std::max(0.0, 1.0 - found);
    for (NameReading& r : out) {
      const double w = r.entity != nullptr ? odds : 1.0;
      r.decoded.score = r.decoded.score * w / total;
      r.decoded.cost -= std::log(w);
    }
    std::stable_sort(out.begin(), out.end(), [](const NameReading& a, const NameReading& b) {
      return a.decoded.score > b.decoded.score;
    });
  }
  if (out.size() > static_cast<size_t>(options.max_results)) out.resize(options.max_results);
  return out;
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
