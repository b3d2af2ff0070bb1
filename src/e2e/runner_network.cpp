#include "runner_network.h"

#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <set>
#include <stdexcept>

namespace e2e {
namespace {

// The networks this process attached its container to: only those are left
// again (a join that failed half-way must not turn into a teardown problem).
std::mutex joined_mutex;
std::set<std::string>& JoinedNetworks() {
  static std::set<std::string> joined;
  return joined;
}

std::string ThisHostname() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0) {
    throw std::runtime_error("E2E_RUNNER_CONTAINER=self, but the hostname cannot be read");
  }
  return name;
}

}  // namespace

std::string RunnerContainer() {
  const char* value = std::getenv("E2E_RUNNER_CONTAINER");
  if (value == nullptr || *value == '\0') return "";
  const std::string container(value);
  return container == "self" ? ThisHostname() : container;
}

void JoinStackNetwork(docker::Client& docker, const std::string& network) {
  const std::string container = RunnerContainer();
  if (container.empty()) return;
  try {
    docker.ConnectNetwork(network, container);
  } catch (const docker::Error& e) {
    throw std::runtime_error("the runner container " + container + " (E2E_RUNNER_CONTAINER) " +
                             "could not join the stack network " + network + ": " + e.what());
  }
  std::lock_guard lock(joined_mutex);
  JoinedNetworks().insert(network);
}

void LeaveStackNetwork(docker::Client& docker, const std::string& network) {
  {
    std::lock_guard lock(joined_mutex);
    if (JoinedNetworks().erase(network) == 0) return;
  }
  docker.DisconnectNetwork(network, RunnerContainer(), /*force=*/true);
}

}  // namespace e2e
