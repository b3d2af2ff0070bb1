#pragma once
// One test's isolated stack: its own network e2e_<id>, named volumes and
// containers, created from a StackSpec through the Engine API and removed
// again by Down() or the destructor, whatever happened in between.
//
// Every resource carries the labels e2e.session (this test process),
// e2e.stack (this stack's id) and e2e.test (the test's name). The first Up()
// of a process starts its reaper sidecar (session_guard.h), which removes the
// session's resources once the process has gone, however it ended.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "docker/client.h"
#include "e2e/redact.h"
#include "e2e/stack_spec.h"
#include "e2e/step_timings.h"

namespace e2e {

// A ${VAR} of the stack file takes the first of: E2E_ID (the stack's id),
// `variables`, the environment, `fallback_variables`, the default written in
// the file. So MCP_SERVER_IMAGE=acme/tools:1 in the environment beats the
// image manifest, which StackTest passes as fallback_variables.
struct StackOptions {
  std::string compose_file;                      // path of the stack file
  std::map<std::string, std::string> variables;  // override the environment in ${VAR}
  std::string test_name;                         // for the e2e.test label
  // Longest wait for a service to be healthy, from its start. Taken from the
  // first that is set: $E2E_HEALTH_TIMEOUT_S (seconds), this, the stack
  // file's x-e2e health_timeouts / health_timeout (stack_roles.h), 90 s.
  std::optional<std::chrono::milliseconds> health_timeout;
  std::map<std::string, std::string> fallback_variables;  // used where the environment has none
};

struct StackTimings {
  std::chrono::milliseconds up{0};
  std::chrono::milliseconds down{0};
};

class Stack {
 public:
  // This test process's e2e.session label value: "<host>-<pid>-<random>"
  // (session_guard.h: ProcessSessionId).
  static const std::string& SessionId();

  Stack(docker::Client& docker, StackOptions options);
  // Removes everything still present (see Down()).
  ~Stack();
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  // Reads the stack file, then creates the network and the volumes (at once)
  // and every container (at once: creating needs nothing running), starts the
  // containers in depends_on order (a group in parallel, after the conditions
  // it waits on hold) and waits for every health check. A service without a
  // healthcheck in the file gets its image's HEALTHCHECK, as in Compose.
  // Throws on failure, at once when a service turns unhealthy or exits (naming
  // it, its last health check and its last log lines), and SpecError when a
  // `service_healthy` dependency has no health check; what was created stays
  // recorded, so Down() removes it.
  void Up();

  // Force-removes containers, volumes and the network; tolerates what is
  // already gone. Idempotent. Returns the problems met (empty when all went).
  std::vector<std::string> Down();

  const std::string& id() const { return id_; }                      // 6 hex digits
  const std::string& network_name() const { return network_name_; }  // e2e_<id>
  // The Docker network of the stack file's network `key`: network_name() for
  // the first one, e2e_<id>_<key> for the others (e.g. the stub's egress).
  std::string NetworkName(const std::string& key) const;
  const StackSpec& spec() const { return spec_; }
  // Hides the secrets of this stack's environment (and of this process's)
  // in whatever is written or printed about it (see redact.h). Set by Up().
  const Redactor& redactor() const { return redactor_; }
  const StackTimings& timings() const { return timings_; }
  // Every step's wall time so far (see step_timings.h); others may add theirs.
  StepTimings& steps() { return steps_; }
  std::vector<std::string> services() const;

  // The container id of `service`; throws std::out_of_range when it has none.
  const std::string& ContainerId(const std::string& service) const;
  // "http://<ip>:<port>" of `service` on the stack network.
  std::string ServiceUrl(const std::string& service, int port);
  // The same from an inspect answer of a service's container already at hand.
  std::string ServiceUrl(const docker::ContainerInspect& inspect, int port) const;
  // Runs a command in `service` (see docker::Client::Exec).
  docker::ExecResult Exec(const std::string& service, const docker::ExecOptions& options);
  // The Engine's inspect answer for `service`'s container.
  docker::ContainerInspect Inspect(const std::string& service);
  // `service`'s output so far (see docker::Client::Logs).
  docker::Output Logs(const std::string& service, const docker::LogsOptions& options = {});
  // Writes files ({name relative to dir -> contents}) into the existing directory `dir` of
  // `service`.
  void CopyFiles(const std::string& service, const std::string& dir,
                 const std::map<std::string, std::string>& files);
  // Extracts the tar archive `tar` into the existing directory `dir` of `service`.
  void PutArchive(const std::string& service, const std::string& dir, const std::string& tar);

  // Restarts `service` in place, the same container with the same volumes:
  // SIGTERM, SIGKILL after `grace`, start. Then waits, bounded by
  // the service's health timeout, until a health check that ran after this
  // start finds it healthy (a service without a health check: until it runs).
  // Throws std::runtime_error naming the service when the restart fails,
  // WaitError when it does not become healthy.
  void Restart(const std::string& service, std::chrono::seconds grace = std::chrono::seconds(2));
  // Sends `signal` to `service`'s main process. With SIGKILL it returns once
  // the container has stopped. Throws docker::Conflict when it is not running.
  void Kill(const std::string& service, const std::string& signal = "SIGKILL");
  // Starts `service`'s stopped container again and waits as Restart does.
  // Throws as Restart does, and std::logic_error when it is running already.
  void Start(const std::string& service);

  // Writes each container's logs (<service>.log), inspect JSON
  // (<service>.inspect.json) and the resolved stack spec (stack-spec.json)
  // into `dir`, which is created, secrets redacted (redactor()). Never
  // throws: a failure to collect is written into the file instead.
  void WriteDiagnostics(const std::string& dir);

 private:
  void CreateStackNetwork();
  void CreateExtraNetwork(const ExtraNetworkSpec& extra);
  void CreateVolume(const std::string& volume);
  void CreateService(const ServiceSpec& service);
  // Waits for each of `services` with a health check, bounded by its own
  // health timeout from its start.
  void WaitHealthy(const std::vector<const ServiceSpec*>& services);
  std::chrono::milliseconds HealthTimeout(const std::string& service) const;
  // Waits until `service`, started anew after `previous_started_at`, is
  // healthy (or, without a health check, running).
  void WaitBackUp(const std::string& service, const std::string& previous_started_at);
  docker::Labels Labels() const;

  docker::Client& docker_;
  StackOptions options_;
  std::string id_;
  std::string network_name_;
  StackSpec spec_;
  Redactor redactor_;
  bool network_created_ = false;
  std::vector<std::string> extra_networks_;        // created names of the further networks
  std::vector<std::string> volumes_;               // created volume names
  std::map<std::string, std::string> containers_;  // service -> container id
  std::mutex containers_mutex_;
  StackTimings timings_;
  StepTimings steps_;
  std::map<std::string, std::chrono::steady_clock::time_point> started_at_;  // by Up()
  std::set<std::string> healthy_;  // services Up() has seen healthy
  // The image health checks of services without one in the file, found while
  // creating them (under containers_mutex_).
  std::map<std::string, HealthcheckSpec> image_healthchecks_;
};

}  // namespace e2e
