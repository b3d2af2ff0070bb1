#include <cmath>
#include <mutex>

#include "naming.h"
#include "parallel.h"
#include "peers.h"

namespace stack_cycle {
namespace {

// The container a service asks for, configured as the harness configures it
// (health check included: the daemon runs it, nobody waits for it here).
docker::ContainerCreate CreateRequest(const e2e::ServiceSpec& service,
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
  for (const auto& [key, value] : service.environment) create.env.push_back(key + "=" + value);
  if (service.healthcheck) {
    create.healthcheck = docker::HealthCheck{.test = service.healthcheck->test,
                                             .interval = service.healthcheck->interval,
                                             .timeout = service.healthcheck->timeout,
                                             .start_period = service.healthcheck->start_period,
                                             .retries = service.healthcheck->retries};
  }
  for (const auto& mount : service.volumes) {
    create.mounts.push_back({.volume = instance + "-" + mount.volume,
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

  void Up() override {
    instance_ = FreshName("raw");
    docker_.CreateNetwork(
        {.name = instance_, .internal = spec_.network_internal, .labels = RunLabels()});
    network_created_ = true;
    for (const std::string& volume : spec_.volumes) {
      docker_.CreateVolume({.name = instance_ + "-" + volume, .labels = RunLabels()});
      volumes_.push_back(instance_ + "-" + volume);
    }
    std::vector<const e2e::ServiceSpec*> services;
    for (const auto& service : spec_.services) services.push_back(&service);
    ForEachInParallel(services, [this](const e2e::ServiceSpec* service) {
      const std::string id = docker_.CreateContainer(CreateRequest(*service, instance_));
      {
        std::lock_guard lock(mutex_);
        containers_.push_back(id);
      }
      docker_.StartContainer(id);
    });
  }

  void Down() override {
    ForEachInParallel(containers_, [this](const std::string& id) { docker_.RemoveContainer(id); });
    containers_.clear();
    for (const std::string& volume : volumes_) docker_.RemoveVolume(volume);
    volumes_.clear();
    if (network_created_) docker_.RemoveNetwork(instance_);
    network_created_ = false;
  }

 private:
  docker::Client& docker_;
  const e2e::StackSpec& spec_;
  std::string instance_;  // the network's name, the prefix of the others'
  bool network_created_ = false;
  std::vector<std::string> volumes_;
  std::mutex mutex_;
  std::vector<std::string> containers_;  // ids
};

}  // namespace

std::unique_ptr<Peer> MakeRawApiPeer(docker::Client& docker, const e2e::StackSpec& spec) {
  return std::make_unique<RawApiPeer>(docker, spec);
}

}  // namespace stack_cycle
