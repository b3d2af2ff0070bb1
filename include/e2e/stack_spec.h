#pragma once
// The per-test stack as described by compose/stack.yml.
//
// The harness reads the subset of the Compose format it needs, natively (no
// compose CLI): services with image, command, entrypoint, user, environment,
// healthcheck, depends_on (with condition), deploy.resources.limits (cpus,
// memory, pids), networks (with aliases), named volumes and the hardening keys
// cap_drop, cap_add, security_opt, read_only, tmpfs, logging (HardeningSpec:
// hardened when the file says nothing); networks (the
// first is the stack network every service joins by default; a service may
// also list further ones, e.g. the stub's `egress`); named volumes (`external: true`, with an
// optional `name`, for one shared beyond the stack). ${VAR}, ${VAR:-default},
// ${VAR-default}, ${VAR:?message} and $$ are interpolated in every value. A key outside the subset
// is an error naming file:line:column, so a stack file never silently means something else.
// The top-level `x-e2e` block says which service plays which part (stack_roles.h).

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "e2e/stack_roles.h"

namespace e2e {

// Looks up a variable for interpolation; nullopt when it is not set.
using VariableLookup = std::function<std::optional<std::string>(const std::string&)>;

// A stack file that cannot be used; what() starts with "file:line:column: ".
class SpecError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct HealthcheckSpec {
  std::vector<std::string> test;  // starts with CMD or CMD-SHELL
  std::chrono::milliseconds interval{30000};
  std::chrono::milliseconds timeout{30000};
  std::chrono::milliseconds start_period{0};
  int retries = 3;
};

enum class DependencyCondition { kStarted, kHealthy };

struct Dependency {
  std::string service;
  DependencyCondition condition = DependencyCondition::kStarted;
};

struct VolumeMountSpec {
  std::string volume;  // key of the top-level `volumes`
  std::string target;
  bool read_only = false;
};

// Compose's logging block: the Docker log driver and its options.
struct LoggingSpec {
  std::string driver = "json-file";
  // Capped by default: a chatty service cannot fill the disk.
  std::map<std::string, std::string> options = {{"max-size", "10m"}, {"max-file", "3"}};
};

// Compose's cap_drop, cap_add, security_opt, read_only, tmpfs and logging.
// Hardened by default: each key the stack file leaves out keeps the value
// below; a key it gives replaces that default as a whole (e.g. `tmpfs:
// [/run]` mounts /run only, so list /tmp too when the service needs it).
struct HardeningSpec {
  std::vector<std::string> cap_drop = {"ALL"};
  std::vector<std::string> cap_add;
  std::vector<std::string> security_opt = {"no-new-privileges:true"};
  bool read_only = true;  // the root filesystem; volumes and tmpfs stay writable
  // Mount point -> options ("size=64m,uid=10001"; "" = Docker's defaults).
  std::map<std::string, std::string> tmpfs = {{"/tmp", "rw,nosuid,nodev,size=64m"}};
  LoggingSpec logging;
};

// A pids limit for a service whose stack file sets none.
inline constexpr int64_t kDefaultPidsLimit = 512;

struct ServiceSpec {
  std::string name;
  std::string image;
  std::vector<std::string> command;
  std::optional<std::vector<std::string>> entrypoint;
  std::string user;
  std::map<std::string, std::string> environment;
  std::optional<HealthcheckSpec> healthcheck;
  std::vector<Dependency> depends_on;
  double cpus = 0;                   // 0 = unlimited
  int64_t memory_bytes = 0;          // 0 = unlimited
  int64_t pids = kDefaultPidsLimit;  // 0 (written in the file) = unlimited
  std::vector<std::string> aliases;  // extra DNS names on the stack network
  std::vector<VolumeMountSpec> volumes;
  // Keys of the further networks (not the stack network) this service joins.
  std::vector<std::string> extra_networks;
  HardeningSpec hardening;
};

// A network declared after the first one (e.g. `egress`).
struct ExtraNetworkSpec {
  std::string key;
  bool internal = false;
};

struct StackSpec {
  std::string source;                 // file name, for messages
  std::vector<ServiceSpec> services;  // in file order
  std::string network;                // the first network's key: the stack network
  bool network_internal = false;
  std::vector<ExtraNetworkSpec> extra_networks;  // the others, in file order
  std::vector<std::string> volumes;              // named volumes' keys
  // `external: true` volumes, key -> Docker name (`name`, else the key):
  // shared beyond the stack (e.g. the stubs' live slots), so the harness
  // neither creates nor removes them (Docker creates one on first use).
  std::map<std::string, std::string> external_volumes;
  StackRoles roles;  // from `x-e2e`

  const ServiceSpec* Find(const std::string& service) const;
  // Services grouped so that every service comes after what it depends on
  // (pointers into `services`: valid while this spec lives);
  // the services of one group may start in parallel. Throws SpecError on a
  // cycle, naming its services in order ("a -> b -> a").
  std::vector<std::vector<const ServiceSpec*>> StartGroups() const;
};

// Parses `text` (named `source` in messages). Throws SpecError.
StackSpec ParseStackSpec(const std::string& text, const std::string& source,
                         const VariableLookup& variables);
// Reads and parses the file at `path`. Throws SpecError.
StackSpec LoadStackSpec(const std::string& path, const VariableLookup& variables);

// Interpolates ${...} references in `value`. Throws std::invalid_argument for
// malformed references and for ${VAR:?message} when VAR is unset or empty.
std::string Interpolate(const std::string& value, const VariableLookup& variables);

}  // namespace e2e
