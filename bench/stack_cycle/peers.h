#pragma once
// The peers of the bench (see peer.h). Each brings up `spec` (parsed from
// `stack_file`) under names from naming.h.

#include <map>
#include <memory>
#include <string>

#include "docker/client.h"
#include "e2e/stack_spec.h"
#include "peer.h"

namespace stack_cycle {

// e2e::Stack Up() and Down() of `stack_file`, exactly as a test does.
std::unique_ptr<Peer> MakeHarnessPeer(docker::Client& docker, const std::string& stack_file,
                                      const std::map<std::string, std::string>& variables);

// Straight through docker::Client (this project's Engine API client, libcurl
// underneath): network and volumes, then every container created and started
// in its own thread; down: every container force-removed in its own thread,
// then volumes and network. No waiting for health: the floor.
std::unique_ptr<Peer> MakeRawApiPeer(docker::Client& docker, const e2e::StackSpec& spec);

// The docker CLI one command after another, as a user's script would:
// network create, run -d per service, rm -f of all, network rm.
PeerSlot MakeCliPeer(const e2e::StackSpec& spec);

// docker-compose (v1, the Debian package): up -d / down of `stack_file`.
PeerSlot MakeComposePeer(const std::string& stack_file);
// Its project name: the com.docker.compose.project label of all it creates.
std::string ComposeProjectName();

// testcontainers-node: bench/testcontainers/stack_cycle_worker.js, a node
// process that lives for the whole bench, started with Ryuk disabled.
// `node_dir` is where bench/install-peers installed the package.
PeerSlot MakeTestcontainersPeer(const e2e::StackSpec& spec, const std::string& worker_script,
                                const std::string& node_dir);

}  // namespace stack_cycle
