#pragma once
// The whole mcp-server: configuration, stores, tools and HTTP transport,
// wired together. main() runs one; tests run one in-process on an ephemeral port.

#include <http_server.h>

#include <memory>

#include "attachments/attachment_index.h"
#include "attachments/attachment_store.h"
#include "attachments/context_assembler.h"
#include "config.h"
#include "conversation_store.h"
#include "dispatcher.h"
#include "embeddings_client.h"
#include "files/workspace_files.h"
#include "http_transport.h"
#include "memory/memory_queue_listener.h"
#include "memory/memory_store.h"
#include "memory/summary_worker.h"
#include "protocol/prompt_catalog.h"
#include "protocol/protocol_methods.h"
#include "protocol/protocol_state.h"
#include "protocol/resource_catalog.h"
#include "protocol/resource_update_notifier.h"
#include "providers/chat_completions_provider.h"
#include "session_locks.h"
#include "sessions.h"
#include "tool_registry.h"

namespace mcp_server {

// The version /healthz and serverInfo report.
const char* ServerVersion();

class McpServer {
 public:
  explicit McpServer(Config config);

  // Binds config.host:config.port; port 0 picks a free port. Returns the bound
  // port, or -1 when binding failed.
  int Bind();

  // Serves until Stop(). REQUIRES: Bind() succeeded. Returns false on error.
  bool Serve();

  // Makes Serve() return and stops the project memory's worker (a summary in
  // flight is aborted and resumed at the next start). Safe from any thread.
  void Stop();

  // What chat tools tell about each completed turn: it queues a summary job.
  TurnListener& turn_listener() { return memory_listener_; }

  bool IsRunning() const { return http_.is_running(); }

  // How long an idle client connection stays open: longer than the 300 s
  // Bun's fetch, which Claude Code uses, keeps one in its pool (server.cpp).
  static constexpr time_t kKeepAliveSeconds = 330;

 private:
  // Resources (sessions, project memory), the second_opinion prompt and,
  // with MCP_CONFORMANCE_FIXTURES=1, the conformance suite's fixtures.
  void AddProtocolCatalogs();

  Config config_;
  ConversationStore store_;
  // Shared by every chat tool (declared before tools_, which refer to them).
  SessionLocks session_locks_;
  WorkspaceFiles workspace_files_;
  // Also the summariser's way to a model (ChatCompletionsProvider::Complete).
  std::shared_ptr<ChatCompletionsProvider> chat_completions_;
  // Project memory: turns queued by memory_listener_, summarised and embedded
  // by summary_worker_ (started by Serve), searched by search_project_history.
  MemoryStore memory_;
  OpenAiEmbeddingsClient embedder_;
  SummaryWorker summary_worker_;
  MemoryQueueListener memory_listener_;
  // Attachments and the large-context fallback: per-session vector store.
  AttachmentStore attachment_store_;
  AttachmentIndex attachment_index_;
  ContextAssembler context_assembler_;
  // Protocol beyond tools: resources, prompts, per-session state; chat turns
  // go through turn_notifier_ (resources/updated) on to memory_listener_.
  ProtocolState protocol_;
  ResourceCatalog resources_;
  PromptCatalog prompts_;
  ProtocolMethods protocol_methods_;
  ResourceUpdateNotifier turn_notifier_;
  ToolRegistry tools_;
  SessionRegistry sessions_;
  Dispatcher dispatcher_;
  HttpTransport transport_;
  support::HttpServer http_;  // httplib, with its own connection loop (http_server.h)
};

}  // namespace mcp_server
