// SnapshotCell<T>: the current version of an immutable T (a compiled catalog), replaced whole.
//
//   base::SnapshotCell<const Catalog> cell(first);
//   std::shared_ptr<const Catalog> catalog = cell.Get();  // Use it as long as needed.
//   cell.Set(next);  // Later calls to Get see `next`; `first` lives until its last user lets go.
//
// A reader never sees a half-made version and never waits for a writer beyond the copy of one
// pointer; a writer never waits for readers. The version that was replaced is destroyed by
// whichever thread drops the last reference to it (a reader, possibly), so T's destructor must not
// depend on the thread it runs on.
//
// Thread safety: Get and Set may be called concurrently from any threads. The lock behind them is
// libstdc++'s, on pthread mutexes, which ThreadSanitizer sees (tests/concurrency_test.cc runs under
// it; it cannot see into Debian's uninstrumented Abseil, whose Mutex it would take for no lock).
#ifndef IRUM_SERVER_BASE_SNAPSHOT_CELL_H_
#define IRUM_SERVER_BASE_SNAPSHOT_CELL_H_

#include <memory>
#include <utility>

namespace irum::base {

template <typename T>
class SnapshotCell {
 public:
  explicit SnapshotCell(std::shared_ptr<T> initial) : current_(std::move(initial)) {}

  SnapshotCell(const SnapshotCell&) = delete;
  SnapshotCell& operator=(const SnapshotCell&) = delete;

  std::shared_ptr<T> Get() const { return std::atomic_load(&current_); }
  void Set(std::shared_ptr<T> next) { std::atomic_store(&current_, std::move(next)); }

 private:
  std::shared_ptr<T> current_;  // Read and written only through std::atomic_load/atomic_store.
};

}  // namespace irum::base

#endif  // IRUM_SERVER_BASE_SNAPSHOT_CELL_H_
