#include "server/catalog/table_reader.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/hangul/jamo.h"
#include "server/text/utf8.h"

namespace irum::catalog {
namespace {

constexpr int kFieldCount = 9;
constexpr const char* kFieldNames[kFieldCount] = {"id",      "kind",    "hangul",   "hanja",
                                                  "name",    "country", "aliases",  "wikidata",
                                                  "description"};
enum Field { kId, kKind, kHangul, kHanja, kName, kCountry, kAliases, kWikidata, kDescription };

bool IsHanja(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

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
  for (absl::string_view item : absl::StrSplit(field, '|')) {
    items.emplace_back(absl::StripAsciiWhitespace(item));
  }
  return items;
}

class RowParser {
 public:
  RowParser(const text::Normalizer& normalizer, std::vector<Diagnostic>* errors)
      : normalizer_(normalizer), errors_(errors) {}

  // Parses one data row; returns false (after reporting) when the row has any error.
  bool Parse(absl::string_view line, const SourceLocation& where, Entity* entity) {
    where_ = &where;
    ok_ = true;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != kFieldCount) {
      Error(absl::StrCat("expected ", kFieldCount, " tab-separated fields, found ", fields.size()));
      return false;
    }
    for (int f = 0; f < kFieldCount; ++f) {
      if (fields[f] != absl::StripAsciiWhitespace(fields[f])) {
        Error(absl::StrCat("field '", kFieldNames[f], "' has leading or trailing spaces"));
      }
    }
    entity->location = where;
    entity->id = std::string(fields[kId]);
    entity->hangul = std::string(fields[kHangul]);
    entity->hanja = std::string(fields[kHanja]);
    entity->name = std::string(fields[kName]);
    entity->wikidata_id = std::string(fields[kWikidata]);
    entity->description = std::string(fields[kDescription]);
    entity->countries = SplitList(fields[kCountry]);
    entity->aliases = SplitList(fields[kAliases]);

    std::optional<EntityKind> kind = ParseKind(fields[kKind]);
    if (!kind) {
      Error(absl::StrCat("unknown kind '", fields[kKind],
                         "' (expected person, place or organization)"));
    } else {
      entity->kind = *kind;
    }
    CheckCountries(entity->countries);
    if (kind) CheckId(*entity);
    CheckNames(*entity);
    if (!entity->wikidata_id.empty() && !IsWikidataId(entity->wikidata_id)) {
      Error(absl::StrCat("wikidata '", entity->wikidata_id, "' is not a Wikidata item ID like Q423"));
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
        Error(absl::StrCat("country '", c, "' is not an uppercase ISO 3166-1 alpha-2 code like KP"));
      }
    }
    if (!std::is_sorted(countries.begin(), countries.end()) ||
        std::adjacent_find(countries.begin(), countries.end()) != countries.end()) {
      Error("countries must be sorted and listed once each (e.g. KP|KR)");
    }
  }

  void CheckId(const Entity& entity) {
    std::vector<absl::string_view> parts = absl::StrSplit(entity.id, '/');
    if (parts.size() != 3 || !IsSlug(parts[1]) || !IsSlug(parts[2])) {
      Error(absl::StrCat("id '", entity.id,
                         "' is not of the form kind/region/slug in lowercase ASCII letters, digits "
                         "and single hyphens (e.g. place/kp/kaesong)"));
      return;
    }
    if (parts[0] != KindIdPrefix(entity.kind)) {
      Error(absl::StrCat("id '", entity.id, "' starts with '", parts[0], "' but kind is ",
                         KindName(entity.kind), " (expected '", KindIdPrefix(entity.kind), "/')"));
    }
    const std::string region = ExpectedRegion(entity.countries);
    if (!entity.countries.empty() && parts[1] != region) {
      Error(absl::StrCat("id '", entity.id, "' has region '", parts[1], "' but country '",
                         absl::StrJoin(entity.countries, "|"), "' requires '", region, "'"));
    }
  }

  void CheckNames(const Entity& entity) {
    if (entity.name.empty()) Error("name is empty");
    if (entity.hangul.empty()) Error("hangul is empty");
    if (entity.countries.empty()) Error("country is empty");
    if (entity.description.empty()) Error("description is empty");
    if (!IsSpacedScript(entity.hangul, hangul::IsSyllable)) {
      Error(absl::StrCat("hangul '", entity.hangul,
                         "' must be Hangul syllables separated by single spaces"));
    }
    if (!IsSpacedScript(entity.hanja, IsHanja)) {
      Error(absl::StrCat("hanja '", entity.hanja,
                         "' must be Han characters separated by single spaces"));
    }
    std::set<absl::string_view> seen = {entity.name, entity.hangul, entity.hanja};
    for (const std::string& alias : entity.aliases) {
      if (alias.empty()) {
        Error("empty alias (check for a doubled or trailing '|')");
      } else if (normalizer_.Key(alias).empty()) {
        Error(absl::StrCat("alias '", alias, "' has no letter or digit"));
      } else if (!seen.insert(alias).second) {
        Error(absl::StrCat("alias '", alias, "' is listed twice or repeats the name"));
      }
    }
    if (!entity.name.empty() && normalizer_.Key(entity.name).empty()) {
      Error(absl::StrCat("name '", entity.name, "' has no letter or digit"));
    }
  }

  void Error(std::string message) {
    errors_->push_back({*where_, std::move(message)});
    ok_ = false;
  }

  const text::Normalizer& normalizer_;
  std::vector<Diagnostic>* errors_;
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

// Parses one row of the syllable prior table into `*row`; false (after reporting) on error.
bool ParseSyllableCount(const std::vector<absl::string_view>& fields, const SourceLocation& where,
                        hangul::SyllableCount* row, std::vector<Diagnostic>* errors) {
  row->syllable = std::string(fields[0]);
  if (!IsHangulWord(fields[0]) || text::CountCodePoints(fields[0]) != 1) {
    errors->push_back({where, absl::StrCat("syllable '", fields[0], "' is not one Hangul syllable")});
    return false;
  }
  if (!absl::SimpleAtoi(fields[1], &row->given) || row->given < 0 ||
      !absl::SimpleAtoi(fields[2], &row->place) || row->place < 0) {
    errors->push_back({where, "given and place must be counts (whole numbers from 0)"});
    return false;
  }
  return true;
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

enum class TableKind { kEntities, kPronunciation, kSurnames, kSyllablePriors, kPlaceGenerics };

struct KnownTable {
  absl::string_view header;
  TableKind kind;
  const char* what;
};

constexpr KnownTable kKnownTables[] = {
    {kEntityTableHeader, TableKind::kEntities, "entities"},
    {kPronunciationTableHeader, TableKind::kPronunciation, "pronunciation exceptions"},
    {kSurnameTableHeader, TableKind::kSurnames, "surnames"},
    {kSyllablePriorTableHeader, TableKind::kSyllablePriors, "syllable priors"},
    {kPlaceGenericTableHeader, TableKind::kPlaceGenerics, "place generics"},
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
void ParseKeyedRow(TableKind kind, absl::string_view line, const SourceLocation& where,
                   std::string* previous_key, ParsedTables* out) {
  const size_t columns = kind == TableKind::kPronunciation   ? 3
                         : kind == TableKind::kSurnames      ? 5
                                                             : 3;
  std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
  if (fields.size() != columns) {
    out->errors.push_back(
        {where, absl::StrCat("expected ", columns, " tab-separated fields, found ", fields.size())});
    return;
  }
  const std::string key(fields[0]);
  if (!key.empty() && key <= *previous_key) {
    out->errors.push_back({where, absl::StrCat("rows must be sorted by their first field and listed "
                                               "once: '", key, "' comes after '", *previous_key,
                                               "'")});
    return;
  }
  switch (kind) {
    case TableKind::kPronunciation: {
      std::pair<std::string, std::string> row;
      if (ParsePronunciation(fields, where, &row, &out->errors)) {
        out->language.pronunciations.push_back(std::move(row));
      }
      break;
    }
    case TableKind::kSurnames: {
      hangul::Surname row;
      if (ParseSurname(fields, where, &row, &out->errors)) out->language.surnames.push_back(std::move(row));
      break;
    }
    case TableKind::kSyllablePriors: {
      hangul::SyllableCount row;
      if (ParseSyllableCount(fields, where, &row, &out->errors)) {
        out->language.syllable_counts.push_back(std::move(row));
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
    case TableKind::kEntities:
      break;
  }
  *previous_key = key;
}

// Parses one file; appends its rows and errors.
void ParseTable(const TableText& table, const text::Normalizer& normalizer, ParsedTables* out) {
  RowParser parser(normalizer, &out->errors);
  const KnownTable* known = nullptr;
  std::string previous_id;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(table.text, '\n')) {
    ++line_number;
    SourceLocation where{table.file, line_number};
    if (absl::EndsWith(line, "\r")) {
      out->errors.push_back({where, "line ends with CR: save the file with LF line endings"});
      continue;
    }
    if (absl::Status utf8 = text::ValidateUtf8(line); !utf8.ok()) {
      out->errors.push_back({where, std::string(utf8.message())});
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (known == nullptr) {
      for (const KnownTable& t : kKnownTables) {
        if (line == t.header) known = &t;
      }
      if (known == nullptr) {
        out->errors.push_back(
            {where, absl::StrCat("unknown table header; a table starts with one of ", KnownHeaders())});
        return;
      }
      continue;
    }
    if (known->kind != TableKind::kEntities) {
      ParseKeyedRow(known->kind, line, where, &previous_id, out);
      continue;
    }
    Entity entity;
    const bool ok = parser.Parse(line, where, &entity);
    // Equal IDs are reported as duplicates by ParseTables.
    if (!entity.id.empty() && entity.id < previous_id) {
      out->errors.push_back({where, absl::StrCat("rows must be sorted by id: '", entity.id,
                                                 "' comes after '", previous_id, "'")});
    }
    if (!entity.id.empty() && entity.id > previous_id) previous_id = entity.id;
    if (ok) out->entities.push_back(std::move(entity));
  }
  if (known == nullptr) {
    out->errors.push_back({{table.file, 0}, "empty table: no header line"});
  }
}

}  // namespace

std::string Diagnostic::ToString() const {
  if (location.line == 0) return absl::StrCat(location.file, ": ", message);
  return absl::StrCat(location.ToString(), ": ", message);
}

ParsedTables ParseTables(const std::vector<TableText>& tables, const text::Normalizer& normalizer) {
  ParsedTables out;
  for (const TableText& table : tables) ParseTable(table, normalizer, &out);

  // An ID is used once across all files. Report each repeat at its own line, naming the first.
  std::map<absl::string_view, const Entity*> first;
  std::vector<Diagnostic> duplicates;
  std::set<const Entity*> repeated;
  for (const Entity& entity : out.entities) {
    auto [it, inserted] = first.emplace(entity.id, &entity);
    if (!inserted) {
      duplicates.push_back({entity.location, absl::StrCat("duplicate id '", entity.id,
                                                          "' (first used at ",
                                                          it->second->location.ToString(), ")")});
      repeated.insert(&entity);
    }
  }
  if (!duplicates.empty()) {
    out.errors.insert(out.errors.end(), duplicates.begin(), duplicates.end());
    std::vector<Entity> kept;
    for (Entity& entity : out.entities) {
      if (!repeated.count(&entity)) kept.push_back(std::move(entity));
    }
    out.entities = std::move(kept);
  }
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.location.file, a.location.line) <
                            std::tie(b.location.file, b.location.line);
                   });
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
