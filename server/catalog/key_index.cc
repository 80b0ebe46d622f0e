#include "server/catalog/key_index.h"

#include <cstring>

namespace irum::catalog {

absl::string_view KeyIndex::Store(absl::string_view key) {
  if (key.size() > kBlockBytes / 4) {  // A long key gets a block of its own.
    large_.push_back(std::make_unique<char[]>(key.size()));
    std::memcpy(large_.back().get(), key.data(), key.size());
    return absl::string_view(large_.back().get(), key.size());
  }
  if (block_used_ + key.size() > kBlockBytes) {
    blocks_.push_back(std::make_unique<char[]>(kBlockBytes));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  std::memcpy(at, key.data(), key.size());
  block_used_ += key.size();
  return absl::string_view(at, key.size());
}

uint32_t KeyIndex::Add(absl::string_view key, Posting posting) {
  auto it = numbers_.find(key);
  if (it == numbers_.end()) {
    const absl::string_view stored = Store(key);
    it = numbers_.emplace(stored, static_cast<uint32_t>(keys_.size())).first;
    keys_.push_back(stored);
  }
  added_.push_back({it->second, posting});
  return it->second;
}

void KeyIndex::Finish() {
  // A counting sort by key number, stable: each key's postings stay in the order added.
  begin_.assign(keys_.size() + 1, 0);
  for (const auto& [number, posting] : added_) ++begin_[number + 1];
  for (size_t n = 1; n < begin_.size(); ++n) begin_[n] += begin_[n - 1];
  std::vector<uint32_t> next(begin_.begin(), begin_.end() - 1);
  postings_.resize(added_.size());
  for (const auto& [number, posting] : added_) postings_[next[number]++] = posting;
  std::vector<std::pair<uint32_t, Posting>>().swap(added_);
  keys_.shrink_to_fit();
}

absl::Span<const Posting> KeyIndex::Find(absl::string_view key) const {
  auto it = numbers_.find(key);
  if (it == numbers_.end()) return {};
  return postings(it->second);
}

}  // namespace irum::catalog
