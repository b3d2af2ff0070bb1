#pragma once
// Compose's rule for health checks the stack file does not write: a service
// without a `healthcheck` has its image's HEALTHCHECK, and a
// `condition: service_healthy` on a service with none at all is an error.
#include <nlohmann/json.hpp>
#include <optional>

#include "e2e/stack_spec.h"

namespace e2e {

// The HEALTHCHECK in an image's inspect answer (GET /images/{name}/json:
// Config.Healthcheck, durations in nanoseconds, 0 for Docker's default);
// nullopt when it has none or it is `HEALTHCHECK NONE`.
std::optional<HealthcheckSpec> ImageHealthcheck(const nlohmann::json& image_inspect);

// Throws SpecError naming the service when one depends on another with
// `condition: service_healthy` but that one has no health check (`stack`
// with the images' health checks filled in).
void RequireHealthChecksOfHealthyDependencies(const StackSpec& stack);

}  // namespace e2e
