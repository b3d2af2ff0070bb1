#include "e2e/stack_roles.h"

#include <fmt/format.h>

namespace e2e {

std::string McpServerRole::Url() const {
  return fmt::format("http://{}:{}{}", service, port, path);
}

std::chrono::milliseconds StackRoles::HealthTimeoutOf(const std::string& service,
                                                      std::chrono::milliseconds fallback) const {
  if (const auto it = health_timeouts.find(service); it != health_timeouts.end()) return it->second;
  return health_timeout.value_or(fallback);
}

}  // namespace e2e
