#pragma once
// Removes what test runs left behind. Every resource the harness creates
// carries e2e.session=<host>-<pid>-<start>: the test process that owns it
// (<start> is its start time in clock ticks since boot, so a recycled pid
// never names an earlier run). A session whose process no longer runs on this
// host is dead, and what it left can be removed without disturbing runs still
// going on.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "docker/client.h"

namespace e2e {

// The e2e.session value for process `pid`, started at `start_ticks`, on `host`.
std::string MakeSessionId(const std::string& host, int pid, uint64_t start_ticks);
// The e2e.session value of the calling process.
std::string CurrentSessionId();
// This machine's host name, as sessions record it.
std::string ThisHostName();

struct SessionOwner {
  std::string host;
  int pid = 0;
  uint64_t start_ticks = 0;
};
// The owner named by a session id; nullopt for ids not made by MakeSessionId.
std::optional<SessionOwner> ParseSessionId(const std::string& session);

// True when `session` names a process of this host that no longer runs (gone,
// a zombie, or its pid now belongs to a process that started at another time).
bool SessionIsDead(const std::string& session);

struct ReapOptions {
  // Which sessions' resources to remove (given the e2e.session value).
  std::function<bool(const std::string& session)> select = [](const std::string&) { return true; };
  std::string stack;     // only this e2e.stack, when set
  bool dry_run = false;  // report, remove nothing
  // Called with "container NAME", "volume NAME" or "network NAME" for each one.
  std::function<void(const std::string&)> on_resource;
};

struct ReapReport {
  int removed = 0;  // or, in a dry run, found
  std::vector<std::string> failures;
};

// Removes the selected containers (first: what they use cannot go before
// them), then volumes, then networks. Never throws for one resource; its
// failure is reported. Throws docker::Error when the daemon cannot be listed.
ReapReport Reap(docker::Client& docker, const ReapOptions& options);

}  // namespace e2e
