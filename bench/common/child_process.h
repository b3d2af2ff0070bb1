#pragma once
// Child processes for the peers that are other programs (docker CLI,
// docker-compose, node). posix_spawn rather than std::system: the bench keeps
// its own SIGINT handler (std::system ignores SIGINT while it waits), and a
// failure can name the command and show what it printed.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace bench {

// True when `program` is an executable file in a directory of $PATH.
bool OnPath(const std::string& program);

// Runs `argv` with stdout and stderr captured together, waits for it and
// returns what it printed. Throws std::runtime_error naming the command and
// quoting its output when it cannot start or exits with a status other than 0.
std::string RunOrThrow(const std::vector<std::string>& argv,
                       const std::vector<std::string>& extra_env = {});

// A long-lived child spoken to one line at a time over its stdin and stdout.
// The destructor closes its stdin (the child's cue to clean up and exit),
// waits a bounded time for it, then kills it.
class LineChild {
 public:
  LineChild(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env);
  ~LineChild();
  LineChild(const LineChild&) = delete;
  LineChild& operator=(const LineChild&) = delete;

  void Send(const std::string& line);
  // The next line the child writes, without its newline. Throws
  // std::runtime_error when the child ends first or `timeout` passes.
  std::string ReadLine(std::chrono::milliseconds timeout);

 private:
  std::string command_;  // for messages
  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string buffered_;
};

// A long-lived child that serves something (a server under load): its stdout
// and stderr go to `log_file`, so a chatty server never blocks on a full pipe.
// The destructor sends SIGTERM, waits a bounded time, then kills it.
class ServiceChild {
 public:
  ServiceChild(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
               const std::string& log_file);
  ~ServiceChild();
  ServiceChild(const ServiceChild&) = delete;
  ServiceChild& operator=(const ServiceChild&) = delete;

  pid_t pid() const { return pid_; }
  // False once the child has exited (it is reaped then).
  bool Running();

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
};

}  // namespace bench
