// /containers endpoints.
#include "docker/client.h"
#include "docker/stream_demuxer.h"
#include "docker/tar_reader.h"
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
  if (request.memory_swap_bytes != 0) host["MemorySwap"] = request.memory_swap_bytes;
  if (request.pids_limit > 0) host["PidsLimit"] = request.pids_limit;
  if (request.read_only_rootfs) host["ReadonlyRootfs"] = true;
  if (!request.tmpfs.empty()) host["Tmpfs"] = request.tmpfs;
  if (!request.cap_drop.empty()) host["CapDrop"] = request.cap_drop;
  if (!request.cap_add.empty()) host["CapAdd"] = request.cap_add;
  if (!request.security_opt.empty()) host["SecurityOpt"] = request.security_opt;
  if (!request.log_driver.empty()) {
    host["LogConfig"] = {{"Type", request.log_driver},
                         {"Config", nlohmann::json(request.log_options)}};
  }
  if (request.auto_remove) host["AutoRemove"] = true;
  if (request.init) host["Init"] = true;
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
  return StringOr(SendJson({.method = "POST",
                            .path = "/containers/create" + Query({{"name", request.name}}),
                            .body = CreateBody(request).dump()}),
                  "Id");
}

void Client::StartContainer(const std::string& id) {
  // 304: already started.
  Send({.method = "POST", .path = "/containers/" + id + "/start"}, {204, 304});
}

ContainerInspect Client::InspectContainer(const std::string& id) {
  auto json = SendJson({.method = "GET", .path = "/containers/" + id + "/json"});
  ContainerInspect inspect{.id = StringOr(json, "Id"), .name = StringOr(json, "Name")};
  const auto& state = json.contains("State") ? json["State"] : nlohmann::json::object();
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
  auto json = SendJson({.method = "GET",
                        .path = "/containers/json" + Query({{"all", all ? "1" : ""},
                                                            {"filters", FiltersJson(filters)}})});
  std::vector<ContainerSummary> containers;
  for (const auto& item : json) {
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
  LogsOptions collected = options;
  collected.follow = false;  // a collected follow would only end with the container
  Logs(id, collected, [&](StreamKind kind, std::string_view bytes) {
    (kind == StreamKind::kStdout ? output.out : output.err).append(bytes);
    return true;
  });
  return output;
}

void Client::Logs(const std::string& id, const LogsOptions& options,
                  const OutputCallback& on_output) {
  bool stopped = false;
  StreamDemuxer demuxer([&](StreamKind kind, std::string_view bytes) {
    if (!stopped) stopped = !on_output(kind, bytes);
  });
  Send({.method = "GET",
        .path = "/containers/" + id + "/logs" +
                Query({{"stdout", options.stdout_stream ? "1" : ""},
                       {"stderr", options.stderr_stream ? "1" : ""},
                       {"timestamps", options.timestamps ? "1" : ""},
                       {"follow", options.follow ? "1" : ""},
                       {"since", options.since ? std::to_string(*options.since) : ""},
                       {"tail", options.tail ? std::to_string(*options.tail) : ""}}),
        .timeout = options.timeout,
        .on_data =
            [&](std::string_view chunk) {
              demuxer.Feed(chunk);
              return !stopped;
            }},
       {200});
}

void Client::StopContainer(const std::string& id, std::chrono::seconds grace) {
  // The daemon answers only after the grace period and the kill: allow for both.
  Send({.method = "POST",
        .path = "/containers/" + id + "/stop" + Query({{"t", std::to_string(grace.count())}}),
        .timeout = grace + options_.default_timeout},
       {204, 304});  // 304: already stopped
}

void Client::KillContainer(const std::string& id, const std::string& signal) {
  Send({.method = "POST", .path = "/containers/" + id + "/kill" + Query({{"signal", signal}})},
       {204});
}

void Client::RestartContainer(const std::string& id, std::chrono::seconds grace) {
  Send({.method = "POST",
        .path = "/containers/" + id + "/restart" + Query({{"t", std::to_string(grace.count())}}),
        .timeout = grace + options_.default_timeout},
       {204});
}

WaitResult Client::WaitContainer(const std::string& id, WaitCondition condition,
                                 Milliseconds timeout) {
  const char* name = condition == WaitCondition::kNextExit  ? "next-exit"
                     : condition == WaitCondition::kRemoved ? "removed"
                                                            : "not-running";
  HttpRequest request{.method = "POST",
                      .path = "/containers/" + id + "/wait" + Query({{"condition", name}}),
                      .timeout = timeout};
  try {
    auto json = SendJson(std::move(request), {200});
    WaitResult result{.status_code = json.value("StatusCode", int64_t{-1})};
    if (auto error = json.find("Error"); error != json.end() && error->is_object()) {
      result.error = StringOr(*error, "Message");
    }
    return result;
  } catch (const Timeout& e) {
    throw Timeout(e.method(), e.path(), e.status(),
                  "container " + id.substr(0, 12) + " did not reach '" + name + "' within " +
                      std::to_string(timeout.count()) + " ms");
  }
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

std::string Client::GetArchive(const std::string& id, const std::string& path) {
  return Send({.method = "GET", .path = "/containers/" + id + "/archive" + Query({{"path", path}})},
              {200})
      .body;
}

std::string Client::ReadFile(const std::string& id, const std::string& path) {
  // The tar names the entry by the path's base name.
  const std::string tar = GetArchive(id, path);
  const std::string base = path.substr(path.find_last_of('/') + 1);
  std::optional<std::string> contents = ReadTarFile(tar, base);
  if (!contents) {
    throw NotFound("GET", "/v" + ApiVersion() + "/containers/" + id + "/archive", 200,
                   "the archive of " + path + " holds no regular file " + base);
  }
  return *contents;
}

ContainerStats Client::Stats(const std::string& id) {
  // one-shot (API 1.41+) skips the second sample the daemon otherwise waits
  // about a second for; older API versions do not know it.
  auto json = SendJson(
      {.method = "GET",
       .path = "/containers/" + id + "/stats" +
               Query({{"stream", "false"}, {"one-shot", ApiAtLeast("1.41") ? "true" : ""}})});
  ContainerStats stats;
  const auto at = [&](std::initializer_list<const char*> keys) -> uint64_t {
    const nlohmann::json* node = &json;
    for (const char* key : keys) {
      auto it = node->find(key);
      if (it == node->end()) return 0;
      node = &*it;
    }
    return node->is_number_unsigned() || node->is_number_integer() ? node->get<uint64_t>() : 0;
  };
  stats.memory_usage = at({"memory_stats", "usage"});
  stats.memory_limit = at({"memory_stats", "limit"});
  stats.cpu_total_usage = at({"cpu_stats", "cpu_usage", "total_usage"});
  stats.system_cpu_usage = at({"cpu_stats", "system_cpu_usage"});
  stats.online_cpus = static_cast<uint32_t>(at({"cpu_stats", "online_cpus"}));
  stats.pids = at({"pids_stats", "current"});
  stats.raw = std::move(json);
  return stats;
}

}  // namespace docker
