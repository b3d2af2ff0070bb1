#pragma once
// SIGINT/SIGTERM end the test process only after its session's resources are
// removed (see session_guard.h). Internal to the harness.

#include "docker/client.h"

namespace e2e {

// Installs the handlers and starts the teardown thread, once per process;
// `docker` must live until the process ends.
void InstallSignalTeardown(docker::Client& docker);

}  // namespace e2e
