// e2e-reap: removes what test runs left behind: containers, volumes and
// networks labelled e2e.session.
//
//   e2e-reap                 everything labelled by mcp-e2e
//   e2e-reap --dead_only     only what processes that no longer run left (safe
//                            while other test runs go on)
//   e2e-reap --session ID    one test process's resources
//   e2e-reap --stack ID      one stack (e.g. kept by E2E_KEEP_STACK=1)
//   e2e-reap --dry_run       list, remove nothing
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/flags/usage.h>
#include <fmt/format.h>

#include "e2e/reaper.h"

ABSL_FLAG(std::string, session, "", "only resources of this e2e.session");
ABSL_FLAG(std::string, stack, "", "only resources of this e2e.stack");
ABSL_FLAG(bool, dead_only, false, "only sessions whose process no longer runs on this host");
ABSL_FLAG(bool, dry_run, false, "list what would be removed, remove nothing");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Removes Docker resources left behind by mcp-e2e test runs.");
  absl::ParseCommandLine(argc, argv);
  const std::string session = absl::GetFlag(FLAGS_session);
  const bool dead_only = absl::GetFlag(FLAGS_dead_only);
  const bool dry_run = absl::GetFlag(FLAGS_dry_run);

  e2e::ReapOptions options{
      .select =
          [&](const std::string& s) {
            return (session.empty() || s == session) && (!dead_only || e2e::SessionIsDead(s));
          },
      .stack = absl::GetFlag(FLAGS_stack),
      .dry_run = dry_run,
      .on_resource =
          [&](const std::string& what) {
            fmt::print("{} {}\n", dry_run ? "would remove" : "removing", what);
          },
  };
  try {
    docker::Client docker;
    const e2e::ReapReport report = e2e::Reap(docker, options);
    for (const auto& failure : report.failures) fmt::print(stderr, "  failed: {}\n", failure);
    return report.failures.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "e2e-reap: {}\n", e.what());
    return 1;
  }
}
