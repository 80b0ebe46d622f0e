#include "server/catalog/table_reader.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/hangul/hanja.h"
#include "server/hangul/jamo.h"
#include "server/hangul/spelled_syllables.h"
#include "server/text/utf8.h"

namespace irum::catalog {
namespace {

// The columns of an entity table, in the order of kEntityTableHeader.
enum Field {
  kId,
  kKind,
  kHangul,
  kHanja,
  kName,
  kCountry,
  kParent,
  kAliases,
  kFormer,
  kPopulation,
  kWikidata,
  kDescription,
  kFieldCount
};
constexpr const char* kFieldNames[kFieldCount] = {
    "id",      "kind",    "hangul",     "hanja",    "name",       "country",
    "parent",  "aliases", "former",     "population", "wikidata", "description"};

// Where each Field sits in a row of a table with this header; -1 when the header lacks it.
struct EntityLayout {
  int columns;
  int position[kFieldCount];
};
constexpr EntityLayout kCurrentLayout = {12, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
constexpr EntityLayout kLegacyLayout = {9, {0, 1, 2, 3, 4, 5, -1, 6, -1, -1, 7, 8}};

using hangul::IsHanja;

// True when `s` is words of characters accepted by `is_letter`, separated by single spaces.
template <typename IsLetter>
bool IsSpacedScript(absl::string_view s, IsLetter is_letter) {
  bool after_space = true;  // No leading space.
  for (size_t i = 0; i < s.size();) {
    char32_t c = text::NextCodePoint(s, &i);
    if (c == ' ') {
      if (after_space) return false;
      after_space = true;
    } else if (is_letter(c)) {
      after_space = false;
    } else {
      return false;
    }
  }
  return !after_space || s.empty();
}

// ASCII without apostrophes: a spelling that documents no McCune-Reischauer form (P'aju, Kaesŏng
// may be listed beside Paju, Kaesong; KAESONG and Kae-song may not).
bool IsPlainSpelling(absl::string_view s) {
  return text::IsAscii(s) && s.find('\'') == absl::string_view::npos;
}

// Hangul of a name: syllables and single spaces, and the digits of numbered units (창신제1동), with
// a period between digits (종로1.2.3.4가동).
bool IsHangulName(absl::string_view s) {
  if (s.empty()) return false;
  char32_t prev = ' ';
  for (size_t i = 0; i < s.size();) {
    const char32_t c = text::NextCodePoint(s, &i);
    if (c == '.') {
      const bool digit_follows = i < s.size() && absl::ascii_isdigit(s[i]);
      if (!(prev >= '0' && prev <= '9') || !digit_follows) return false;
    } else if (c == ' ') {
      if (prev == ' ') return false;
    } else if (!hangul::IsSyllable(c) && !(c >= '0' && c <= '9')) {
      return false;
    }
    prev = c;
  }
  return prev != ' ';
}

bool IsSlug(absl::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  char prev = 0;
  for (char c : s) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-')) return false;
    if (c == '-' && prev == '-') return false;
    prev = c;
  }
  return true;
}

// The region segment the ID scheme requires for an entity with these countries.
std::string ExpectedRegion(const std::vector<std::string>& countries) {
  if (countries.size() == 1) return absl::AsciiStrToLower(countries[0]);
  if (countries == std::vector<std::string>{"KP", "KR"}) return "korea";
  return "intl";
}

// Splits a `|`-separated list, trimming spaces around each item. An empty field is an empty list.
std::vector<std::string> SplitList(absl::string_view field) {
  std::vector<std::string> items;
  if (field.empty()) return items;
  items.reserve(static_cast<size_t>(std::count(field.begin(), field.end(), '|')) + 1);
  for (absl::string_view item : absl::StrSplit(field, '|')) {
    items.emplace_back(absl::StripAsciiWhitespace(item));
  }
  return items;
}

class RowParser {
 public:
  RowParser(const text::Normalizer& normalizer, std::vector<Diagnostic>* errors,
            std::vector<Diagnostic>* warnings)
      : normalizer_(normalizer), errors_(errors), warnings_(warnings) {}

  // Parses one data row laid out as `layout`; returns false (after reporting) when the row has any
  // error.
  bool Parse(absl::string_view line, const SourceLocation& where, const EntityLayout& layout,
             Entity* entity) {
    where_ = &where;
    ok_ = true;
    // The fields in place: a row of an entity table is split a million times at a million
    // entities, and a vector per row would be an allocation each.
    absl::string_view fields[kFieldCount];
    const size_t found = 1 + static_cast<size_t>(std::count(line.begin(), line.end(), '\t'));
    if (found != static_cast<size_t>(layout.columns)) {
      Error("field-count", absl::StrCat("expected ", layout.columns,
                                        " tab-separated fields, found ", found));
      return false;
    }
    size_t column = 0;
    for (absl::string_view field : absl::StrSplit(line, '\t')) fields[column++] = field;
    absl::string_view f[kFieldCount];
    for (int i = 0; i < kFieldCount; ++i) {
      if (layout.position[i] < 0) continue;
      f[i] = fields[layout.position[i]];
      if (f[i] != absl::StripAsciiWhitespace(f[i])) {
        Error("field-spaces",
              absl::StrCat("field '", kFieldNames[i], "' has leading or trailing spaces"));
      }
    }
    entity->location = where;
    entity->id = std::string(f[kId]);
    entity->hangul = std::string(f[kHangul]);
    entity->hanja = std::string(f[kHanja]);
    entity->name = std::string(f[kName]);
    entity->parent = std::string(f[kParent]);
    entity->wikidata_id = std::string(f[kWikidata]);
    entity->description = std::string(f[kDescription]);
    entity->countries = SplitList(f[kCountry]);
    entity->aliases = SplitList(f[kAliases]);
    entity->former_names = SplitList(f[kFormer]);

    std::optional<EntityKind> kind = ParseKind(f[kKind]);
    if (!kind) {
      Error("kind", absl::StrCat("unknown kind '", f[kKind],
                                 "' (expected person, place or organization)"));
    } else {
      entity->kind = *kind;
    }
    CheckCountries(entity->countries);
    if (kind) CheckId(*entity);
    CheckNames(*entity);
    if (!entity->wikidata_id.empty() && !IsWikidataId(entity->wikidata_id)) {
      Error("wikidata",
            absl::StrCat("wikidata '", entity->wikidata_id, "' is not a Wikidata item ID like Q423"));
    }
    if (!f[kPopulation].empty() &&
        (!absl::SimpleAtoi(f[kPopulation], &entity->population) || entity->population <= 0 ||
         !std::all_of(f[kPopulation].begin(), f[kPopulation].end(),
                      [](char c) { return absl::ascii_isdigit(c); }))) {
      Error("population", absl::StrCat("population '", f[kPopulation],
                                       "' is not a whole number of people (digits only)"));
    }
    if (!entity->parent.empty() && entity->parent == entity->id) {
      Error("parent-cycle", "an entity cannot be its own parent");
    }
    return ok_;
  }

 private:
  static bool IsWikidataId(absl::string_view s) {
    if (s.size() < 2 || s[0] != 'Q' || s[1] == '0') return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return absl::ascii_isdigit(c); });
  }

  void CheckCountries(const std::vector<std::string>& countries) {
    for (const std::string& c : countries) {
      if (c.size() != 2 || !absl::ascii_isupper(c[0]) || !absl::ascii_isupper(c[1])) {
        Error("country",
              absl::StrCat("country '", c, "' is not an uppercase ISO 3166-1 alpha-2 code like KP"));
      }
    }
    if (!std::is_sorted(countries.begin(), countries.end()) ||
        std::adjacent_find(countries.begin(), countries.end()) != countries.end()) {
      Error("country", "countries must be sorted and listed once each (e.g. KP|KR)");
    }
  }

  void CheckId(const Entity& entity) {
    std::vector<absl::string_view> parts = absl::StrSplit(entity.id, '/');
    const bool slugs = parts.size() >= 3 &&
                       std::all_of(parts.begin() + 1, parts.end(), [](absl::string_view p) {
                         return IsSlug(p);
                       });
    if (!slugs) {
      Error("id-syntax",
            absl::StrCat("id '", entity.id,
                         "' is not of the form kind/region/slug (more /slug segments allowed for "
                         "units under a parent) in lowercase ASCII letters, digits and single "
                         "hyphens (e.g. place/kp/kaesong, place/kr/busan/jung-gu)"));
      return;
    }
    if (parts[0] != KindIdPrefix(entity.kind)) {
      Error("id-kind", absl::StrCat("id '", entity.id, "' starts with '", parts[0], "' but kind is ",
                                    KindName(entity.kind), " (expected '",
                                    KindIdPrefix(entity.kind), "/')"));
    }
    const std::string region = ExpectedRegion(entity.countries);
    if (!entity.countries.empty() && parts[1] != region) {
      Error("id-region", absl::StrCat("id '", entity.id, "' has region '", parts[1],
                                      "' but country '", absl::StrJoin(entity.countries, "|"),
                                      "' requires '", region, "'"));
    }
  }

  void CheckNames(const Entity& entity) {
    if (entity.name.empty()) Error("required", "name is empty");
    if (entity.hangul.empty()) Error("required", "hangul is empty");
    if (entity.countries.empty()) Error("required", "country is empty");
    if (entity.description.empty()) Error("required", "description is empty");
    if (!entity.hangul.empty() && !IsHangulName(entity.hangul)) {
      Error("hangul-script",
            absl::StrCat("hangul '", entity.hangul,
                         "' must be Hangul syllables separated by single spaces (digits allowed "
                         "in numbered units: 창신제1동)"));
    }
    if (!IsSpacedScript(entity.hanja, IsHanja)) {
      Error("hanja-script", absl::StrCat("hanja '", entity.hanja,
                                         "' must be Han characters separated by single spaces"));
    }
    if (!entity.name.empty() && normalizer_.Key(entity.name).empty()) {
      Error("alias", absl::StrCat("name '", entity.name, "' has no letter or digit"));
    }
    // Every name of the entity once; a listed spelling the matcher folds onto another is redundant.
    // (An entity has a handful of names: vectors searched in turn, not a set and a map per row.)
    std::vector<absl::string_view> seen = {entity.name, entity.hangul, entity.hanja};
    std::vector<std::pair<std::string, absl::string_view>> keys;  // Key, the first name with it.
    auto key_of = [&keys](const std::string& key) {
      return std::find_if(keys.begin(), keys.end(), [&key](const auto& k) { return k.first == key; });
    };
    for (const std::string* name : {&entity.name, &entity.hangul}) {
      std::string key = normalizer_.Key(*name);
      if (key_of(key) == keys.end()) keys.emplace_back(std::move(key), *name);
    }
    auto check = [&](const std::string& alias, absl::string_view what) {
      if (alias.empty()) {
        Error("alias", absl::StrCat("empty ", what, " (check for a doubled or trailing '|')"));
        return;
      }
      std::string key = normalizer_.Key(alias);
      if (key.empty()) {
        Error("alias", absl::StrCat(what, " '", alias, "' has no letter or digit"));
      } else if (std::find(seen.begin(), seen.end(), alias) != seen.end()) {
        Error("alias-duplicate",
              absl::StrCat(what, " '", alias, "' is listed twice or repeats the name"));
      } else if (seen.push_back(alias), key_of(key) == keys.end()) {
        keys.emplace_back(std::move(key), alias);
      } else if (const absl::string_view first = key_of(key)->second;
                 IsPlainSpelling(alias) && IsPlainSpelling(first)) {
        Warning("alias-redundant",
                absl::StrCat(what, " '", alias, "' differs from '", first,
                             "' only in case, spaces or punctuation, which the matcher folds: "
                             "remove it"));
      }
    };
    for (const std::string& alias : entity.aliases) check(alias, "alias");
    for (const std::string& former : entity.former_names) check(former, "former name");
  }

  void Error(absl::string_view rule, std::string message) {
    errors_->push_back({*where_, std::move(message), std::string(rule)});
    ok_ = false;
  }
  void Warning(absl::string_view rule, std::string message) {
    warnings_->push_back({*where_, std::move(message), std::string(rule), Severity::kWarning});
  }

  const text::Normalizer& normalizer_;
  std::vector<Diagnostic>* errors_;
  std::vector<Diagnostic>* warnings_;
  const SourceLocation* where_ = nullptr;
  bool ok_ = true;
};

bool IsHangulWord(absl::string_view s) {
  return !s.empty() && IsSpacedScript(s, hangul::IsSyllable) && s.find(' ') == absl::string_view::npos;
}

// Parses one row of a pronunciation table into `*row`; false (after reporting) on error.
bool ParsePronunciation(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                        std::pair<std::string, std::string>* row, std::vector<Diagnostic>* errors) {
  const size_t before = errors->size();
  if (!IsHangulWord(fields[0]) || !IsHangulWord(fields[1])) {
    errors->push_back({where, "written and pronounced must be Hangul words without spaces"});
  } else if (text::CountCodePoints(fields[0]) != text::CountCodePoints(fields[1])) {
    errors->push_back({where, absl::StrCat("'", fields[0], "' and '", fields[1],
                                           "' must have the same number of syllables")});
  } else if (fields[0].size() < 6) {
    errors->push_back({where, absl::StrCat("'", fields[0], "' is one syllable; exceptions are words")});
  }
  *row = {std::string(fields[0]), std::string(fields[1])};
  return errors->size() == before;
}

// Parses one row of the surname table into `*row`; false (after reporting) on error.
bool ParseSurname(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                  hangul::Surname* row, std::vector<Diagnostic>* errors) {
  const size_t before = errors->size();
  row->hangul = std::string(fields[0]);
  row->north = std::string(fields[1]);
  const int64_t syllables = text::CountCodePoints(fields[0]);
  if (!IsHangulWord(fields[0]) || syllables > 2) {
    errors->push_back({where, absl::StrCat("hangul '", fields[0],
                                           "' must be a surname of one or two Hangul syllables")});
  }
  if (!fields[1].empty() && (!IsHangulWord(fields[1]) ||
                             text::CountCodePoints(fields[1]) != syllables)) {
    errors->push_back({where, absl::StrCat("north '", fields[1],
                                           "' must be Hangul of as many syllables as hangul")});
  }
  std::set<std::string> seen;
  for (std::string& spelling : SplitList(fields[2])) {
    if (spelling.empty()) {
      errors->push_back({where, "empty spelling (check for a doubled or trailing '|')"});
    } else if (!seen.insert(spelling).second) {
      errors->push_back({where, absl::StrCat("spelling '", spelling, "' is listed twice")});
    } else {
      row->spellings.push_back(std::move(spelling));
    }
  }
  if (row->spellings.empty() && errors->size() == before) {
    errors->push_back({where, "spellings is empty"});
  }
  if (!fields[3].empty()) {
    if (!absl::SimpleAtod(fields[3], &row->share) || row->share <= 0 || row->share >= 100) {
      errors->push_back({where, absl::StrCat("share '", fields[3],
                                             "' is not a percentage between 0 and 100")});
    }
  }
  return errors->size() == before;
}

// Parses a whole number of occurrences; false when `field` is not one.
bool ParseCount(absl::string_view field, int64_t* out) {
  return absl::SimpleAtoi(field, out) && *out >= 0;
}

// Parses one row of the surname spelling counts into `*row`; false (after reporting) on error.
bool ParseSurnameSpellings(const std::vector<absl::string_view>& fields,
                           const SourceLocation& where, hangul::SurnameSpellingCounts* row,
                           std::vector<Diagnostic>* errors) {
  const size_t before = errors->size();
  row->hangul = std::string(fields[0]);
  if (!IsHangulWord(fields[0]) || text::CountCodePoints(fields[0]) > 2) {
    errors->push_back({where, absl::StrCat("hangul '", fields[0],
                                           "' must be a surname of one or two Hangul syllables")});
  }
  std::set<std::string> seen;
  for (const std::string& item : SplitList(fields[1])) {
    const std::vector<absl::string_view> parts = absl::StrSplit(item, ' ');
    int64_t count = 0;
    const bool letters = parts.size() == 2 && !parts[0].empty() &&
                         std::all_of(parts[0].begin(), parts[0].end(),
                                     [](char c) { return absl::ascii_isalpha(c); });
    if (!letters || !ParseCount(parts[1], &count) || count == 0) {
      errors->push_back({where, absl::StrCat("'", item,
                                             "' is not a spelling in letters and a count from 1")});
    } else if (!seen.insert(std::string(parts[0])).second) {
      errors->push_back({where, absl::StrCat("spelling '", parts[0], "' is listed twice")});
    } else {
      row->spellings.emplace_back(std::string(parts[0]), count);
    }
  }
  if (row->spellings.empty() && errors->size() == before) {
    errors->push_back({where, "spellings is empty"});
  }
  return errors->size() == before;
}

// Parses one row of the syllable prior table (current or legacy layout) into `*row`; false (after
// reporting) on error.
bool ParseSyllableCount(const std::vector<absl::string_view>& fields, bool legacy,
                        const SourceLocation& where, hangul::SyllableCount* row,
                        std::vector<Diagnostic>* errors) {
  row->syllable = std::string(fields[0]);
  if (!IsHangulWord(fields[0]) || text::CountCodePoints(fields[0]) != 1) {
    errors->push_back({where, absl::StrCat("syllable '", fields[0], "' is not one Hangul syllable")});
    return false;
  }
  bool ok = true;
  if (legacy) {  // syllable, given, place: the given counts stand for the older population.
    int64_t given = 0;
    ok = ParseCount(fields[1], &given) && ParseCount(fields[2], &row->place);
    row->given[1][0] = row->given[1][1] = given;
  } else {
    for (int p = 0; p < hangul::kPopulations && ok; ++p) {
      ok = ParseCount(fields[1 + 2 * p], &row->given[p][0]) &&
           ParseCount(fields[2 + 2 * p], &row->given[p][1]);
    }
    ok = ok && ParseCount(fields[1 + 2 * hangul::kPopulations], &row->place);
  }
  if (!ok) errors->push_back({where, "counts must be whole numbers from 0"});
  return ok;
}

// Parses one row of the given name table into `*row`; false (after reporting) on error.
bool ParseGivenName(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                    hangul::GivenNameCount* row, std::vector<Diagnostic>* errors) {
  row->given = std::string(fields[0]);
  if (!IsHangulWord(fields[0])) {
    errors->push_back({where, absl::StrCat("given '", fields[0], "' is not a Hangul word")});
    return false;
  }
  for (int p = 0; p < hangul::kPopulations; ++p) {
    if (!ParseCount(fields[1 + p], &row->count[p])) {
      errors->push_back({where, "counts must be whole numbers from 0"});
      return false;
    }
  }
  return true;
}

// Parses one row of the spelling model into `*row`; false (after reporting) on error.
bool ParseSpellingRow(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                      hangul::SpellingRow* row, std::vector<Diagnostic>* errors) {
  row->key = std::string(fields[0]);
  hangul::SpellingModel::Slot slot;
  int jamo, context;
  std::string letters;
  char32_t syllable;
  if (!hangul::SpellingModel::ParseKey(row->key, &slot, &jamo, &context, &letters) &&
      !hangul::SpellingModel::ParseWholeKey(row->key, &syllable, &letters)) {
    errors->push_back({where, absl::StrCat("key '", fields[0],
                                           "' is not slot|jamo|context|letters (or "
                                           "whole|syllable|*|letters)")});
    return false;
  }
  for (int s = 0; s < hangul::kStyles; ++s) {
    double value = 0;
    if (!absl::SimpleAtod(fields[1 + s], &value) || !(value == -1 || (value >= 0 && value <= 1))) {
      errors->push_back({where, absl::StrCat("value '", fields[1 + s],
                                             "' is not a probability (or -1: back off)")});
      return false;
    }
    row->value[s] = static_cast<float>(value);
  }
  return true;
}

// Parses one row of the name model table into `*model`; false (after reporting) on error.
bool ParseNameModelRow(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                       hangul::NameModel* model, std::vector<Diagnostic>* errors) {
  constexpr absl::string_view kMix[hangul::kPopulations] = {"mix.modern", "mix.older", "mix.dprk"};
  double value = 0;
  if (absl::StartsWith(fields[0], "korean.q.")) {  // A cost per letter at a quantile level.
    double level = 0;
    if (!absl::SimpleAtod(fields[0].substr(9), &level) || !(level > 0 && level < 1)) {
      errors->push_back({where, absl::StrCat("parameter '", fields[0],
                                             "' does not name a level between 0 and 1")});
      return false;
    }
    if (!absl::SimpleAtod(fields[1], &value) || !(value >= 0 && value <= 1e3)) {
      errors->push_back({where, absl::StrCat("value '", fields[1], "' is not a number from 0")});
      return false;
    }
    // Each level once, and the costs rising with the levels (they are quantiles).
    auto& q = model->korean_quantiles;
    auto at = std::lower_bound(q.begin(), q.end(), std::make_pair(level, -1.0));
    if (at != q.end() && at->first == level) {
      errors->push_back({where, absl::StrCat("level ", level, " is given twice")});
      return false;
    }
    if ((at != q.begin() && std::prev(at)->second > value) || (at != q.end() && at->second < value)) {
      errors->push_back({where, absl::StrCat("value ", value, " at level ", level,
                                             " is out of order: the costs must rise with the levels")});
      return false;
    }
    q.insert(at, std::make_pair(level, value));
    return true;
  }
  if (fields[0] == "known_name.person" || fields[0] == "known_name.place") {  // Odds, from 1.
    if (!absl::SimpleAtod(fields[1], &value) || !(value >= 1 && value <= 1e9)) {
      errors->push_back({where, absl::StrCat("value '", fields[1], "' is not a number from 1 to 1e9")});
      return false;
    }
    model->known_name[fields[0] == "known_name.person" ? 0 : 1] = value;
    return true;
  }
  if (fields[0] == "dprk_backoff") {  // A weight in names, not a probability.
    if (!absl::SimpleAtod(fields[1], &value) || !(value >= 0 && value <= 1e9)) {
      errors->push_back({where, absl::StrCat("value '", fields[1], "' is not a number from 0")});
      return false;
    }
    model->dprk_backoff = value;
    return true;
  }
  constexpr absl::string_view kPopulationNames[hangul::kPopulations] = {"modern", "older", "dprk"};
  for (int p = 0; p < hangul::kPopulations; ++p) {
    if (fields[0] == absl::StrCat("syllable_backoff.", kPopulationNames[p])) {  // Names, too.
      if (!absl::SimpleAtod(fields[1], &value) || !(value >= 0 && value <= 1e9)) {
        errors->push_back({where, absl::StrCat("value '", fields[1], "' is not a number from 0")});
        return false;
      }
      model->syllable_backoff[p] = value;
      return true;
    }
  }
  if (!absl::SimpleAtod(fields[1], &value) || !(value >= 0 && value <= 1)) {  // NaN too.
    errors->push_back({where, absl::StrCat("value '", fields[1], "' is not a number from 0 to 1")});
    return false;
  }
  for (int p = 0; p < hangul::kPopulations; ++p) {
    if (fields[0] == kMix[p]) {
      model->mix[p] = value;
      return true;
    }
  }
  if (fields[0] == "whole_name") {
    model->whole_name = value;
    return true;
  }
  if (fields[0] == "order.surname_last") {  // Either order must stay possible.
    if (value <= 0 || value >= 1) {
      errors->push_back({where, absl::StrCat("value '", fields[1], "' is not between 0 and 1")});
      return false;
    }
    model->surname_last = value;
    return true;
  }
  if (fields[0] == "compare.same") {
    model->same_name = value;
    return true;
  }
  // The spelling models of the kana and Cyrillic readers (scripts/fit-script-spelling).
  for (int p = 0; p < hangul::kSpellingPlaces; ++p) {
    if (fields[0] == absl::StrCat("kana.voiced.", hangul::kSpellingPlaceNames[p])) {
      model->kana.voiced[static_cast<size_t>(p)] = value;
      return true;
    }
    if (fields[0] == absl::StrCat("cyrillic.voiced.", hangul::kSpellingPlaceNames[p])) {
      model->cyrillic.voiced[static_cast<size_t>(p)] = value;
      return true;
    }
  }
  const std::pair<absl::string_view, double*> kScriptShares[] = {
      {"kana.other_column", &model->kana.other_column},
      {"cyrillic.press_lead", &model->cyrillic.press_lead},
      {"cyrillic.press_vowel", &model->cyrillic.press_vowel},
      {"cyrillic.press_tail", &model->cyrillic.press_tail},
  };
  for (const auto& [name, share] : kScriptShares) {
    if (fields[0] == name) {
      *share = value;
      return true;
    }
  }
  for (int p = 0; p < hangul::kPopulations; ++p) {
    for (int n = 1; n <= hangul::kGivenNameLengths; ++n) {
      if (fields[0] == absl::StrCat("given_length.", kPopulationNames[p], ".", n)) {
        if (value <= 0) {  // A length no name has would make its readings impossible.
          errors->push_back({where, absl::StrCat("value '", fields[1], "' is not above 0")});
          return false;
        }
        model->given_length.share[p][n - 1] = value;
        return true;
      }
    }
  }
  for (int s = 0; s < hangul::kStyles; ++s) {
    for (int p = 0; p < hangul::kPopulations; ++p) {
      if (fields[0] ==
          absl::StrCat("population.", hangul::kStyleNames[s], ".", kPopulationNames[p])) {
        model->population[s][p] = value;
        return true;
      }
    }
    if (fields[0] == absl::StrCat("style.", hangul::kStyleNames[s])) {
      model->style[s] = value;
      return true;
    }
    if (fields[0] == absl::StrCat("place_style.", hangul::kStyleNames[s])) {
      model->place_style[s] = value;
      return true;
    }
  }
  errors->push_back({where, absl::StrCat("unknown parameter '", fields[0],
                                         "' (expected mix.modern, mix.older, mix.dprk, "
                                         "whole_name, dprk_backoff, syllable_backoff.POPULATION, "
                                         "known_name.person, known_name.place, "
                                         "korean.q.LEVEL, compare.same, style.* or place_style.* "
                                         "of rr, mr, plain, passport, population.STYLE.* of "
                                         "modern, older, dprk, kana.voiced.PLACE or "
                                         "cyrillic.voiced.PLACE of word_start, given_start, inside, "
                                         "after_stop, kana.other_column, cyrillic.press_lead, "
                                         "cyrillic.press_vowel or cyrillic.press_tail)")});
  return false;
}

// Parses one row of the place generic table into `*row`; false (after reporting) on error.
bool ParsePlaceGeneric(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                       std::pair<std::string, std::string>* row, std::vector<Diagnostic>* errors) {
  const bool lowercase = !fields[0].empty() &&
                         std::all_of(fields[0].begin(), fields[0].end(),
                                     [](char c) { return absl::ascii_islower(c); });
  if (!lowercase) {
    errors->push_back({where, absl::StrCat("english '", fields[0],
                                           "' must be one word in lowercase ASCII letters")});
    return false;
  }
  if (!IsHangulWord(fields[1])) {
    errors->push_back({where, absl::StrCat("hangul '", fields[1], "' must be Hangul syllables")});
    return false;
  }
  *row = {std::string(fields[0]), std::string(fields[1])};
  return true;
}

// Parses one row of the demonym table into `*row`; false (after reporting) on error. Whether the
// ID names an entity is checked with the entities.
bool ParseDemonym(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                  Demonym* row, std::vector<Diagnostic>* errors) {
  // English words ("north korean") or one Korean word (한국인).
  const bool words = !fields[0].empty() && fields[0].front() != ' ' && fields[0].back() != ' ' &&
                     std::all_of(fields[0].begin(), fields[0].end(), [](char c) {
                       return absl::ascii_islower(c) || c == ' ';
                     });
  if (!words && !IsHangulWord(fields[0])) {
    errors->push_back({where, absl::StrCat("demonym '", fields[0],
                                           "' must be lowercase ASCII words separated by spaces, "
                                           "or one word of Hangul syllables")});
    return false;
  }
  if (fields[1].empty()) {
    errors->push_back({where, "id is empty: a demonym names the people of an entity"});
    return false;
  }
  *row = {std::string(fields[0]), std::string(fields[1]), where};
  return true;
}

// Parses one row of the particle table into `*row`; false (after reporting) on error.
// (The title table's rows are read alike: `what` names the field.)
bool ParseParticle(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                   std::string* row, std::vector<Diagnostic>* errors,
                   absl::string_view what = "particle") {
  if (!IsHangulWord(fields[0])) {
    errors->push_back({where, absl::StrCat(what, " '", fields[0], "' must be Hangul syllables")});
    return false;
  }
  *row = std::string(fields[0]);
  return true;
}

// Parses one row of the Hanja reading table into `*row`; false (after reporting) on error.
bool ParseHanjaReading(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                       hangul::HanjaRow* row, std::vector<Diagnostic>* errors) {
  const std::u32string hanja = text::CodePoints(fields[0]);
  if (hanja.size() != 1 || !IsHanja(hanja[0])) {
    errors->push_back({where, absl::StrCat("hanja '", fields[0], "' must be one Hanja")});
    return false;
  }
  row->hanja = hanja[0];
  for (absl::string_view reading : absl::StrSplit(fields[1], " | ")) {
    const std::u32string syllable = text::CodePoints(reading);
    if (syllable.size() != 1 || !hangul::IsSyllable(syllable[0])) {
      errors->push_back({where, absl::StrCat("reading '", reading, "' of '", fields[0],
                                             "' must be one Hangul syllable")});
      return false;
    }
    row->readings += syllable;
  }
  return true;
}

// Parses one row of the retired-ID table into `*row`; false (after reporting) on error.
bool ParseRetired(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                  RetiredId* row, std::vector<Diagnostic>* errors) {
  const size_t before = errors->size();
  row->id = std::string(fields[0]);
  row->replaced_by = std::string(fields[1]);
  row->retired = std::string(fields[2]);
  row->note = std::string(fields[3]);
  row->location = where;
  auto is_id = [](absl::string_view id) {
    std::vector<absl::string_view> parts = absl::StrSplit(id, '/');
    return parts.size() >= 3 &&
           std::all_of(parts.begin(), parts.end(), [](absl::string_view p) { return IsSlug(p); });
  };
  if (!is_id(row->id)) {
    errors->push_back({where, absl::StrCat("id '", row->id, "' is not a canonical ID")});
  }
  if (row->replaced_by.empty()) {
    errors->push_back({where, "replaced_by is empty: a retired ID must redirect to its successor"});
  } else if (!is_id(row->replaced_by)) {
    errors->push_back(
        {where, absl::StrCat("replaced_by '", row->replaced_by, "' is not a canonical ID")});
  }
  return errors->size() == before;
}

enum class TableKind {
  kEntities,
  kRetired,
  kPronunciation,
  kSurnames,
  kSurnameSpellings,
  kSyllablePriors,
  kLegacySyllablePriors,
  kGivenNames,
  kNameModel,
  kSpellingModel,
  kPlaceGenerics,
  kParticles,
  kTitles,
  kDemonyms,
  kContextAliases,
  kHanjaReadings
};

struct KnownTable {
  absl::string_view header;
  TableKind kind;
  const char* what;
  const char* rule;  // The rule named by problems with its rows.
  const EntityLayout* layout = nullptr;  // Entity tables only.
};

constexpr KnownTable kKnownTables[] = {
    {kEntityTableHeader, TableKind::kEntities, "entities", "", &kCurrentLayout},
    {kLegacyEntityTableHeader, TableKind::kEntities, "entities, irum 0.1", "", &kLegacyLayout},
    {kRetiredTableHeader, TableKind::kRetired, "retired IDs", "retired"},
    {kPronunciationTableHeader, TableKind::kPronunciation, "pronunciation exceptions",
     "pronunciation"},
    {kSurnameTableHeader, TableKind::kSurnames, "surnames", "surname"},
    {kSurnameSpellingTableHeader, TableKind::kSurnameSpellings, "surname spellings",
     "surname-spelling"},
    {kSyllablePriorTableHeader, TableKind::kSyllablePriors, "syllable priors", "syllable-prior"},
    {kLegacySyllablePriorTableHeader, TableKind::kLegacySyllablePriors, "syllable priors, irum 0.1",
     "syllable-prior"},
    {kGivenNameTableHeader, TableKind::kGivenNames, "given names", "given-name"},
    {kNameModelTableHeader, TableKind::kNameModel, "name model", "name-model"},
    {kSpellingModelTableHeader, TableKind::kSpellingModel, "spelling model", "spelling-model"},
    {kPlaceGenericTableHeader, TableKind::kPlaceGenerics, "place generics", "place-generic"},
    {kParticleTableHeader, TableKind::kParticles, "particles", "particle"},
    {kTitleTableHeader, TableKind::kTitles, "titles", "title"},
    {kDemonymTableHeader, TableKind::kDemonyms, "demonyms", "demonym"},
    {kContextAliasTableHeader, TableKind::kContextAliases, "context aliases", "context-alias"},
    {kHanjaReadingTableHeader, TableKind::kHanjaReadings, "Hanja readings", "hanja-reading"},
};

std::string KnownHeaders() {
  std::vector<std::string> shown;
  for (const KnownTable& t : kKnownTables) {
    shown.push_back(absl::StrCat("'", absl::StrJoin(absl::StrSplit(t.header, '\t'), "<TAB>"),
                                 "' (", t.what, ")"));
  }
  return absl::StrJoin(shown, ", ");
}

// Parses a row of a table other than entities: one row per key (its first field), keys sorted.
void ParseKeyedRow(const KnownTable& table, absl::string_view line, const SourceLocation& where,
                   std::string* previous_key, ParsedTables* out) {
  const TableKind kind = table.kind;
  const size_t columns = static_cast<size_t>(std::count(table.header.begin(), table.header.end(), '\t') + 1);
  const size_t first_error = out->errors.size();
  std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
  if (fields.size() != columns) {
    out->errors.push_back({where,
                           absl::StrCat("expected ", columns, " tab-separated fields, found ",
                                        fields.size()),
                           "field-count"});
    return;
  }
  const std::string key(fields[0]);
  if (!key.empty() && key <= *previous_key) {
    out->errors.push_back({where,
                           absl::StrCat("rows must be sorted by their first field and listed "
                                        "once: '",
                                        key, "' comes after '", *previous_key, "'"),
                           "sorted"});
    return;
  }
  switch (kind) {
    case TableKind::kRetired: {
      RetiredId row;
      if (ParseRetired(fields, where, &row, &out->errors)) out->retired.push_back(std::move(row));
      break;
    }
    case TableKind::kPronunciation: {
      std::pair<std::string, std::string> row;
      if (ParsePronunciation(fields, where, &row, &out->errors)) {
        out->language.pronunciations.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kSurnames: {
      hangul::Surname row;
      if (ParseSurname(fields, where, &row, &out->errors)) {
        out->language.surnames.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kSurnameSpellings: {
      hangul::SurnameSpellingCounts row;
      if (ParseSurnameSpellings(fields, where, &row, &out->errors)) {
        out->language.name_priors.surname_spellings.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kSyllablePriors:
    case TableKind::kLegacySyllablePriors: {
      hangul::SyllableCount row;
      if (ParseSyllableCount(fields, kind == TableKind::kLegacySyllablePriors, where, &row,
                             &out->errors)) {
        out->language.name_priors.syllables.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kGivenNames: {
      hangul::GivenNameCount row;
      if (ParseGivenName(fields, where, &row, &out->errors)) {
        out->language.name_priors.given_names.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kNameModel:
      ParseNameModelRow(fields, where, &out->language.name_priors.model, &out->errors);
      break;
    case TableKind::kSpellingModel: {
      hangul::SpellingRow row;
      if (ParseSpellingRow(fields, where, &row, &out->errors)) {
        out->language.name_priors.spelling.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kPlaceGenerics: {
      std::pair<std::string, std::string> row;
      if (ParsePlaceGeneric(fields, where, &row, &out->errors)) {
        out->language.place_generics.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kParticles: {
      std::string row;
      if (ParseParticle(fields, where, &row, &out->errors)) {
        out->language.particles.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kTitles: {
      std::string row;
      if (ParseParticle(fields, where, &row, &out->errors, "title")) {
        out->language.titles.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kDemonyms: {
      Demonym row;
      if (ParseDemonym(fields, where, &row, &out->errors)) {
        out->language.demonyms.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kContextAliases: {
      // Whether it is a name of an entity is checked with the entities.
      if (fields[0].empty() || absl::StripAsciiWhitespace(fields[0]) != fields[0]) {
        out->errors.push_back({where,
                               absl::StrCat("alias '", fields[0],
                                            "' must be a name or alias as an entity table "
                                            "writes it, without spaces around it"),
                               "context-alias"});
        break;
      }
      out->language.context_aliases.emplace_back(std::string(fields[0]), where);
      break;
    }
    case TableKind::kHanjaReadings: {
      hangul::HanjaRow row;
      if (ParseHanjaReading(fields, where, &row, &out->errors)) {
        out->language.name_priors.hanja.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kEntities:
      break;
  }
  for (size_t i = first_error; i < out->errors.size(); ++i) {
    if (out->errors[i].rule.empty()) out->errors[i].rule = table.rule;
  }
  *previous_key = key;
}

// The header a table starts with, or nullptr.
const KnownTable* FindTable(absl::string_view header_line) {
  for (const KnownTable& t : kKnownTables) {
    if (header_line == t.header) return &t;
  }
  return nullptr;
}

// Calls `row(line, where)` for each data row of `table` (after the header), and `header(known,
// where)` at its header line; returns the table's kind, or nullptr when it has no known header.
// Lines with a CR ending or invalid UTF-8 are reported to `errors` and skipped.
template <typename OnHeader, typename OnRow>
const KnownTable* ForEachRow(const TableText& table, std::vector<Diagnostic>* errors,
                             OnHeader header, OnRow row) {
  const KnownTable* known = nullptr;
  SourceLocation where{table.file, 0};  // One copy of the file name, not one per line.
  for (absl::string_view line : absl::StrSplit(table.text, '\n')) {
    ++where.line;
    if (absl::EndsWith(line, "\r")) {
      errors->push_back({where, "line ends with CR: save the file with LF line endings",
                         "line-ending"});
      continue;
    }
    if (absl::Status utf8 = text::ValidateUtf8(line); !utf8.ok()) {
      errors->push_back({where, std::string(utf8.message()), "utf8"});
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (known == nullptr) {
      known = FindTable(line);
      if (!header(known, where)) return known;
      continue;
    }
    row(line, where);
  }
  return known;
}

// Parses one file; appends its rows and problems.
void ParseTable(const TableText& table, const text::Normalizer& normalizer, ParsedTables* out) {
  RowParser parser(normalizer, &out->errors, &out->warnings);
  const KnownTable* known = nullptr;
  bool header_seen = false;
  std::string previous_id;
  ForEachRow(
      table, &out->errors,
      [&](const KnownTable* t, const SourceLocation& where) {
        known = t;
        header_seen = true;
        if (t != nullptr) return true;
        out->errors.push_back(
            {where, absl::StrCat("unknown table header; a table starts with one of ", KnownHeaders()),
             "header"});
        return false;
      },
      [&](absl::string_view line, const SourceLocation& where) {
        if (known->kind != TableKind::kEntities) {
          ParseKeyedRow(*known, line, where, &previous_id, out);
          return;
        }
        // Parsed in place (the vector is reserved: no entity moves), dropped when the row has an
        // error.
        Entity& entity = out->entities.emplace_back();
        const bool ok = parser.Parse(line, where, *known->layout, &entity);
        // Equal IDs are reported as duplicates by ParseTables.
        if (!entity.id.empty() && entity.id < previous_id) {
          out->errors.push_back({where,
                                 absl::StrCat("rows must be sorted by id: '", entity.id,
                                              "' comes after '", previous_id, "'"),
                                 "sorted"});
        }
        if (!entity.id.empty() && entity.id > previous_id) previous_id = entity.id;
        if (!ok) out->entities.pop_back();
      });
  if (!header_seen) {
    out->errors.push_back({{table.file, 0}, "empty table: no header line", "header"});
  }
}

// The checks between rows: duplicate IDs, parents, retired IDs.
void CheckReferences(ParsedTables* out) {
  // An ID is used once across all files. Report each repeat at its own line, naming the first.
  absl::flat_hash_map<absl::string_view, const Entity*> by_id;
  by_id.reserve(out->entities.size());
  absl::flat_hash_set<const Entity*> repeated;
  for (const Entity& entity : out->entities) {
    auto [it, inserted] = by_id.emplace(entity.id, &entity);
    if (!inserted) {
      out->errors.push_back({entity.location,
                             absl::StrCat("duplicate id '", entity.id, "' (first used at ",
                                          it->second->location.ToString(), ")"),
                             "duplicate-id"});
      repeated.insert(&entity);
    }
  }

  // Demonyms name the people of an entity of the tables.
  for (const Demonym& d : out->language.demonyms) {
    if (!by_id.count(d.id)) {
      out->errors.push_back({d.location,
                             absl::StrCat("id '", d.id, "' is not the ID of any entity in the tables"),
                             "demonym"});
    }
  }

  // Context aliases are names or aliases of entities of the tables: a row that is none holds
  // nothing back, and is warned of (tables copied in part keep the bundled rows).
  // (The few rows are looked for among the names, not the names filed: a million entities' would
  // take memory while the catalog is read.)
  if (!out->language.context_aliases.empty()) {
    absl::flat_hash_map<absl::string_view, bool> found;
    for (const auto& [alias, where] : out->language.context_aliases) found[alias] = false;
    auto look = [&found](const std::string& name) {
      auto it = found.find(name);
      if (it != found.end()) it->second = true;
    };
    for (const Entity& entity : out->entities) {
      for (const std::string* name : {&entity.hangul, &entity.hanja, &entity.name}) look(*name);
      for (const std::string& name : entity.aliases) look(name);
      for (const std::string& name : entity.former_names) look(name);
    }
    for (const auto& [alias, where] : out->language.context_aliases) {
      if (!found[alias]) {
        out->warnings.push_back({where,
                               absl::StrCat("'", alias,
                                            "' is no entity's name or alias in the tables"),
                               "context-alias"});
      }
    }
  }

  // Parents: exist, are of a fitting kind, and lead to a root without a cycle.
  for (const Entity& entity : out->entities) {
    if (entity.parent.empty() || repeated.count(&entity)) continue;
    auto it = by_id.find(entity.parent);
    if (it == by_id.end()) {
      out->errors.push_back({entity.location,
                             absl::StrCat("parent '", entity.parent,
                                          "' is not the ID of any entity in the tables"),
                             "parent-exists"});
      continue;
    }
    const Entity& parent = *it->second;
    if (entity.kind == EntityKind::kPerson ||
        (entity.kind == EntityKind::kPlace && parent.kind != EntityKind::kPlace) ||
        (entity.kind == EntityKind::kOrganization && parent.kind != EntityKind::kOrganization)) {
      out->errors.push_back(
          {entity.location,
           absl::StrCat("a ", KindName(entity.kind), " cannot have the ", KindName(parent.kind),
                        " '", parent.id, "' as parent (places sit in places, organizations in "
                        "organizations; persons have no parent)"),
           "parent-kind"});
      continue;
    }
    // A unit whose ID extends a path should sit under the entity that path names (IDs never
    // change, so a unit that moved may keep an older path: a warning, not an error).
    const size_t slash = entity.id.rfind('/');
    const absl::string_view path = absl::string_view(entity.id).substr(0, slash);
    if (std::count(entity.id.begin(), entity.id.end(), '/') > 2 && by_id.count(path)) {
      bool under = false;
      const Entity* a = &parent;
      for (size_t hops = 0; a != nullptr && !under && hops <= out->entities.size(); ++hops) {
        under = a->id == path;
        auto next = a->parent.empty() ? by_id.end() : by_id.find(a->parent);
        a = next == by_id.end() ? nullptr : next->second;
      }
      if (!under) {
        out->warnings.push_back({entity.location,
                                 absl::StrCat("id '", entity.id, "' names '", path,
                                              "' as its place, but its parent chain does not "
                                              "pass through it (fine for a unit that moved)"),
                                 "id-path", Severity::kWarning});
      }
    }
  }
  // Cycles: walk each chain up to a root, or to an entity whose chain is known to reach one.
  std::vector<bool> rooted(out->entities.size());
  std::vector<size_t> path;
  for (const Entity& entity : out->entities) {
    std::set<const Entity*> visited;  // Besides `entity`: allocates only for chains not yet known.
    path.assign(1, &entity - out->entities.data());
    for (const Entity* e = &entity;;) {
      auto it = e->parent.empty() ? by_id.end() : by_id.find(e->parent);
      if (it == by_id.end() || rooted[it->second - out->entities.data()]) {
        for (size_t p : path) rooted[p] = true;
        break;
      }
      e = it->second;
      path.push_back(e - out->entities.data());
      if (e == &entity) {
        out->errors.push_back({entity.location,
                               absl::StrCat("parents of '", entity.id,
                                            "' form a cycle back to it"),
                               "parent-cycle"});
        break;
      }
      if (!visited.insert(e).second) break;  // A cycle further up: reported at its members.
    }
  }

  // Retired IDs: not in use, and each leads through replaced_by to a live entity.
  std::map<absl::string_view, const RetiredId*> retired;
  for (const RetiredId& r : out->retired) {
    retired.emplace(r.id, &r);
    if (auto it = by_id.find(r.id); it != by_id.end()) {
      out->errors.push_back({r.location,
                             absl::StrCat("retired id '", r.id, "' is in use at ",
                                          it->second->location.ToString(),
                                          ": an ID is never reused"),
                             "retired-live"});
    }
  }
  for (const RetiredId& r : out->retired) {
    const RetiredId* step = &r;
    for (size_t hops = 0;; ++hops) {
      if (by_id.count(step->replaced_by)) break;
      auto it = retired.find(step->replaced_by);
      if (it == retired.end()) {
        out->errors.push_back({r.location,
                               absl::StrCat("replaced_by '", step->replaced_by,
                                            "' is neither an entity nor a retired ID"),
                               "retired-target"});
        break;
      }
      if (hops > out->retired.size()) {
        out->errors.push_back({r.location,
                               absl::StrCat("replaced_by of '", r.id,
                                            "' loops without reaching an entity"),
                               "retired-cycle"});
        break;
      }
      step = it->second;
    }
  }

  if (!repeated.empty()) {
    std::vector<Entity> kept;
    for (Entity& entity : out->entities) {
      if (!repeated.count(&entity)) kept.push_back(std::move(entity));
    }
    out->entities = std::move(kept);
  }
}

void SortByLocation(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.location.file, a.location.line) <
                            std::tie(b.location.file, b.location.line);
                   });
}

}  // namespace

std::string Diagnostic::ToString() const {
  const std::string where =
      location.line == 0 ? location.file : location.ToString();
  const char* severity_word = severity == Severity::kError ? "error" : "warning";
  if (rule.empty()) return absl::StrCat(where, ": ", severity_word, ": ", message);
  return absl::StrCat(where, ": ", severity_word, " [", rule, "]: ", message);
}

ParsedTables ParseTables(const std::vector<TableText>& tables, const text::Normalizer& normalizer) {
  ParsedTables out;
  size_t lines = 0;  // Of the entity tables, at least their rows: room reserved once.
  for (const TableText& table : tables) {
    if (absl::StrContains(table.text, kEntityTableHeader)) {
      lines += static_cast<size_t>(std::count(table.text.begin(), table.text.end(), '\n'));
    }
  }
  out.entities.reserve(lines);
  for (const TableText& table : tables) ParseTable(table, normalizer, &out);
  CheckReferences(&out);
  SortByLocation(&out.errors);
  SortByLocation(&out.warnings);
  return out;
}

std::vector<Diagnostic> CheckAgainstBase(const ParsedTables& current,
                                         const std::vector<TableText>& base) {
  std::set<absl::string_view> known;
  for (const Entity& e : current.entities) known.insert(e.id);
  for (const RetiredId& r : current.retired) known.insert(r.id);
  std::vector<Diagnostic> out;
  std::vector<Diagnostic> ignored;  // The base's own problems are not this check's business.
  for (const TableText& table : base) {
    const KnownTable* known_table = nullptr;
    ForEachRow(
        table, &ignored,
        [&](const KnownTable* t, const SourceLocation&) {
          known_table = t;
          return t != nullptr;
        },
        [&](absl::string_view line, const SourceLocation& where) {
          if (known_table->kind != TableKind::kEntities && known_table->kind != TableKind::kRetired) {
            return;
          }
          const absl::string_view id = line.substr(0, line.find('\t'));
          if (id.empty() || known.count(id)) return;
          out.push_back({where,
                         absl::StrCat("id '", id,
                                      "' of the base tables is gone: an ID is never removed; list "
                                      "it in tables/retired.tsv with the ID that replaces it"),
                         "removed-id"});
        });
  }
  return out;
}

absl::Status ErrorsToStatus(const std::vector<Diagnostic>& errors) {
  if (errors.empty()) return absl::OkStatus();
  constexpr size_t kShown = 10;
  std::vector<std::string> lines;
  for (size_t i = 0; i < errors.size() && i < kShown; ++i) lines.push_back(errors[i].ToString());
  std::string message = absl::StrJoin(lines, "\n");
  if (errors.size() > kShown) {
    absl::StrAppend(&message, "\n(and ", errors.size() - kShown, " more)");
  }
  return absl::InvalidArgumentError(message);
}

}  // namespace irum::catalog
