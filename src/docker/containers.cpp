// /containers endpoints.
#include "docker/client.h"
#include "docker/stream_demuxer.h"
#include "json_util.h"
#include "transport.h"

namespace docker {
namespace {

int64_t Nanoseconds(Milliseconds ms) { return static_cast<int64_t>(ms.count()) * 1000000; }

nlohmann::json CreateBody(const ContainerCreate& request) {
  nlohmann::json body = {{"Image", request.image}, {"Labels", request.labels}};
  if (!request.cmd.empty()) body["Cmd"] = request.cmd;
  if (request.entrypoint) body["Entrypoint"] = *request.entrypoint;
  if (!request.env.empty()) body["Env"] = request.env;
  if (!request.user.empty()) body["User"] = request.user;
  if (!request.working_dir.empty()) body["WorkingDir"] = request.working_dir;
  if (request.healthcheck) {
    const HealthCheck& check = *request.healthcheck;
    body["Healthcheck"] = {{"Test", check.test},
                           {"Interval", Nanoseconds(check.interval)},
                           {"Timeout", Nanoseconds(check.timeout)},
                           {"StartPeriod", Nanoseconds(check.start_period)},
                           {"Retries", check.retries}};
  }
  nlohmann::json host = {{"NanoCpus", request.nano_cpus}, {"Memory", request.memory_bytes}};
  if (request.pids_limit > 0) host["PidsLimit"] = request.pids_limit;
  nlohmann::json mounts = nlohmann::json::array();
  for (const VolumeMount& mount : request.mounts) {
    mounts.push_back({{"Type", "volume"},
                      {"Source", mount.volume},
                      {"Target", mount.target},
                      {"ReadOnly", mount.read_only}});
  }
  if (!mounts.empty()) host["Mounts"] = mounts;
  if (!request.network.empty()) {
    host["NetworkMode"] = request.network;
    body["NetworkingConfig"] = {
        {"EndpointsConfig", {{request.network, {{"Aliases", request.aliases}}}}}};
  }
  body["HostConfig"] = host;
  return body;
}

}  // namespace

std::string Client::CreateContainer(const ContainerCreate& request) {
  auto response = Send({.method = "POST",
                        .path = "/containers/create" + Query({{"name", request.name}}),
                        .body = CreateBody(request).dump()});
  return nlohmann::json::parse(response.body).at("Id").get<std::string>();
}

void Client::StartContainer(const std::string& id) {
  // 304: already started.
  Send({.method = "POST", .path = "/containers/" + id + "/start"}, {204, 304});
}

ContainerInspect Client::InspectContainer(const std::string& id) {
  auto json = nlohmann::json::parse(Send({.method = "GET", .path = "/containers/" + id + "/json"}).body);
  ContainerInspect inspect{.id = StringOr(json, "Id"), .name = StringOr(json, "Name")};
  const auto& state = json.at("State");
  inspect.state.status = StringOr(state, "Status");
  inspect.state.running = state.value("Running", false);
  inspect.state.exit_code = state.value("ExitCode", 0);
  inspect.state.error = StringOr(state, "Error");
  if (state.contains("Health") && state["Health"].is_object()) {
    inspect.state.health = StringOr(state["Health"], "Status");
  }
  inspect.raw = std::move(json);
  return inspect;
}

std::vector<ContainerSummary> Client::ListContainers(const Filters& filters, bool all) {
  auto response = Send({.method = "GET",
                        .path = "/containers/json" + Query({{"all", all ? "1" : ""},
                                                            {"filters", FiltersJson(filters)}})});
  std::vector<ContainerSummary> containers;
  for (const auto& item : nlohmann::json::parse(response.body)) {
    containers.push_back({.id = StringOr(item, "Id"),
                          .names = item.value("Names", std::vector<std::string>{}),
                          .image = StringOr(item, "Image"),
                          .state = StringOr(item, "State"),
                          .labels = LabelsFrom(item)});
  }
  return containers;
}

Output Client::Logs(const std::string& id, const LogsOptions& options) {
  Output output;
  StreamDemuxer demuxer([&](StreamKind kind, std::string_view bytes) {
    (kind == StreamKind::kStdout ? output.out : output.err).append(bytes);
  });
  Send({.method = "GET",
        .path = "/containers/" + id + "/logs" +
                Query({{"stdout", options.stdout_stream ? "1" : ""},
                       {"stderr", options.stderr_stream ? "1" : ""},
                       {"timestamps", options.timestamps ? "1" : ""},
                       {"tail", options.tail ? std::to_string(*options.tail) : ""}}),
        .on_data = [&](std::string_view chunk) { demuxer.Feed(chunk); }});
  return output;
}

void Client::RemoveContainer(const std::string& id) {
  try {
    Send({.method = "DELETE", .path = "/containers/" + id + "?force=1&v=1"}, {200, 204, 404});
  } catch (const Conflict& e) {
    // Another remover got there first; the container is going away either way.
    if (e.daemon_message().find("already in progress") == std::string::npos) throw;
  }
}

void Client::PutArchive(const std::string& id, const std::string& dir, const std::string& tar) {
  Send({.method = "PUT",
        .path = "/containers/" + id + "/archive" + Query({{"path", dir}}),
        .body = tar,
        .content_type = "application/x-tar"},
       {200});
}

}  // namespace docker
