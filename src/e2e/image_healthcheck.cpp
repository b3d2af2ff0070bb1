#include "image_healthcheck.h"

#include <fmt/format.h>

namespace e2e {
namespace {

using nlohmann::json;

// A Docker duration in nanoseconds; 0 or missing means Docker's default.
std::chrono::milliseconds Nanoseconds(const json& check, const char* key,
                                      std::chrono::milliseconds docker_default) {
  const int64_t ns = check.value(key, int64_t{0});
  return ns > 0
             ? std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(ns))
             : docker_default;
}

}  // namespace

std::optional<HealthcheckSpec> ImageHealthcheck(const json& image_inspect) {
  const json check = image_inspect.value(json::json_pointer("/Config/Healthcheck"), json());
  if (!check.is_object() || !check.contains("Test") || !check["Test"].is_array()) {
    return std::nullopt;
  }
  HealthcheckSpec spec;
  spec.test = check["Test"].get<std::vector<std::string>>();
  if (spec.test.empty() || (spec.test[0] != "CMD" && spec.test[0] != "CMD-SHELL")) {
    return std::nullopt;  // NONE, or an empty test (inherit: nothing to inherit)
  }
  spec.interval = Nanoseconds(check, "Interval", std::chrono::seconds(30));
  spec.timeout = Nanoseconds(check, "Timeout", std::chrono::seconds(30));
  spec.start_period = Nanoseconds(check, "StartPeriod", std::chrono::milliseconds(0));
  const int retries = check.value("Retries", 0);
  spec.retries = retries > 0 ? retries : 3;
  return spec;
}

void RequireHealthChecksOfHealthyDependencies(const StackSpec& stack) {
  for (const ServiceSpec& service : stack.services) {
    for (const Dependency& dep : service.depends_on) {
      const ServiceSpec* target = stack.Find(dep.service);
      if (dep.condition != DependencyCondition::kHealthy || target == nullptr ||
          target->healthcheck) {
        continue;
      }
      throw SpecError(fmt::format(
          "{}: services.{}.depends_on.{} has condition service_healthy, but {} has no health "
          "check, neither in the stack file nor in its image {}",
          stack.source, service.name, dep.service, dep.service, target->image));
    }
  }
}

}  // namespace e2e
