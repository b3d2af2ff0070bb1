#include "leftovers.h"

#include <fmt/format.h>

#include <map>

#include "e2e/stack.h"
#include "naming.h"
#include "peers.h"

namespace stack_cycle {
namespace {

// One filter per kind of owner; the daemon ANDs the values of one filter, so
// each is asked on its own.
std::vector<docker::Filters> OwnedByThisRun() {
  return {{{"label", {std::string(kRunLabel) + "=" + RunId()}}},
          {{"label", {"com.docker.compose.project=" + ComposeProjectName()}}},
          {{"label", {"e2e.session=" + e2e::Stack::SessionId()}}}};
}

template <typename Remove>
void RemoveRecording(std::vector<std::string>& found, const std::string& what, Remove remove) {
  try {
    remove();
    found.push_back(what);
  } catch (const std::exception& e) {
    found.push_back(what + ": " + e.what());
  }
}

}  // namespace

LeftoverSweep::~LeftoverSweep() {
  if (swept_) return;
  for (const std::string& line : Sweep()) fmt::print(stderr, "stack_cycle: removed {}\n", line);
}

std::vector<std::string> LeftoverSweep::Sweep() {
  swept_ = true;
  std::vector<std::string> found;
  try {
    // id -> name; a resource may match several filters.
    std::map<std::string, std::string> containers, volumes, networks;
    for (const auto& filters : OwnedByThisRun()) {
      for (const auto& container : docker_.ListContainers(filters, /*all=*/true)) {
        containers[container.id] = container.names.empty() ? container.id : container.names[0];
      }
      for (const auto& volume : docker_.ListVolumes(filters)) volumes[volume.name] = volume.name;
      for (const auto& network : docker_.ListNetworks(filters)) networks[network.id] = network.name;
    }
    // testcontainers cannot label its networks: they are found by name (the
    // daemon's name filter matches anywhere in the name, hence the check).
    for (const auto& network : docker_.ListNetworks({{"name", {RunId() + "-"}}})) {
      if (network.name.starts_with(RunId() + "-")) networks[network.id] = network.name;
    }
    for (const auto& [id, name] : containers) {
      RemoveRecording(found, "container " + name, [&] { docker_.RemoveContainer(id); });
    }
    for (const auto& [name, unused] : volumes) {
      RemoveRecording(found, "volume " + name, [&] { docker_.RemoveVolume(name); });
    }
    for (const auto& [id, name] : networks) {
      RemoveRecording(found, "network " + name, [&] { docker_.RemoveNetwork(id); });
    }
  } catch (const std::exception& e) {
    found.push_back(std::string("listing this run's resources failed: ") + e.what());
  }
  return found;
}

}  // namespace stack_cycle
