#pragma once
// A client of the Docker Engine REST API (the subset mcp-e2e needs), over the
// unix socket or tcp (+TLS) named by DOCKER_HOST. It never spawns the docker CLI.
//
// Every call is bounded in time (a per-call timeout and a 2 s connect timeout)
// and reports failures as docker::Error subclasses (see errors.h). A Client
// may be used from several threads at once.

#include <functional>
#include <initializer_list>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "docker/errors.h"
#include "docker/types.h"

namespace docker {

struct ClientOptions {
  // unix:///path or tcp://host:port; empty = $DOCKER_HOST or unix:///var/run/docker.sock.
  std::string host;
  // Forces an API version ("1.41"); empty = $DOCKER_API_VERSION or negotiated via /_ping.
  std::string api_version;
  Milliseconds connect_timeout{2000};
  Milliseconds default_timeout{60000};
};

class Transport;
struct HttpRequest;
struct HttpResponse;

class Client {
 public:
  // The API version this client was written and tested against; the version
  // used is the lower of this and the daemon's.
  static constexpr const char* kMaxApiVersion = "1.41";

  // Connects lazily; the first call pings the daemon and negotiates the version.
  explicit Client(ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // The host this client talks to, as in DOCKER_HOST.
  const std::string& host() const;
  // The negotiated API version (pings the daemon on first use).
  std::string ApiVersion();

  // --- system ---
  // GET /_ping. Throws Unreachable when the daemon does not answer.
  void Ping();
  // GET /version: the daemon's answer.
  nlohmann::json Version();

  // --- images ---
  bool ImageExists(const std::string& name);
  nlohmann::json InspectImage(const std::string& name);
  // POST /build with a tar context. `progress` gets each line of build output.
  // Returns the image id. Throws BuildFailed with the failing step's message.
  std::string BuildImage(const BuildOptions& options,
                         const std::function<void(const std::string&)>& progress = {});

  // --- networks ---
  std::string CreateNetwork(const NetworkCreate& request);  // returns the id
  std::vector<NetworkSummary> ListNetworks(const Filters& filters = {});
  // Removes a network; a network that is already gone is not an error.
  void RemoveNetwork(const std::string& id_or_name);

  // --- volumes ---
  void CreateVolume(const VolumeCreate& request);
  std::vector<VolumeSummary> ListVolumes(const Filters& filters = {});
  // Removes a volume (force); one that is already gone is not an error.
  void RemoveVolume(const std::string& name);

  // --- containers ---
  std::string CreateContainer(const ContainerCreate& request);  // returns the id
  void StartContainer(const std::string& id);
  ContainerInspect InspectContainer(const std::string& id);
  std::vector<ContainerSummary> ListContainers(const Filters& filters = {}, bool all = true);
  Output Logs(const std::string& id, const LogsOptions& options = {});
  // DELETE ?force=1&v=1: kills and removes at once (no stop grace period).
  // A container that is already gone or being removed is not an error.
  void RemoveContainer(const std::string& id);
  // PUT /containers/{id}/archive: extracts `tar` into the existing directory `dir`.
  void PutArchive(const std::string& id, const std::string& dir, const std::string& tar);

  // --- exec ---
  // Runs a command in a running container and returns its exit code and
  // demultiplexed output. Throws Timeout when options.timeout passes first.
  ExecResult Exec(const std::string& container_id, const ExecOptions& options);

 private:
  // Sends `request` with the version prefix and default timeout applied;
  // throws the matching Error unless the status is one of `ok`.
  HttpResponse Send(HttpRequest request, std::initializer_list<int> ok = {200, 201, 204});
  Transport& transport();

  ClientOptions options_;
  std::unique_ptr<Transport> transport_;
  std::once_flag negotiated_;
  std::string api_version_;
};

}  // namespace docker
