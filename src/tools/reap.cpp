// e2e-reap: removes by hand what mcp-e2e test runs left: containers, volumes
// and networks labelled e2e.session. A killed run's reaper sidecar removes
// its resources by itself (include/e2e/session_guard.h); this is for kept
// stacks and for sessions whose reaper could not do its work.
//
//   e2e-reap --stack ID      one stack (e.g. kept by E2E_KEEP_STACK=1)
//   e2e-reap --kept          every kept stack
//   e2e-reap --session ID    one test process's resources (its kept stacks too)
//   e2e-reap --orphaned      sessions no reaper guards any more (never a live
//                            run: every live run's reaper is running)
//   e2e-reap --all           every session's resources, live runs' included
//                            (kept stacks stay: --kept or --stack removes them)
//   e2e-reap --dry_run ...   list, remove nothing
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/flags/usage.h>
#include <fmt/format.h>

#include <set>

#include "e2e/reaper.h"

ABSL_FLAG(std::string, stack, "", "remove this e2e.stack (kept or not)");
ABSL_FLAG(bool, kept, false, "remove every stack kept by E2E_KEEP_STACK=1");
ABSL_FLAG(std::string, session, "", "remove this e2e.session's resources");
ABSL_FLAG(bool, orphaned, false, "remove the sessions no running reaper guards (kept stacks stay)");
ABSL_FLAG(bool, all, false, "remove every session's resources, live runs' too (not kept stacks)");
ABSL_FLAG(bool, dry_run, false, "list what would be removed, remove nothing");

namespace {

std::string LabelValue(const docker::Labels& labels, const char* key) {
  auto it = labels.find(key);
  return it != labels.end() ? it->second : "";
}

// The sessions whose reaper container is running: those are alive.
std::set<std::string> GuardedSessions(docker::Client& docker) {
  std::set<std::string> sessions;
  for (const auto& reaper : docker.ListContainers({{"label", {e2e::kReaperLabel}}}, false)) {
    sessions.insert(LabelValue(reaper.labels, e2e::kReaperLabel));
  }
  return sessions;
}

bool StackHasResources(docker::Client& docker, const std::string& stack) {
  const docker::Filters filters = {{"label", {std::string(e2e::kStackLabel) + "=" + stack}}};
  return !docker.ListContainers(filters).empty() || !docker.ListVolumes(filters).empty() ||
         !docker.ListNetworks(filters).empty();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Removes Docker resources of mcp-e2e test runs: --stack ID, --kept, --session ID, "
      "--orphaned or --all (with --dry_run to list only).");
  absl::ParseCommandLine(argc, argv);
  const std::string stack = absl::GetFlag(FLAGS_stack);
  const std::string session = absl::GetFlag(FLAGS_session);
  const bool kept_only = absl::GetFlag(FLAGS_kept);
  const bool orphaned = absl::GetFlag(FLAGS_orphaned);
  const bool all = absl::GetFlag(FLAGS_all);
  const bool dry_run = absl::GetFlag(FLAGS_dry_run);
  if (stack.empty() && session.empty() && !kept_only && !orphaned && !all) {
    fmt::print(stderr,
               "e2e-reap: say what to remove: --stack ID, --kept, --session ID, "
               "--orphaned or --all (see --help)\n");
    return 2;
  }
  try {
    docker::Client docker;
    const std::set<std::string> kept = e2e::KeptStacks(docker);
    const std::set<std::string> guarded =
        orphaned ? GuardedSessions(docker) : std::set<std::string>{};
    e2e::ReapOptions options{
        .session = session,
        .stack = stack,
        .select =
            [&](const docker::Labels& labels) {
              const bool is_kept = kept.count(LabelValue(labels, e2e::kStackLabel)) != 0;
              if (kept_only) return is_kept;
              if (orphaned) {
                return !is_kept && guarded.count(LabelValue(labels, e2e::kSessionLabel)) == 0;
              }
              return !(all && is_kept);
            },
        .dry_run = dry_run,
        .on_resource =
            [&](const std::string& what) {
              fmt::print("{} {}\n", dry_run ? "would remove" : "removing", what);
            },
    };
    const e2e::ReapReport report = e2e::Reap(docker, options);
    // A kept stack's mark goes with the stack's last resource.
    for (const std::string& id : kept) {
      if (dry_run || StackHasResources(docker, id)) continue;
      fmt::print("removing the kept mark of stack {}\n", id);
      e2e::ForgetKeptStack(docker, id);
    }
    for (const auto& failure : report.failures) fmt::print(stderr, "  failed: {}\n", failure);
    return report.failures.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "e2e-reap: {}\n", e.what());
    return 1;
  }
}
