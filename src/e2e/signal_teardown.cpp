// Signal-safe teardown. A signal handler may only call async-signal-safe
// functions, and teardown needs HTTP, locks and allocation: the handler
// writes the signal number into a pipe, and a thread blocked on that pipe
// does the work, then _exit()s. The handler runs in whatever thread the
// kernel picks, so no thread's signal mask matters. A second signal while
// the teardown runs ends the process at once (the reaper removes the rest).
#include "signal_teardown.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>

#include "e2e/reaper.h"
#include "e2e/session_guard.h"

namespace e2e {
namespace {

int signal_pipe[2] = {-1, -1};
std::atomic<int> teardown_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "used from a signal handler");

void OnTerminatingSignal(int signal) {
  if (teardown_signal.exchange(signal) != 0) ::_exit(128 + signal);
  const int saved_errno = errno;
  const auto byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] const ssize_t written = ::write(signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

void TearDownAndExit(docker::Client& docker) {
  unsigned char byte = 0;
  while (true) {
    const ssize_t n = ::read(signal_pipe[0], &byte, 1);
    if (n == 1) break;
    if (n < 0 && errno == EINTR) continue;
    return;  // the pipe is broken: no teardown, the signal's default would be gone too
  }
  const int signal = byte;
  fmt::print(stderr, "[e2e] {}: removing this test process's stacks before exiting\n",
             ::strsignal(signal));
  try {
    const ReapReport report = ReapSession(docker, ProcessSessionId());
    for (const auto& failure : report.failures) fmt::print(stderr, "[e2e]   {}\n", failure);
    fmt::print(stderr, "[e2e] removed {} resources\n", report.removed);
  } catch (const std::exception& e) {
    fmt::print(stderr, "[e2e] teardown on {} failed: {} (the reaper removes the rest)\n",
               ::strsignal(signal), e.what());
  }
  std::fflush(stderr);
  ::_exit(128 + signal);
}

}  // namespace

void InstallSignalTeardown(docker::Client& docker) {
  static std::once_flag once;
  std::call_once(once, [&docker] {
    if (::pipe2(signal_pipe, O_CLOEXEC) != 0) {
      fmt::print(stderr, "[e2e] no teardown on SIGINT/SIGTERM: pipe2: {}\n", std::strerror(errno));
      return;
    }
    std::thread(TearDownAndExit, std::ref(docker)).detach();
    struct sigaction action {};
    action.sa_handler = OnTerminatingSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
  });
}

}  // namespace e2e
