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

}  // namespace irum::base

#endif  // IRUM_SERVER_BASE_PROCESS_H_
