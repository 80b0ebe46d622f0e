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
  // The ID of the entity that contains this one (a dong's si/gun/gu, a province's country), or
  // empty. The catalog checks that it exists and that parents form no cycle.
  std::string parent;
  // Names the entity (or a unit merged into it) was known by before: "Masan" for Changwon. They
  // resolve to the entity with the method "former name".
  std::vector<std::string> former_names;
  int64_t population = 0;              // 0 when unknown.
  std::string wikidata_id;             // "Q423" or empty.
  std::string description;             // Short disambiguating phrase, may be empty.
  SourceLocation location;             // The table row it came from.
};

// An ID that the tables no longer use (tables/retired.tsv): a unit abolished, merged or renamed
// after its ID was published. It is never used again; lookups of it go to `replaced_by`.
struct RetiredId {
  std::string id;
  std::string replaced_by;  // A live ID, or another retired one that leads to a live ID.
  std::string retired;      // When, as the table gives it ("2026-07-01"); may be empty.
  std::string note;         // Why, for people ("merged into Changwon"); may be empty.
  SourceLocation location;
};

// Which of an entity's names an alias reference points at.
enum class AliasKind : uint8_t {
  kName = 1,
  kHangul = 2,
  kHanja = 3,
  kAlias = 4,
  kFormer = 5,  // A former name: Entity::former_names[index].
};

// One name of one entity: `index` is the position in Entity::aliases (kAlias) or
// Entity::former_names (kFormer), else 0.
struct AliasRef {
  AliasKind kind = AliasKind::kName;
  uint32_t index = 0;
};

// The text `ref` points at in `entity`. REQUIRES: `ref` is valid for `entity`.
absl::string_view AliasText(const Entity& entity, AliasRef ref);

}  // namespace irum::catalog

#endif  // IRUM_SERVER_CATALOG_ENTITY_H_
