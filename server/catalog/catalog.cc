#include "server/catalog/catalog.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "server/text/normalize.h"
#include "server/text/utf8.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace irum::catalog {
namespace {

// True when `key` (a normalized key) is Hangul syllables only.
bool IsAllHangul(absl::string_view key) {
  if (key.empty()) return false;
  for (size_t i = 0; i < key.size();) {
    if (!hangul::IsSyllable(text::NextCodePoint(key, &i))) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> TwoSyllableSurnames(const std::vector<hangul::Surname>& surnames) {
  std::vector<std::string> out;
  for (const hangul::Surname& s : surnames) {
    for (const std::string* form : {&s.hangul, &s.north}) {
      if (text::CountCodePoints(*form) == 2) out.push_back(*form);
    }
  }
  return out;
}

hangul::StringKind HangulKind(EntityKind kind) {
  return kind == EntityKind::kPerson ? hangul::StringKind::kPerson : hangul::StringKind::kPlace;
}

namespace {


// `key` and each of its one-letter deletions, hashed.
std::vector<uint64_t> DeletionHashes(absl::string_view key) {
  std::vector<uint64_t> out;
  out.reserve(key.size() + 1);
  out.push_back(absl::HashOf(key));
  std::string variant;
  for (size_t i = 0; i < key.size(); ++i) {
    variant.assign(key.data(), i);
    variant.append(key.data() + i + 1, key.size() - i - 1);
    out.push_back(absl::HashOf(absl::string_view(variant)));
  }
  return out;
}

// Optimal string alignment distance of `a` and `b`, capped: returns cap + 1 once it exceeds cap.
size_t EditDistance(absl::string_view a, absl::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return std::min(d[a.size()][b.size()], cap + 1);
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
      if (keys.insert(key).second) {
        ++catalog->key_count_;
        if (key.size() >= kMinTypoKeyLength && text::IsAscii(key)) {
          for (uint64_t hash : DeletionHashes(key)) catalog->by_deletion_.push_back({hash, {e, ref}});
        }
      }
      catalog->by_key_[key].push_back({e, ref});
      // Hangul names are also filed by their orthography key, for decoded queries.
      if (ref.kind == AliasKind::kHangul || ref.kind == AliasKind::kAlias) {
        if (IsAllHangul(key)) {
          catalog->by_hangul_[catalog->decoder_.OrthographyKey(key, HangulKind(entity.kind))]
              .push_back({e, ref});
        }
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
  std::sort(catalog->by_deletion_.begin(), catalog->by_deletion_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return std::shared_ptr<const Catalog>(std::move(catalog));
}

std::vector<Catalog::Posting> Catalog::LookupTypo(absl::string_view key) const {
  std::vector<Posting> out;
  if (key.size() + 1 < kMinTypoKeyLength || !text::IsAscii(key)) return out;
  for (uint64_t hash : DeletionHashes(key)) {
    auto range = std::equal_range(
        by_deletion_.begin(), by_deletion_.end(), std::make_pair(hash, Posting{}),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = range.first; it != range.second; ++it) {
      const Posting& p = it->second;
      const bool seen = std::any_of(out.begin(), out.end(), [&p](const Posting& q) {
        return q.entity == p.entity && q.alias.kind == p.alias.kind && q.alias.index == p.alias.index;
      });
      if (seen) continue;
      const std::string alias_key = normalizer_.Key(AliasText(entities_[p.entity], p.alias));
      if (alias_key != key && EditDistance(key, alias_key, 1) <= 1) out.push_back(p);
    }
  }
  return out;
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
