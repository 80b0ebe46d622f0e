// Running the built binaries from tests: to completion (Run) or in the background (Process).
// Every wait is bounded: a process that outlives its timeout is killed.
#ifndef IRUM_TESTS_SUBPROCESS_H_
#define IRUM_TESTS_SUBPROCESS_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace irum::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal or by the timeout.
  std::string out;
  std::string err;
};

// Runs `argv` with `input` on its standard input and collects its output.
RunResult RunCommand(const std::vector<std::string>& argv, const std::string& input = "",
              absl::Duration timeout = absl::Seconds(60));

// A process running in the background with its standard output piped to the test; its standard
// error goes to the test's own.
class Process {
 public:
  // nullptr when fork/exec fails.
  static std::unique_ptr<Process> Start(const std::vector<std::string>& argv);
  ~Process();  // Kills the process if it still runs.

  // The next line of standard output (without the newline), or nullopt at end of output or timeout.
  std::optional<std::string> ReadLine(absl::Duration timeout = absl::Seconds(30));
  void Signal(int signal_number);
  pid_t pid() const { return pid_; }
  // Waits for exit; returns the exit code, or -1 when it was killed (after `timeout`, by SIGKILL).
  int Wait(absl::Duration timeout = absl::Seconds(30));

 private:
  Process(pid_t pid, int out_fd) : pid_(pid), out_fd_(out_fd) {}

  pid_t pid_;
  int out_fd_;
  std::string buffer_;
  bool exited_ = false;
  int exit_code_ = -1;
};

// An HTTP/1.0 GET of `path` on 127.0.0.1:`port` (a server's metrics): the whole response
// (status line, headers, body), or "" when the connection fails. Waits at most 10 s a read.
std::string HttpGet(int port, const std::string& path);

}  // namespace irum::testing

#endif  // IRUM_TESTS_SUBPROCESS_H_
