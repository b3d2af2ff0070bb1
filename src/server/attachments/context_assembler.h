#pragma once
// Builds a chat call's new user message from its `context` files, the
// session's attachments and the instructions, keeping the WHOLE provider
// request (system text, replayed history, structured-output schema and the
// new message) under the inline budget.
//
// Budget. Sizes are estimated from the JSON-escaped length of every text
// (what it adds to the request body) at 4 characters per token
// (token_estimate.h). The request is planned to at most kRequestShare (85%)
// of budget_tokens * 4 characters, counting a fixed allowance for the
// request's JSON structure; the rest is headroom for the estimate's error.
//
// Context, in priority order: the order the caller gave, directories
// expanded in sorted order (as WorkspaceFiles reads them). Each file is
// inlined whole when it still fits in what the budget leaves (first fit: a
// later, smaller file may be inlined after a larger one did not fit). Files
// that do not fit go to retrieval: they are chunked, embedded and indexed in
// the session's store as kind "context" (kept apart from attachments, and
// not embedded again while unchanged), and their chunks most similar to the
// instructions fill the remaining budget, best first, with no minimum score
// (the caller asked for these files: the best of them beats none). When
// every file fits, nothing is embedded.
//
// Attachments. Files given in `attachments` are indexed into the session's
// store (unchanged ones are skipped). Whenever the session has attachments
// (from this call or an earlier one) the top attachment_top_k chunks scoring
// at least min_score against the instructions are included, before context
// is planned (they may take at most half of what the budget leaves).
//
// The message reads: inlined files as "=== FILE: <path> ===" blocks
// (ChatUserText), then
//   === CONTEXT PASSAGE: <path> lines <a>-<b> (score 0.41) === ... === END CONTEXT PASSAGE ===
// blocks in file and line order, then
//   === ATTACHMENT: <path> lines <a>-<b> (score 0.41) === ... === END ATTACHMENT ===
// blocks best first, then the instructions.
//
// Embeddings requests of one call are abandoned after time_limit; the call
// then fails, saying so.
//
// If the history alone exceeds the budget, nothing from files is added and
// the request goes out over budget (the report's estimated_tokens says so).

#include <chrono>
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "../files/workspace_files.h"
#include "../providers/chat_request.h"
#include "attachment_index.h"

namespace mcp_server {

struct AssemblyOptions {
  std::size_t budget_tokens = 12000;  // MCP_INLINE_BUDGET_TOKENS
  std::size_t attachment_top_k = 4;   // MCP_ATTACHMENT_TOP_K
  double min_score = 0.15;            // MCP_ATTACHMENT_MIN_SCORE
  // Indexing and retrieval of one call together, over every embeddings
  // request (each is bounded by the embedder too): MCP_PROVIDER_TIMEOUT_S.
  std::chrono::milliseconds time_limit{120000};
};

struct AssemblyInput {
  std::string session_id;
  std::string instructions;
  bool context_given = false;  // the call had a `context` parameter
  std::vector<WorkspaceFile> context;
  bool attachments_given = false;  // the call had an `attachments` parameter
  std::vector<WorkspaceFile> attachments;
};

struct AssembledPrompt {
  std::string user_text;
  // {"context": {...}, "attachments": {...}}, only the keys that apply;
  // nullopt when neither does.
  std::optional<nlohmann::json> report;
  // Set when the call must fail; names the parameter.
  std::optional<std::string> error;
};

class ContextAssembler {
 public:
  static constexpr double kRequestShare = 0.85;

  // `index` must outlive the assembler.
  ContextAssembler(AttachmentIndex& index, AssemblyOptions options);

  // REQUIRES: `request` holds everything but the new user message.
  AssembledPrompt Assemble(const AssemblyInput& input, const ChatRequest& request,
                           const std::function<bool()>& should_abort = {});

  // Drops the session's vector store (its conversation expired).
  std::optional<std::string> Forget(const std::string& session_id) {
    return index_.Forget(session_id);
  }

  const AssemblyOptions& options() const { return options_; }

 private:
  struct Plan;
  AssembledPrompt AssembleWithin(const AssemblyInput& input, const ChatRequest& request,
                                 const std::function<bool()>& should_abort);
  std::optional<std::string> EmbedQuery(const AssemblyInput& input, Plan& plan,
                                        const std::function<bool()>& should_abort);
  static void PlanInlining(const std::vector<WorkspaceFile>& context, Plan& plan);
  static std::string UserText(const std::string& instructions, const Plan& plan);
  std::optional<nlohmann::json> Report(const AssemblyInput& input, const Plan& plan,
                                       std::size_t request_chars) const;
  std::optional<std::string> AddAttachmentPassages(const AssemblyInput& input, Plan& plan);
  std::optional<std::string> AddContextPassages(const AssemblyInput& input, Plan& plan,
                                                const std::function<bool()>& should_abort);

  AttachmentIndex& index_;
  AssemblyOptions options_;
};

// Characters the parts of `request` add to the provider request body:
// escaped texts, the schema, and an allowance for the JSON around them.
std::size_t EstimatedRequestChars(const ChatRequest& request);

}  // namespace mcp_server
