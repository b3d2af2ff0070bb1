// Signal-safe teardown. A signal handler may only call async-signal-safe
// functions, and teardown needs HTTP, locks and allocation: the handler
// writes the signal number into a pipe, and a thread blocked on that pipe
// does the work, then _exit()s. The handler runs in whatever thread the
// kernel picks, so no thread's signal mask matters. A second signal while
// the teardown runs ends the process at once (the reaper removes the rest).
// The interrupted thread carries on meanwhile (a blocking call may return
// EINTR); should it reach exit(), an atexit hook waits for the teardown.
#include "signal_teardown.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "e2e/reaper.h"
#include "e2e/session_guard.h"

namespace e2e {
namespace {

int signal_pipe[2] = {-1, -1};
std::atomic<int> teardown_signal{0};
pid_t installer = 0;  // a child forked without exec shares the pipe: not its teardown
static_assert(std::atomic<int>::is_always_lock_free, "used from a signal handler");

void OnTerminatingSignal(int signal) {
  if (::getpid() != installer) {
    ::signal(signal, SIG_DFL);
    ::raise(signal);
    return;
  }
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
  // Another thread may be removing the same resources (e.g. a Stack's
  // destructor after the signal interrupted its wait): what it has under way
  // makes a volume or network "in use" for a moment, so try again with backoff.
  auto backoff = std::chrono::milliseconds(100);
  for (int attempt = 1; attempt <= 5; ++attempt) {
    try {
      const ReapReport report = ReapSession(docker, ProcessSessionId());
      if (report.failures.empty()) break;
      if (attempt == 5) {
        for (const auto& failure : report.failures) fmt::print(stderr, "[e2e]   {}\n", failure);
      }
    } catch (const std::exception& e) {
      if (attempt == 5) {
        fmt::print(stderr, "[e2e] teardown on {} failed: {} (the reaper removes the rest)\n",
                   ::strsignal(signal), e.what());
      }
    }
    if (attempt < 5) std::this_thread::sleep_for(backoff);  // retry with backoff
    backoff *= 2;
  }
  std::fflush(stderr);
  ::_exit(128 + signal);
}

void AwaitTeardownOnExit() {
  if (teardown_signal.load() == 0) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // poll: the teardown _exit()s
  }
}

}  // namespace

void InstallSignalTeardown(docker::Client& docker) {
  static std::once_flag once;
  std::call_once(once, [&docker] {
    // The thread the signal interrupted carries on: if it reaches exit()
    // while the teardown runs, wait for the teardown (which _exit()s).
    std::atexit(AwaitTeardownOnExit);
    if (::pipe2(signal_pipe, O_CLOEXEC) != 0) {
      fmt::print(stderr, "[e2e] no teardown on SIGINT/SIGTERM: pipe2: {}\n", std::strerror(errno));
      return;
    }
    installer = ::getpid();
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
