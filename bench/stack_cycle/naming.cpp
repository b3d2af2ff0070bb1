#include "naming.h"

#include <unistd.h>

#include <atomic>

namespace stack_cycle {

const std::string& RunId() {
  static const std::string id = "mcp-e2e-bench-" + std::to_string(::getpid());
  return id;
}

docker::Labels RunLabels() { return {{kRunLabel, RunId()}}; }

std::string FreshName(const std::string& peer) {
  static std::atomic<int> counter{0};
  return RunId() + "-" + peer + "-" + std::to_string(++counter);
}

}  // namespace stack_cycle
