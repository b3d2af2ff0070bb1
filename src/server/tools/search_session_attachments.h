#pragma once
// search_session_attachments: the chunks of one session's attachments most
// similar (embedding cosine) to a query, above the minimum score
// (MCP_ATTACHMENT_MIN_SCORE). Only that session's attachments are searched;
// context files indexed by the large-context fallback are not attachments.
// An unknown session, or a session without attachments, gives no results
// (and no embeddings request), not an error.

#include "../attachments/attachment_index.h"
#include "../tool.h"

namespace mcp_server {

class SearchSessionAttachmentsTool : public Tool {
 public:
  static constexpr int kDefaultK = 4;

  // `index` must outlive the tool.
  SearchSessionAttachmentsTool(AttachmentIndex& index, double min_score);

  std::string Name() const override { return "search_session_attachments"; }
  std::string Description() const override;
  nlohmann::json InputSchema() const override;
  // Ok: {"session_id", "query", "results": [{file, line_start, line_end,
  // score (4 decimals), text}]}, best first.
  ToolResult Call(const nlohmann::json& arguments) override;

 private:
  AttachmentIndex& index_;
  double min_score_;
};

}  // namespace mcp_server
