// The one conversion from the engine's absl::Status to grpc::Status.
#ifndef IRUM_SERVER_SERVICE_STATUS_H_
#define IRUM_SERVER_SERVICE_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace irum::service {

// Same code (the two enums share their numbering), same message. OK maps to OK.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace irum::service

#endif  // IRUM_SERVER_SERVICE_STATUS_H_
