#include "e2e/reaper.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <climits>
#include <random>

namespace e2e {
namespace {

constexpr const char* kKeptVolumePrefix = "e2e-kept-";

std::string LabelOf(const docker::Labels& labels, const std::string& key) {
  auto it = labels.find(key);
  return it != labels.end() ? it->second : "";
}

}  // namespace

std::string NewSessionId() {
  char host[HOST_NAME_MAX + 1] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) std::snprintf(host, sizeof(host), "host");
  std::string name = host;
  for (char& c : name) {  // label values take anything; container names do not
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '-';
  }
  if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0]))) name = "host" + name;
  std::random_device random;
  return fmt::format("{}-{}-{:08x}", name, ::getpid(), random());
}

ReapReport Reap(docker::Client& docker, const ReapOptions& options) {
  docker::Filters filters = {
      {"label",
       {options.session.empty() ? kSessionLabel
                                : std::string(kSessionLabel) + "=" + options.session}}};
  if (!options.stack.empty()) {
    filters["label"].push_back(std::string(kStackLabel) + "=" + options.stack);
  }
  ReapReport report;
  auto remove = [&](const std::string& what, const std::function<void()>& action) {
    if (options.on_resource) options.on_resource(what);
    ++report.removed;
    if (options.dry_run) return;
    try {
      action();
    } catch (const std::exception& e) {
      report.failures.push_back(what + ": " + e.what());
    }
  };
  for (const auto& c : docker.ListContainers(filters)) {
    if (!options.select(c.labels)) continue;
    remove("container " + (c.names.empty() ? c.id : c.names[0]),
           [&] { docker.RemoveContainer(c.id); });
  }
  for (const auto& v : docker.ListVolumes(filters)) {
    if (!options.select(v.labels)) continue;
    remove("volume " + v.name, [&] { docker.RemoveVolume(v.name); });
  }
  for (const auto& n : docker.ListNetworks(filters)) {
    if (!options.select(n.labels)) continue;
    remove("network " + n.name, [&] {
      // Containers that are not the session's may still be attached: the
      // e2e-runner container joins every stack network (runner_network.h)
      // and stays on it when a test process inside it is killed.
      for (const auto& [container, endpoint] : docker.InspectNetwork(n.id).containers) {
        docker.DisconnectNetwork(n.id, container, /*force=*/true);
      }
      docker.RemoveNetwork(n.id);
    });
  }
  return report;
}

void MarkStackKept(docker::Client& docker, const std::string& stack, const std::string& session) {
  docker.CreateVolume({.name = kKeptVolumePrefix + stack,
                       .labels = {{kKeptLabel, stack}, {"e2e.kept-from-session", session}}});
}

std::set<std::string> KeptStacks(docker::Client& docker) {
  std::set<std::string> kept;
  for (const auto& volume : docker.ListVolumes({{"label", {kKeptLabel}}})) {
    kept.insert(LabelOf(volume.labels, kKeptLabel));
  }
  return kept;
}

void ForgetKeptStack(docker::Client& docker, const std::string& stack) {
  docker.RemoveVolume(kKeptVolumePrefix + stack);
}

ReapReport ReapSession(docker::Client& docker, const std::string& session) {
  const std::set<std::string> kept = KeptStacks(docker);
  return Reap(docker, {.session = session, .select = [&](const docker::Labels& labels) {
                         return labels.count(kReaperLabel) == 0 &&
                                kept.count(LabelOf(labels, kStackLabel)) == 0;
                       }});
}

}  // namespace e2e
