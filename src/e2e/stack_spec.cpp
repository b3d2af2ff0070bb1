// Reads the Compose subset described in include/e2e/stack_spec.h with yaml-cpp.
#include "e2e/stack_spec.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "stack_roles_reader.h"
#include "yaml_error_place.h"

namespace e2e {
namespace {

class Reader {
 public:
  Reader(std::string source, const VariableLookup& variables)
      : source_(std::move(source)), variables_(variables) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& message) const {
    const YAML::Mark mark = node.Mark();
    throw SpecError(source_ + ":" + std::to_string(mark.line + 1) + ":" +
                    std::to_string(mark.column + 1) + ": " + message);
  }

  // Every key of `map` must be one of `allowed`.
  void CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                 const std::string& where) const {
    if (!map.IsMap()) Fail(map, where + " must be a mapping");
    for (const auto& item : map) {
      const std::string key = item.first.as<std::string>();
      if (key.starts_with("x-")) continue;  // Compose extension fields (anchors live there)
      if (!allowed.contains(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        Fail(item.first,
             "unsupported key '" + key + "' in " + where + " (supported: " + list + ")");
      }
    }
  }

  std::string Scalar(const YAML::Node& node, const std::string& where) const {
    if (!node.IsScalar()) Fail(node, where + " must be a single value");
    try {
      return Interpolate(node.as<std::string>(), variables_);
    } catch (const std::invalid_argument& e) {
      Fail(node, where + ": " + e.what());
    }
  }

  bool Bool(const YAML::Node& node, const std::string& where) const {
    const std::string value = Scalar(node, where);
    if (value == "true" || value == "True" || value == "yes") return true;
    if (value == "false" || value == "False" || value == "no") return false;
    Fail(node, where + " must be true or false, not '" + value + "'");
  }

  // A list of strings, or one string split at whitespace (Compose's short form).
  std::vector<std::string> Words(const YAML::Node& node, const std::string& where) const {
    std::vector<std::string> words;
    if (node.IsSequence()) {
      for (const auto& item : node) words.push_back(Scalar(item, where));
    } else {
      std::istringstream in(Scalar(node, where));
      for (std::string word; in >> word;) words.push_back(word);
    }
    return words;
  }

  // "1m30s", "250ms", "2s", "1h".
  std::chrono::milliseconds Duration(const YAML::Node& node, const std::string& where) const {
    const std::string text = Scalar(node, where);
    static const std::regex kPart(R"((\d+(?:\.\d+)?)(ms|us|s|m|h))");
    double total_ms = 0;
    size_t consumed = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kPart);
         it != std::sregex_iterator(); ++it) {
      if (static_cast<size_t>(it->position()) != consumed) break;
      const double amount = std::stod((*it)[1]);
      const std::string unit = (*it)[2];
      total_ms += unit == "us"   ? amount / 1000
                  : unit == "ms" ? amount
                  : unit == "s"  ? amount * 1000
                  : unit == "m"  ? amount * 60000
                                 : amount * 3600000;
      consumed += static_cast<size_t>(it->length());
    }
    if (text.empty() || consumed != text.size()) {
      Fail(node, where + ": '" + text + "' is not a duration (e.g. 250ms, 2s, 1m30s)");
    }
    return std::chrono::milliseconds(static_cast<int64_t>(total_ms));
  }

  // "1g", "512m", "1gb", "2048k", "1073741824".
  int64_t Bytes(const YAML::Node& node, const std::string& where) const {
    const std::string text = Scalar(node, where);
    static const std::regex kSize(R"((\d+(?:\.\d+)?)\s*([bkmg]?)b?)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(text, m, kSize)) {
      Fail(node, where + ": '" + text + "' is not a size (e.g. 1g, 512m)");
    }
    const char unit = static_cast<char>(std::tolower(m[2].str().empty() ? 'b' : m[2].str()[0]));
    const double scale = unit == 'k'   ? 1024.0
                         : unit == 'm' ? 1048576.0
                         : unit == 'g' ? 1073741824.0
                                       : 1.0;
    return static_cast<int64_t>(std::stod(m[1]) * scale);
  }

  double Number(const YAML::Node& node, const std::string& where) const {
    const std::string text = Scalar(node, where);
    try {
      size_t used = 0;
      const double value = std::stod(text, &used);
      if (used == text.size() && value >= 0) return value;
    } catch (const std::exception&) {
    }
    Fail(node, where + ": '" + text + "' is not a non-negative number");
  }

 private:
  std::string source_;
  const VariableLookup& variables_;
};

HealthcheckSpec ReadHealthcheck(const Reader& r, const YAML::Node& node, const std::string& where) {
  r.CheckKeys(node, {"test", "interval", "timeout", "retries", "start_period"}, where);
  HealthcheckSpec check;
  if (!node["test"]) r.Fail(node, where + " needs 'test'");
  if (node["test"].IsSequence()) {
    check.test = r.Words(node["test"], where + ".test");
  } else {
    check.test = {"CMD-SHELL", r.Scalar(node["test"], where + ".test")};
  }
  if (check.test.empty() || (check.test[0] != "CMD" && check.test[0] != "CMD-SHELL")) {
    r.Fail(node["test"], where + ".test must start with CMD or CMD-SHELL");
  }
  if (node["interval"]) check.interval = r.Duration(node["interval"], where + ".interval");
  if (node["timeout"]) check.timeout = r.Duration(node["timeout"], where + ".timeout");
  if (node["start_period"])
    check.start_period = r.Duration(node["start_period"], where + ".start_period");
  if (node["retries"])
    check.retries = static_cast<int>(r.Number(node["retries"], where + ".retries"));
  return check;
}

// The hardening keys (HardeningSpec): each one given replaces its default.
void ReadHardening(const Reader& r, const YAML::Node& node, const std::string& where,
                   HardeningSpec& hardening) {
  if (node["cap_drop"]) hardening.cap_drop = r.Words(node["cap_drop"], where + ".cap_drop");
  if (node["cap_add"]) hardening.cap_add = r.Words(node["cap_add"], where + ".cap_add");
  if (node["security_opt"]) {
    hardening.security_opt = r.Words(node["security_opt"], where + ".security_opt");
  }
  if (node["read_only"]) hardening.read_only = r.Bool(node["read_only"], where + ".read_only");
  if (const auto tmpfs = node["tmpfs"]) {
    hardening.tmpfs.clear();
    // "/run" or "/run:size=64m,uid=10001", as Compose writes them.
    for (const std::string& entry : r.Words(tmpfs, where + ".tmpfs")) {
      const auto colon = entry.find(':');
      if (!entry.starts_with('/')) r.Fail(tmpfs, where + ".tmpfs: '" + entry + "' is not a path");
      hardening.tmpfs[entry.substr(0, colon)] =
          colon == std::string::npos ? "" : entry.substr(colon + 1);
    }
  }
  if (const auto logging = node["logging"]) {
    const std::string lw = where + ".logging";
    r.CheckKeys(logging, {"driver", "options"}, lw);
    hardening.logging = {};
    if (logging["driver"]) hardening.logging.driver = r.Scalar(logging["driver"], lw + ".driver");
    if (logging["options"] || hardening.logging.driver != "json-file") {
      hardening.logging.options.clear();  // the default options are json-file's
    }
    if (const auto options = logging["options"]) {
      if (!options.IsMap()) r.Fail(options, lw + ".options must be a mapping");
      for (const auto& item : options) {
        const std::string key = item.first.as<std::string>();
        hardening.logging.options[key] = r.Scalar(item.second, lw + ".options." + key);
      }
    }
  }
}

ServiceSpec ReadService(const Reader& r, const std::string& name, const YAML::Node& node,
                        const StackSpec& stack, const YAML::Node& root) {
  const std::string where = "services." + name;
  r.CheckKeys(node,
              {"image", "command", "entrypoint", "user", "environment", "healthcheck", "depends_on",
               "deploy", "networks", "volumes", "cap_drop", "cap_add", "security_opt", "read_only",
               "tmpfs", "logging"},
              where);
  ServiceSpec service{.name = name};
  if (!node["image"]) r.Fail(node, where + " needs an 'image'");
  service.image = r.Scalar(node["image"], where + ".image");
  if (node["command"]) service.command = r.Words(node["command"], where + ".command");
  if (node["entrypoint"]) service.entrypoint = r.Words(node["entrypoint"], where + ".entrypoint");
  if (node["user"]) service.user = r.Scalar(node["user"], where + ".user");

  if (const auto env = node["environment"]) {
    if (env.IsMap()) {
      for (const auto& item : env) {
        const std::string key = item.first.as<std::string>();
        service.environment[key] =
            item.second.IsNull() ? "" : r.Scalar(item.second, where + ".environment." + key);
      }
    } else if (env.IsSequence()) {
      for (const auto& item : env) {
        const std::string entry = r.Scalar(item, where + ".environment");
        const auto eq = entry.find('=');
        service.environment[entry.substr(0, eq)] =
            eq == std::string::npos ? "" : entry.substr(eq + 1);
      }
    } else {
      r.Fail(env, where + ".environment must be a mapping or a list");
    }
  }

  if (const auto check = node["healthcheck"]) {
    service.healthcheck = ReadHealthcheck(r, check, where + ".healthcheck");
  }

  if (const auto deps = node["depends_on"]) {
    if (deps.IsSequence()) {
      for (const auto& item : deps)
        service.depends_on.push_back({r.Scalar(item, where + ".depends_on")});
    } else if (deps.IsMap()) {
      for (const auto& item : deps) {
        const std::string dep = item.first.as<std::string>();
        const std::string dep_where = where + ".depends_on." + dep;
        Dependency dependency{.service = dep};
        if (!item.second.IsNull()) {
          r.CheckKeys(item.second, {"condition"}, dep_where);
          const std::string condition =
              r.Scalar(item.second["condition"], dep_where + ".condition");
          if (condition == "service_healthy") {
            dependency.condition = DependencyCondition::kHealthy;
          } else if (condition != "service_started") {
            r.Fail(item.second["condition"],
                   dep_where + ".condition must be service_started or service_healthy");
          }
        }
        service.depends_on.push_back(dependency);
      }
    } else {
      r.Fail(deps, where + ".depends_on must be a list or a mapping");
    }
    for (const auto& dep : service.depends_on) {
      if (!root["services"][dep.service]) {
        r.Fail(deps, where + ".depends_on names unknown service '" + dep.service + "'");
      }
    }
  }

  if (const auto deploy = node["deploy"]) {
    r.CheckKeys(deploy, {"resources"}, where + ".deploy");
    r.CheckKeys(deploy["resources"], {"limits"}, where + ".deploy.resources");
    const auto limits = deploy["resources"]["limits"];
    const std::string lw = where + ".deploy.resources.limits";
    r.CheckKeys(limits, {"cpus", "memory", "pids"}, lw);
    if (limits["cpus"]) service.cpus = r.Number(limits["cpus"], lw + ".cpus");
    if (limits["memory"]) service.memory_bytes = r.Bytes(limits["memory"], lw + ".memory");
    if (limits["pids"]) service.pids = static_cast<int64_t>(r.Number(limits["pids"], lw + ".pids"));
  }

  if (const auto networks = node["networks"]) {
    auto check_name = [&](const YAML::Node& key, const std::string& net) {
      if (net == stack.network) return;
      const bool declared =
          std::any_of(stack.extra_networks.begin(), stack.extra_networks.end(),
                      [&net](const ExtraNetworkSpec& extra) { return extra.key == net; });
      if (!declared) r.Fail(key, where + ".networks names unknown network '" + net + "'");
      service.extra_networks.push_back(net);
    };
    if (networks.IsSequence()) {
      for (const auto& item : networks) check_name(item, r.Scalar(item, where + ".networks"));
    } else if (networks.IsMap()) {
      for (const auto& item : networks) {
        const std::string net = item.first.as<std::string>();
        check_name(item.first, net);
        if (item.second.IsNull()) continue;
        r.CheckKeys(item.second, {"aliases"}, where + ".networks." + net);
        if (net != stack.network && item.second["aliases"]) {
          r.Fail(item.second["aliases"], "aliases are supported on the first network only");
        }
        service.aliases = r.Words(item.second["aliases"], where + ".networks." + net + ".aliases");
      }
    } else {
      r.Fail(networks, where + ".networks must be a list or a mapping");
    }
  }

  if (const auto volumes = node["volumes"]) {
    if (!volumes.IsSequence()) r.Fail(volumes, where + ".volumes must be a list");
    for (const auto& item : volumes) {
      VolumeMountSpec mount;
      if (item.IsMap()) {
        r.CheckKeys(item, {"type", "source", "target", "read_only"}, where + ".volumes[]");
        if (item["type"] && r.Scalar(item["type"], where + ".volumes[].type") != "volume") {
          r.Fail(item["type"],
                 "only named volumes are supported (type: volume): the harness "
                 "never bind-mounts paths of the test process");
        }
        mount.volume = r.Scalar(item["source"], where + ".volumes[].source");
        mount.target = r.Scalar(item["target"], where + ".volumes[].target");
        if (item["read_only"])
          mount.read_only = r.Bool(item["read_only"], where + ".volumes[].read_only");
      } else {
        const std::string text = r.Scalar(item, where + ".volumes[]");
        const auto first = text.find(':');
        if (first == std::string::npos) r.Fail(item, "volume '" + text + "' needs NAME:/path");
        mount.volume = text.substr(0, first);
        mount.target = text.substr(first + 1);
        const auto second = mount.target.find(':');
        if (second != std::string::npos) {
          mount.read_only = mount.target.substr(second + 1) == "ro";
          mount.target = mount.target.substr(0, second);
        }
      }
      if (std::find(stack.volumes.begin(), stack.volumes.end(), mount.volume) ==
              stack.volumes.end() &&
          !stack.external_volumes.contains(mount.volume)) {
        r.Fail(item, where + ".volumes uses '" + mount.volume +
                         "', which is not a named volume declared under top-level 'volumes'");
      }
      service.volumes.push_back(mount);
    }
  }
  ReadHardening(r, node, where, service.hardening);
  return service;
}

StackSpec ReadStack(const std::string& text, const std::string& source,
                    const VariableLookup& variables) {
  const YAML::Node root = YAML::Load(text);
  Reader r(source, variables);
  r.CheckKeys(root, {"name", "services", "networks", "volumes"}, "the top level");
  StackSpec stack{.source = source};

  const auto networks = root["networks"];
  if (!networks || !networks.IsMap() || networks.size() < 1) {
    r.Fail(networks ? networks : root, "at least one network must be declared under 'networks'");
  }
  for (const auto& item : networks) {
    const std::string key = item.first.as<std::string>();
    bool internal = false;
    if (!item.second.IsNull()) {
      r.CheckKeys(item.second, {"internal"}, "networks." + key);
      if (item.second["internal"])
        internal = r.Bool(item.second["internal"], "networks." + key + ".internal");
    }
    if (stack.network.empty()) {
      stack.network = key;
      stack.network_internal = internal;
    } else {
      stack.extra_networks.push_back({.key = key, .internal = internal});
    }
  }
  if (const auto volumes = root["volumes"]) {
    if (!volumes.IsMap()) r.Fail(volumes, "'volumes' must be a mapping");
    for (const auto& item : volumes) {
      const std::string key = item.first.as<std::string>();
      const std::string where = "volumes." + key;
      if (!item.second.IsNull()) r.CheckKeys(item.second, {"external", "name"}, where);
      const bool external = !item.second.IsNull() && item.second["external"] &&
                            r.Bool(item.second["external"], where + ".external");
      if (!item.second.IsNull() && item.second["name"] && !external) {
        r.Fail(item.second["name"], where +
                                        ".name: only an external volume takes a name (the "
                                        "harness names a stack's own volumes per stack)");
      }
      if (external) {
        stack.external_volumes[key] =
            item.second["name"] ? r.Scalar(item.second["name"], where + ".name") : key;
      } else {
        stack.volumes.push_back(key);
      }
    }
  }
  const auto services = root["services"];
  if (!services || !services.IsMap() || services.size() == 0) {
    r.Fail(services ? services : root, "'services' must name at least one service");
  }
  for (const auto& item : services) {
    if (item.first.as<std::string>().starts_with("x-")) continue;
    stack.services.push_back(
        ReadService(r, item.first.as<std::string>(), item.second, stack, root));
  }
  if (const auto roles = root["x-e2e"]) stack.roles = roles_reader::ReadRoles(r, roles, stack);
  stack.StartGroups();  // rejects cycles now rather than at start-up
  return stack;
}

// A cycle among the services not yet `placed` (each of which depends on one
// of them), as "a -> b -> a": follow unplaced dependencies until one repeats.
std::string DescribeCycle(const StackSpec& stack, const std::set<std::string>& placed) {
  std::vector<std::string> path;
  const ServiceSpec* current = nullptr;
  for (const auto& service : stack.services) {
    if (!placed.contains(service.name)) current = &service;
  }
  while (current != nullptr) {
    const auto seen = std::find(path.begin(), path.end(), current->name);
    if (seen != path.end()) {
      std::string cycle;
      for (auto it = seen; it != path.end(); ++it) cycle += *it + " -> ";
      return cycle + current->name;
    }
    path.push_back(current->name);
    const ServiceSpec* next = nullptr;
    for (const Dependency& dep : current->depends_on) {
      if (!placed.contains(dep.service)) next = stack.Find(dep.service);
    }
    current = next;
  }
  return "(unknown)";  // unreachable: every unplaced service waits on another
}

}  // namespace

StackSpec ParseStackSpec(const std::string& text, const std::string& source,
                         const VariableLookup& variables) {
  try {
    return ReadStack(text, source, variables);
  } catch (const YAML::ParserException& e) {
    const YamlPlace place = PlaceOfSyntaxError(text, e);
    throw SpecError(source + ":" + std::to_string(place.line) + ":" + std::to_string(place.column) +
                    ": " + place.message);
  } catch (const YAML::Exception& e) {
    // Not only syntax: a conversion (a mapping used as a key, say) fails
    // anywhere in the reading, and must name its place like every other error.
    throw SpecError(source + ":" + std::to_string(e.mark.line + 1) + ":" +
                    std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

StackSpec LoadStackSpec(const std::string& path, const VariableLookup& variables) {
  std::ifstream in(path);
  if (!in) throw SpecError(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return ParseStackSpec(text.str(), path, variables);
}

const ServiceSpec* StackSpec::Find(const std::string& service) const {
  for (const auto& s : services) {
    if (s.name == service) return &s;
  }
  return nullptr;
}

std::vector<std::vector<const ServiceSpec*>> StackSpec::StartGroups() const {
  std::vector<std::vector<const ServiceSpec*>> groups;
  std::set<std::string> placed;
  while (placed.size() < services.size()) {
    std::vector<const ServiceSpec*> group;
    for (const auto& service : services) {
      if (placed.contains(service.name)) continue;
      const bool ready =
          std::all_of(service.depends_on.begin(), service.depends_on.end(),
                      [&](const Dependency& d) { return placed.contains(d.service); });
      if (ready) group.push_back(&service);
    }
    if (group.empty()) {
      throw SpecError(source + ": depends_on forms a cycle: " + DescribeCycle(*this, placed));
    }
    for (const auto* service : group) placed.insert(service->name);
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace e2e
