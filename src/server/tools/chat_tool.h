#pragma once
// One chat tool (chat_with_o3, chat_with_gpt41, chat_with_gemini25_*): asks
// its model for an answer, continuing the conversation stored under
// session_id whichever model held the earlier turns. Calls on one session are
// serialised; calls on different sessions run concurrently.
//
// Sessions expire: when the last turn is older than the TTL, its turns are
// deleted and the call starts a new conversation (deleting rather than
// ignoring keeps the database from growing with dead sessions).
//
// Only the instructions are stored as the user turn, not the inlined context
// files: later turns see what was asked, and pass `context` again if they
// need the files (this keeps replayed history, and the database, small).
//
// With a ContextAssembler in the environment, the new user message keeps the
// request under the inline budget and brings in attachment passages (see
// attachments/context_assembler.h); the result then carries a second text
// content item, the assembler's JSON report. An expired session's vector
// store is dropped with its turns.

#include <chrono>
#include <memory>

#include "../attachments/context_assembler.h"
#include "../completed_turn.h"
#include "../conversation_store.h"
#include "../files/workspace_files.h"
#include "../protocol/request_context.h"
#include "../providers/chat_provider.h"
#include "../session_locks.h"
#include "../tool.h"
#include "chat_arguments.h"
#include "chat_tool_spec.h"

namespace mcp_server {

// What every chat tool shares. The referenced objects must outlive the tools.
struct ChatEnvironment {
  ConversationStore& store;
  SessionLocks& locks;
  const WorkspaceFiles& files;
  std::chrono::seconds session_ttl{86400};  // MCP_SESSION_TTL_S
  // Told about every successful turn; nullptr: nobody listens.
  TurnListener* listener = nullptr;
  // Budget, attachments and retrieval; nullptr: context is inlined whole and
  // `attachments` is refused.
  ContextAssembler* assembler = nullptr;
};

class ChatTool : public Tool {
 public:
  ChatTool(ChatToolSpec spec, std::shared_ptr<const ChatProvider> provider, ChatEnvironment env);

  std::string Name() const override { return spec_.info.tool; }
  std::string Description() const override { return spec_.info.description; }
  nlohmann::json InputSchema() const override { return ChatInputSchema(spec_); }
  ToolResult Call(const nlohmann::json& arguments) override;
  // Reports progress (when asked for) and log messages, and aborts the
  // provider call when the client cancels.
  ToolResult CallInContext(const nlohmann::json& arguments, RequestContext& context) override;

 private:
  ToolResult Fail(const std::string& why) const;
  std::optional<std::vector<Turn>> LiveHistory(const std::string& session_id,
                                               std::string& error) const;
  ChatRequest BuildRequest(const ChatArguments& arguments, const std::vector<Turn>& history) const;
  // Appends the new user message; `report` gets the assembler's report.
  std::optional<std::string> AddUserMessage(const ChatArguments& arguments,
                                            std::vector<WorkspaceFile> context,
                                            std::vector<WorkspaceFile> attachments,
                                            ChatRequest& request,
                                            std::optional<nlohmann::json>& report) const;
  ToolResult Converse(const ChatArguments& arguments, std::vector<WorkspaceFile> files,
                      std::vector<WorkspaceFile> attachments, RequestContext& context);
  void Record(const ChatArguments& arguments, const std::string& answer);

  ChatToolSpec spec_;
  std::shared_ptr<const ChatProvider> provider_;
  ChatEnvironment env_;
};

}  // namespace mcp_server
