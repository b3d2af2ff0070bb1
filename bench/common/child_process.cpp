#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

std::string Joined(const std::vector<std::string>& argv) {
  std::string joined;
  for (const std::string& arg : argv) joined += (joined.empty() ? "" : " ") + arg;
  return joined;
}

// The environment of this process plus `extra` ("KEY=value"), as execve wants it.
class Environment {
 public:
  explicit Environment(const std::vector<std::string>& extra) : strings_(extra) {
    for (char** entry = environ; *entry != nullptr; ++entry) strings_.emplace_back(*entry);
    for (std::string& entry : strings_) pointers_.push_back(entry.data());
    pointers_.push_back(nullptr);
  }
  char** get() { return pointers_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> pointers_;
};

std::vector<char*> ArgvPointers(std::vector<std::string>& argv) {
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Starts `argv` with its stdin and stdout on the given descriptors (-1 keeps
// this process's) and stderr on `stderr_fd` (-1 keeps ours).
pid_t Spawn(std::vector<std::string> argv, const std::vector<std::string>& extra_env, int stdin_fd,
            int stdout_fd, int stderr_fd, const std::vector<int>& close_in_child) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdin_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  if (stderr_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  for (int fd : close_in_child) posix_spawn_file_actions_addclose(&actions, fd);
  Environment environment(extra_env);
  std::vector<char*> args = ArgvPointers(argv);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environment.get());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    throw std::runtime_error("cannot start " + Joined(argv) + ": " + std::strerror(error));
  }
  return pid;
}

// Waits up to `grace` for `pid` to exit, then kills it; reaps it either way.
void AwaitExitOrKill(pid_t pid, std::chrono::milliseconds grace) {
  const auto deadline = Clock::now() + grace;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return;
    }
    ::poll(nullptr, 0, 20);  // polling a child's exit: waitpid has no timeout
  }
}

int WaitExitStatus(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace

bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = dir + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string RunOrThrow(const std::vector<std::string>& argv,
                       const std::vector<std::string>& extra_env) {
  int output[2];
  if (::pipe2(output, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe: " + std::string(strerror(errno)));
  pid_t pid = -1;
  try {
    pid = Spawn(argv, extra_env, -1, output[1], output[1], {});
  } catch (...) {
    ::close(output[0]);
    ::close(output[1]);
    throw;
  }
  ::close(output[1]);
  std::string printed;
  char buffer[4096];
  for (ssize_t n; (n = ::read(output[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    printed.append(buffer, static_cast<size_t>(n));
  }
  ::close(output[0]);
  const int status = WaitExitStatus(pid);
  if (status != 0) {
    throw std::runtime_error(Joined(argv) + " exited with " + std::to_string(status) + ":\n" +
                             printed);
  }
  return printed;
}

LineChild::LineChild(const std::vector<std::string>& argv,
                     const std::vector<std::string>& extra_env)
    : command_(Joined(argv)) {
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe: " + std::string(strerror(errno)));
  if (::pipe2(from_child, O_CLOEXEC) != 0) {
    ::close(to_child[0]);
    ::close(to_child[1]);
    throw std::runtime_error("pipe: " + std::string(strerror(errno)));
  }
  try {
    // stderr stays ours: the child's complaints reach the bench's stderr as they happen.
    pid_ = Spawn(argv, extra_env, to_child[0], from_child[1], -1, {});
  } catch (...) {
    for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) ::close(fd);
    throw;
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  to_child_ = to_child[1];
  from_child_ = from_child[0];
}

LineChild::~LineChild() {
  ::close(to_child_);
  // Bounded: the child removes what it still holds, which takes a second or two.
  AwaitExitOrKill(pid_, std::chrono::seconds(30));
  ::close(from_child_);
}

void LineChild::Send(const std::string& line) {
  const std::string framed = line + "\n";
  size_t written = 0;
  while (written < framed.size()) {
    const ssize_t n = ::write(to_child_, framed.data() + written, framed.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("writing to " + command_ + ": " + strerror(errno));
    written += static_cast<size_t>(n);
  }
}

std::string LineChild::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (const size_t end = buffered_.find('\n'); end != std::string::npos) {
      std::string line = buffered_.substr(0, end);
      buffered_.erase(0, end + 1);
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      throw std::runtime_error(command_ + " did not answer within " +
                               std::to_string(timeout.count()) + " ms");
    }
    pollfd readable{.fd = from_child_, .events = POLLIN, .revents = 0};
    if (::poll(&readable, 1, static_cast<int>(left)) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(from_child_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(command_ + " ended without answering");
    buffered_.append(buffer, static_cast<size_t>(n));
  }
}

ServiceChild::ServiceChild(const std::vector<std::string>& argv,
                           const std::vector<std::string>& extra_env, const std::string& log_file) {
  const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0) throw std::runtime_error("cannot write " + log_file + ": " + strerror(errno));
  try {
    pid_ = Spawn(argv, extra_env, -1, log, log, {});
  } catch (...) {
    ::close(log);
    throw;
  }
  ::close(log);
}

ServiceChild::~ServiceChild() {
  if (exited_) return;
  ::kill(pid_, SIGTERM);
  AwaitExitOrKill(pid_, std::chrono::seconds(10));
}

bool ServiceChild::Running() {
  if (exited_) return false;
  int status = 0;
  exited_ = ::waitpid(pid_, &status, WNOHANG) == pid_;
  return !exited_;
}

}  // namespace bench
