// mcp-server: the reference MCP server (Streamable HTTP) the E2E suite drives
// through Claude Code. `mcp-server --healthcheck URL` is the image's probe.

#include <healthcheck.h>
#include <logging.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstring>
#include <thread>

#include "config.h"
#include "server.h"

namespace {

mcp_server::McpServer* g_server = nullptr;

void RequestStop(int) {
  // httplib's stop() only flips flags and shuts the listening socket down.
  if (g_server) g_server->Stop();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--healthcheck") == 0) {
    return support::RunHealthcheck(argv[2]);
  }
  if (argc != 1) {
    std::fprintf(stderr, "usage: %s [--healthcheck URL]\n", argv[0]);
    return 2;
  }
  support::InitLogging("mcp-server");
  const auto config = mcp_server::Config::FromEnv();
  for (const auto& problem : config.problems) spdlog::critical("configuration: {}", problem);
  if (!config.problems.empty()) return 2;
  mcp_server::McpServer server(config);
  const int port = server.Bind();
  if (port < 0) {
    spdlog::critical("cannot listen on {}:{}", config.host, config.port);
    return 1;
  }
  g_server = &server;
  std::signal(SIGTERM, RequestStop);
  std::signal(SIGINT, RequestStop);
  spdlog::info("mcp-server {} listening on {}:{}{} (openai base {}, api key {}, data dir {})",
               mcp_server::ServerVersion(), config.host, port, config.http_path,
               config.openai_base_url, config.openai_api_key.empty() ? "missing" : "set",
               config.data_dir.string());
  const bool ok = server.Serve();
  g_server = nullptr;
  spdlog::info("mcp-server stopped");
  return ok ? 0 : 1;
}
