#include "server/catalog/entity.h"

#include "absl/strings/str_cat.h"

namespace irum::catalog {

absl::string_view KindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson:
      return "person";
    case EntityKind::kPlace:
      return "place";
    case EntityKind::kOrganization:
      return "organization";
  }
  return "unknown";
}

std::optional<EntityKind> ParseKind(absl::string_view word) {
  for (EntityKind kind : {EntityKind::kPerson, EntityKind::kPlace, EntityKind::kOrganization}) {
    if (word == KindName(kind)) return kind;
  }
  return std::nullopt;
}

absl::string_view KindIdPrefix(EntityKind kind) {
  return kind == EntityKind::kOrganization ? "org" : KindName(kind);
}

std::string SourceLocation::ToString() const { return absl::StrCat(file, ":", line); }

absl::string_view AliasText(const Entity& entity, AliasRef ref) {
  switch (ref.kind) {
    case AliasKind::kName:
      return entity.name;
    case AliasKind::kHangul:
      return entity.hangul;
    case AliasKind::kHanja:
      return entity.hanja;
    case AliasKind::kAlias:
      return entity.aliases[ref.index];
    case AliasKind::kFormer:
      return entity.former_names[ref.index];
  }
  return {};
}

}  // namespace irum::catalog
