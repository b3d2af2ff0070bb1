#include "e2e/session_guard.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "e2e/paths.h"
#include "e2e/reaper.h"
#include "signal_teardown.h"

namespace e2e {
namespace {

std::string EnvOrDefault(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::string ReaperImage() {
  if (const char* image = std::getenv("REAPER_IMAGE"); image != nullptr && *image != '\0')
    return image;
  const auto images = ImageVariables();
  auto it = images.find("REAPER_IMAGE");
  if (it == images.end()) {
    throw std::runtime_error("the image manifest " + ImageManifestFile() +
                             " names no reaper image: build it with `cmake --build build "
                             "--target images` (or set REAPER_IMAGE, or E2E_REAPER=0)");
  }
  return it->second;
}

// The guard's state, made once and never destroyed: the connection must stay
// open until the process ends, whatever static destructors run before.
struct ProcessGuard {
  docker::Client docker;
  std::string reaper_id;
  std::unique_ptr<docker::HijackedStream> connection;
  explicit ProcessGuard(const std::string& host) : docker(docker::ClientOptions{.host = host}) {}
};
ProcessGuard* process_guard = nullptr;

// Creates the reaper, attaches to its stdin, then starts it: attached before
// it starts, so a process that dies at any point after the attach leaves a
// reaper that reads EOF.
void StartReaper(ProcessGuard& state) {
  const auto started = std::chrono::steady_clock::now();
  const std::string session = ProcessSessionId();
  const std::string socket = EnvOrDefault("E2E_REAPER_DOCKER_SOCKET", "/var/run/docker.sock");
  const std::string grace = EnvOrDefault("E2E_REAPER_GRACE_SECONDS", "10");
  state.reaper_id = state.docker.CreateContainer({
      .name = "e2e-reaper-" + session,
      .image = ReaperImage(),
      .cmd = {"--session", session, "--grace_seconds", grace},
      .user = "0",  // the daemon's socket is root's
      .labels = {{kReaperLabel, session}},
      .nano_cpus = 250'000'000,
      .memory_bytes = 64 << 20,
      .pids_limit = 32,
      .read_only_rootfs = true,
      .cap_drop = {"ALL"},
      .security_opt = {"no-new-privileges"},
      .log_driver = "json-file",
      .log_options = {{"max-size", "1m"}},
      .auto_remove = true,
      .stdin_once = true,
      .binds = {socket + ":/var/run/docker.sock"},
      .network = "none",  // it needs only the socket
  });
  try {
    state.connection = state.docker.AttachStdin(state.reaper_id);
    state.docker.StartContainer(state.reaper_id);
    fmt::print(stderr, "[e2e] reaper {} guards session {} (started in {} ms)\n",
               state.reaper_id.substr(0, 12), session,
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count());
  } catch (...) {
    state.connection.reset();
    state.docker.RemoveContainer(state.reaper_id);
    throw;
  }
}

}  // namespace

const std::string& ProcessSessionId() {
  static const std::string id = NewSessionId();
  return id;
}

std::shared_future<void> GuardSessionAsync(docker::Client& docker) {
  static std::once_flag once;
  static std::shared_future<void> started;
  std::call_once(once, [&docker] {
    ProcessSessionId();  // made before the exit hook, so destroyed after it
    process_guard = new ProcessGuard(docker.host());  // never deleted, see ProcessGuard
    InstallSignalTeardown(process_guard->docker);
    if (EnvOrDefault("E2E_REAPER", "1") == "0") {
      std::promise<void> disabled;
      disabled.set_value();
      started = disabled.get_future().share();
      return;
    }
    started = std::async(std::launch::async, [] { StartReaper(*process_guard); }).share();
  });
  return started;
}

std::string SessionReaperId() { return process_guard != nullptr ? process_guard->reaper_id : ""; }

}  // namespace e2e
