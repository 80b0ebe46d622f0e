#include "client/channel.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace irum::client {

const char* ServiceConfig() {
  // Every method of both services retries UNAVAILABLE: irum's calls have no side effects. The
  // backoff between attempts is random up to 10 ms, 20 ms, 40 ms: a replica that went away is
  // left at once, and one still starting is given a moment.
  static const std::string* const config = new std::string(absl::StrCat(
      R"({"loadBalancingConfig": [{"round_robin": {}}],)",
      R"( "methodConfig": [{"name": [{"service": "irum.v1.Irum"},)",
      R"( {"service": "grpc.health.v1.Health"}],)",
      R"( "retryPolicy": {"maxAttempts": )", kMaxAttempts,
      R"(, "initialBackoff": "0.01s", "maxBackoff": "0.1s", "backoffMultiplier": 2,)",
      R"( "retryableStatusCodes": ["UNAVAILABLE"]}}]})"));
  return config->c_str();
}

grpc::ChannelArguments ChannelArguments() {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(ServiceConfig());
  return args;
}

}  // namespace irum::client
