#pragma once
// Everything the server reads from its environment, read once at start-up so
// the rest of the code takes plain values (and tests can set them directly).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace mcp_server {

struct Config {
  std::string host = "0.0.0.0";
  int port = 8000;  // MCP_PORT

  std::string openai_base_url = "https://api.openai.com/v1";  // OPENAI_BASE_URL
  std::string openai_api_key;                                 // OPENAI_API_KEY; never logged

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

  int worker_threads = 16;  // MCP_WORKER_THREADS; chat calls hold a worker for their duration

  // Reads the variables named above; unset or malformed ones keep the defaults.
  static Config FromEnv();
};

// Splits a comma-separated list, trimming blanks and dropping empty items.
std::vector<std::string> SplitCommaList(const std::string& text);

}  // namespace mcp_server
