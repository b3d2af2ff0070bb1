#pragma once
// A client of the Docker Engine REST API (the subset mcp-e2e needs), over the
// unix socket or tcp (+TLS) named by DOCKER_HOST. It never spawns the docker CLI.
//
// Every call is bounded in time (a per-call timeout and a 2 s connect timeout)
// and reports failures as docker::Error subclasses (see errors.h). A Client
// may be used from several threads at once.

#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "docker/errors.h"
#include "docker/hijacked_stream.h"
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
  // GET /info.
  SystemInfo Info();
  // GET /events: passes each event to `on_event` until it returns false, the
  // daemon ends the stream (options.until) or options.timeout passes (then
  // throws Timeout).
  void Events(const EventsOptions& options, const std::function<bool(const Event&)>& on_event);

  // --- images ---
  bool ImageExists(const std::string& name);
  nlohmann::json InspectImage(const std::string& name);
  // POST /build with a tar context. `progress` gets each line of build output.
  // Returns the image id. Throws BuildFailed with the failing step's message.
  std::string BuildImage(const BuildOptions& options,
                         const std::function<void(const std::string&)>& progress = {});
  // GET /images/json (top-level images only).
  std::vector<ImageSummary> ListImages(const Filters& filters = {});
  // POST /images/{source}/tag: names `source` also `repo:tag` (tag "" = latest).
  void TagImage(const std::string& source, const std::string& repo, const std::string& tag);
  // DELETE /images/{name}: what was untagged and deleted. Throws NotFound for a
  // missing image unless options.missing_ok, Conflict when in use without force.
  std::vector<ImageDeleted> RemoveImage(const std::string& name,
                                        const ImageRemoveOptions& options = {});
  // POST /images/create?fromSrc=-: makes an image from a rootfs tarball.
  // Returns the image id. Throws BuildFailed when the daemon's stream reports an error.
  std::string ImportImage(const ImageImport& request);

  // --- networks ---
  std::string CreateNetwork(const NetworkCreate& request);  // returns the id
  NetworkInspect InspectNetwork(const std::string& id_or_name);
  std::vector<NetworkSummary> ListNetworks(const Filters& filters = {});
  // POST /networks/{id}/connect: attaches a container, reachable by `aliases`.
  void ConnectNetwork(const std::string& network, const std::string& container,
                      const std::vector<std::string>& aliases = {});
  // POST /networks/{id}/disconnect; `force` also works on a stopped container.
  void DisconnectNetwork(const std::string& network, const std::string& container,
                         bool force = false);
  // Removes a network; a network that is already gone is not an error.
  void RemoveNetwork(const std::string& id_or_name);
  // POST /networks/prune: removes unused networks matching `filters`.
  PruneReport PruneNetworks(const Filters& filters = {});

  // --- volumes ---
  void CreateVolume(const VolumeCreate& request);
  VolumeSummary InspectVolume(const std::string& name);
  std::vector<VolumeSummary> ListVolumes(const Filters& filters = {});
  // Removes a volume (force); one that is already gone is not an error.
  void RemoveVolume(const std::string& name);
  // POST /volumes/prune: removes unused volumes matching `filters` (at API
  // 1.41 named ones too, so always pass a label filter).
  PruneReport PruneVolumes(const Filters& filters = {});

  // --- containers ---
  std::string CreateContainer(const ContainerCreate& request);  // returns the id
  void StartContainer(const std::string& id);
  // POST /containers/{id}/stop: SIGTERM, then SIGKILL after `grace`. A stopped
  // container is not an error.
  void StopContainer(const std::string& id, std::chrono::seconds grace = std::chrono::seconds(10));
  // POST /containers/{id}/kill. Throws Conflict when it is not running.
  void KillContainer(const std::string& id, const std::string& signal = "SIGKILL");
  // POST /containers/{id}/restart (stop with `grace`, then start).
  void RestartContainer(const std::string& id,
                        std::chrono::seconds grace = std::chrono::seconds(10));
  // POST /containers/{id}/wait?condition=...: blocks until the condition holds
  // or `timeout` passes (throws Timeout). Returns the exit status.
  WaitResult WaitContainer(const std::string& id,
                           WaitCondition condition = WaitCondition::kNotRunning,
                           Milliseconds timeout = std::chrono::minutes(1));
  ContainerInspect InspectContainer(const std::string& id);
  std::vector<ContainerSummary> ListContainers(const Filters& filters = {}, bool all = true);
  // GET /containers/{id}/logs, collected. options.follow is ignored here.
  Output Logs(const std::string& id, const LogsOptions& options = {});
  // GET /containers/{id}/logs, passed to `on_output` as it arrives until it
  // returns false or the stream ends (with follow: when the container stops).
  // Throws Timeout when options.timeout passes first.
  void Logs(const std::string& id, const LogsOptions& options, const OutputCallback& on_output);
  // DELETE ?force=1&v=1: kills and removes at once (no stop grace period).
  // A container that is already gone or being removed is not an error.
  void RemoveContainer(const std::string& id);
  // PUT /containers/{id}/archive: extracts `tar` into the existing directory `dir`.
  void PutArchive(const std::string& id, const std::string& dir, const std::string& tar);
  // GET /containers/{id}/archive: a tar of `path` (a file or a directory,
  // named by its base name inside the tar). Works on stopped containers too.
  std::string GetArchive(const std::string& id, const std::string& path);
  // GetArchive + ReadTarFile: the contents of one file. Throws NotFound when
  // there is no such file.
  std::string ReadFile(const std::string& id, const std::string& path);
  // GET /containers/{id}/stats?stream=false (one-shot where the API has it).
  ContainerStats Stats(const std::string& id);
  // POST /containers/{id}/attach?stream=1&stdin=1, hijacked: what is written
  // to the stream reaches the container's stdin. Attach before starting a
  // container created with stdin_once: when the stream closes (Close, or the
  // process exits or is killed) the container reads EOF. Throws like any call
  // (NotFound for an unknown container); bounded by the default timeout.
  std::unique_ptr<HijackedStream> AttachStdin(const std::string& id);

  // --- exec ---
  // Runs a command in a running container and returns its exit code and
  // demultiplexed output. When options.timeout passes first, kills the command
  // (see ExecOptions::timeout) and throws Timeout with the output so far.
  ExecResult Exec(const std::string& container_id, const ExecOptions& options);

 private:
  // Sends `request` with the version prefix and default timeout applied;
  // throws the matching Error unless the status is one of `ok`.
  HttpResponse Send(HttpRequest request, std::initializer_list<int> ok = {200, 201, 204});
  // Send, then parse the body as JSON; a malformed answer throws ServerError
  // naming the method and path.
  nlohmann::json SendJson(HttpRequest request, std::initializer_list<int> ok = {200, 201, 204});
  // True when the negotiated version is at least `version` ("1.41").
  bool ApiAtLeast(std::string_view version);
  // One exec. `token` marks its environment so that a timeout can find and
  // kill it (and its children); with an empty token a timeout only reports.
  ExecResult ExecOnce(const std::string& container_id, const ExecOptions& options,
                      const std::string& token);
  // Kills every process of the container whose environment holds `token`;
  // says what it did, for the Timeout message.
  std::string KillExec(const std::string& container_id, const std::string& user,
                       const std::string& token);
  Transport& transport();

  ClientOptions options_;
  std::unique_ptr<Transport> transport_;
  std::once_flag negotiated_;
  std::string api_version_;
};

}  // namespace docker
