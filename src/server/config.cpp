#include "config.h"

#include <env.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace mcp_server {

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
    start = end + 1;
  }
  return items;
}

namespace {

std::string WithoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

void ReadGemini(Config& c) {
  c.gemini_api_key = support::EnvOr("GEMINI_API_KEY", "");
  c.vertex_project = support::EnvOr("VERTEX_PROJECT", "");
  c.vertex_location = support::EnvOr("VERTEX_LOCATION", "");
  c.vertex_access_token = support::EnvOr("VERTEX_ACCESS_TOKEN", "");
  const bool vertex = !c.vertex_project.empty() && !c.vertex_location.empty();
  const std::string default_base =
      vertex ? "https://" + c.vertex_location + "-aiplatform.googleapis.com/v1" : c.gemini_base_url;
  c.gemini_base_url = WithoutTrailingSlash(support::EnvOr("GEMINI_BASE_URL", default_base));
}

void ReadFileAccess(Config& c) {
  const auto roots = SplitCommaList(support::EnvOr("MCP_ALLOWED_ROOTS", ""));
  if (!roots.empty()) c.allowed_roots.assign(roots.begin(), roots.end());
  const long max_bytes = support::EnvIntOr("MCP_MAX_FILE_BYTES", 0);
  if (max_bytes > 0) c.max_file_bytes = static_cast<std::uintmax_t>(max_bytes);
}

// Reads `name` as an integer in [min, max] into `value`; unset or empty keeps
// `value`, anything else outside the range is a problem.
void ReadSize(const char* name, std::size_t min, std::size_t max, std::size_t& value,
              std::vector<std::string>& problems) {
  const std::string text = support::EnvOr(name, "");
  if (text.empty()) return;
  std::size_t parsed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size() || parsed < min || parsed > max) {
    problems.push_back(
        fmt::format("{}={:?}: expected an integer from {} to {}", name, text, min, max));
    return;
  }
  value = parsed;
}

void ReadScore(const char* name, double& value, std::vector<std::string>& problems) {
  const std::string text = support::EnvOr(name, "");
  if (text.empty()) return;
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(parsed) || parsed < -1 || parsed > 1) {
    problems.push_back(
        fmt::format("{}={:?}: expected a number from -1 to 1 (a cosine)", name, text));
    return;
  }
  value = parsed;
}

void ReadAttachments(Config& c) {
  ReadSize("MCP_INLINE_BUDGET_TOKENS", 1000, 10000000, c.inline_budget_tokens, c.problems);
  ReadSize("MCP_ATTACHMENT_TOP_K", 1, 50, c.attachment_top_k, c.problems);
  ReadScore("MCP_ATTACHMENT_MIN_SCORE", c.attachment_min_score, c.problems);
  ReadScore("MCP_ATTACHMENT_RELATIVE_SCORE", c.attachment_relative_score, c.problems);
  ReadSize("MCP_ATTACHMENT_CHUNK_TOKENS", 16, 8000, c.chunk_tokens, c.problems);
  ReadSize("MCP_ATTACHMENT_CHUNK_OVERLAP_TOKENS", 0, 4000, c.chunk_overlap_tokens, c.problems);
  if (c.chunk_overlap_tokens * 2 > c.chunk_tokens) {
    c.problems.push_back(
        fmt::format("MCP_ATTACHMENT_CHUNK_OVERLAP_TOKENS ({}) must be at most half of "
                    "MCP_ATTACHMENT_CHUNK_TOKENS ({})",
                    c.chunk_overlap_tokens, c.chunk_tokens));
  }
  ReadSize("MCP_ATTACHMENT_MAX_CHUNKS_PER_SESSION", 1, 10000000,
           c.attachment_max_chunks_per_session, c.problems);
  ReadSize("MCP_ATTACHMENT_MAX_CHUNKS", 1, 100000000, c.attachment_max_chunks, c.problems);
  if (c.attachment_max_chunks_per_session > c.attachment_max_chunks) {
    c.problems.push_back(fmt::format(
        "MCP_ATTACHMENT_MAX_CHUNKS_PER_SESSION ({}) must not exceed MCP_ATTACHMENT_MAX_CHUNKS ({})",
        c.attachment_max_chunks_per_session, c.attachment_max_chunks));
  }
}

}  // namespace

Config Config::FromEnv() {
  Config c;
  c.host = support::EnvOr("MCP_HOST", c.host);
  c.port = static_cast<int>(support::EnvIntOr("MCP_PORT", c.port));
  c.http_path = support::EnvOr("MCP_HTTP_PATH", c.http_path);
  if (!c.http_path.starts_with("/") || c.http_path == "/healthz") {
    c.problems.push_back(fmt::format(
        "MCP_HTTP_PATH={:?}: expected a path starting with '/', other than /healthz", c.http_path));
  }
  c.openai_base_url = support::EnvOr("OPENAI_BASE_URL", c.openai_base_url);
  while (!c.openai_base_url.empty() && c.openai_base_url.back() == '/')
    c.openai_base_url.pop_back();
  c.openai_api_key = support::EnvOr("OPENAI_API_KEY", "");
  ReadGemini(c);
  ReadFileAccess(c);
  const long ttl_s = support::EnvIntOr("MCP_SESSION_TTL_S", c.session_ttl.count());
  if (ttl_s > 0) c.session_ttl = std::chrono::seconds(ttl_s);
  c.data_dir = support::EnvOr("MCP_DATA_DIR", c.data_dir.string());
  c.allowed_origins = SplitCommaList(support::EnvOr("MCP_ALLOWED_ORIGINS", ""));
  const long body = support::EnvIntOr("MCP_MAX_BODY_BYTES", static_cast<long>(c.max_body_bytes));
  if (body > 0) c.max_body_bytes = static_cast<std::size_t>(body);
  const long timeout_s = support::EnvIntOr("MCP_PROVIDER_TIMEOUT_S", 120);
  if (timeout_s > 0) c.provider_total_timeout = std::chrono::seconds(timeout_s);
  c.provider_max_attempts = static_cast<int>(
      std::max(1L, support::EnvIntOr("MCP_PROVIDER_MAX_ATTEMPTS", c.provider_max_attempts)));
  c.provider_backoff_base = std::chrono::milliseconds(
      std::max(0L, support::EnvIntOr("MCP_PROVIDER_BACKOFF_MS", c.provider_backoff_base.count())));
  c.worker_threads =
      static_cast<int>(std::max(2L, support::EnvIntOr("MCP_WORKER_THREADS", c.worker_threads)));
  c.summary_model = support::EnvOr("MCP_SUMMARY_MODEL", c.summary_model);
  c.embedding_model = support::EnvOr("MCP_EMBEDDING_MODEL", c.embedding_model);
  c.summary_retry_base = std::chrono::milliseconds(
      std::max(1L, support::EnvIntOr("MCP_SUMMARY_RETRY_BASE_MS", c.summary_retry_base.count())));
  c.summary_retry_cap = std::chrono::milliseconds(
      std::max(1L, support::EnvIntOr("MCP_SUMMARY_RETRY_CAP_MS", c.summary_retry_cap.count())));
  const long queue_max = support::EnvIntOr("MCP_SUMMARY_QUEUE_MAX", 0);
  if (queue_max > 0) c.summary_queue_max = static_cast<std::size_t>(queue_max);
  c.conformance_fixtures = support::EnvOr("MCP_CONFORMANCE_FIXTURES", "") == "1";
  ReadAttachments(c);
  return c;
}

}  // namespace mcp_server
