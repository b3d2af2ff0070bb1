#include "e2e/reaper.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <climits>
#include <fstream>
#include <sstream>

namespace e2e {
std::string ThisHostName() {
  char name[HOST_NAME_MAX + 1] = {};
  return ::gethostname(name, sizeof(name) - 1) == 0 ? name : "unknown-host";
}

namespace {

struct ProcessState {
  char state = '?';
  uint64_t start_ticks = 0;
};

// From /proc/<pid>/stat: the state (3rd field) and start time (22nd field),
// read after the command name, which is in parentheses and may hold spaces.
std::optional<ProcessState> ReadProcessState(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return std::nullopt;
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(paren + 1));
  ProcessState process;
  std::string skip;
  fields >> process.state;
  for (int field = 4; field < 22; ++field) fields >> skip;
  fields >> process.start_ticks;
  if (!fields) return std::nullopt;
  return process;
}

}  // namespace

std::string MakeSessionId(const std::string& host, int pid, uint64_t start_ticks) {
  return fmt::format("{}-{}-{}", host, pid, start_ticks);
}

std::string CurrentSessionId() {
  const int pid = static_cast<int>(::getpid());
  const auto self = ReadProcessState(pid);
  return MakeSessionId(ThisHostName(), pid, self ? self->start_ticks : 0);
}

std::optional<SessionOwner> ParseSessionId(const std::string& session) {
  // Read from the right: host names may contain '-'.
  const size_t start_dash = session.rfind('-');
  if (start_dash == std::string::npos || start_dash == 0) return std::nullopt;
  const size_t pid_dash = session.rfind('-', start_dash - 1);
  if (pid_dash == std::string::npos || pid_dash == 0) return std::nullopt;
  SessionOwner owner{.host = session.substr(0, pid_dash)};
  auto number = [&](size_t from, size_t to, auto& value) {
    const char* end = session.data() + to;
    auto [ptr, ec] = std::from_chars(session.data() + from, end, value);
    return ec == std::errc() && ptr == end && from < to;
  };
  if (!number(pid_dash + 1, start_dash, owner.pid) || owner.pid <= 0) return std::nullopt;
  if (!number(start_dash + 1, session.size(), owner.start_ticks)) return std::nullopt;
  return owner;
}

bool SessionIsDead(const std::string& session) {
  const auto owner = ParseSessionId(session);
  if (!owner || owner->host != ThisHostName()) return false;  // not ours to judge
  const auto process = ReadProcessState(owner->pid);
  return !process || process->state == 'Z' || process->start_ticks != owner->start_ticks;
}

ReapReport Reap(docker::Client& docker, const ReapOptions& options) {
  docker::Filters filters = {{"label", {"e2e.session"}}};
  if (!options.stack.empty()) filters["label"].push_back("e2e.stack=" + options.stack);
  auto chosen = [&](const docker::Labels& labels) {
    auto it = labels.find("e2e.session");
    return it != labels.end() && options.select(it->second);
  };
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
    if (!chosen(c.labels)) continue;
    remove("container " + (c.names.empty() ? c.id : c.names[0]),
           [&] { docker.RemoveContainer(c.id); });
  }
  for (const auto& v : docker.ListVolumes(filters)) {
    if (!chosen(v.labels)) continue;
    remove("volume " + v.name, [&] { docker.RemoveVolume(v.name); });
  }
  for (const auto& n : docker.ListNetworks(filters)) {
    if (!chosen(n.labels)) continue;
    remove("network " + n.name, [&] { docker.RemoveNetwork(n.id); });
  }
  return report;
}

}  // namespace e2e
