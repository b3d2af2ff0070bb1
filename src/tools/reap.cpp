// e2e-reap: removes what test runs left behind: every container, volume and
// network labelled e2e.session (all runs), or only one session's or stack's.
//
//   e2e-reap                 everything labelled by mcp-e2e
//   e2e-reap --session ID    one test process's resources
//   e2e-reap --stack ID      one stack (e.g. kept by E2E_KEEP_STACK=1)
//   e2e-reap --dry_run       list, remove nothing
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/flags/usage.h>
#include <fmt/format.h>

#include "docker/client.h"

ABSL_FLAG(std::string, session, "", "only resources of this e2e.session");
ABSL_FLAG(std::string, stack, "", "only resources of this e2e.stack");
ABSL_FLAG(bool, dry_run, false, "list what would be removed, remove nothing");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Removes Docker resources left behind by mcp-e2e test runs.");
  absl::ParseCommandLine(argc, argv);
  const std::string session = absl::GetFlag(FLAGS_session);
  const std::string stack = absl::GetFlag(FLAGS_stack);
  const bool dry_run = absl::GetFlag(FLAGS_dry_run);
  docker::Filters filters = {{"label", {"e2e.session"}}};
  if (!session.empty()) filters["label"] = {"e2e.session=" + session};
  if (!stack.empty()) filters["label"].push_back("e2e.stack=" + stack);

  int failures = 0;
  auto attempt = [&](const std::string& what, const auto& remove) {
    fmt::print("{} {}\n", dry_run ? "would remove" : "removing", what);
    if (dry_run) return;
    try {
      remove();
    } catch (const std::exception& e) {
      ++failures;
      fmt::print(stderr, "  failed: {}\n", e.what());
    }
  };
  try {
    docker::Client docker;
    // Containers first: a network or volume in use cannot be removed.
    for (const auto& c : docker.ListContainers(filters)) {
      attempt("container " + (c.names.empty() ? c.id : c.names[0]),
              [&] { docker.RemoveContainer(c.id); });
    }
    for (const auto& v : docker.ListVolumes(filters)) {
      attempt("volume " + v.name, [&] { docker.RemoveVolume(v.name); });
    }
    for (const auto& n : docker.ListNetworks(filters)) {
      attempt("network " + n.name, [&] { docker.RemoveNetwork(n.id); });
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "e2e-reap: {}\n", e.what());
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
