#pragma once
// One way of bringing the bench's stack up and down, as its users would:
// the harness, the raw Engine API, the docker CLI, docker-compose,
// testcontainers-node. The bench times Up() and Down() of each in turn.

#include <memory>
#include <string>

namespace stack_cycle {

class Peer {
 public:
  virtual ~Peer() = default;
  // Creates a new instance of the stack: network and every service running.
  // Throws on failure; what was created is still removed by Down().
  virtual void Up() = 0;
  // Removes the instance of the last Up() and everything it created.
  virtual void Down() = 0;
};

// A peer by name, or why it cannot run here.
struct PeerSlot {
  std::string name;
  std::unique_ptr<Peer> peer;  // null when it is not installed
  std::string not_installed;   // how to install it, when `peer` is null
};

}  // namespace stack_cycle
