// e2e-reaper: the sidecar that removes one test process's Docker resources
// once that process is gone (Ryuk's model; ARCHITECTURE.md decision 6).
//
//   e2e-reaper --session ID [--grace_seconds 10]
//
// Runs in the mcp-e2e/reaper image with the daemon's socket mounted. Its test
// process attached to its stdin before starting it and holds that connection
// for its whole life (session_guard.cpp); the daemon closes the container's
// stdin when the connection ends, which the kernel does however the process
// ends (exit, crash, SIGKILL). So EOF on stdin means "no connection remains":
// no /proc, no host names, wherever the test process runs. After the grace
// (requests the process sent just before dying may still be creating
// resources) it removes everything labelled e2e.session=ID except kept
// stacks (reaper.h), and exits; the daemon then removes this container
// (AutoRemove).
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/flags/usage.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "e2e/reaper.h"

ABSL_FLAG(std::string, session, "", "the e2e.session whose resources to remove");
ABSL_FLAG(int, grace_seconds, 10, "how long no connection must remain before removing");

namespace {

// Reads stdin until EOF (or an error: the connection is gone either way).
void AwaitEndOfStdin() {
  char buffer[256];
  while (true) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof(buffer));
    if (n == 0 || (n < 0 && errno != EINTR)) return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Removes a test process's Docker resources once it has gone.");
  absl::ParseCommandLine(argc, argv);
  const std::string session = absl::GetFlag(FLAGS_session);
  if (session.empty()) {
    fmt::print(stderr, "e2e-reaper: --session is required\n");
    return 2;
  }
  fmt::print("e2e-reaper: guarding session {}\n", session);
  std::fflush(stdout);
  AwaitEndOfStdin();
  const auto grace = std::chrono::seconds(absl::GetFlag(FLAGS_grace_seconds));
  fmt::print("e2e-reaper: the connection of {} ended; removing its resources in {} s\n", session,
             grace.count());
  std::fflush(stdout);
  std::this_thread::sleep_for(grace);  // sleep-ok: Ryuk's reconnection grace, not a readiness wait
  docker::Client docker;
  // A removal can fail for a moment (e.g. a network whose last container is
  // still being removed): retry a few times with backoff.
  auto backoff = std::chrono::milliseconds(200);
  for (int attempt = 1;; ++attempt) {
    try {
      const e2e::ReapReport report = e2e::ReapSession(docker, session);
      fmt::print("e2e-reaper: removed {} resources of {}\n", report.removed, session);
      if (report.failures.empty()) return 0;
      for (const auto& failure : report.failures) fmt::print(stderr, "  failed: {}\n", failure);
    } catch (const std::exception& e) {
      fmt::print(stderr, "e2e-reaper: {}\n", e.what());
    }
    if (attempt == 5) return 1;
    std::this_thread::sleep_for(backoff);  // retry with backoff
    backoff *= 2;
  }
}
