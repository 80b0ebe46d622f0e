#include "server/base/connection_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <unordered_map>

namespace irum::base {
namespace {

// How often, at most, the open connections are recounted when the count reaches the cap.
constexpr std::chrono::milliseconds kRecountInterval(100);
// How often, at most, refusals are logged (with their number since the last line).
constexpr std::chrono::seconds kLogInterval(1);

class Guard {
 public:
  void Start(int max_connections) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_connections_ = max_connections;
    if (reserve_ < 0) reserve_ = open("/dev/null", O_RDONLY | O_CLOEXEC);
    started_.store(true, std::memory_order_release);
  }
  bool started() const { return started_.load(std::memory_order_acquire); }
  void RefuseAll() { refuse_all_.store(true, std::memory_order_relaxed); }
  bool has_reserve() {
    std::lock_guard<std::mutex> lock(mutex_);
    return reserve_ >= 0;
  }

  // accept4 as the header describes it.
  int Accept(int listener, sockaddr* addr, socklen_t* addrlen, int flags) {
    for (;;) {
      const int fd = RealAccept(listener, addr, addrlen, flags);
      if (fd >= 0) {
        if (refuse_all_.load(std::memory_order_relaxed)) {
          close(fd);
          refused_stopping_.fetch_add(1, std::memory_order_relaxed);
          continue;
        }
        if (Admit(fd)) return fd;
        close(fd);
        Refused(&refused_at_cap_);
        continue;
      }
      if (errno != EMFILE && errno != ENFILE) return -1;
      if (!ShedWithReserve(listener)) {
        errno = EAGAIN;  // Nothing is waiting (or nothing can be done): the caller waits.
        return -1;
      }
      Refused(&refused_without_descriptor_);
    }
  }

  int CloseAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    int closed = 0;
    for (const auto& [fd, id] : open_) {
      ino_t now = 0;
      if (FileId(fd, &now) && now == id && shutdown(fd, SHUT_RDWR) == 0) ++closed;
    }
    open_.clear();
    return closed;
  }

  ConnectionGuardCounts Counts() {
    ConnectionGuardCounts counts;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ForgetClosed();
      counts.open = static_cast<int64_t>(open_.size());
    }
    counts.refused_at_cap = refused_at_cap_.load(std::memory_order_relaxed);
    counts.refused_without_descriptor = refused_without_descriptor_.load(std::memory_order_relaxed);
    counts.refused_stopping = refused_stopping_.load(std::memory_order_relaxed);
    return counts;
  }

 private:
  static int RealAccept(int listener, sockaddr* addr, socklen_t* addrlen, int flags) {
    return static_cast<int>(syscall(SYS_accept4, listener, addr, addrlen, flags));
  }

  // Identifies an open descriptor's file (a socket's inode), to tell a tracked connection from a
  // later file that reused its number.
  static bool FileId(int fd, ino_t* id) {
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
    *id = st.st_ino;
    return true;
  }

  // Counts `fd` as open unless the cap is reached.
  bool Admit(int fd) {
    ino_t id = 0;
    if (!FileId(fd, &id)) return true;  // Not a socket: not ours to count.
    std::lock_guard<std::mutex> lock(mutex_);
    open_.erase(fd);  // A number reused: that connection is closed.
    if (static_cast<int>(open_.size()) >= max_connections_) Recount();
    if (static_cast<int>(open_.size()) >= max_connections_) return false;
    open_[fd] = id;
    return true;
  }

  // ForgetClosed, at most every kRecountInterval.
  void Recount() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_recount_ < kRecountInterval) return;
    last_recount_ = now;
    ForgetClosed();
  }

  // Forgets the connections whose descriptors were closed (or now name other files).
  void ForgetClosed() {
    for (auto it = open_.begin(); it != open_.end();) {
      ino_t id = 0;
      if (FileId(it->first, &id) && id == it->second) {
        ++it;
      } else {
        it = open_.erase(it);
      }
    }
  }

  // Out of descriptors: accepts one waiting connection with the reserve's descriptor and closes
  // it. False when none was waiting or the reserve is gone.
  bool ShedWithReserve(int listener) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reserve_ < 0) return false;
    close(reserve_);
    const int fd = RealAccept(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) close(fd);
    reserve_ = open("/dev/null", O_RDONLY | O_CLOEXEC);  // May fail if another thread took it.
    return fd >= 0;
  }

  void Refused(std::atomic<int64_t>* counter) {
    counter->fetch_add(1, std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(log_mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_log_ < kLogInterval) return;
    last_log_ = now;
    const int64_t at_cap = refused_at_cap_.load(std::memory_order_relaxed);
    const int64_t no_fd = refused_without_descriptor_.load(std::memory_order_relaxed);
    std::fprintf(stderr,
                 "connection guard: %lld connection(s) closed at once so far: %lld at the cap of "
                 "%d open connections, %lld with no file descriptor left\n",
                 static_cast<long long>(at_cap + no_fd), static_cast<long long>(at_cap),
                 max_connections_, static_cast<long long>(no_fd));
  }

  std::atomic<bool> started_{false};
  std::atomic<bool> refuse_all_{false};
  std::atomic<int64_t> refused_stopping_{0};
  std::atomic<int64_t> refused_at_cap_{0};
  std::atomic<int64_t> refused_without_descriptor_{0};
  std::mutex mutex_;
  int max_connections_ = 0;
  int reserve_ = -1;
  std::unordered_map<int, ino_t> open_;  // Descriptor -> the socket's inode.
  std::chrono::steady_clock::time_point last_recount_;
  std::mutex log_mutex_;
  std::chrono::steady_clock::time_point last_log_;
};

Guard& TheGuard() {
  static Guard* guard = new Guard();
  return *guard;
}

}  // namespace

bool GuardConnections(int max_connections) {
  TheGuard().Start(max_connections);
  return TheGuard().has_reserve();
}

void RefuseNewConnections() { TheGuard().RefuseAll(); }

int CloseConnections() { return TheGuard().CloseAll(); }

ConnectionGuardCounts GetConnectionGuardCounts() { return TheGuard().Counts(); }

}  // namespace irum::base

// The interposed accept4 (see the header): libgrpc's call lands here.
extern "C" int accept4(int listener, sockaddr* addr, socklen_t* addrlen, int flags) {
  irum::base::Guard& guard = irum::base::TheGuard();
  if (!guard.started()) {
    return static_cast<int>(syscall(SYS_accept4, listener, addr, addrlen, flags));
  }
  return guard.Accept(listener, addr, addrlen, flags);
}
