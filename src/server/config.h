#pragma once
// Everything the server reads from its environment, read once at start-up so
// the rest of the code takes plain values (and tests can set them directly).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mcp_server {

struct Config {
  std::string host = "0.0.0.0";  // MCP_HOST
  int port = 8000;               // MCP_PORT (0: any free port, logged at start)
  // MCP_HTTP_PATH: where MCP Streamable HTTP is served (starts with '/', not /healthz).
  std::string http_path = "/mcp";

  std::string openai_base_url = "https://api.openai.com/v1";  // OPENAI_BASE_URL
  std::string openai_api_key;                                 // OPENAI_API_KEY; never logged

  // Gemini: AI Studio shape with GEMINI_API_KEY, or the Vertex shape when
  // VERTEX_PROJECT and VERTEX_LOCATION are both set (then the bearer token is
  // VERTEX_ACCESS_TOKEN and, unless GEMINI_BASE_URL is set, the base URL is
  // https://{location}-aiplatform.googleapis.com/v1).
  std::string gemini_base_url = "https://generativelanguage.googleapis.com/v1beta";
  std::string gemini_api_key;       // GEMINI_API_KEY; never logged
  std::string vertex_project;       // VERTEX_PROJECT
  std::string vertex_location;      // VERTEX_LOCATION
  std::string vertex_access_token;  // VERTEX_ACCESS_TOKEN; never logged

  // Files a chat call may inline: MCP_ALLOWED_ROOTS (comma list), per-file
  // size limit MCP_MAX_FILE_BYTES.
  std::vector<std::filesystem::path> allowed_roots{"/workspace"};
  std::uintmax_t max_file_bytes = 1024 * 1024;

  // MCP_SESSION_TTL_S: a chat session whose last turn is older starts afresh.
  std::chrono::seconds session_ttl{86400};

  std::filesystem::path data_dir = "/data";  // MCP_DATA_DIR; holds mcp.db

  // MCP_ALLOWED_ORIGINS (comma list). Empty: only http://localhost and
  // http://127.0.0.1 (any port) are allowed, the DNS-rebinding default.
  std::vector<std::string> allowed_origins;

  std::size_t max_body_bytes = 4 * 1024 * 1024;  // MCP_MAX_BODY_BYTES

  // Provider calls: connect timeout per attempt, and a total budget that
  // bounds all attempts and backoff waits together (MCP_PROVIDER_TIMEOUT_S).
  std::chrono::milliseconds provider_connect_timeout{5000};
  std::chrono::milliseconds provider_total_timeout{120000};
  int provider_max_attempts = 4;                         // MCP_PROVIDER_MAX_ATTEMPTS
  std::chrono::milliseconds provider_backoff_base{500};  // MCP_PROVIDER_BACKOFF_MS

  // Project memory: MCP_SUMMARY_MODEL (an OpenAI Chat Completions model)
  // summarises each chat turn, MCP_EMBEDDING_MODEL embeds summaries and
  // queries. A failed summary job waits MCP_SUMMARY_RETRY_BASE_MS, doubling up
  // to MCP_SUMMARY_RETRY_CAP_MS; at most MCP_SUMMARY_QUEUE_MAX jobs wait.
  std::string summary_model = "gpt-4.1-mini";
  std::string embedding_model = "text-embedding-3-small";
  std::chrono::milliseconds summary_retry_base{2000};
  std::chrono::milliseconds summary_retry_cap{300000};
  std::size_t summary_queue_max = 10000;

  int worker_threads = 16;  // MCP_WORKER_THREADS; chat calls hold a worker for their duration

  // MCP_CONFORMANCE_FIXTURES=1: also offer the fixture tools, resources and
  // prompts the official MCP conformance suite calls (test_simple_text, ...).
  bool conformance_fixtures = false;

  // Attachments and the large-context fallback (attachments/*.h). Sizes in
  // estimated tokens (4 characters each). MCP_INLINE_BUDGET_TOKENS bounds a
  // chat request; MCP_ATTACHMENT_TOP_K passages scoring at least
  // MCP_ATTACHMENT_MIN_SCORE (cosine; 0.15 sits above the model stub's
  // hashed-embedding noise for unrelated words) join a prompt; files are cut
  // into MCP_ATTACHMENT_CHUNK_TOKENS chunks overlapping by
  // MCP_ATTACHMENT_CHUNK_OVERLAP_TOKENS; the vector store holds at most
  // MCP_ATTACHMENT_MAX_CHUNKS_PER_SESSION chunks per session and
  // MCP_ATTACHMENT_MAX_CHUNKS in all.
  std::size_t inline_budget_tokens = 12000;
  std::size_t attachment_top_k = 4;
  double attachment_min_score = 0.15;
  // MCP_ATTACHMENT_RELATIVE_SCORE: a passage joins a prompt only when it also
  // scores at least this share of the best passage's score. Cosine between
  // unrelated texts is far from 0 (shared common words; real embedding
  // models too), so an absolute floor alone lets every document in.
  double attachment_relative_score = 0.7;
  std::size_t chunk_tokens = 300;
  std::size_t chunk_overlap_tokens = 50;
  std::size_t attachment_max_chunks_per_session = 20000;
  std::size_t attachment_max_chunks = 100000;

  // Values FromEnv() refused, each naming the variable, its value and what
  // is accepted; main() does not start with any.
  std::vector<std::string> problems;

  // Reads the variables named above; unset or malformed ones keep the
  // defaults, except the attachment settings, whose bad values are `problems`.
  static Config FromEnv();
};

// Splits a comma-separated list, trimming blanks and dropping empty items.
std::vector<std::string> SplitCommaList(const std::string& text);

}  // namespace mcp_server
