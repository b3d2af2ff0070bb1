#pragma once
// Reads the stack file's `x-e2e` block (include/e2e/stack_roles.h). A
// template over the stack-file reader of stack_spec.cpp, which stays private
// to that file: this one uses only its CheckKeys, Scalar, Number, Duration
// and Fail, so errors here name file:line:column like every other one.
#include <yaml-cpp/yaml.h>

#include <regex>
#include <string>

#include "e2e/stack_roles.h"
#include "e2e/stack_spec.h"

namespace e2e::roles_reader {

// `role`'s `service`, which must be one of the file's services.
template <typename SpecReader>
std::string DeclaredService(const SpecReader& r, const YAML::Node& role, const std::string& where,
                            const StackSpec& stack) {
  if (!role["service"]) r.Fail(role, where + " needs 'service'");
  const std::string service = r.Scalar(role["service"], where + ".service");
  if (stack.Find(service) == nullptr) {
    r.Fail(role["service"],
           where + ".service names '" + service + "', which is not a service of this file");
  }
  return service;
}

// `role`'s `port`, required.
template <typename SpecReader>
int Port(const SpecReader& r, const YAML::Node& role, const std::string& where) {
  if (!role["port"]) r.Fail(role, where + " needs 'port'");
  const double port = r.Number(role["port"], where + ".port");
  if (port < 1 || port > 65535 || port != static_cast<int>(port)) {
    r.Fail(role["port"], where + ".port must be a port number (1-65535)");
  }
  return static_cast<int>(port);
}

template <typename SpecReader>
McpServerRole ReadMcpServerRole(const SpecReader& r, const YAML::Node& node,
                                const StackSpec& stack) {
  const std::string where = "x-e2e.mcp_server";
  r.CheckKeys(node, {"service", "port", "path", "name"}, where);
  McpServerRole role;
  role.service = DeclaredService(r, node, where, stack);
  role.port = Port(r, node, where);
  if (node["path"]) role.path = r.Scalar(node["path"], where + ".path");
  if (!role.path.starts_with("/")) r.Fail(node["path"], where + ".path must start with '/'");
  role.name = node["name"] ? r.Scalar(node["name"], where + ".name") : role.service;
  // Claude Code puts the name into tool names (mcp__<name>__<tool>).
  static const std::regex kName("[A-Za-z0-9_-]+");
  if (!std::regex_match(role.name, kName)) {
    r.Fail(node["name"] ? node["name"] : node,
           where + ".name '" + role.name + "' may hold only letters, digits, '_' and '-'");
  }
  return role;
}

template <typename SpecReader>
ServiceRole ReadServiceRole(const SpecReader& r, const YAML::Node& node, const std::string& role,
                            bool has_port, const StackSpec& stack) {
  const std::string where = "x-e2e." + role;
  if (has_port) {
    r.CheckKeys(node, {"service", "port"}, where);
  } else {
    r.CheckKeys(node, {"service"}, where);
  }
  ServiceRole read;
  read.service = DeclaredService(r, node, where, stack);
  if (has_port) read.port = Port(r, node, where);
  return read;
}

// `node` is the `x-e2e` mapping; `stack` has its services read already.
template <typename SpecReader>
StackRoles ReadRoles(const SpecReader& r, const YAML::Node& node, const StackSpec& stack) {
  r.CheckKeys(node,
              {"mcp_server", "claude_runner", "provider_stub", "health_timeout", "health_timeouts"},
              "x-e2e");
  StackRoles roles;
  if (node["mcp_server"]) roles.mcp_server = ReadMcpServerRole(r, node["mcp_server"], stack);
  if (node["claude_runner"]) {
    roles.claude_runner = ReadServiceRole(r, node["claude_runner"], "claude_runner", false, stack);
  }
  if (node["provider_stub"]) {
    roles.provider_stub = ReadServiceRole(r, node["provider_stub"], "provider_stub", true, stack);
  }
  if (node["health_timeout"]) {
    roles.health_timeout = r.Duration(node["health_timeout"], "x-e2e.health_timeout");
  }
  if (const auto timeouts = node["health_timeouts"]) {
    if (!timeouts.IsMap()) r.Fail(timeouts, "x-e2e.health_timeouts must be a mapping");
    for (const auto& item : timeouts) {
      const std::string service = item.first.as<std::string>();
      const std::string where = "x-e2e.health_timeouts." + service;
      if (stack.Find(service) == nullptr) {
        r.Fail(item.first, where + ": '" + service + "' is not a service of this file");
      }
      roles.health_timeouts[service] = r.Duration(item.second, where);
    }
  }
  return roles;
}

}  // namespace e2e::roles_reader
