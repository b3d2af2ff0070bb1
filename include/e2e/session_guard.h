#pragma once
// Guards a test process's session (e2e.session) so that nothing it creates
// outlives it, however it ends:
//  * a reaper sidecar (image mcp-e2e/reaper, src/reaper/main.cpp) started for
//    the process, whose stdin the process holds open through a hijacked
//    attach on the Engine socket. When the process ends (exit, crash,
//    SIGKILL) the kernel closes that connection; once none remains for the
//    grace ($E2E_REAPER_GRACE_SECONDS, default 10) the reaper removes every
//    resource of the session but kept stacks (reaper.h), then itself.
//    Liveness is that connection only: it works from another PID namespace,
//    another host or a container that has only the socket (no ports, no routes).
//  * SIGINT and SIGTERM: a dedicated thread (the handler only writes to a
//    pipe) removes the session's resources, then ends the process with
//    128 + the signal. A second signal during that ends it at once.
//
// Stack::Up calls GuardSessionAsync, so a test never needs to. The reaper's
// image is $REAPER_IMAGE or the image manifest's (paths.h); the daemon's socket
// on the daemon's host is $E2E_REAPER_DOCKER_SOCKET (default
// /var/run/docker.sock). E2E_REAPER=0 starts no reaper (the signal teardown
// stays): then nothing removes what a killed run leaves.

#include <future>
#include <string>

#include "docker/client.h"

namespace e2e {

// This test process's e2e.session value (made once, random: see reaper.h).
const std::string& ProcessSessionId();

// Starts the guard once per process (later calls return the same future),
// on the daemon `docker` talks to. The future is ready once the reaper runs
// and holds the connection; it throws when the reaper could not start (e.g.
// no reaper image: the message names what to build).
std::shared_future<void> GuardSessionAsync(docker::Client& docker);

// The reaper container guarding this process ("" before it started or when
// disabled).
std::string SessionReaperId();

}  // namespace e2e
