#pragma once
// The whole mcp-server: configuration, stores, tools and HTTP transport,
// wired together. main() runs one; tests run one in-process on an ephemeral port.

#include <httplib.h>

#include <memory>

#include "config.h"
#include "conversation_store.h"
#include "dispatcher.h"
#include "http_transport.h"
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

  // Makes Serve() return. Safe from any thread.
  void Stop();

  bool IsRunning() const { return http_.is_running(); }

 private:
  Config config_;
  ConversationStore store_;
  ToolRegistry tools_;
  SessionRegistry sessions_;
  Dispatcher dispatcher_;
  HttpTransport transport_;
  httplib::Server http_;
};

}  // namespace mcp_server
