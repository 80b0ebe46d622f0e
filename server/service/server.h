// IrumServer: a running gRPC server for IrumService, with health checking and reflection.
//
//   ServerOptions options;
//   options.listen_address = "127.0.0.1:0";  // Any free port.
//   IRUM_ASSIGN_OR_RETURN(std::unique_ptr<IrumServer> server, IrumServer::Start(options, catalog));
//   ConnectTo(server->address());
//   ...
//   server->Shutdown(absl::Seconds(5));
//
// The standard health service (grpc.health.v1.Health) reports SERVING for "" and "irum.v1.Irum"
// from Start until Shutdown; server reflection (grpc.reflection.v1alpha) lists the services unless
// ServerOptions.reflection is false. ServerOptions.tls turns on TLS, and mutual TLS.
// ServerOptions.metrics.listen_address serves Prometheus metrics (metrics.h) over plain HTTP on a
// port of their own, from Start until the server is destroyed (through the shutdown).
//
// Thread safety: Shutdown and Wait may be called from any thread; Shutdown once.
#ifndef IRUM_SERVER_SERVICE_SERVER_H_
#define IRUM_SERVER_SERVICE_SERVER_H_

#include <grpcpp/server.h>

#include <prometheus/collectable.h>
#include <prometheus/exposer.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/catalog/catalog.h"
#include "server/service/irum_service.h"

namespace irum::service {

inline constexpr char kServiceName[] = "irum.v1.Irum";

// See IrumServer::Shutdown.

inline constexpr absl::Duration kShutdownQuiet = absl::Milliseconds(50);
inline constexpr absl::Duration kShutdownMargin = absl::Seconds(1);

// How long connections may live and stay silent (gRPC's channel arguments). An infinite duration
// turns a limit off. A cap on the number of connections is not here: gRPC 1.51 has none, and
// irumd enforces one for the whole process (server/base/connection_guard.h).
struct ConnectionOptions {
  // A connection that has not begun HTTP/2 (sent its preface and settings) by then is closed.
  absl::Duration handshake_timeout = absl::Seconds(10);
  // A connection without a call for this long is closed (GOAWAY; clients reconnect when they
  // next call).
  absl::Duration max_idle = absl::Minutes(5);
  // A connection is asked to close (GOAWAY) after this long, so that clients spread over the
  // replicas again; its calls then have max_age_grace to finish (streams included).
  absl::Duration max_age = absl::Minutes(30);
  absl::Duration max_age_grace = absl::Minutes(1);
  // The server pings a connection silent for keepalive_time and closes it when the answer does
  // not come within keepalive_timeout (a peer gone without closing).
  absl::Duration keepalive_time = absl::Minutes(1);
  absl::Duration keepalive_timeout = absl::Seconds(20);
  // Calls one connection may have open at once (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS): a client
  // past it waits for one of its calls to end. gRPC's default is no limit, so one connection
  // could hold any number of streams, each with its buffers.
  int max_streams = 256;
};

// TLS on the listening port, as PEM text (the caller reads the files). No certificate chain:
// plaintext.
struct TlsOptions {
  std::string cert_chain;   // The server's certificate, then the intermediates.
  std::string private_key;  // REQUIRES: set when cert_chain is.
  // Mutual TLS: when set, a client must present a certificate signed by one of these CAs, or its
  // connection is refused during the handshake.
  std::string client_ca;
};

// Prometheus metrics, served over HTTP at /metrics (prometheus-cpp's Exposer, civetweb).
struct MetricsOptions {
  // host:port to serve them on; port 0 picks a free port (see IrumServer::metrics_port()). Empty:
  // no metrics, and calls are not even timed.
  std::string listen_address;
  // Report the connection guard's counts (server/base/connection_guard.h): for a process that
  // guards its connections (irumd).
  bool connection_guard = false;
};

struct ServerOptions {
  // host:port to listen on; port 0 picks a free port (see IrumServer::port()).
  std::string listen_address = "127.0.0.1:50051";
  TlsOptions tls;
  // Serve grpc.reflection.v1alpha (clients can list the services and their messages).
  bool reflection = true;
  // Requests larger than this are refused with RESOURCE_EXHAUSTED.
  int max_receive_message_bytes = 4 << 20;
  ConnectionOptions connections;
  ServiceOptions service;
  MetricsOptions metrics;
};

// Whether `listen_address` ("host:port", "[v6]:port" or "unix:path") can only be reached from this
// machine: a Unix socket, "localhost", 127.0.0.0/8 or ::1. Any other host (0.0.0.0, [::], an
// interface's address, a name) may be reached from the network.
bool IsLoopbackAddress(absl::string_view listen_address);

class IrumServer {
 public:
  // Starts serving `catalog` (REQUIRES: not null), which took `load_time` to read and index
  // (GetInfo reports it). Unavailable when the address (or the metrics' address) cannot be bound.
  static absl::StatusOr<std::unique_ptr<IrumServer>> Start(
      const ServerOptions& options, std::shared_ptr<const catalog::Catalog> catalog,
      absl::Duration load_time = absl::ZeroDuration());

  ~IrumServer();  // Shuts down (with no grace) if Shutdown was not called.

  // The port actually bound, and "host:port" to connect to.
  int port() const { return port_; }
  const std::string& address() const { return address_; }
  // The same for the metrics' HTTP port: 0 and "" when metrics are off.
  int metrics_port() const { return metrics_port_; }
  const std::string& metrics_address() const { return metrics_address_; }

  IrumService& service() { return *service_; }

  // Stops without cancelling a call that could be answered, in two halves. Drain: reports
  // NOT_SERVING; answers every call that starts from now on UNAVAILABLE, and ends open streams so
  // (at once when they wait for a request, else after their answer); lets the calls running
  // finish for up to `grace`, then stops the batches still running before their next item
  // (UNAVAILABLE) and gives the item being answered up to kShutdownMargin; waits for calls queued
  // behind them to be answered (until none has come for kShutdownQuiet, kShutdownMargin at most).
  // Takes at most grace + 2 * kShutdownMargin, plus an item that cannot be stopped (one Annotate
  // text). Shutdown: drains first unless Drain was called, then stops gRPC: it stops listening,
  // tells the connections to go away, and after kShutdownMargin cancels what is left (a call
  // arriving in the last instant: clients still sending on their connections) and closes every
  // connection, idle ones included. A process that can close its connections itself (irumd, by
  // its connection guard) does so between Drain and Shutdown, and so no call is cancelled and
  // Shutdown returns at once. Returns when the server has stopped.
  void Drain(absl::Duration grace);
  void Shutdown(absl::Duration grace);

 private:
  IrumServer() = default;

  // Destroyed in the reverse order: the metrics' server first (it reads the service), the metrics
  // last (the service records into them until it is gone).
  std::unique_ptr<CallMetrics> metrics_;
  std::unique_ptr<IrumService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<prometheus::Collectable> collectable_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
  std::string address_;
  int metrics_port_ = 0;
  std::string metrics_address_;
  bool drained_ = false;
  bool shut_down_ = false;
};

}  // namespace irum::service

#endif  // IRUM_SERVER_SERVICE_SERVER_H_
