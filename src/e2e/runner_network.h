#pragma once
// The test process may itself run in a container (the e2e-runner image: only
// the Docker socket is mounted, Docker-outside-of-Docker). Its own container
// then sits on the default bridge, and a stack's services are on the stack's
// network, which a container cannot route to. So the runner joins each stack
// network when it is created and leaves it before it is removed; every
// address the harness dials (Stack::ServiceUrl) is then reachable, and the
// host never needs a route to container addresses.

#include <string>

#include "docker/client.h"

namespace e2e {

// The container this test process runs in, as $E2E_RUNNER_CONTAINER names it
// (a container id or name; "self": this hostname, which Docker sets to the
// short container id). Empty when the variable is unset: the process runs on
// the host and joins nothing.
std::string RunnerContainer();

// Attaches the runner container to `network` (nothing on the host). Throws
// std::runtime_error naming the container and the network when the Engine
// refuses.
void JoinStackNetwork(docker::Client& docker, const std::string& network);

// Detaches the runner container from `network` if JoinStackNetwork attached
// it; a network must have no endpoints left to be removed. Throws
// docker::Error when the Engine refuses.
void LeaveStackNetwork(docker::Client& docker, const std::string& network);

}  // namespace e2e
