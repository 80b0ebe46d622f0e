// The connection guard: a cap on the connections a server accepts, and a listener that survives
// running out of file descriptors.
//
// gRPC 1.51 has neither. Its listener gives up for good when accept4 fails with EMFILE (the
// process has no descriptor left): it logs "Failed accept4: Too many open files" and never accepts
// again, even after every connection has closed. So this module interposes accept4 for the whole
// process: the executable that links it (irumd) defines accept4, and libgrpc's call resolves to
// that definition rather than libc's. Once GuardConnections has been called, accept4:
//  - closes at once a connection accepted while `max_connections` connections it accepted are
//    still open (the client sees its connection closed), and goes on to the next one waiting;
//  - when the process has no descriptor left (EMFILE, ENFILE), frees a descriptor it keeps in
//    reserve, accepts the connection waiting and closes it, takes the reserve back and goes on, so
//    that the listener never sees the error.
// It returns only a connection admitted, or the error that ends the caller's accept loop (EAGAIN
// when no connection is waiting). Before GuardConnections, accept4 is libc's.
//
// Connections are counted by their descriptors: a connection closed by gRPC is noticed when the
// count reaches the cap (its descriptor is closed or is now another file), at most every
// kRecountInterval, so that a flood at the cap costs one recount per interval, not one per
// connection.
//
//   irum::base::GuardConnections(10000);
//   ... build and start the gRPC server ...
//
// Thread safety: accept4 may be called from any thread; GuardConnections once, before the server
// starts; ConnectionGuardCounts from any thread.
#ifndef IRUM_SERVER_BASE_CONNECTION_GUARD_H_
#define IRUM_SERVER_BASE_CONNECTION_GUARD_H_

#include <cstdint>

namespace irum::base {

// Starts guarding accept4 with a cap of `max_connections` (REQUIRES: > 0) open connections.
// Returns false when it cannot open the reserve descriptor (the cap is still enforced).
bool GuardConnections(int max_connections);

// From now on every connection is closed as soon as it is accepted (a server shutting down: its
// clients go elsewhere at once). Only after GuardConnections.
void RefuseNewConnections();

// Shuts down (shutdown(2), both ways) every connection accepted and still open, so that its
// client sees it closed and calls again elsewhere; gRPC then closes the descriptors. Returns how
// many. For a server that has answered its calls and stops.
int CloseConnections();

// The counts now; `open` is recounted for the call (a look at each connection's descriptor).
struct ConnectionGuardCounts {
  int64_t open = 0;            // Connections accepted and still open (at most the cap).
  int64_t refused_at_cap = 0;  // Connections closed at once because the cap was reached.
  int64_t refused_without_descriptor = 0;  // Closed at once because no descriptor was left.
  int64_t refused_stopping = 0;  // Closed at once after RefuseNewConnections.
};
ConnectionGuardCounts GetConnectionGuardCounts();

}  // namespace irum::base

#endif  // IRUM_SERVER_BASE_CONNECTION_GUARD_H_
