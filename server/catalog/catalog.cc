#include "server/catalog/catalog.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace irum::catalog {
namespace {

// True when `key` (a normalized key) is Hangul syllables only.
bool IsAllHangul(absl::string_view key) {
  if (key.empty() || key.size() % 3 != 0) return false;
  for (size_t i = 0; i < key.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(key[i]);
    const char32_t c = ((b0 & 0x0F) << 12) | ((static_cast<unsigned char>(key[i + 1]) & 0x3F) << 6) |
                       (static_cast<unsigned char>(key[i + 2]) & 0x3F);
    if ((b0 & 0xF0) != 0xE0 || !hangul::IsSyllable(c)) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Catalog>> Catalog::Build(std::vector<Entity> entities,
                                                              std::string version,
                                                              text::Normalizer normalizer,
                                                              const LanguageData& language) {
  std::shared_ptr<Catalog> catalog(
      new Catalog(std::move(entities), std::move(version), normalizer, language));
  const std::vector<Entity>& all = catalog->entities_;
  for (uint32_t e = 0; e < all.size(); ++e) {
    const Entity& entity = all[e];
    auto [it, inserted] = catalog->by_id_.emplace(entity.id, e);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat(entity.location.ToString(), ": duplicate id '", entity.id,
                       "' (first used at ", all[it->second].location.ToString(), ")"));
    }
    absl::flat_hash_set<std::string> keys;
    auto file = [&](AliasRef ref) -> absl::Status {
      absl::string_view text = AliasText(entity, ref);
      if (text.empty() && ref.kind != AliasKind::kName) return absl::OkStatus();  // Unknown form.
      std::string key = normalizer.Key(text);
      if (key.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            entity.location.ToString(), ": '", text, "' of '", entity.id, "' has no letter or digit"));
      }
      if (keys.insert(key).second) ++catalog->key_count_;
      catalog->by_key_[key].push_back({e, ref});
      // Hangul names are also filed by their orthography key, for decoded queries.
      if (ref.kind == AliasKind::kHangul || ref.kind == AliasKind::kAlias) {
        if (IsAllHangul(key)) catalog->by_hangul_[hangul::OrthographyKey(key)].push_back({e, ref});
      }
      return absl::OkStatus();
    };
    for (AliasKind kind : {AliasKind::kName, AliasKind::kHangul, AliasKind::kHanja}) {
      if (absl::Status s = file({kind, 0}); !s.ok()) return s;
    }
    for (uint32_t a = 0; a < entity.aliases.size(); ++a) {
      if (absl::Status s = file({AliasKind::kAlias, a}); !s.ok()) return s;
    }
  }
  return std::shared_ptr<const Catalog>(std::move(catalog));
}

absl::Span<const Catalog::Posting> Catalog::LookupHangul(absl::string_view key) const {
  auto it = by_hangul_.find(key);
  if (it == by_hangul_.end()) return {};
  return it->second;
}

const Entity* Catalog::FindById(absl::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

absl::Span<const Catalog::Posting> Catalog::Lookup(absl::string_view key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return {};
  return it->second;
}

int64_t Catalog::CountOfKind(EntityKind kind) const {
  return std::count_if(entities_.begin(), entities_.end(),
                       [kind](const Entity& e) { return e.kind == kind; });
}

}  // namespace irum::catalog
