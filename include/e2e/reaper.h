#pragma once
// Removing what test runs leave behind, by label. Every resource the harness
// creates carries e2e.session=<id of the test process> and e2e.stack=<stack
// id>. Nothing here judges whether a run is alive: the reaper sidecar
// (session_guard.h) decides that from the connection its test process holds,
// and removes its session with Reap(); `e2e-reap` does it by hand.
//
// A stack kept for debugging (E2E_KEEP_STACK=1) cannot be relabelled (Docker
// labels are fixed at creation), so keeping it creates a marker volume
// labelled e2e.kept=<stack id>: reapers skip kept stacks, and removing a
// stack by hand removes its marker too.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "docker/client.h"

namespace e2e {

inline constexpr const char* kSessionLabel = "e2e.session";
inline constexpr const char* kStackLabel = "e2e.stack";
// On a reaper container, the session it guards (not e2e.session: a session's
// resources are gone before its reaper is).
inline constexpr const char* kReaperLabel = "e2e.reaper";
// On a kept stack's marker volume: the stack's id.
inline constexpr const char* kKeptLabel = "e2e.kept";

// A new, random e2e.session value, "<host>-<pid>-<8 hex>" (host and pid only
// to help a human; nothing parses them).
std::string NewSessionId();

struct ReapOptions {
  // What to list (server side); a resource without e2e.session is never listed.
  std::string session;  // only this e2e.session, when set
  std::string stack;    // only this e2e.stack, when set
  // Which of the listed resources to remove, by their labels.
  std::function<bool(const docker::Labels&)> select = [](const docker::Labels&) { return true; };
  bool dry_run = false;  // report, remove nothing
  // Called with "container NAME", "volume NAME" or "network NAME" for each one.
  std::function<void(const std::string&)> on_resource;
};

struct ReapReport {
  int removed = 0;  // or, in a dry run, found
  std::vector<std::string> failures;
};

// Removes the selected containers (forcefully, first: what they use cannot go
// before them), then volumes, then networks; what is already gone is not a
// failure. Never throws for one resource; its failure is reported. Throws
// docker::Error when the daemon cannot be listed.
ReapReport Reap(docker::Client& docker, const ReapOptions& options);

// Marks stack `stack` of `session` as kept (creates its marker volume).
void MarkStackKept(docker::Client& docker, const std::string& stack, const std::string& session);
// The ids of the kept stacks.
std::set<std::string> KeptStacks(docker::Client& docker);
// Removes the marker of `stack` (not the stack); no marker is not an error.
void ForgetKeptStack(docker::Client& docker, const std::string& stack);

// What a session's reaper removes: `session`'s resources except kept stacks
// (listed when called) and reaper containers.
ReapReport ReapSession(docker::Client& docker, const std::string& session);

}  // namespace e2e
