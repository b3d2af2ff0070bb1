#include "stack_spec_json.h"

namespace e2e {
namespace {

nlohmann::json ServiceJson(const ServiceSpec& service) {
  nlohmann::json out = {{"image", service.image},    {"command", service.command},
                        {"user", service.user},      {"environment", service.environment},
                        {"cpus", service.cpus},      {"memory_bytes", service.memory_bytes},
                        {"pids", service.pids},      {"networks", service.extra_networks},
                        {"aliases", service.aliases}};
  if (service.entrypoint) out["entrypoint"] = *service.entrypoint;
  if (service.healthcheck) out["healthcheck"] = service.healthcheck->test;
  for (const Dependency& dependency : service.depends_on) {
    out["depends_on"][dependency.service] = dependency.condition == DependencyCondition::kHealthy
                                                ? "service_healthy"
                                                : "service_started";
  }
  for (const VolumeMountSpec& mount : service.volumes) {
    out["volumes"].push_back(mount.volume + ":" + mount.target + (mount.read_only ? ":ro" : ""));
  }
  const HardeningSpec& hardening = service.hardening;
  out["cap_drop"] = hardening.cap_drop;
  out["cap_add"] = hardening.cap_add;
  out["security_opt"] = hardening.security_opt;
  out["read_only"] = hardening.read_only;
  out["tmpfs"] = hardening.tmpfs;
  out["logging"] = {{"driver", hardening.logging.driver}, {"options", hardening.logging.options}};
  return out;
}

}  // namespace

nlohmann::json StackSpecJson(const StackSpec& spec) {
  nlohmann::json out = {{"source", spec.source},
                        {"network", spec.network},
                        {"network_internal", spec.network_internal},
                        {"volumes", spec.volumes},
                        {"services", nlohmann::json::object()}};
  for (const ExtraNetworkSpec& extra : spec.extra_networks) {
    out["extra_networks"][extra.key] = {{"internal", extra.internal}};
  }
  for (const ServiceSpec& service : spec.services) {
    out["services"][service.name] = ServiceJson(service);
  }
  return out;
}

}  // namespace e2e
