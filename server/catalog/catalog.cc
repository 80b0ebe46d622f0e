#include "server/catalog/catalog.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "server/hangul/hanja.h"
#include "server/hangul/jamo.h"
#include "server/text/countries.h"
#include "server/text/normalize.h"
#include "server/text/utf8.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
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

absl::flat_hash_set<std::string> ContextAliasNames(
    const std::vector<std::pair<std::string, SourceLocation>>& rows) {
  absl::flat_hash_set<std::string> out;
  for (const auto& [name, where] : rows) out.insert(name);
  return out;
}

std::vector<std::string> TwoSyllableSurnameForms(const std::vector<hangul::Surname>& surnames) {
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


// `key` and each of its one-letter deletions, hashed (32 bits), to `*out`.
void DeletionHashes(absl::string_view key, std::vector<uint32_t>* out) {
  out->clear();
  out->push_back(static_cast<uint32_t>(absl::HashOf(key)));
  std::string variant;
  for (size_t i = 0; i < key.size(); ++i) {
    variant.assign(key.data(), i);
    variant.append(key.data() + i + 1, key.size() - i - 1);
    out->push_back(static_cast<uint32_t>(absl::HashOf(absl::string_view(variant))));
  }
}

// An entry of Catalog::by_deletion_: the hash of a deletion and the number of the key it came from.
uint64_t DeletionEntry(uint32_t hash, uint32_t number) {
  return uint64_t{hash} << 32 | number;
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

absl::Status Catalog::LinkHierarchy() {
  const uint32_t n = static_cast<uint32_t>(entities_.size());
  links_.assign(n, Links{});
  for (uint32_t e = 0; e < n; ++e) {
    const Entity& entity = entities_[e];
    if (entity.parent.empty()) continue;
    auto it = by_id_.find(entity.parent);
    if (it == by_id_.end()) {
      return absl::InvalidArgumentError(absl::StrCat(entity.location.ToString(), ": parent '",
                                                     entity.parent, "' of '", entity.id,
                                                     "' is not an entity"));
    }
    links_[e].parent = it->second;
    ++links_[it->second].children;
  }
  // Depths and descendant counts, walking each chain; a chain longer than n loops.
  for (uint32_t e = 0; e < n; ++e) {
    int32_t depth = 0;
    for (uint32_t a = links_[e].parent; a != kNoParent; a = links_[a].parent) {
      if (++depth > static_cast<int32_t>(n)) {
        return absl::InvalidArgumentError(absl::StrCat(
            entities_[e].location.ToString(), ": parents of '", entities_[e].id, "' form a cycle"));
      }
      ++links_[a].descendants;
    }
    links_[e].depth = depth;
  }
  // Prominence, one depth at a time, so that a parent's rank is known before its children are
  // ranked: homonyms alike in every other way follow their parents (Seoul's Jung-gu first).
  // The entities by depth (a counting sort: depths are few), then each depth sorted by rank. The
  // populations are copied beside each other: the comparisons would otherwise each read two
  // entities far apart in memory.
  int32_t max_depth = 0;
  for (const Links& link : links_) max_depth = std::max(max_depth, link.depth);
  std::vector<uint32_t> depth_begin(static_cast<size_t>(max_depth) + 2, 0);
  for (const Links& link : links_) ++depth_begin[link.depth + 1];
  for (size_t d = 1; d < depth_begin.size(); ++d) depth_begin[d] += depth_begin[d - 1];
  std::vector<uint32_t> order(n);
  std::vector<uint32_t> next(depth_begin.begin(), depth_begin.end() - 1);
  for (uint32_t e = 0; e < n; ++e) order[next[links_[e].depth]++] = e;
  std::vector<int64_t> population(n);
  for (uint32_t e = 0; e < n; ++e) population[e] = entities_[e].population;
  uint32_t rank = 0;
  for (size_t d = 0; d + 1 < depth_begin.size(); ++d) {
    const size_t begin = depth_begin[d];
    const size_t end = depth_begin[d + 1];
    std::sort(order.begin() + begin, order.begin() + end, [&](uint32_t a, uint32_t b) {
      const Links& x = links_[a];
      const Links& y = links_[b];
      if (population[a] != population[b]) return population[a] > population[b];
      if (x.descendants != y.descendants) return x.descendants > y.descendants;
      const uint32_t px = x.parent == kNoParent ? 0 : links_[x.parent].prominence;
      const uint32_t py = y.parent == kNoParent ? 0 : links_[y.parent].prominence;
      if (px != py) return px < py;
      return entities_[a].id < entities_[b].id;
    });
    for (size_t i = begin; i < end; ++i) links_[order[i]].prominence = rank++;
  }
  return absl::OkStatus();
}

std::vector<uint32_t> Catalog::Ancestors(uint32_t index) const {
  std::vector<uint32_t> out;
  for (uint32_t a = links_[index].parent; a != kNoParent; a = links_[a].parent) out.push_back(a);
  return out;
}

bool Catalog::IsWithin(uint32_t index, uint32_t ancestor) const {
  if (links_[ancestor].descendants == 0) return false;
  for (uint32_t a = links_[index].parent; a != kNoParent; a = links_[a].parent) {
    if (a == ancestor) return true;
  }
  return false;
}

const RetiredId* Catalog::FindRetired(absl::string_view id) const {
  auto it = retired_by_id_.find(id);
  return it == retired_by_id_.end() ? nullptr : &retired_[it->second];
}

const Entity& Catalog::Successor(const RetiredId& retired) const {
  const RetiredId* step = &retired;
  for (;;) {
    if (const Entity* entity = FindById(step->replaced_by)) return *entity;
    step = FindRetired(step->replaced_by);
  }
}

absl::StatusOr<std::shared_ptr<const Catalog>> Catalog::Build(std::vector<Entity> entities,
                                                              std::string version,
                                                              text::Normalizer normalizer,
                                                              const LanguageData& language,
                                                              std::vector<RetiredId> retired) {
  std::shared_ptr<Catalog> catalog(new Catalog(std::move(entities), std::move(retired),
                                               std::move(version), normalizer, language));
  // ICU's names do not change while the process runs: asked of it once, not at every reload.
  static const auto* const kCountryWords =
      new std::vector<std::string>(text::CountryWords({"KR", "KP"}, {"ko"}));
  static const auto* const kWorldPlaceNames =
      new std::vector<std::string>(text::WorldPlaceNames({"KR", "KP"}));
  for (const std::string& word : *kCountryWords) {
    catalog->foreign_country_words_.insert(normalizer.Key(word));
  }
  for (const std::string& name : *kWorldPlaceNames) {
    catalog->world_place_names_.insert(normalizer.Key(name));
  }
  const std::vector<Entity>& all = catalog->entities_;
  catalog->by_id_.reserve(all.size());
  size_t names = 0;  // Every name filed under a key.
  for (const Entity& entity : all) {
    names += 1 + !entity.hangul.empty() + !entity.hanja.empty() + entity.aliases.size() +
             entity.former_names.size();
  }
  catalog->by_key_.Reserve(names);
  std::vector<uint32_t> keys;  // The numbers of the keys of one entity.
  // The text of the first name filed under each key number: a name written as one before it has
  // the same prefixes (thousands of namesakes share a spelling), which are not filed again.
  std::vector<absl::string_view> first_text;
  for (uint32_t e = 0; e < all.size(); ++e) {
    const Entity& entity = all[e];
    auto [it, inserted] = catalog->by_id_.emplace(entity.id, e);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat(entity.location.ToString(), ": duplicate id '", entity.id,
                       "' (first used at ", all[it->second].location.ToString(), ")"));
    }
    keys.clear();
    auto file = [&](AliasRef ref) -> absl::Status {
      absl::string_view text = AliasText(entity, ref);
      if (text.empty() && ref.kind != AliasKind::kName) return absl::OkStatus();  // Unknown form.
      std::string key = normalizer.Key(text);
      if (key.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            entity.location.ToString(), ": '", text, "' of '", entity.id, "' has no letter or digit"));
      }
      const uint32_t number = catalog->by_key_.Add(key, {e, ref});
      if (std::find(keys.begin(), keys.end(), number) == keys.end()) {
        keys.push_back(number);
        ++catalog->key_count_;
      }
      if (number == first_text.size()) {
        first_text.push_back(text);
        catalog->AddNamePrefixes(text);
      } else if (first_text[number] != text) {
        catalog->AddNamePrefixes(text);
      }
      // Hangul names are also filed by their orthography key, for decoded queries.
      if (ref.kind == AliasKind::kHangul || ref.kind == AliasKind::kAlias ||
          ref.kind == AliasKind::kFormer) {
        if (IsAllHangul(key)) {
          catalog->by_hangul_.Add(
              catalog->decoder_.OrthographyKey(key, HangulKind(entity.kind)), {e, ref});
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
    for (uint32_t a = 0; a < entity.former_names.size(); ++a) {
      if (absl::Status s = file({AliasKind::kFormer, a}); !s.ok()) return s;
    }
  }
  if (absl::Status s = catalog->LinkHierarchy(); !s.ok()) return s;
  for (uint32_t r = 0; r < catalog->retired_.size(); ++r) {
    const RetiredId& retired_id = catalog->retired_[r];
    if (catalog->by_id_.count(retired_id.id) ||
        !catalog->retired_by_id_.emplace(retired_id.id, r).second) {
      return absl::InvalidArgumentError(absl::StrCat(retired_id.location.ToString(), ": retired id '",
                                                     retired_id.id, "' is in use or listed twice"));
    }
  }
  for (const RetiredId& retired_id : catalog->retired_) {
    const RetiredId* step = &retired_id;
    for (size_t hops = 0; !catalog->by_id_.count(step->replaced_by); ++hops) {
      step = catalog->FindRetired(step->replaced_by);
      if (step == nullptr || hops > catalog->retired_.size()) {
        return absl::InvalidArgumentError(absl::StrCat(retired_id.location.ToString(), ": retired id '",
                                                       retired_id.id,
                                                       "' does not lead to an entity"));
      }
    }
  }
  catalog->by_key_.Finish();
  catalog->by_hangul_.Finish();
  // Sized before it is filled: grown by doubling, it would need twice its size at its peak.
  size_t deletions = 0;
  for (uint32_t k = 0; k < catalog->by_key_.size(); ++k) {
    const absl::string_view key = catalog->by_key_.key(k);
    if (key.size() >= kMinTypoKeyLength && text::IsAscii(key)) deletions += key.size() + 1;
  }
  catalog->by_deletion_.reserve(deletions);
  std::vector<uint32_t> hashes;
  for (uint32_t k = 0; k < catalog->by_key_.size(); ++k) {
    const absl::string_view key = catalog->by_key_.key(k);
    if (key.size() < kMinTypoKeyLength || !text::IsAscii(key)) continue;
    DeletionHashes(key, &hashes);
    for (uint32_t hash : hashes) catalog->by_deletion_.push_back(DeletionEntry(hash, k));
  }
  std::sort(catalog->by_deletion_.begin(), catalog->by_deletion_.end());
  for (const Demonym& d : language.demonyms) {
    auto it = catalog->by_id_.find(d.id);
    if (it == catalog->by_id_.end()) {
      return absl::InvalidArgumentError(absl::StrCat(d.location.ToString(), ": demonym '", d.words,
                                                     "' names '", d.id, "', no entity"));
    }
    catalog->by_demonym_[normalizer.Key(d.words)].push_back(it->second);
  }
  for (const Demonym& d : language.demonyms) catalog->AddNamePrefixes(d.words);
  // The keys' own prefixes marked as keys (NamePrefix), once every prefix is filed. (Each key is
  // its name's words' keys run together, so it is filed already; one that were not is filed here.)
  for (uint32_t k = 0; k < catalog->by_key_.size(); ++k) {
    const uint64_t hash = PrefixKeyHash(catalog->by_key_.key(k));
    auto it = catalog->name_prefixes_.find(hash);
    if (it != catalog->name_prefixes_.end()) {
      if ((*it & kIsKey) != 0) continue;
      catalog->name_prefixes_.erase(it);
    }
    catalog->name_prefixes_.insert(hash | kIsKey);
  }
  std::sort(catalog->particles_.begin(), catalog->particles_.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() != b.size() ? a.size() > b.size() : a < b;
            });
  return std::shared_ptr<const Catalog>(std::move(catalog));
}

std::vector<Catalog::Posting> Catalog::LookupTypo(absl::string_view key) const {
  std::vector<Posting> out;
  if (key.size() + 1 < kMinTypoKeyLength || !text::IsAscii(key)) return out;
  std::vector<uint32_t> hashes;
  DeletionHashes(key, &hashes);
  std::vector<uint32_t> seen;  // Key numbers already compared.
  for (uint32_t hash : hashes) {
    auto it = std::lower_bound(by_deletion_.begin(), by_deletion_.end(), DeletionEntry(hash, 0));
    for (; it != by_deletion_.end() && (*it >> 32) == hash; ++it) {
      const uint32_t number = static_cast<uint32_t>(*it);
      if (std::find(seen.begin(), seen.end(), number) != seen.end()) continue;
      seen.push_back(number);
      const absl::string_view name_key = by_key_.key(number);
      if (name_key != key && EditDistance(key, name_key, 1) <= 1) {
        const absl::Span<const Posting> postings = by_key_.postings(number);
        out.insert(out.end(), postings.begin(), postings.end());
      }
    }
  }
  return out;
}

absl::Span<const Catalog::Posting> Catalog::LookupHangul(absl::string_view key) const {
  return by_hangul_.Find(key);
}

const Entity* Catalog::FindById(absl::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

void Catalog::AddNamePrefixes(absl::string_view name) {
  // Words end where Key drops a character between letters: spaces, hyphens, apostrophes, periods,
  // middle dots (a word's key is its letters and digits, so the words' keys run together are
  // the name's).
  // In a word of Hanja, every character ends a prefix too: a text's word breaks may fall between
  // them (ICU cuts Chinese by a dictionary: 李明博 may come as 李 and 明博). So do the bounds
  // between Hangul and digits, where ICU's word rules break (능라도|5|월|1|일경기장).
  std::string prefix;
  size_t start = 0;
  auto file = [this](absl::string_view key) {
    if (!key.empty()) name_prefixes_.insert(PrefixKeyHash(key) & ~kIsKey);
  };
  auto add = [&](size_t end) {
    if (end <= start) return;
    const absl::string_view word = name.substr(start, end - start);
    if (hangul::HasHanja(word)) {
      for (size_t i = 0; i < word.size();) {
        text::NextCodePoint(word, &i);
        if (i == word.size()) break;
        file(prefix + normalizer_.Key(word.substr(0, i)));
      }
    } else {
      auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
      char32_t before = 0;
      for (size_t i = 0; i < word.size();) {
        const size_t at = i;
        const char32_t c = text::NextCodePoint(word, &i);
        if (at > 0 && ((digit(before) && hangul::IsSyllable(c)) ||
                       (hangul::IsSyllable(before) && digit(c)))) {
          file(prefix + normalizer_.Key(word.substr(0, at)));
        }
        before = c;
      }
    }
    prefix += normalizer_.Key(word);
    file(prefix);
  };
  for (size_t i = 0; i < name.size();) {
    const size_t at = i;
    const char32_t c = text::NextCodePoint(name, &i);
    const bool separator = c == U' ' || c == U'-' || c == U'\'' || c == U'.' || c == U',' ||
                           c == U'\u00B7' || c == U'\u2019' || c == U'\u2010' || c == U'(' ||
                           c == U')' || c == U'/';
    if (separator) {
      add(at);
      start = i;
    }
  }
  add(name.size());
}

absl::Span<const uint32_t> Catalog::LookupDemonym(absl::string_view key) const {
  auto it = by_demonym_.find(key);
  if (it == by_demonym_.end()) return {};
  return it->second;
}

absl::Span<const Catalog::Posting> Catalog::Lookup(absl::string_view key) const {
  return by_key_.Find(key);
}

int64_t Catalog::CountOfKind(EntityKind kind) const {
  return std::count_if(entities_.begin(), entities_.end(),
                       [kind](const Entity& e) { return e.kind == kind; });
}

}  // namespace irum::catalog
