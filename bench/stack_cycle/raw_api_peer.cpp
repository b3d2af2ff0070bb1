#include <functional>
#include <mutex>

// The harness's own container requests and names (src/e2e), so the raw peer
// creates the very containers the harness does: the floor for the same work.
#include "container_request.h"
#include "naming.h"
#include "parallel.h"
#include "peers.h"

namespace stack_cycle {
namespace {

using e2e::ForEachInParallel;

class RawApiPeer : public Peer {
 public:
  RawApiPeer(docker::Client& docker, const e2e::StackSpec& spec) : docker_(docker), spec_(spec) {}

  // Every network and volume of the stack file at once, then every container
  // at once (created, joined to its other networks, started); nothing awaited,
  // not even the health checks the daemon runs.
  void Up() override {
    names_ = {FreshName("raw"), spec_.network};
    std::vector<std::function<void()>> creations = {
        [this] { CreateNetwork(names_.base, spec_.network_internal); }};
    for (const auto& extra : spec_.extra_networks) {
      creations.push_back(
          [this, &extra] { CreateNetwork(names_.Network(extra.key), extra.internal); });
    }
    for (const std::string& volume : spec_.volumes) {
      creations.push_back([this, name = names_.Volume(volume)] {
        docker_.CreateVolume({.name = name, .labels = RunLabels()});
        std::lock_guard lock(mutex_);
        volumes_.push_back(name);
      });
    }
    ForEachInParallel(creations, [](const std::function<void()>& create) { create(); });
    std::vector<const e2e::ServiceSpec*> services;
    for (const auto& service : spec_.services) services.push_back(&service);
    ForEachInParallel(services, [this](const e2e::ServiceSpec* service) {
      const std::string id =
          docker_.CreateContainer(e2e::ContainerRequest(spec_, *service, names_, RunLabels()));
      {
        std::lock_guard lock(mutex_);
        containers_.push_back(id);
      }
      for (const std::string& key : service->extra_networks) {
        docker_.ConnectNetwork(names_.Network(key), id, {service->name});
      }
      docker_.StartContainer(id);
    });
  }

  // The containers at once, then the volumes and networks at once.
  void Down() override {
    ForEachInParallel(containers_, [this](const std::string& id) { docker_.RemoveContainer(id); });
    containers_.clear();
    std::vector<std::function<void()>> removals;
    for (const std::string& volume : volumes_)
      removals.push_back([this, volume] { docker_.RemoveVolume(volume); });
    for (const std::string& network : networks_)
      removals.push_back([this, network] { docker_.RemoveNetwork(network); });
    ForEachInParallel(removals, [](const std::function<void()>& remove) { remove(); });
    volumes_.clear();
    networks_.clear();
  }

 private:
  void CreateNetwork(const std::string& name, bool internal) {
    docker_.CreateNetwork({.name = name, .internal = internal, .labels = RunLabels()});
    std::lock_guard lock(mutex_);
    networks_.push_back(name);
  }

  docker::Client& docker_;
  const e2e::StackSpec& spec_;
  e2e::StackNames names_;  // this cycle's: the stack network is names_.base
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
