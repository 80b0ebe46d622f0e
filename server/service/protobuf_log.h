// Protobuf's log, rate-limited. Protobuf writes an ERROR line to stderr for every message it
// cannot parse because a string field is not UTF-8, and a client can send such requests as fast as
// it likes: without a limit, one client floods the server's log (and the disk behind it).
//
//   service::LimitProtobufLogging(10);  // At start-up, before serving.
//
// Thread safety: LimitProtobufLogging must be called before other threads use protobuf (it sets
// protobuf's process-wide log handler, which is not thread-safe to set); the handler it installs
// may then be called from any thread.
#ifndef IRUM_SERVER_SERVICE_PROTOBUF_LOG_H_
#define IRUM_SERVER_SERVICE_PROTOBUF_LOG_H_

#include "absl/time/time.h"

namespace irum::service {

// From now on, at most `max_per_window` of protobuf's log messages reach stderr in each `window`
// (fixed windows from the first message); the rest are counted, and the next message that passes
// says how many were left out. FATAL messages always pass. A later call starts afresh.
// REQUIRES: max_per_window >= 1.
void LimitProtobufLogging(int max_per_window, absl::Duration window = absl::Minutes(1));

}  // namespace irum::service

#endif  // IRUM_SERVER_SERVICE_PROTOBUF_LOG_H_
