#pragma once
// Plain request and answer structs of the Engine API subset the client covers.
// Field names follow the Engine API; durations are std::chrono types.

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace docker {

using Labels = std::map<std::string, std::string>;
using Milliseconds = std::chrono::milliseconds;

// Filters of list calls, e.g. {{"label", {"e2e.stack=ab12cd"}}}.
using Filters = std::map<std::string, std::vector<std::string>>;

struct NetworkCreate {
  std::string name;
  bool internal = false;
  Labels labels;
};

struct NetworkSummary {
  std::string id;
  std::string name;
  bool internal = false;
  Labels labels;
};

struct VolumeCreate {
  std::string name;
  Labels labels;
};

struct VolumeSummary {
  std::string name;
  Labels labels;
};

struct HealthCheck {
  std::vector<std::string> test;  // e.g. {"CMD", "prog", "--healthcheck", "url"}
  Milliseconds interval{0};       // 0 = the daemon's default
  Milliseconds timeout{0};
  Milliseconds start_period{0};
  int retries = 0;
};

// A named volume mounted into a container.
struct VolumeMount {
  std::string volume;
  std::string target;
  bool read_only = false;
};

struct ContainerCreate {
  std::string name;
  std::string image;
  std::vector<std::string> cmd;                        // empty = the image's CMD
  std::optional<std::vector<std::string>> entrypoint;  // unset = the image's ENTRYPOINT
  std::vector<std::string> env;                        // "KEY=value"
  std::string user;
  std::string working_dir;
  Labels labels;
  std::optional<HealthCheck> healthcheck;
  // HostConfig resource limits; 0 = unlimited.
  int64_t nano_cpus = 0;
  int64_t memory_bytes = 0;
  int64_t pids_limit = 0;
  std::vector<VolumeMount> mounts;
  // The network to attach at creation and the DNS aliases on it.
  std::string network;
  std::vector<std::string> aliases;
};

struct ContainerState {
  std::string status;  // created, running, exited, ...
  bool running = false;
  int exit_code = 0;
  std::string health;  // "", starting, healthy, unhealthy
  std::string error;
};

struct ContainerInspect {
  std::string id;
  std::string name;
  ContainerState state;
  nlohmann::json raw;  // the daemon's full answer (written to artifacts)
};

struct ContainerSummary {
  std::string id;
  std::vector<std::string> names;
  std::string image;
  std::string state;
  Labels labels;
};

struct LogsOptions {
  bool stdout_stream = true;
  bool stderr_stream = true;
  bool timestamps = false;
  std::optional<int> tail;  // last N lines; unset = all
};

// Output of a command or a container, demultiplexed.
struct Output {
  std::string out;
  std::string err;
};

struct ExecOptions {
  std::vector<std::string> cmd;
  std::vector<std::string> env;  // "KEY=value"
  std::string user;
  std::string working_dir;
  // Hard deadline for the whole exec; on expiry docker::Timeout is thrown.
  Milliseconds timeout{std::chrono::minutes(5)};
};

struct ExecResult {
  int exit_code = -1;
  Output output;
  Milliseconds duration{0};
};

struct BuildOptions {
  std::string context_tar_path;  // a tar of the build context on disk
  std::string dockerfile = "Dockerfile";
  std::vector<std::string> tags;
  Labels labels;
  std::map<std::string, std::string> build_args;
  Milliseconds timeout{std::chrono::minutes(20)};
};

}  // namespace docker
