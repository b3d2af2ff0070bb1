#include "container_request.h"

#include <cmath>

#include "hardening.h"

namespace e2e {

std::string StackNames::Network(const std::string& key) const {
  return key.empty() || key == main_network_key ? base : base + "_" + key;
}

std::string StackNames::Volume(const std::string& volume) const { return base + "_" + volume; }

std::string StackNames::Container(const std::string& service) const { return base + "-" + service; }

docker::ContainerCreate ContainerRequest(const StackSpec& spec, const ServiceSpec& service,
                                         const StackNames& names, docker::Labels labels) {
  docker::ContainerCreate create{
      .name = names.Container(service.name),
      .image = service.image,
      .cmd = service.command,
      .entrypoint = service.entrypoint,
      .user = service.user,
      .labels = std::move(labels),
      .nano_cpus = static_cast<int64_t>(std::llround(service.cpus * 1e9)),
      .memory_bytes = service.memory_bytes,
      .pids_limit = service.pids,
      .network = names.base,
  };
  ApplyHardening(service.hardening, create);
  for (const auto& [key, value] : service.environment) create.env.push_back(key + "=" + value);
  if (service.healthcheck) {
    create.healthcheck = docker::HealthCheck{.test = service.healthcheck->test,
                                             .interval = service.healthcheck->interval,
                                             .timeout = service.healthcheck->timeout,
                                             .start_period = service.healthcheck->start_period,
                                             .retries = service.healthcheck->retries};
  }
  for (const auto& mount : service.volumes) {
    const auto external = spec.external_volumes.find(mount.volume);
    create.mounts.push_back({.volume = external != spec.external_volumes.end()
                                           ? external->second
                                           : names.Volume(mount.volume),
                             .target = mount.target,
                             .read_only = mount.read_only});
  }
  create.aliases.push_back(service.name);
  create.aliases.insert(create.aliases.end(), service.aliases.begin(), service.aliases.end());
  return create;
}

}  // namespace e2e
