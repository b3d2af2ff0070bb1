#pragma once
// What one instance of a stack file asks the Engine for: the names of its
// resources and each service's container create request. One place, so the
// harness (stack.cpp) and the raw-API peer of bench/stack_cycle create the
// very same containers.

#include <string>

#include "docker/types.h"
#include "e2e/stack_spec.h"

namespace e2e {

// The Docker names of one stack instance: its stack network is `base`
// (e2e_<id> for the harness), every other resource is named after it.
struct StackNames {
  std::string base;
  std::string main_network_key;  // the stack file's own network (StackSpec::network)

  // `base` for the main network's key (or ""), base_<key> for the others.
  std::string Network(const std::string& key) const;
  std::string Volume(const std::string& volume) const;      // base_<volume>
  std::string Container(const std::string& service) const;  // base-<service>
};

// `service`'s container as the harness creates it: image, command, user,
// limits, hardening, environment, health check, mounts (external volumes by
// their own name), its aliases and the stack network; labelled `labels`.
// Its other networks are joined after the create (API 1.41 takes one).
docker::ContainerCreate ContainerRequest(const StackSpec& spec, const ServiceSpec& service,
                                         const StackNames& names, docker::Labels labels);

}  // namespace e2e
