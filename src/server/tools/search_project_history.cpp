#include "search_project_history.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cmath>
#include <ctime>
#include <unordered_map>

#include "../memory/hybrid_rank.h"
#include "../schema_check.h"

namespace mcp_server {
namespace {

constexpr const char* kTool = "search_project_history";
constexpr int kDefaultMaxResults = 5;

ToolResult Fail(const std::string& why) {
  return ToolResult::Fail(std::string(kTool) + ": " + why);
}

std::vector<RankCandidate> Candidates(const std::vector<StoredMemory>& memories,
                                      const std::optional<std::vector<float>>& query_vector,
                                      const std::map<std::int64_t, double>& text_matches) {
  std::vector<RankCandidate> candidates;
  candidates.reserve(memories.size());
  for (const auto& memory : memories) {
    RankCandidate candidate{memory.id, std::nullopt, std::nullopt};
    if (query_vector) candidate.cosine = CosineSimilarity(*query_vector, memory.embedding);
    if (auto match = text_matches.find(memory.id); match != text_matches.end()) {
      candidate.bm25 = match->second;
    }
    candidates.push_back(candidate);
  }
  return candidates;
}

nlohmann::json ResultJson(const StoredMemory& memory, double score) {
  return {{"session_id", memory.session_id},
          {"model", memory.model},
          {"provider", memory.provider},
          {"time", IsoUtc(memory.created_at_unix)},
          {"score", std::round(score * 10000) / 10000},
          {"summary", memory.summary}};
}

nlohmann::json ResultsJson(const std::vector<RankedId>& ranked,
                           const std::vector<StoredMemory>& memories) {
  std::unordered_map<std::int64_t, const StoredMemory*> by_id;
  for (const auto& memory : memories) by_id[memory.id] = &memory;
  auto results = nlohmann::json::array();
  for (const auto& hit : ranked) results.push_back(ResultJson(*by_id.at(hit.id), hit.score));
  return results;
}

}  // namespace

std::string IsoUtc(std::int64_t unix_seconds) {
  const auto seconds = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", utc);
}

SearchProjectHistoryTool::SearchProjectHistoryTool(const MemoryStore& store,
                                                   const Embedder& embedder)
    : store_(store), embedder_(embedder) {}

std::string SearchProjectHistoryTool::Description() const {
  return "Search the project memory: summaries of past conversations with any model, ranked by "
         "meaning and by shared words. Summaries appear shortly after each chat turn.";
}

nlohmann::json SearchProjectHistoryTool::InputSchema() const {
  return {
      {"type", "object"},
      {"properties",
       {{"query",
         {{"type", "string"}, {"minLength", 1}, {"description", "What to look for, in words."}}},
        {"max_results",
         {{"type", "integer"},
          {"minimum", 1},
          {"maximum", 50},
          {"description", "How many results at most (default 5)."}}},
        {"session_id",
         {{"type", "string"}, {"description", "Only search this conversation's memories."}}}}},
      {"required", {"query"}},
      {"additionalProperties", false}};
}

ToolResult SearchProjectHistoryTool::Call(const nlohmann::json& arguments) {
  if (auto problem = CheckArguments(InputSchema(), arguments)) return Fail(*problem);
  const auto query = arguments["query"].get<std::string>();
  const auto limit = static_cast<std::size_t>(arguments.value("max_results", kDefaultMaxResults));
  std::optional<std::string> session;
  if (arguments.contains("session_id")) session = arguments["session_id"].get<std::string>();

  std::string error;
  const auto memories = store_.Memories(session, &error);
  if (!memories) return Fail("cannot read the project memory: " + error);
  const auto text_matches = store_.TextMatches(query, session, &error);
  if (!text_matches) return Fail("cannot search the project memory: " + error);

  nlohmann::json body{{"query", query}, {"ranking", "hybrid"}};
  std::optional<std::vector<float>> query_vector;
  if (!memories->empty()) {  // nothing to compare with: spare the provider call
    EmbeddingsReply embedded = embedder_.Embed({query});
    if (embedded.ok) {
      query_vector = std::move(embedded.vectors.front());
    } else {
      body["ranking"] = "text_only";
      body["note"] = "embeddings unavailable, ranked by full-text match only: " + embedded.error;
    }
  }
  const auto weights = query_vector ? RankWeights{} : RankWeights::TextOnly();
  const auto ranked =
      RankHybrid(Candidates(*memories, query_vector, *text_matches), weights, limit);
  body["results"] = ResultsJson(ranked, *memories);
  return ToolResult::Ok(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace mcp_server
