// Entity: one person, place or organization the tables know, as the engine sees it.
#ifndef IRUM_SERVER_CATALOG_ENTITY_H_
#define IRUM_SERVER_CATALOG_ENTITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace irum::catalog {

enum class EntityKind : uint8_t {
  kPerson = 1,
  kPlace = 2,
  kOrganization = 3,
};

// "person", "place", "organization": the words the tables and the CLI use.
absl::string_view KindName(EntityKind kind);
// The inverse of KindName; nullopt for any other word.
std::optional<EntityKind> ParseKind(absl::string_view word);
// The first segment of a canonical ID for `kind`: "person", "place", "org".
absl::string_view KindIdPrefix(EntityKind kind);

// Where something was read from, for messages editors can jump to ("tables/places.tsv:12").
struct SourceLocation {
  std::string file;
  int line = 0;

  std::string ToString() const;
};

struct Entity {
  std::string id;  // Canonical ID, e.g. "place/kp/kaesong". Unique in a catalog.
  EntityKind kind = EntityKind::kPlace;
  std::string name;    // Canonical English name. Never empty.
  std::string hangul;  // Empty when unknown.
  std::string hanja;   // Empty when unknown.
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2, uppercase, sorted, unique.
  std::vector<std::string> aliases;    // Other spellings, as written in the table.
  std::string wikidata_id;             // "Q423" or empty.
  std::string description;             // Short disambiguating phrase, may be empty.
  SourceLocation location;             // The table row it came from.
};

// Which of an entity's names an alias reference points at.
enum class AliasKind : uint8_t {
  kName = 1,
  kHangul = 2,
  kHanja = 3,
  kAlias = 4,
};

// One name of one entity: `index` is the position in Entity::aliases when kind is kAlias, else 0.
struct AliasRef {
  AliasKind kind = AliasKind::kName;
  uint32_t index = 0;
};

// The text `ref` points at in `entity`. REQUIRES: `ref` is valid for `entity`.
absl::string_view AliasText(const Entity& entity, AliasRef ref);

}  // namespace irum::catalog

#endif  // IRUM_SERVER_CATALOG_ENTITY_H_
