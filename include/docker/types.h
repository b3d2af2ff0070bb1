#pragma once
// Plain request and answer structs of the Engine API subset the client covers.
// Field names follow the Engine API; durations are std::chrono types.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker/stream_demuxer.h"

namespace docker {

using Labels = std::map<std::string, std::string>;
using Milliseconds = std::chrono::milliseconds;

// Filters of list calls, e.g. {{"label", {"e2e.stack=ab12cd"}}}.
using Filters = std::map<std::string, std::vector<std::string>>;

// --- system ---

struct SystemInfo {
  std::string id;
  std::string name;            // the daemon host's name
  std::string server_version;  // "20.10.24"
  std::string operating_system;
  std::string cgroup_version;  // "1" or "2"
  int ncpu = 0;
  int64_t mem_total = 0;
  int containers = 0;
  int containers_running = 0;
  int images = 0;
  nlohmann::json raw;  // the daemon's full answer
};

// One event of GET /events.
struct Event {
  std::string type;    // container, image, network, volume, ...
  std::string action;  // create, start, die, destroy, exec_start: ..., ...
  std::string actor_id;
  Labels attributes;  // the actor's attributes (labels, name, exitCode, ...)
  int64_t time_nano = 0;
  nlohmann::json raw;
};

struct EventsOptions {
  Filters filters;
  // Unix timestamps in seconds; unset = from now on / forever. A set `until`
  // makes the daemon end the stream itself.
  std::optional<int64_t> since;
  std::optional<int64_t> until;
  // Bound on the whole stream; when it passes docker::Timeout is thrown.
  Milliseconds timeout{std::chrono::minutes(1)};
};

// --- networks ---

struct NetworkCreate {
  std::string name;
  bool internal = false;
  Labels labels;
  // Optional explicit IPAM: "10.89.0.0/24" and "10.89.0.1"; empty = the daemon picks.
  std::string subnet;
  std::string gateway;
};

struct NetworkSummary {
  std::string id;
  std::string name;
  bool internal = false;
  Labels labels;
};

struct NetworkEndpoint {
  std::string name;          // the container's name
  std::string ipv4_address;  // "172.18.0.2/16"
};

struct NetworkInspect {
  std::string id;
  std::string name;
  std::string driver;
  bool internal = false;
  Labels labels;
  std::vector<std::string> subnets;
  std::map<std::string, NetworkEndpoint> containers;  // by container id
  nlohmann::json raw;
};

// --- volumes ---

struct VolumeCreate {
  std::string name;
  Labels labels;
};

struct VolumeSummary {
  std::string name;
  Labels labels;
  std::string driver;
  std::string mountpoint;
};

// What a prune removed.
struct PruneReport {
  std::vector<std::string> deleted;  // ids or names
  uint64_t space_reclaimed = 0;      // bytes; networks report none
};

// --- images ---

struct ImageSummary {
  std::string id;
  std::vector<std::string> repo_tags;
  Labels labels;
  int64_t size = 0;
  int64_t created = 0;  // unix seconds
};

struct ImageRemoveOptions {
  bool force = false;       // remove even when containers use it or it has several tags
  bool noprune = false;     // keep untagged parents
  bool missing_ok = false;  // a missing image is not an error (nothing is returned)
};

// One line of DELETE /images/{name}: exactly one of the two is set.
struct ImageDeleted {
  std::string untagged;
  std::string deleted;
};

struct ImageImport {
  std::string source_tar_path;  // a rootfs tarball on disk (may be compressed)
  std::string repo;             // "mcp-e2e/rootfs"
  std::string tag;              // empty = latest
  // Dockerfile instructions applied to the image: "CMD [\"/hello\"]", "LABEL a=b".
  std::vector<std::string> changes;
  std::string message;  // the commit message
  Milliseconds timeout{std::chrono::minutes(5)};
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
  // Memory + swap; 0 = the daemon's default (twice memory), -1 = unlimited swap.
  // Equal to memory_bytes disables swap.
  int64_t memory_swap_bytes = 0;
  int64_t pids_limit = 0;
  bool read_only_rootfs = false;
  // tmpfs mounts: target path -> mount options ("rw,size=64m"; "" = defaults).
  std::map<std::string, std::string> tmpfs;
  std::vector<std::string> cap_drop;  // "ALL", "NET_RAW", ...
  std::vector<std::string> cap_add;
  std::vector<std::string> security_opt;  // "no-new-privileges"
  // HostConfig.LogConfig: the log driver ("json-file") and its options
  // ({"max-size": "10m"}); empty type = the daemon's default.
  std::string log_driver;
  std::map<std::string, std::string> log_options;
  bool auto_remove = false;  // the daemon removes it when it exits
  bool init = false;         // run an init (tini) as PID 1
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
  // Only lines since this unix timestamp (seconds); unset = from the start.
  std::optional<int64_t> since;
  // Keep the stream open for new output until the container stops (or the
  // callback of the streaming Logs() says stop). Only with a callback.
  bool follow = false;
  Milliseconds timeout{0};  // 0 = the client's default timeout
};

// Receives output as it arrives. Return false to stop reading.
using OutputCallback = std::function<bool(StreamKind, std::string_view)>;

// The condition POST /containers/{id}/wait waits for.
enum class WaitCondition { kNotRunning, kNextExit, kRemoved };

struct WaitResult {
  int64_t status_code = 0;
  std::string error;  // the daemon's message when waiting failed
};

// GET /containers/{id}/stats?stream=false, the fields worth asserting on.
struct ContainerStats {
  uint64_t memory_usage = 0;  // bytes
  uint64_t memory_limit = 0;
  uint64_t cpu_total_usage = 0;  // ns of CPU time
  uint64_t system_cpu_usage = 0;
  uint32_t online_cpus = 0;
  uint64_t pids = 0;
  nlohmann::json raw;
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
  // Hard deadline for the whole exec. On expiry the process (and every process
  // it started) is killed with SIGKILL and docker::Timeout is thrown, saying so.
  // Killing runs `sh` in the container as the same user; without /bin/sh the
  // process is left running and the message says that instead.
  Milliseconds timeout{std::chrono::minutes(5)};
  // Bytes fed to the command's stdin, then end of file. Unset = no stdin.
  // Requires /bin/sh and a writable /tmp in the container (see exec.cpp).
  std::optional<std::string> input;
  // Receives output as it arrives; it is captured in ExecResult as well.
  // Returning false only stops the calls; the command runs on and is captured.
  OutputCallback on_output;
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
