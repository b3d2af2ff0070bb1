#pragma once
// A service's hardening (stack_spec.h: HardeningSpec) as Engine settings.

#include "docker/types.h"
#include "e2e/stack_spec.h"

namespace e2e {

// Sets `create`'s capabilities, security options, read-only root
// filesystem, tmpfs mounts and log driver from `hardening`.
void ApplyHardening(const HardeningSpec& hardening, docker::ContainerCreate& create);

}  // namespace e2e
