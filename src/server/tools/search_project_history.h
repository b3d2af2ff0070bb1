#pragma once
// search_project_history: finds summaries of past conversations in the
// project memory, ranked by a hybrid of embedding cosine and FTS5 BM25 (see
// memory/hybrid_rank.h). When the query cannot be embedded, it ranks by
// words alone and says so in the result.

#include "../embedder.h"
#include "../memory/memory_store.h"
#include "../tool.h"

namespace mcp_server {

class SearchProjectHistoryTool : public Tool {
 public:
  // `store` and `embedder` must outlive the tool.
  SearchProjectHistoryTool(const MemoryStore& store, const Embedder& embedder);

  std::string Name() const override { return "search_project_history"; }
  std::string Description() const override;
  nlohmann::json InputSchema() const override;
  // Ok: {"query", "ranking": "hybrid"|"text_only", "note"?, "results": [{session_id, model,
  // provider, time (ISO 8601 UTC), score, summary}]}.
  ToolResult Call(const nlohmann::json& arguments) override;

 private:
  const MemoryStore& store_;
  const Embedder& embedder_;
};

// Unix seconds as ISO 8601 UTC, e.g. 2026-11-27T07:07:01Z.
std::string IsoUtc(std::int64_t unix_seconds);

}  // namespace mcp_server
