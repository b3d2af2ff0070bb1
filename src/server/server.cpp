#include "server.h"

#include <spdlog/spdlog.h>

#include "tools/chat_with_o3.h"
#include "tools/list_models.h"

#ifndef MCP_SERVER_VERSION
#define MCP_SERVER_VERSION "0.0.0"
#endif

namespace mcp_server {
namespace {

OpenAiSettings OpenAiSettingsFrom(const Config& config) {
  OpenAiSettings s;
  s.base_url = config.openai_base_url;
  s.api_key = config.openai_api_key;
  s.connect_timeout = config.provider_connect_timeout;
  s.total_timeout = config.provider_total_timeout;
  s.retry.max_attempts = config.provider_max_attempts;
  s.retry.backoff_base = config.provider_backoff_base;
  return s;
}

}  // namespace

const char* ServerVersion() { return MCP_SERVER_VERSION; }

McpServer::McpServer(Config config)
    : config_(std::move(config)),
      store_(config_.data_dir),
      dispatcher_(tools_, ServerIdentity{"mcp-server", ServerVersion()}),
      transport_(dispatcher_, sessions_, OriginPolicy(config_.allowed_origins),
                 TransportOptions{config_.max_body_bytes, ServerVersion(),
                                  [this] { return store_.Problem(); }}) {
  tools_.Add(std::make_unique<ListModelsTool>(std::vector<ModelInfo>{ChatWithO3Tool::Info()}));
  tools_.Add(std::make_unique<ChatWithO3Tool>(OpenAiClient(OpenAiSettingsFrom(config_)), store_));

  // Chat calls hold a worker for as long as the provider takes; size the pool for that.
  const auto workers = static_cast<std::size_t>(config_.worker_threads);
  http_.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  transport_.Install(http_);
}

int McpServer::Bind() {
  if (config_.port == 0) return http_.bind_to_any_port(config_.host);
  return http_.bind_to_port(config_.host, config_.port) ? config_.port : -1;
}

bool McpServer::Serve() { return http_.listen_after_bind(); }

void McpServer::Stop() { http_.stop(); }

}  // namespace mcp_server
