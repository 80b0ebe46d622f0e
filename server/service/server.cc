#include "server/service/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace irum::service {
namespace {

// "host:port" with the port replaced by `port` (the bound one when the request said 0).
std::string WithPort(const std::string& address, int port) {
  const size_t colon = address.rfind(':');
  return absl::StrCat(colon == std::string::npos ? address : address.substr(0, colon), ":", port);
}

// A duration as gRPC's millisecond channel arguments take it (INT_MAX: never).
int Milliseconds(absl::Duration d) {
  if (d >= absl::Milliseconds(INT_MAX)) return INT_MAX;
  return static_cast<int>(absl::ToInt64Milliseconds(d));
}

// Takes the reflection plugin off a ServerBuilder: InitProtoReflectionServerBuilderPlugin adds it
// to every builder of the process from its call on.
class WithoutReflection : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->erase(std::remove_if(plugins->begin(), plugins->end(),
                                  [](const std::unique_ptr<grpc::ServerBuilderPlugin>& plugin) {
                                    return plugin->name() == "proto_server_reflection";
                                  }),
                   plugins->end());
  }
};

std::shared_ptr<grpc::ServerCredentials> Credentials(const TlsOptions& tls) {
  if (tls.cert_chain.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl(
      tls.client_ca.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                            : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = tls.client_ca;
  ssl.pem_key_cert_pairs.push_back({tls.private_key, tls.cert_chain});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

bool IsLoopbackAddress(absl::string_view listen_address) {
  if (absl::StartsWith(listen_address, "unix:") || absl::StartsWith(listen_address, "unix-abstract:")) {
    return true;
  }
  const size_t colon = listen_address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  absl::string_view host = listen_address.substr(0, colon);
  if (absl::ConsumePrefix(&host, "[") && !absl::ConsumeSuffix(&host, "]")) return false;
  if (absl::EqualsIgnoreCase(host, "localhost")) return true;
  const std::string h(host);
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

absl::StatusOr<std::unique_ptr<IrumServer>> IrumServer::Start(
    const ServerOptions& options, std::shared_ptr<const catalog::Catalog> catalog,
    absl::Duration load_time) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<IrumServer> server(new IrumServer());
  const MetricsOptions& metrics = options.metrics;
  if (!metrics.listen_address.empty()) server->metrics_ = std::make_unique<CallMetrics>();
  server->service_ = std::make_unique<IrumService>(options.service, std::move(catalog), load_time,
                                                   server->metrics_.get());
  if (server->metrics_ != nullptr) {
    // Before the gRPC server, so that a metrics port that cannot be bound stops the start. The
    // HTTP server (civetweb) accepts with accept(), not accept4: the connection guard neither
    // counts nor refuses its connections. prometheus-cpp reports an address it cannot bind by
    // throwing; it becomes a Status here, at its one call.
    try {
      server->exposer_ = std::make_unique<prometheus::Exposer>(metrics.listen_address);
    } catch (const std::exception&) {
      return absl::UnavailableError(absl::StrCat("cannot serve metrics on ",
                                                 metrics.listen_address,
                                                 " (address in use, not local, or malformed)"));
    }
    server->collectable_ = NewServiceCollectable(
        server->service_.get(), server->metrics_.get(),
        CollectableOptions{options.service.server_version, metrics.connection_guard});
    server->exposer_->RegisterCollectable(server->collectable_);
    const std::vector<int> ports = server->exposer_->GetListeningPorts();
    server->metrics_port_ = ports.empty() ? 0 : ports.front();
    server->metrics_address_ = WithPort(metrics.listen_address, server->metrics_port_);
  }

  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, Credentials(options.tls), &server->port_);
  if (!options.reflection) builder.SetOption(std::make_unique<WithoutReflection>());
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  // Without this, Linux lets a second server bind the same port and the two split the calls.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  const ConnectionOptions& connections = options.connections;
  builder.AddChannelArgument(GRPC_ARG_SERVER_HANDSHAKE_TIMEOUT_MS,
                             Milliseconds(connections.handshake_timeout));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, Milliseconds(connections.max_idle));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, Milliseconds(connections.max_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             Milliseconds(connections.max_age_grace));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, Milliseconds(connections.keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             Milliseconds(connections.keepalive_timeout));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, connections.max_streams);
  // Ping idle connections too: a peer gone silently holds a descriptor until then.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.RegisterService(server->service_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address,
                     " (address in use, not local, or malformed",
                     options.tls.cert_chain.empty() ? "" : "; or a bad TLS certificate or key",
                     ")"));
  }
  server->address_ = WithPort(options.listen_address, server->port_);
  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  health->SetServingStatus(kServiceName, true);
  return server;
}

IrumServer::~IrumServer() {
  if (!shut_down_) Shutdown(absl::ZeroDuration());
}

void IrumServer::Drain(absl::Duration grace) {
  drained_ = true;
  if (server_ == nullptr) return;  // Start failed.
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus("", false);
  health->SetServingStatus(kServiceName, false);
  // gRPC's own graceful stop is not used for the grace: with it, calls queued behind heavy work
  // were CANCELLED within 20 ms, one idle connection delayed the exit by up to 20 s, and open
  // streams were cancelled at the deadline (issue 11).
  service_->Drain();
  if (!service_->AwaitIdle(absl::Now() + grace)) {
    service_->EndWork();
    service_->AwaitIdle(absl::Now() + kShutdownMargin);
  }
  // Calls queued behind the last ones get their UNAVAILABLE rather than gRPC's cancellation.
  service_->AwaitQuiet(kShutdownQuiet, absl::Now() + kShutdownMargin);
}

void IrumServer::Shutdown(absl::Duration grace) {
  if (!drained_) Drain(grace);
  shut_down_ = true;
  if (server_ == nullptr) return;
  server_->Shutdown(absl::ToChronoTime(absl::Now() + kShutdownMargin));
}

}  // namespace irum::service
