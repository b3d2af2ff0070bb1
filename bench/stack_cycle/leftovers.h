#pragma once
// Removes whatever this run still has on the daemon when it ends, however it
// ends (an interrupted or failed step leaves a stack half up), and says what
// it found: after a clean run, nothing. It touches only this run's resources:
// the mcp-e2e-bench-run label, names with this run's prefix, the compose
// peer's project and the harness's e2e.session of this process.

#include <string>
#include <vector>

#include "docker/client.h"

namespace stack_cycle {

class LeftoverSweep {
 public:
  explicit LeftoverSweep(docker::Client& docker) : docker_(docker) {}
  ~LeftoverSweep();  // sweeps, unless Sweep() was called
  LeftoverSweep(const LeftoverSweep&) = delete;
  LeftoverSweep& operator=(const LeftoverSweep&) = delete;

  // Removes this run's containers, then volumes and networks. Returns what it
  // removed ("container NAME", ...) and what it could not remove ("... : why").
  std::vector<std::string> Sweep();

 private:
  docker::Client& docker_;
  bool swept_ = false;
};

}  // namespace stack_cycle
