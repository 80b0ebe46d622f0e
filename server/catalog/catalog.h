// Catalog: the immutable, compiled snapshot of the tables that every query reads.
//
// Build once, read many: Build() normalizes every name, Hangul form, Hanja form, alias and former
// name of every entity into a key (text::Normalizer::Key) and indexes key -> entities, Hangul
// orthography key -> entities and one-letter deletions -> names (for typos). It also links the
// hierarchy (each entity's parent, children and descendant counts, depth), ranks entities by
// prominence, and keeps the retired IDs with their redirects. At query time only a typo
// candidate's key is computed again, to confirm its edit distance.
//
//   IRUM_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> catalog,
//                         Catalog::Build(parsed.entities, version, normalizer));
//   for (const Catalog::Posting& p : catalog->Lookup(normalizer.Key("Kae-song"))) ...
//
// Thread safety: a Catalog is immutable after Build; any number of threads may read it. Holders keep
// it alive through the shared_ptr; a reload builds a new Catalog and swaps the pointer.
#ifndef IRUM_SERVER_CATALOG_CATALOG_H_
#define IRUM_SERVER_CATALOG_CATALOG_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/catalog/entity.h"
#include "server/catalog/key_index.h"
#include "server/hangul/decode.h"
#include "server/hangul/romanize.h"
#include "server/text/normalize.h"

namespace irum::catalog {

// A word for the people of a place: "north korean" -> place/kp/north-korea (tables/demonyms.tsv).
struct Demonym {
  std::string words;  // Lowercase ASCII words.
  std::string id;     // The entity's ID.
  SourceLocation location;
};

// What a catalog knows of the language besides its entities: the tables the romanizer and the
// decoder are built from.
struct LanguageData {
  hangul::PronunciationExceptions pronunciations;       // tables/pronunciation.tsv
  std::vector<hangul::Surname> surnames;               // tables/surnames.tsv
  // tables/syllable_priors.tsv, given_names.tsv, name_model.tsv.
  hangul::NamePriors name_priors;
  std::vector<std::pair<std::string, std::string>> place_generics;  // tables/place_generics.tsv
  std::vector<std::string> particles;  // tables/particles.tsv
  std::vector<std::string> titles;     // tables/titles.tsv
  std::vector<Demonym> demonyms;       // tables/demonyms.tsv
  // Names and aliases, as written in the entity tables, that running text links only where it
  // supports the entity (tables/context_aliases.tsv), each with where it is listed.
  std::vector<std::pair<std::string, SourceLocation>> context_aliases;
  // The words an English lexicon writes in lowercase (Debian's wamerican, read by the loader when
  // installed): ordinary words, which Annotate does not take for names.
  std::vector<std::string> english_words;
  // The words of a Korean dictionary (Debian's hunspell-ko, read by the loader when installed),
  // in Hangul: common nouns (조국 "homeland", 장면 "scene") and proper nouns alike.
  std::vector<std::string> korean_words;
};

// How the decoder and the orthography key treat the names of entities of `kind`: persons as
// persons, places and organizations as places.
hangul::StringKind HangulKind(EntityKind kind);

// The names of `rows` (LanguageData::context_aliases), without where they are listed.
absl::flat_hash_set<std::string> ContextAliasNames(
    const std::vector<std::pair<std::string, SourceLocation>>& rows);

// The surnames of two syllables in `surnames`, with their North Korean forms.
std::vector<std::string> TwoSyllableSurnameForms(const std::vector<hangul::Surname>& surnames);

class Catalog {
 public:
  // One name of one entity filed under a key (entity: an index into entities()).
  using Posting = catalog::Posting;

  // Compiles `entities`, `language` and `retired` into a snapshot labelled `version` (an opaque
  // string naming the table contents). InvalidArgument when two entities share an ID, a name has
  // an empty key, a parent is not an entity of the catalog or parents form a cycle, or a retired ID
  // is in use or does not lead to an entity; the message names the table rows. (The table reader
  // reports all of these with more detail; Build checks what it relies on.)
  static absl::StatusOr<std::shared_ptr<const Catalog>> Build(std::vector<Entity> entities,
                                                              std::string version,
                                                              text::Normalizer normalizer,
                                                              const LanguageData& language = {},
                                                              std::vector<RetiredId> retired = {});

  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // The entity with canonical ID `id`, or nullptr. The pointer lives as long as the Catalog.
  // Retired IDs are not found here: see FindRetired.
  const Entity* FindById(absl::string_view id) const;

  // The retired ID `id` (tables/retired.tsv), or nullptr.
  const RetiredId* FindRetired(absl::string_view id) const;
  // The live entity a retired ID leads to, following replaced_by through any further retired IDs.
  // REQUIRES: `retired` belongs to this catalog (Build checked that the chain ends at an entity).
  const Entity& Successor(const RetiredId& retired) const;
  int64_t retired_count() const { return static_cast<int64_t>(retired_.size()); }

  // The hierarchy. Indexes are positions in entities(); kNoParent marks a root.
  static constexpr uint32_t kNoParent = UINT32_MAX;
  uint32_t parent(uint32_t index) const { return links_[index].parent; }
  // Ancestors nearest first: a dong's gu, city, province, country.
  std::vector<uint32_t> Ancestors(uint32_t index) const;
  // True when `ancestor` is a proper ancestor of `index`.
  bool IsWithin(uint32_t index, uint32_t ancestor) const;
  int32_t child_count(uint32_t index) const { return links_[index].children; }
  int32_t descendant_count(uint32_t index) const { return links_[index].descendants; }
  // 0 for a root, 1 for its children, and so on.
  int32_t depth(uint32_t index) const { return links_[index].depth; }
  // Prominence rank: 0 is the most prominent entity. Ranks by depth (a province before a city
  // before a district), then population (when the tables give it), then the number of units
  // inside, then the parent's prominence (Seoul's Jung-gu before Busan's), then ID. Used to order homonyms of equal score ("Gwangju": the metropolitan city
  // before Gwangju-si of Gyeonggi).
  uint32_t prominence(uint32_t index) const { return links_[index].prominence; }
  // The index of `entity`. REQUIRES: `entity` is one of entities().
  uint32_t IndexOf(const Entity& entity) const {
    return static_cast<uint32_t>(&entity - entities_.data());
  }

  // Every name filed under `key` (a normalized key, see text::Normalizer::Key), in entity order;
  // empty when none.
  absl::Span<const Posting> Lookup(absl::string_view key) const;

  // The entities whose Hangul (or a Hangul alias) has the orthography key `key`
  // (decoder().OrthographyKey, with the entity's HangulKind), in entity order; empty when none.
  absl::Span<const Posting> LookupHangul(absl::string_view key) const;

  // The names whose key is one edit (an insertion, deletion, substitution or transposition of
  // adjacent letters) away from `key`: typos ("Kaesnog", "Pyongyng"). Only ASCII keys of at least
  // kMinTypoKeyLength letters take part. Each posting once, in no particular order.
  std::vector<Posting> LookupTypo(absl::string_view key) const;
  static constexpr size_t kMinTypoKeyLength = 6;

  // What `key` is among the keys of the first words of names (every word of them included) and of
  // demonyms: "kim" and "kimyo" for "Kim Yo-jong". Annotate extends a run of words while it is one,
  // and looks up only the runs whose key is a key of the catalog: both told by one hash lookup.
  // (Kept as 64-bit hashes: a rare false kPrefix or kKey only costs a lookup.)
  enum class PrefixKind : uint8_t {
    kNone,    // No name's or demonym's first words.
    kPrefix,  // Some name's or demonym's first words, but no key: Lookup(key) is empty.
    kKey,     // A key (every key is its name's prefix): Lookup(key) has its postings.
  };
  PrefixKind NamePrefix(absl::string_view key) const {
    auto it = name_prefixes_.find(PrefixKeyHash(key));
    if (it == name_prefixes_.end()) return PrefixKind::kNone;
    return (*it & kIsKey) != 0 ? PrefixKind::kKey : PrefixKind::kPrefix;
  }
  bool IsNamePrefix(absl::string_view key) const {
    return NamePrefix(key) != PrefixKind::kNone;
  }

  // The entities whose people `key` (a normalized key: "northkorean") names (tables/demonyms.tsv),
  // in table order; empty when none.
  absl::Span<const uint32_t> LookupDemonym(absl::string_view key) const;

  // The Korean particles of the tables (tables/particles.tsv), longest first.
  const std::vector<std::string>& particles() const { return particles_; }
  // True when `word` is a Korean title of the tables (tables/titles.tsv: 위원장, 대통령).
  bool IsTitle(absl::string_view word) const { return titles_.contains(word); }
  // True when `name`, a name or alias as the entity tables write it (AliasText), is one the
  // tables say running text names an entity by only where the text supports it
  // (tables/context_aliases.tsv: 조선, which is also the Joseon dynasty).
  bool NeedsContext(absl::string_view name) const { return context_aliases_.contains(name); }
  // True when `word` (lowercase) is an ordinary English word (LanguageData::english_words).
  bool IsEnglishWord(absl::string_view word) const { return english_words_.contains(word); }
  int64_t english_word_count() const { return static_cast<int64_t>(english_words_.size()); }
  // True when `word` (Hangul) is a word of the Korean dictionary (LanguageData::korean_words).
  bool IsKoreanWord(absl::string_view word) const { return korean_words_.contains(word); }
  // True when `key` (a word's key, Normalizer::Key) is the one-word name of a country other than
  // the two Koreas, in English or Korean, or the English name of a language other than Korean
  // (China, Chinese, 중국: CLDR's names through ICU, text::CountryWords).
  bool IsForeignCountryWord(absl::string_view key) const {
    return foreign_country_words_.contains(key);
  }
  // True when `key` (Normalizer::Key of a run of words) is the English name of a country other
  // than the two Koreas or of a city outside them that CLDR names a time zone by ("Hong Kong",
  // "Ho Chi Minh City": text::WorldPlaceNames).
  bool IsWorldPlaceName(absl::string_view key) const { return world_place_names_.contains(key); }
  int64_t korean_word_count() const { return static_cast<int64_t>(korean_words_.size()); }

  const std::vector<Entity>& entities() const { return entities_; }
  const Entity& entity(uint32_t index) const { return entities_[index]; }
  const text::Normalizer& normalizer() const { return normalizer_; }
  // The romanizer, with the tables' pronunciation exceptions.
  const hangul::Romanizer& romanizer() const { return romanizer_; }
  // The decoder, with the tables' surnames and syllable priors.
  const hangul::Decoder& decoder() const { return decoder_; }
  int64_t pronunciation_count() const { return pronunciation_count_; }
  int64_t surname_count() const { return surname_count_; }
  const std::string& version() const { return version_; }

  // Distinct (entity, key) pairs in the index.
  int64_t key_count() const { return key_count_; }
  int64_t CountOfKind(EntityKind kind) const;

 private:
  Catalog(std::vector<Entity> entities, std::vector<RetiredId> retired, std::string version,
          text::Normalizer normalizer, const LanguageData& language)
      : entities_(std::move(entities)),
        retired_(std::move(retired)),
        version_(std::move(version)),
        normalizer_(normalizer),
        romanizer_(language.pronunciations, TwoSyllableSurnameForms(language.surnames)),
        decoder_(language.surnames, language.name_priors, language.place_generics),
        pronunciation_count_(static_cast<int64_t>(language.pronunciations.size())),
        surname_count_(static_cast<int64_t>(language.surnames.size())),
        particles_(language.particles),
        titles_(language.titles.begin(), language.titles.end()),
        context_aliases_(ContextAliasNames(language.context_aliases)),
        english_words_(language.english_words.begin(), language.english_words.end()),
        korean_words_(language.korean_words.begin(), language.korean_words.end()) {}

  struct Links {
    uint32_t parent = kNoParent;
    int32_t children = 0;
    int32_t descendants = 0;
    int32_t depth = 0;
    uint32_t prominence = 0;
  };

  // Files the keys of the first words of `name` (IsNamePrefix).
  void AddNamePrefixes(absl::string_view name);

  // Fills links_ from the entities' parent IDs; InvalidArgument on a missing parent or a cycle.
  absl::Status LinkHierarchy();

  std::vector<Entity> entities_;
  std::vector<Links> links_;
  std::vector<RetiredId> retired_;
  absl::flat_hash_map<std::string, uint32_t> retired_by_id_;
  std::string version_;
  text::Normalizer normalizer_;
  hangul::Romanizer romanizer_;
  hangul::Decoder decoder_;
  int64_t pronunciation_count_;
  int64_t surname_count_;
  absl::flat_hash_map<absl::string_view, uint32_t> by_id_;  // IDs of entities_, which never move.
  KeyIndex by_key_;
  KeyIndex by_hangul_;
  // 32 bits of the hash of each ASCII key of by_key_ (of kMinTypoKeyLength letters or more) and of
  // each of its one-letter deletions, with the key's number in by_key_, as one integer (hash in the
  // high 32 bits: DeletionEntry); sorted. (A hash shared by chance only costs an edit distance
  // computed in vain.) One integer, not a pair: sorting 6 million at a million entities compares
  // once instead of twice.
  std::vector<uint64_t> by_deletion_;
  absl::flat_hash_map<std::string, std::vector<uint32_t>> by_demonym_;
  // The 64-bit hash of a key that name_prefixes_ files: a word's key (most are under 16 bytes)
  // in a few multiplications, where absl::HashOf takes several times as many instructions, and
  // Annotate asks for one per word of a text.
  static uint64_t PrefixKeyHash(absl::string_view key) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    const char* p = key.data();
    const size_t n = key.size();
    auto read = [](const char* at, size_t bytes) {  // 4 or 8 bytes, little-endian or not.
      uint64_t v = 0;
      std::memcpy(&v, at, bytes);
      return v;
    };
    uint64_t h = (n + 1) * kMul;
    auto mix = [&h](uint64_t w) {
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    };
    if (n >= 8) {
      size_t i = 0;
      for (; i + 8 <= n; i += 8) mix(read(p + i, 8));
      if (i < n) mix(read(p + n - 8, 8));  // The last bytes, overlapping the chunk before.
    } else if (n >= 4) {
      mix(read(p, 4) | read(p + n - 4, 4) << 32);
    } else if (n > 0) {
      mix(static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
  }

  // name_prefixes_ holds 64-bit hashes (PrefixKeyHash) of the keys of the first words of every name
  // and demonym, each with its lowest bit replaced by kIsKey when it is a key's: the bit is no
  // part of the hash or of equality, so one find tells both (NamePrefix). The hashes are mixed
  // already and serve as their own hash.
  static constexpr uint64_t kIsKey = 1;
  struct PrefixHash {
    size_t operator()(uint64_t h) const { return static_cast<size_t>(h & ~kIsKey); }
  };
  struct PrefixEq {
    bool operator()(uint64_t a, uint64_t b) const { return ((a ^ b) & ~kIsKey) == 0; }
  };
  absl::flat_hash_set<uint64_t, PrefixHash, PrefixEq> name_prefixes_;
  std::vector<std::string> particles_;
  absl::flat_hash_set<std::string> titles_;
  absl::flat_hash_set<std::string> context_aliases_;
  absl::flat_hash_set<std::string> english_words_;
  absl::flat_hash_set<std::string> korean_words_;
  absl::flat_hash_set<std::string> foreign_country_words_;  // Keys.
  absl::flat_hash_set<std::string> world_place_names_;      // Keys.
  int64_t key_count_ = 0;
};

}  // namespace irum::catalog

#endif  // IRUM_SERVER_CATALOG_CATALOG_H_
