#include "server/base/process.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstring>

namespace irum::base {
namespace {

// The value of `field` ("VmRSS:") in /proc/self/status, which the kernel gives in kB.
int64_t StatusField(const char* field) {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  int64_t kb = 0;
  const size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, field, n) == 0) {
      long long value = 0;
      if (std::sscanf(line + n, "%lld", &value) == 1) kb = value;
      break;
    }
  }
  std::fclose(f);
  return kb * 1024;
}

}  // namespace

int64_t ResidentBytes() { return StatusField("VmRSS:"); }
int64_t PeakResidentBytes() { return StatusField("VmHWM:"); }

namespace {

int64_t FromRlim(rlim_t value) {
  return value == RLIM_INFINITY ? -1 : static_cast<int64_t>(value);
}

}  // namespace

OpenFileLimit GetOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  return {FromRlim(limit.rlim_cur), FromRlim(limit.rlim_max)};
}

OpenFileLimit RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  const OpenFileLimit before = {FromRlim(limit.rlim_cur), FromRlim(limit.rlim_max)};
  if (limit.rlim_cur != limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);  // On failure the limit stays as it was.
  }
  return before;
}

}  // namespace irum::base
