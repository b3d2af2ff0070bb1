#include "server.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "conformance/conformance_fixtures.h"
#include "memory/queue_health.h"
#include "protocol/second_opinion_prompt.h"
#include "protocol/store_resources.h"
#include "providers/gemini_provider.h"
#include "providers/responses_provider.h"
#include "tools/chat_tools.h"
#include "tools/search_project_history.h"
#include "tools/search_session_attachments.h"

#ifndef MCP_SERVER_VERSION
#define MCP_SERVER_VERSION "0.0.0"
#endif

namespace mcp_server {
namespace {

ProviderSettings ProviderSettingsFrom(const Config& config, std::string base_url,
                                      std::string api_key) {
  ProviderSettings s;
  s.base_url = std::move(base_url);
  s.api_key = std::move(api_key);
  s.connect_timeout = config.provider_connect_timeout;
  s.total_timeout = config.provider_total_timeout;
  s.retry.max_attempts = config.provider_max_attempts;
  s.retry.backoff_base = config.provider_backoff_base;
  return s;
}

ProviderSettings OpenAiSettingsFrom(const Config& config) {
  return ProviderSettingsFrom(config, config.openai_base_url, config.openai_api_key);
}

GeminiSettings GeminiSettingsFrom(const Config& config) {
  GeminiSettings s{ProviderSettingsFrom(config, config.gemini_base_url, config.gemini_api_key),
                   config.vertex_project, config.vertex_location};
  if (s.UsesVertex()) s.http.api_key = config.vertex_access_token;
  return s;
}

WorkspaceFileLimits FileLimitsFrom(const Config& config) {
  WorkspaceFileLimits limits;
  limits.allowed_roots = config.allowed_roots;
  limits.max_file_bytes = config.max_file_bytes;
  return limits;
}

EmbeddingsSettings EmbeddingsSettingsFrom(const Config& config) {
  const ProviderSettings http = OpenAiSettingsFrom(config);
  return {http.base_url,        http.api_key,       config.embedding_model,
          http.connect_timeout, http.total_timeout, http.retry};
}

// The project memory's summariser: MCP_SUMMARY_MODEL through Chat Completions.
Summariser SummariserFrom(std::shared_ptr<const ChatCompletionsProvider> provider,
                          std::string model) {
  return [provider = std::move(provider), model = std::move(model)](
             const std::string& system, const std::string& user,
             const std::function<bool()>& should_abort) {
    if (auto missing = provider->MissingConfiguration()) {
      return SummaryReply{false, "", "openai is not configured: " + *missing};
    }
    ProviderReply reply = provider->Complete(model, system, user, should_abort);
    return SummaryReply{reply.ok, std::move(reply.text), std::move(reply.error)};
  };
}

AttachmentStoreLimits AttachmentLimitsFrom(const Config& config) {
  return {static_cast<std::int64_t>(config.attachment_max_chunks_per_session),
          static_cast<std::int64_t>(config.attachment_max_chunks)};
}

AttachmentIndexOptions AttachmentIndexOptionsFrom(const Config& config) {
  AttachmentIndexOptions options;
  options.chunking = {config.chunk_tokens, config.chunk_overlap_tokens};
  return options;
}

AssemblyOptions AssemblyOptionsFrom(const Config& config) {
  return {config.inline_budget_tokens, config.attachment_top_k, config.attachment_min_score,
          config.attachment_relative_score, config.provider_total_timeout};
}

SummaryWorkerOptions SummaryWorkerOptionsFrom(const Config& config) {
  return {config.summary_model, config.summary_retry_base, config.summary_retry_cap};
}

}  // namespace

const char* ServerVersion() { return MCP_SERVER_VERSION; }

McpServer::McpServer(Config config)
    : config_(std::move(config)),
      store_(config_.data_dir),
      workspace_files_(FileLimitsFrom(config_)),
      chat_completions_(std::make_shared<ChatCompletionsProvider>(OpenAiSettingsFrom(config_))),
      memory_(config_.data_dir, config_.summary_queue_max),
      embedder_(EmbeddingsSettingsFrom(config_)),
      summary_worker_(memory_, SummariserFrom(chat_completions_, config_.summary_model), embedder_,
                      SummaryWorkerOptionsFrom(config_)),
      memory_listener_(memory_, [this] { summary_worker_.Wake(); }),
      attachment_store_(config_.data_dir, AttachmentLimitsFrom(config_)),
      attachment_index_(attachment_store_, embedder_, AttachmentIndexOptionsFrom(config_)),
      context_assembler_(attachment_index_, AssemblyOptionsFrom(config_)),
      protocol_methods_(resources_, prompts_, protocol_.preferences),
      turn_notifier_(protocol_.preferences, protocol_.outbox, &memory_listener_),
      dispatcher_(tools_, ServerIdentity{"mcp-server", ServerVersion()}, &protocol_methods_),
      transport_(dispatcher_, sessions_, protocol_, OriginPolicy(config_.allowed_origins),
                 TransportOptions{config_.max_body_bytes, ServerVersion(),
                                  [this] { return store_.Problem(); },
                                  [this] { return QueueHealth(memory_.Stats(), UnixMillisNow()); },
                                  static_cast<std::size_t>(std::max(1, config_.worker_threads / 2)),
                                  config_.http_path}),
      // Chat calls hold a worker for as long as the provider takes; size the pool for that.
      http_(static_cast<std::size_t>(config_.worker_threads)) {
  const ChatProviders providers{std::make_shared<ResponsesProvider>(OpenAiSettingsFrom(config_)),
                                chat_completions_,
                                std::make_shared<GeminiProvider>(GeminiSettingsFrom(config_))};
  AddChatTools(tools_, providers,
               ChatEnvironment{store_, session_locks_, workspace_files_, config_.session_ttl,
                               &turn_notifier_, &context_assembler_});
  tools_.Add(std::make_unique<SearchProjectHistoryTool>(memory_, embedder_));
  tools_.Add(std::make_unique<SearchSessionAttachmentsTool>(attachment_index_,
                                                            config_.attachment_min_score));
  AddProtocolCatalogs();

  // Keep-alive request/response pairs otherwise wait on Nagle's algorithm
  // against the client's delayed ACK: ~40 ms per request.
  http_.set_tcp_nodelay(true);
  // httplib closes a keep-alive connection after 5 requests by default; each
  // reconnect then costs a handshake and a new task. A connection holds a
  // worker while open either way, so a longer run costs no extra workers.
  http_.set_keep_alive_max_count(1000);
  // Claude Code's HTTP client (Bun's fetch) keeps idle connections for 5
  // minutes and ignores the Keep-Alive hint, and it does not retry a POST:
  // a tools/call sent just as the server closes an idle connection fails
  // with ECONNRESET. So the server outlasts the client's pool, and an idle
  // connection gives its worker up only when another connection needs it.
  http_.set_keep_alive_timeout(kKeepAliveSeconds);
  transport_.Install(http_);
}

int McpServer::Bind() {
  if (config_.port == 0) return http_.bind_to_any_port(config_.host);
  return http_.bind_to_port(config_.host, config_.port) ? config_.port : -1;
}

bool McpServer::Serve() {
  summary_worker_.Start();
  const bool ok = http_.listen_after_bind();
  // Here rather than in Stop(), which runs in a signal handler: a summary in
  // flight is aborted and its job resumes at the next start.
  summary_worker_.Stop();
  return ok;
}

void McpServer::AddProtocolCatalogs() {
  resources_.Add(std::make_unique<StoreResources>(store_, memory_));
  std::vector<std::string> chat_tools;
  const nlohmann::json listed = tools_.ListJson();
  for (const auto& tool : listed["tools"]) {
    const auto name = tool["name"].get<std::string>();
    if (name.rfind("chat_with_", 0) == 0) chat_tools.push_back(name);
  }
  spdlog::debug("second_opinion prompt: {} chat tools of {} tools", chat_tools.size(),
                listed["tools"].size());
  prompts_.Add(std::make_unique<SecondOpinionPrompt>(std::move(chat_tools)));
  if (config_.conformance_fixtures) {
    AddConformanceFixtureTools(tools_);
    AddConformanceFixtureResources(resources_);
    AddConformanceFixturePrompts(prompts_);
  }
}

void McpServer::Stop() {
  transport_.StopStreams();
  http_.stop();
}

}  // namespace mcp_server
