#include <algorithm>
#include <cmath>
#include <mutex>

#include "hardening.h"  // the harness's own mapping of the stack file's hardening keys
#include "naming.h"
#include "parallel.h"
#include "peers.h"

namespace stack_cycle {
namespace {

// The container a service asks for, configured as the harness configures it
// (hardening and health check included: the daemon runs the check, nobody
// waits for it here), so the raw peer is the floor for the same containers.
docker::ContainerCreate CreateRequest(const e2e::StackSpec& spec, const e2e::ServiceSpec& service,
                                      const std::string& instance) {
  docker::ContainerCreate create{
      .name = instance + "-" + service.name,
      .image = service.image,
      .cmd = service.command,
      .entrypoint = service.entrypoint,
      .user = service.user,
      .labels = RunLabels(),
      .nano_cpus = static_cast<int64_t>(std::llround(service.cpus * 1e9)),
      .memory_bytes = service.memory_bytes,
      .pids_limit = service.pids,
      .network = instance,
  };
  e2e::ApplyHardening(service.hardening, create);
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
                                           : instance + "-" + mount.volume,
                             .target = mount.target,
                             .read_only = mount.read_only});
  }
  create.aliases.push_back(service.name);
  create.aliases.insert(create.aliases.end(), service.aliases.begin(), service.aliases.end());
  return create;
}

class RawApiPeer : public Peer {
 public:
  RawApiPeer(docker::Client& docker, const e2e::StackSpec& spec) : docker_(docker), spec_(spec) {}

  // Every network and volume of the stack file at once, then every container
  // at once (created, joined to its other networks, started); nothing awaited.
  void Up() override {
    instance_ = FreshName("raw");
    std::vector<std::string> resources = {""};  // "" = the stack network
    for (const auto& extra : spec_.extra_networks) resources.push_back("network " + extra.key);
    for (const std::string& volume : spec_.volumes) resources.push_back(volume);
    ForEachInParallel(resources, [this](const std::string& resource) {
      if (resource.empty() || resource.starts_with("network ")) {
        const std::string key = resource.empty() ? "" : resource.substr(8);
        const auto extra = std::find_if(spec_.extra_networks.begin(), spec_.extra_networks.end(),
                                        [&key](const auto& network) { return network.key == key; });
        const std::string name = NetworkName(key);
        docker_.CreateNetwork({.name = name,
                               .internal = key.empty() ? spec_.network_internal : extra->internal,
                               .labels = RunLabels()});
        std::lock_guard lock(mutex_);
        networks_.push_back(name);
        return;
      }
      docker_.CreateVolume({.name = instance_ + "-" + resource, .labels = RunLabels()});
      std::lock_guard lock(mutex_);
      volumes_.push_back(instance_ + "-" + resource);
    });
    std::vector<const e2e::ServiceSpec*> services;
    for (const auto& service : spec_.services) services.push_back(&service);
    ForEachInParallel(services, [this](const e2e::ServiceSpec* service) {
      const std::string id = docker_.CreateContainer(CreateRequest(spec_, *service, instance_));
      {
        std::lock_guard lock(mutex_);
        containers_.push_back(id);
      }
      for (const std::string& key : service->extra_networks) {
        docker_.ConnectNetwork(NetworkName(key), id, {service->name});
      }
      docker_.StartContainer(id);
    });
  }

  // The containers at once, then the volumes and networks at once.
  void Down() override {
    ForEachInParallel(containers_, [this](const std::string& id) { docker_.RemoveContainer(id); });
    containers_.clear();
    std::vector<std::string> resources;
    for (const std::string& volume : volumes_) resources.push_back("volume " + volume);
    for (const std::string& network : networks_) resources.push_back("network " + network);
    ForEachInParallel(resources, [this](const std::string& resource) {
      if (resource.starts_with("volume ")) {
        docker_.RemoveVolume(resource.substr(7));
      } else {
        docker_.RemoveNetwork(resource.substr(8));
      }
    });
    volumes_.clear();
    networks_.clear();
  }

 private:
  docker::Client& docker_;
  const e2e::StackSpec& spec_;
  std::string NetworkName(const std::string& key) const {
    return key.empty() || key == spec_.network ? instance_ : instance_ + "-" + key;
  }

  std::string instance_;  // the stack network's name, the prefix of the others'
  std::vector<std::string> networks_;
  std::vector<std::string> volumes_;
  std::mutex mutex_;
  std::vector<std::string> containers_;  // ids
};

}  // namespace

std::unique_ptr<Peer> MakeRawApiPeer(docker::Client& docker, const e2e::StackSpec& spec) {
  return std::make_unique<RawApiPeer>(docker, spec);
}

}  // namespace stack_cycle
