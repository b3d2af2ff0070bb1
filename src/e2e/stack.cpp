#include "e2e/stack.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <optional>
#include <random>
#include <string_view>
#include <utility>

#include "container_request.h"
#include "docker/errors.h"
#include "docker/tar_writer.h"
#include "e2e/conditions.h"
#include "e2e/session_guard.h"
#include "e2e/wait.h"
#include "health_probe.h"
#include "image_healthcheck.h"
#include "parallel.h"
#include "runner_network.h"
#include "stack_spec_json.h"
#include "stack_variables.h"

namespace e2e {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

std::string RandomHex(size_t digits) {
  std::random_device device;
  std::string hex;
  while (hex.size() < digits) hex += fmt::format("{:08x}", device());
  return hex.substr(0, digits);
}

// The argv of a health check's test: CMD runs as given, CMD-SHELL through sh.
std::optional<std::vector<std::string>> HealthCommand(const HealthcheckSpec& check) {
  if (check.test.size() < 2) return std::nullopt;
  if (check.test[0] == "CMD")
    return std::vector<std::string>(check.test.begin() + 1, check.test.end());
  if (check.test[0] == "CMD-SHELL") return std::vector<std::string>{"/bin/sh", "-c", check.test[1]};
  return std::nullopt;
}

// Docker runs the first health check only one `interval` after the start (and
// Engine 20.10 has no faster start-up interval), so a service that is ready
// in 50 ms waits the whole interval. During Up() the harness also runs the
// same check itself, polled with backoff: ready as soon as it passes. A check
// that is only an HTTP GET of a loopback URL is asked over HTTP at the
// container's address (health_probe.h); any other runs through exec. The
// Docker status still ends the wait when it says unhealthy or the container
// stops, and says healthy where the harness cannot reach the container.
Condition HealthyOrHealthCommandPasses(Stack& stack, const ServiceSpec& service) {
  Condition docker_says_healthy = ServiceHealthy(stack, service.name);
  std::optional<Condition> command_passes;
  if (auto probe = HttpProbeOf(*service.healthcheck)) {
    // 200 only: the project's probe and curl -f and wget all pass on it.
    command_passes = HttpAnswers(
        stack, service.name, probe->port, probe->path,
        [](const HttpAnswer& answer) { return answer.status == 200; },
        std::min<milliseconds>(service.healthcheck->timeout, std::chrono::seconds(1)));
  } else if (auto argv = HealthCommand(*service.healthcheck)) {
    command_passes = ExecSucceeds(stack, service.name, *argv, service.healthcheck->timeout);
  }
  return [docker_says_healthy, command_passes](std::string& observed) {
    if (docker_says_healthy(observed)) return true;
    if (!command_passes) return false;
    std::string ran;
    bool passed = false;
    try {
      passed = (*command_passes)(ran);
    } catch (const std::runtime_error& e) {
      // The container stopped under the exec (docker::Error 404/409) or the
      // HTTP probe: not healthy yet, and the next poll's Docker state reports
      // the exit with its code and logs.
      ran = e.what();
    }
    observed += "; the health check run by the harness: " + ran;
    return passed;
  };
}

std::string StartedAt(const docker::ContainerInspect& inspect) {
  return inspect.raw.value(nlohmann::json::json_pointer("/State/StartedAt"), std::string());
}

}  // namespace

const std::string& Stack::SessionId() { return ProcessSessionId(); }

Stack::Stack(docker::Client& docker, StackOptions options)
    : docker_(docker),
      options_(std::move(options)),
      id_(RandomHex(6)),
      network_name_("e2e_" + id_) {}

Stack::~Stack() {
  for (const std::string& problem : Down()) fmt::print(stderr, "[e2e] teardown: {}\n", problem);
}

docker::Labels Stack::Labels() const {
  return {{"e2e.session", SessionId()}, {"e2e.stack", id_}, {"e2e.test", options_.test_name}};
}

std::vector<std::string> Stack::services() const {
  std::vector<std::string> names;
  for (const auto& service : spec_.services) names.push_back(service.name);
  return names;
}

void Stack::Up() {
  const auto started = Clock::now();
  // The first stack of the process starts the reaper sidecar, alongside the
  // rest of Up; the stack is not up before the reaper guards it.
  const std::shared_future<void> guarded = GuardSessionAsync(docker_);
  spec_ = LoadStackSpec(options_.compose_file, StackVariables(id_, options_));
  redactor_ = Redactor::ForStack(spec_);

  // Nothing here waits on anything else: the networks and every volume at once.
  std::vector<std::function<void()>> creations = {[this] { CreateStackNetwork(); }};
  for (const auto& extra : spec_.extra_networks)
    creations.push_back([this, &extra] { CreateExtraNetwork(extra); });
  for (const std::string& volume : spec_.volumes)
    creations.push_back([this, volume] { CreateVolume(volume); });
  ForEachInParallel(creations, [](const std::function<void()>& create) { create(); });

  // Creating does not depend on anything running: every container at once,
  // so only starting waits for depends_on.
  std::vector<const ServiceSpec*> all;
  for (const auto& service : spec_.services) all.push_back(&service);
  ForEachInParallel(all, [this](const ServiceSpec* service) { CreateService(*service); });
  for (auto& service : spec_.services) {
    if (auto it = image_healthchecks_.find(service.name); it != image_healthchecks_.end())
      service.healthcheck = it->second;
  }
  RequireHealthChecksOfHealthyDependencies(spec_);

  for (const auto& group : spec_.StartGroups()) {
    std::vector<const ServiceSpec*> must_be_healthy;
    for (const ServiceSpec* service : group) {
      for (const Dependency& dep : service->depends_on) {
        if (dep.condition == DependencyCondition::kHealthy)
          must_be_healthy.push_back(spec_.Find(dep.service));
      }
    }
    WaitHealthy(must_be_healthy);
    ForEachInParallel(group, [this](const ServiceSpec* service) {
      const auto step = steps_.Time("start " + service->name);
      docker_.StartContainer(ContainerId(service->name));
      std::lock_guard lock(containers_mutex_);
      started_at_[service->name] = Clock::now();
    });
  }
  std::vector<const ServiceSpec*> checked;
  for (const auto& service : spec_.services) {
    if (service.healthcheck) checked.push_back(&service);
  }
  WaitHealthy(checked);
  {
    const auto step = steps_.Time("reaper");  // only the time Up waited for it
    guarded.get();
  }
  timings_.up = duration_cast<milliseconds>(Clock::now() - started);
  fmt::print(stderr, "[e2e] stack {} ({}) up in {} ms\n", network_name_, options_.test_name,
             timings_.up.count());
}

void Stack::CreateStackNetwork() {
  const auto step = steps_.Time("network");
  docker_.CreateNetwork(
      {.name = network_name_, .internal = spec_.network_internal, .labels = Labels()});
  network_created_ = true;
  JoinStackNetwork(docker_, network_name_);  // only when the tests run in a container
}

void Stack::CreateVolume(const std::string& volume) {
  const auto step = steps_.Time("volume " + volume);
  const std::string name = StackNames{network_name_, spec_.network}.Volume(volume);
  docker_.CreateVolume({.name = name, .labels = Labels()});
  std::lock_guard lock(containers_mutex_);
  volumes_.push_back(name);
}

void Stack::CreateService(const ServiceSpec& service) {
  const auto step = steps_.Time("create " + service.name);
  docker::Labels labels = Labels();
  labels["e2e.service"] = service.name;
  const docker::ContainerCreate create =
      ContainerRequest(spec_, service, StackNames{network_name_, spec_.network}, std::move(labels));
  const std::string id = docker_.CreateContainer(create);
  {
    std::lock_guard lock(containers_mutex_);
    containers_[service.name] = id;
  }
  // The image now exists (the create found it): say which one runs, and take
  // its HEALTHCHECK where the file has none.
  const nlohmann::json image = docker_.InspectImage(service.image);
  // On stderr, like the harness's other lines: a test program's stdout is its own.
  fmt::print(stderr, "[e2e] stack {}: {} runs image {} ({})\n", network_name_, service.name,
             service.image, image.value("Id", std::string("id unknown")).substr(0, 19));
  if (!service.healthcheck) {
    if (auto check = ImageHealthcheck(image)) {
      std::lock_guard lock(containers_mutex_);
      image_healthchecks_[service.name] = *check;
    }
  }
  // API 1.41 attaches one network at creation: the others before the start.
  for (const std::string& key : service.extra_networks) {
    docker_.ConnectNetwork(NetworkName(key), id, {service.name});
  }
}

void Stack::CreateExtraNetwork(const ExtraNetworkSpec& extra) {
  const auto step = steps_.Time("network " + extra.key);
  const std::string name = NetworkName(extra.key);
  docker_.CreateNetwork({.name = name, .internal = extra.internal, .labels = Labels()});
  std::lock_guard lock(containers_mutex_);
  extra_networks_.push_back(name);
}

std::string Stack::NetworkName(const std::string& key) const {
  return StackNames{network_name_, spec_.network}.Network(key);
}

std::chrono::milliseconds Stack::HealthTimeout(const std::string& service) const {
  if (const char* text = std::getenv("E2E_HEALTH_TIMEOUT_S"); text != nullptr && *text != '\0') {
    const std::string_view value(text);
    long long seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error != std::errc() || end != value.data() + value.size() || seconds <= 0) {
      throw std::invalid_argument(fmt::format(
          "E2E_HEALTH_TIMEOUT_S must be a whole number of seconds above 0, not '{}'", value));
    }
    return std::chrono::seconds(seconds);
  }
  if (options_.health_timeout) return *options_.health_timeout;
  return spec_.roles.HealthTimeoutOf(service, std::chrono::seconds(90));
}

void Stack::WaitHealthy(const std::vector<const ServiceSpec*>& services) {
  for (const ServiceSpec* service : services) {
    if (!service->healthcheck || healthy_.count(service->name) != 0) continue;
    const auto deadline = started_at_.at(service->name) + HealthTimeout(service->name);
    WaitUntil(service->name + " to be healthy", deadline,
              HealthyOrHealthCommandPasses(*this, *service));
    healthy_.insert(service->name);
    // From its start: how long the service took to become ready.
    steps_.Record("healthy " + service->name,
                  duration_cast<milliseconds>(Clock::now() - started_at_.at(service->name)));
  }
}

std::vector<std::string> Stack::Down() {
  const auto started = Clock::now();
  const auto step = steps_.Time("teardown");
  std::vector<std::string> problems;
  std::mutex problems_mutex;
  auto record = [&](const std::string& what, const std::exception& e) {
    std::lock_guard lock(problems_mutex);
    problems.push_back(what + ": " + e.what());
  };
  if (containers_.empty() && volumes_.empty() && !network_created_ && extra_networks_.empty())
    return problems;

  std::vector<std::pair<std::string, std::string>> containers(containers_.begin(),
                                                              containers_.end());
  ForEachInParallel(containers, [&](const std::pair<std::string, std::string>& entry) {
    try {
      docker_.RemoveContainer(entry.second);
    } catch (const std::exception& e) {
      record("removing container " + entry.first, e);
    }
  });
  containers_.clear();
  try {
    LeaveStackNetwork(docker_, network_name_);  // its endpoint would keep the network
  } catch (const std::exception& e) {
    record("the runner container leaving network " + network_name_, e);
  }
  // Network removal is the slowest call of a teardown: every network and
  // volume at once (nothing uses them once the containers are gone).
  struct Removal {
    std::string what;
    std::function<void()> remove;
  };
  std::vector<Removal> removals;
  for (const std::string& volume : volumes_)
    removals.push_back({"volume " + volume, [this, volume] { docker_.RemoveVolume(volume); }});
  for (const std::string& network : extra_networks_)
    removals.push_back({"network " + network, [this, network] { docker_.RemoveNetwork(network); }});
  if (network_created_)
    removals.push_back(
        {"network " + network_name_, [this] { docker_.RemoveNetwork(network_name_); }});
  ForEachInParallel(removals, [&](const Removal& removal) {
    try {
      removal.remove();
    } catch (const std::exception& e) {
      record("removing " + removal.what, e);
    }
  });
  volumes_.clear();
  extra_networks_.clear();
  network_created_ = false;
  timings_.down = duration_cast<milliseconds>(Clock::now() - started);
  fmt::print(stderr, "[e2e] stack {} down in {} ms\n", network_name_, timings_.down.count());
  return problems;
}

const std::string& Stack::ContainerId(const std::string& service) const {
  auto it = containers_.find(service);
  if (it == containers_.end()) {
    throw std::out_of_range("stack " + network_name_ + " has no container for service '" + service +
                            "'");
  }
  return it->second;
}

std::string Stack::ServiceUrl(const std::string& service, int port) {
  return ServiceUrl(Inspect(service), port);
}

std::string Stack::ServiceUrl(const docker::ContainerInspect& inspect, int port) const {
  const nlohmann::json networks = inspect.raw.value(
      nlohmann::json::json_pointer("/NetworkSettings/Networks"), nlohmann::json::object());
  if (!networks.contains(network_name_)) {
    throw std::runtime_error(inspect.name + " is not attached to " + network_name_);
  }
  return fmt::format("http://{}:{}", networks[network_name_].value("IPAddress", std::string()),
                     port);
}

docker::ExecResult Stack::Exec(const std::string& service, const docker::ExecOptions& options) {
  return docker_.Exec(ContainerId(service), options);
}

docker::ContainerInspect Stack::Inspect(const std::string& service) {
  return docker_.InspectContainer(ContainerId(service));
}

docker::Output Stack::Logs(const std::string& service, const docker::LogsOptions& options) {
  return docker_.Logs(ContainerId(service), options);
}

void Stack::Restart(const std::string& service, std::chrono::seconds grace) {
  const std::string& id = ContainerId(service);
  const std::string previous_started_at = StartedAt(docker_.InspectContainer(id));
  try {
    docker_.RestartContainer(id, grace);
  } catch (const docker::Error& e) {
    throw std::runtime_error(
        fmt::format("restarting {} (container {}): {}", service, id.substr(0, 12), e.what()));
  }
  WaitBackUp(service, previous_started_at);
}

void Stack::Kill(const std::string& service, const std::string& signal) {
  const std::string& id = ContainerId(service);
  docker_.KillContainer(id, signal);
  if (signal == "SIGKILL" || signal == "KILL" || signal == "9") {
    // The process is gone, but the daemon may not have recorded the exit yet;
    // a Start() right now would find the container still "running".
    docker_.WaitContainer(id, docker::WaitCondition::kNotRunning, std::chrono::seconds(30));
  }
}

void Stack::Start(const std::string& service) {
  const std::string& id = ContainerId(service);
  const docker::ContainerInspect before = docker_.InspectContainer(id);
  if (before.state.running) {
    throw std::logic_error("Start(" + service + "): it is running already; use Restart()");
  }
  try {
    docker_.StartContainer(id);
  } catch (const docker::Error& e) {
    throw std::runtime_error(
        fmt::format("starting {} (container {}): {}", service, id.substr(0, 12), e.what()));
  }
  WaitBackUp(service, StartedAt(before));
}

void Stack::WaitBackUp(const std::string& service, const std::string& previous_started_at) {
  const auto deadline = Clock::now() + HealthTimeout(service);
  WaitUntil(service + " to run again", deadline,
            ServiceRunning(*this, service, previous_started_at));
  // The container's own configuration decides, not the stack file's: an
  // image's HEALTHCHECK counts as well.
  if (Inspect(service).state.health.empty()) return;
  // As in Up(): the harness runs the check too, rather than wait for
  // Docker's next interval.
  const ServiceSpec* spec = spec_.Find(service);
  WaitUntil(service + " to be healthy again", deadline,
            spec != nullptr && spec->healthcheck ? HealthyOrHealthCommandPasses(*this, *spec)
                                                 : ServiceHealthy(*this, service));
}

void Stack::CopyFiles(const std::string& service, const std::string& dir,
                      const std::map<std::string, std::string>& files) {
  auto tar = docker::TarWriter::ToMemory();
  for (const auto& [name, contents] : files) tar.AddFile(name, contents);
  tar.Finish();
  PutArchive(service, dir, tar.TakeBytes());
}

void Stack::PutArchive(const std::string& service, const std::string& dir, const std::string& tar) {
  docker_.PutArchive(ContainerId(service), dir, tar);
}

void Stack::WriteDiagnostics(const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/stack-spec.json") << redactor_.Json(StackSpecJson(spec_)).dump(2) << "\n";
  for (const auto& [service, id] : containers_) {
    std::ofstream log(dir + "/" + service + ".log");
    try {
      const docker::Output output = docker_.Logs(id, {.timestamps = true});
      log << "=== stdout ===\n"
          << redactor_.Text(output.out) << "\n=== stderr ===\n"
          << redactor_.Text(output.err);
    } catch (const std::exception& e) {
      log << "could not collect logs: " << e.what() << "\n";
    }
    std::ofstream inspect(dir + "/" + service + ".inspect.json");
    try {
      inspect << redactor_.Json(docker_.InspectContainer(id).raw).dump(2) << "\n";
    } catch (const std::exception& e) {
      inspect << "{\"error\": " << nlohmann::json(e.what()).dump() << "}\n";
    }
  }
}

}  // namespace e2e
