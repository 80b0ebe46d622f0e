#include "server/service/protobuf_log.h"

#include <google/protobuf/stubs/logging.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace irum::service {
namespace {

const char* LevelName(google::protobuf::LogLevel level) {
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
      return "INFO";
    case google::protobuf::LOGLEVEL_WARNING:
      return "WARNING";
    case google::protobuf::LOGLEVEL_ERROR:
      return "ERROR";
    case google::protobuf::LOGLEVEL_FATAL:
      return "FATAL";
  }
  return "?";
}

// The handler is a plain function: its state is here.
struct Limit {
  absl::Mutex mutex;
  int max_per_window ABSL_GUARDED_BY(mutex) = 1;
  absl::Duration window ABSL_GUARDED_BY(mutex);
  absl::Time window_start ABSL_GUARDED_BY(mutex) = absl::InfinitePast();
  int passed ABSL_GUARDED_BY(mutex) = 0;
  int64_t left_out ABSL_GUARDED_BY(mutex) = 0;
};

Limit& TheLimit() {
  static Limit* limit = new Limit();
  return *limit;
}

void LimitedHandler(google::protobuf::LogLevel level, const char* filename, int line,
                    const std::string& message) {
  Limit& limit = TheLimit();
  int64_t left_out = 0;
  int max_per_window = 0;
  {
    absl::MutexLock lock(&limit.mutex);
    const absl::Time now = absl::Now();
    if (now - limit.window_start >= limit.window) {
      limit.window_start = now;
      limit.passed = 0;
    }
    if (level != google::protobuf::LOGLEVEL_FATAL && limit.passed >= limit.max_per_window) {
      ++limit.left_out;
      return;
    }
    ++limit.passed;
    left_out = limit.left_out;
    max_per_window = limit.max_per_window;
    limit.left_out = 0;
  }
  if (left_out > 0) {
    std::fprintf(stderr, "[libprotobuf] %lld messages left out (at most %d a window)\n",
                 static_cast<long long>(left_out), max_per_window);
  }
  std::fprintf(stderr, "[libprotobuf %s %s:%d] %s\n", LevelName(level), filename, line,
               message.c_str());
  std::fflush(stderr);
}

}  // namespace

void LimitProtobufLogging(int max_per_window, absl::Duration window) {
  Limit& limit = TheLimit();
  {
    absl::MutexLock lock(&limit.mutex);
    limit.max_per_window = max_per_window;
    limit.window = window;
    limit.window_start = absl::InfinitePast();
    limit.passed = 0;
    limit.left_out = 0;
  }
  google::protobuf::SetLogHandler(&LimitedHandler);
}

}  // namespace irum::service
