#pragma once
// Which service of a stack plays which part, read from the stack file's
// `x-e2e` block (Compose ignores `x-` keys, so `docker compose` still reads
// the file):
//
//   x-e2e:
//     mcp_server:             # the server under test, as Claude Code reaches it
//       service: tools-api
//       port: 9123
//       path: /rpc            # default /mcp
//       name: acme            # tools appear as mcp__acme__<tool>; default: the service
//     claude_runner:          # runs the Claude Code CLI (idles until a test execs it)
//       service: claude-runner
//     provider_stub:          # optional: the model-stub answering for the providers
//       service: model-stub
//       port: 8080
//     health_timeout: 90s     # longest wait for a service to be healthy, from its start
//     health_timeouts:        # per service, instead of health_timeout
//       tools-api: 30s
//
// Values are interpolated like the rest of the file. A role that is left out
// is absent (its `service` empty); StackTest then offers no client for it.

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace e2e {

struct McpServerRole {
  std::string service;  // empty: the stack has no MCP server role
  int port = 0;
  std::string path = "/mcp";
  std::string name;  // the name Claude Code gives the server (mcp__<name>__<tool>)

  // "http://<service>:<port><path>": the URL on the stack network.
  std::string Url() const;
};

struct ServiceRole {
  std::string service;  // empty: absent
  int port = 0;         // 0 where the role needs no port (claude_runner)
};

struct StackRoles {
  McpServerRole mcp_server;
  ServiceRole claude_runner;
  ServiceRole provider_stub;
  // Longest wait for a service to become healthy, counted from its start;
  // nullopt: the harness's default (see StackOptions::health_timeout).
  std::optional<std::chrono::milliseconds> health_timeout;
  std::map<std::string, std::chrono::milliseconds> health_timeouts;  // by service

  // `service`'s entry in health_timeouts, else health_timeout, else `fallback`.
  std::chrono::milliseconds HealthTimeoutOf(const std::string& service,
                                            std::chrono::milliseconds fallback) const;
};

}  // namespace e2e
