// Facts about the running process, for logs and GetInfo.
//
//   std::cout << "resident " << ResidentBytes() / (1 << 20) << " MB";
#ifndef IRUM_SERVER_BASE_PROCESS_H_
#define IRUM_SERVER_BASE_PROCESS_H_

#include <cstdint>

namespace irum::base {

// The process's resident memory now (VmRSS) and at its peak (VmHWM), in bytes, as Linux reports
// them in /proc/self/status; 0 where the system does not say. Thread-safe.
int64_t ResidentBytes();
int64_t PeakResidentBytes();

// The limit on open file descriptors (RLIMIT_NOFILE): the soft limit, which the kernel enforces,
// and the hard limit, up to which a process may raise its soft limit. -1 for "unlimited".
struct OpenFileLimit {
  int64_t soft = 0;
  int64_t hard = 0;
};
OpenFileLimit GetOpenFileLimit();

// Raises the soft limit on open descriptors to the hard limit, so that a server holding many
// connections does not run out at the distribution's default of 1024. Returns the limit as it was
// before; GetOpenFileLimit() says what it is now (unchanged when setrlimit fails).
OpenFileLimit RaiseOpenFileLimit();

}  // namespace irum::base

#endif  // IRUM_SERVER_BASE_PROCESS_H_
