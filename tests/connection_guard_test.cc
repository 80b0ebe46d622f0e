// The connection guard's accept4 (server/base/connection_guard.h) on a listening socket of the
// test's own: the cap, and a process out of descriptors that keeps accepting. (gRPC's listener,
// whose accept4 this is in irumd, stops for good at the first EMFILE.)
#include "server/base/connection_guard.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "gtest/gtest.h"

namespace irum::base {
namespace {

// A non-blocking listening socket on a free loopback port.
int Listen(sockaddr_in* address) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  *address = {};
  address->sin_family = AF_INET;
  address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof *address;
  if (bind(fd, reinterpret_cast<sockaddr*>(address), size) != 0 || listen(fd, 128) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(address), &size) != 0) {
    return -1;
  }
  return fd;
}

// A connection to `address`; on loopback it is established (waiting in the listener's backlog)
// when connect returns.
int Connect(const sockaddr_in& address) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// True when the peer closed `fd` (end of file or reset), without waiting.
bool ClosedByPeer(int fd) {
  char byte;
  const ssize_t n = recv(fd, &byte, 1, MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

// One test: the guard is started once per process (as irumd does), with a cap of 3.
TEST(ConnectionGuard, CapsConnectionsAndKeepsAcceptingWithoutDescriptors) {
  ASSERT_TRUE(GuardConnections(3));
  sockaddr_in address;
  const int listener = Listen(&address);
  ASSERT_GE(listener, 0);

  // The cap: of 5 waiting connections, 3 are admitted and 2 closed at once.
  std::vector<int> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(Connect(address));
    ASSERT_GE(clients.back(), 0);
  }
  std::vector<int> admitted;
  for (int fd; (fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC)) >= 0;) {
    admitted.push_back(fd);
  }
  EXPECT_EQ(errno, EAGAIN);
  EXPECT_EQ(admitted.size(), 3u);
  EXPECT_EQ(GetConnectionGuardCounts().refused_at_cap, 2);
  EXPECT_EQ(GetConnectionGuardCounts().open, 3);
  int closed = 0;
  for (int fd : clients) closed += ClosedByPeer(fd);
  EXPECT_EQ(closed, 2);
  for (int fd : clients) close(fd);
  clients.clear();

  // Closed connections are noticed: a new one is admitted once they are.
  for (int fd : admitted) close(fd);
  admitted.clear();
  usleep(200 * 1000);  // The guard recounts at most every 100 ms; not a timing assertion.
  clients.push_back(Connect(address));
  const int one = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  EXPECT_GE(one, 0) << "errno " << errno;
  close(one);

  // Out of descriptors: the soft limit set just above the highest descriptor open and the free
  // numbers below it filled, so that the next accept fails with EMFILE. The waiting connections
  // are closed, accept4 says EAGAIN (never EMFILE), and once descriptors are free again it admits
  // the next connection.
  for (int i = 0; i < 4; ++i) clients.push_back(Connect(address));
  int highest = 0;
  for (int fd = 0; fd < 1024; ++fd) {
    if (fcntl(fd, F_GETFD) != -1) highest = fd;
  }
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = highest + 1;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  std::vector<int> fillers;
  for (int fd; (fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) fillers.push_back(fd);
  const int none = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  const int error = errno;
  for (int fd : fillers) close(fd);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  EXPECT_EQ(none, -1);
  EXPECT_EQ(error, EAGAIN);
  EXPECT_GE(GetConnectionGuardCounts().refused_without_descriptor, 4);
  closed = 0;
  for (int fd : clients) closed += ClosedByPeer(fd);
  EXPECT_EQ(closed, static_cast<int>(clients.size()));

  const int next_client = Connect(address);
  const int next = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  EXPECT_GE(next, 0) << "errno " << errno;
  close(next);
  close(next_client);
  for (int fd : clients) close(fd);
  close(listener);
}

}  // namespace
}  // namespace irum::base
