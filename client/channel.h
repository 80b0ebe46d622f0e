// How irum's clients (the irum CLI, irum-load) open a channel to irumd: the one service config
// both use.
//
//   grpc::ChannelArguments args = irum::client::ChannelArguments();
//   auto channel = grpc::CreateCustomChannel("ipv4:127.0.0.1:50051,127.0.0.1:50052", creds, args);
//
// The target is any gRPC target: host:port, dns:///irum.NAMESPACE.svc.cluster.local:50051 (every
// address the name resolves to, as a headless Service answers), ipv4:A:P,B:Q. Calls are spread
// over all its addresses (round_robin; gRPC's default, pick_first, would send them all to one),
// and a call that fails UNAVAILABLE before any answer (a replica gone, its connection refused or
// reset) is tried again, on the next address, up to kMaxAttempts times in all.
#ifndef IRUM_CLIENT_CHANNEL_H_
#define IRUM_CLIENT_CHANNEL_H_

#include <grpcpp/support/channel_arguments.h>

namespace irum::client {

// Attempts of a call in all, the first included (gRPC caps it at 5).
inline constexpr int kMaxAttempts = 4;

// The service config (JSON) of ChannelArguments.
const char* ServiceConfig();

// Channel arguments with ServiceConfig() set; callers add their own.
grpc::ChannelArguments ChannelArguments();

}  // namespace irum::client

#endif  // IRUM_CLIENT_CHANNEL_H_
