#include "search_session_attachments.h"

#include <fmt/format.h>

#include <cmath>

#include "../schema_check.h"

namespace mcp_server {
namespace {

constexpr const char* kTool = "search_session_attachments";

ToolResult Fail(const std::string& why) {
  return ToolResult::Fail(std::string(kTool) + ": " + why);
}

nlohmann::json ResultJson(const ScoredChunk& chunk) {
  return {{"file", chunk.file},
          {"line_start", chunk.line_start},
          {"line_end", chunk.line_end},
          {"score", std::round(chunk.score * 10000) / 10000},
          {"text", chunk.text}};
}

}  // namespace

SearchSessionAttachmentsTool::SearchSessionAttachmentsTool(AttachmentIndex& index, double min_score)
    : index_(index), min_score_(min_score) {}

std::string SearchSessionAttachmentsTool::Description() const {
  return "Search the vector store built from a session's attachments (the `attachments` of its "
         "chat calls): the passages most similar in meaning to the query, with file, line range "
         "and score.";
}

nlohmann::json SearchSessionAttachmentsTool::InputSchema() const {
  return {
      {"type", "object"},
      {"properties",
       {{"session_id",
         {{"type", "string"},
          {"minLength", 1},
          {"description", "The chat session whose attachments to search."}}},
        {"query",
         {{"type", "string"}, {"minLength", 1}, {"description", "What to look for, in words."}}},
        {"k",
         {{"type", "integer"},
          {"minimum", 1},
          {"maximum", 50},
          {"description", fmt::format("How many passages at most (default {}).", kDefaultK)}}}}},
      {"required", {"session_id", "query"}},
      {"additionalProperties", false}};
}

ToolResult SearchSessionAttachmentsTool::Call(const nlohmann::json& arguments) {
  if (auto problem = CheckArguments(InputSchema(), arguments)) return Fail(*problem);
  const auto session_id = arguments["session_id"].get<std::string>();
  const auto query = arguments["query"].get<std::string>();
  const auto k = static_cast<std::size_t>(arguments.value("k", kDefaultK));

  nlohmann::json body{{"session_id", session_id}, {"query", query}};
  body["results"] = nlohmann::json::array();
  if (index_.HasChunks(session_id, ChunkKind::kAttachment)) {  // else spare the embeddings call
    std::string error;
    const auto vector = index_.EmbedQuery(query, error);
    if (!vector) return Fail("cannot embed the query: " + error);
    const auto found =
        index_.Search(session_id, ChunkKind::kAttachment, *vector, k, min_score_, error);
    if (!found) return Fail("cannot search the session's attachments: " + error);
    for (const auto& chunk : *found) body["results"].push_back(ResultJson(chunk));
  }
  return ToolResult::Ok(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace mcp_server
