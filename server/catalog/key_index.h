// KeyIndex: the compiled map from keys (normalized names, orthography keys) to the names filed
// under them, as a Catalog holds it.
//
// Built once, read many: each distinct key is stored once (interned: its bytes in large shared
// blocks, not one allocation each) and numbered in the order first added; the postings of all keys
// lie in one array, each key's contiguous and in the order added. At a million entities this takes
// a fraction of the memory and allocations of a hash map of strings to vectors.
//
//   KeyIndex index;
//   index.Add("kaesong", {0, {AliasKind::kName, 0}});
//   index.Finish();
//   for (const Posting& p : index.Find("kaesong")) ...
//
// Thread safety: Add and Finish from one thread; after Finish, immutable (any number of readers).
#ifndef IRUM_SERVER_CATALOG_KEY_INDEX_H_
#define IRUM_SERVER_CATALOG_KEY_INDEX_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/catalog/entity.h"

namespace irum::catalog {

// One name of one entity filed under a key.
struct Posting {
  uint32_t entity;  // Index into the catalog's entities.
  AliasRef alias;
};

class KeyIndex {
 public:
  KeyIndex() = default;
  KeyIndex(const KeyIndex&) = delete;
  KeyIndex& operator=(const KeyIndex&) = delete;
  KeyIndex(KeyIndex&&) = default;
  KeyIndex& operator=(KeyIndex&&) = default;

  // Makes room for `postings` calls of Add, so that the postings are not copied as they grow (at
  // a million entities, 40 MB of them). Optional. REQUIRES: Finish has not been called.
  void Reserve(size_t postings) { added_.reserve(postings); }

  // Files `posting` under `key` and returns the key's number (0 for the first distinct key added,
  // then 1, ...). REQUIRES: Finish has not been called.
  uint32_t Add(absl::string_view key, Posting posting);

  // Lays the postings out for lookup and frees what only building needed.
  void Finish();

  // The postings filed under `key`, in the order added; empty when none. REQUIRES: Finish called.
  absl::Span<const Posting> Find(absl::string_view key) const;
  // The postings of key number `number`. REQUIRES: Finish called, number < size().
  absl::Span<const Posting> postings(uint32_t number) const {
    return absl::MakeConstSpan(postings_.data() + begin_[number],
                               begin_[number + 1] - begin_[number]);
  }
  // The key numbered `number`. REQUIRES: number < size().
  absl::string_view key(uint32_t number) const { return keys_[number]; }
  // Distinct keys.
  uint32_t size() const { return static_cast<uint32_t>(keys_.size()); }

 private:
  // A copy of `key` in the blocks, which never move.
  absl::string_view Store(absl::string_view key);

  static constexpr size_t kBlockBytes = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = kBlockBytes;  // Bytes used of the last block.
  std::vector<std::unique_ptr<char[]>> large_;  // Keys longer than a quarter block, one each.
  std::vector<absl::string_view> keys_;                    // By number.
  absl::flat_hash_map<absl::string_view, uint32_t> numbers_;
  std::vector<std::pair<uint32_t, Posting>> added_;        // Until Finish: (number, posting).
  std::vector<uint32_t> begin_;  // After Finish: key n's postings are [begin_[n], begin_[n + 1]).
  std::vector<Posting> postings_;
};

}  // namespace irum::catalog

#endif  // IRUM_SERVER_CATALOG_KEY_INDEX_H_
