#pragma once
// In-process pieces the server tests share: a fake of the provider APIs
// (OpenAI Responses and Chat Completions, Gemini generateContent), the real
// server on an ephemeral 127.0.0.1 port, and a throwaway data directory.

#include <httplib.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "config.h"
#include "server.h"

namespace mcp_server::testing {

// Polls `condition` with a growing interval until it holds or `timeout`
// passes. Returns whether it held.
bool PollUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = std::chrono::seconds(5));

// A directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// What the fake provider received.
struct CapturedRequest {
  std::string path;
  std::string authorization;
  nlohmann::json body;
  std::chrono::steady_clock::time_point at;           // arrival
  std::string goog_api_key;                           // x-goog-api-key (Gemini AI Studio)
  std::chrono::steady_clock::time_point answered_at;  // after any delay
};

// What the fake provider answers with, in order, whatever the endpoint; after
// the script runs out it answers 200 with "fake answer N" in the format of
// the endpoint called.
struct ScriptedReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // a slow provider
};

// Provider API stand-ins on 127.0.0.1: POST /v1/responses,
// /v1/chat/completions, /v1beta/models/{m}:generateContent and the Vertex
// /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent.
class FakeProviders {
 public:
  FakeProviders();
  ~FakeProviders();
  std::string base_url() const;         // http://127.0.0.1:PORT/v1 (OpenAI, Vertex)
  std::string gemini_base_url() const;  // http://127.0.0.1:PORT/v1beta
  void Script(ScriptedReply reply);
  // Every unscripted answer waits this long first (a slow provider).
  void SetDefaultDelay(std::chrono::milliseconds delay);
  std::vector<CapturedRequest> requests() const;

  // A Responses API body whose single message says `text`.
  static std::string ResponseWithText(const std::string& text);
  // A Chat Completions body whose first choice says `text`.
  static std::string ChatCompletionWithText(const std::string& text);
  // A Gemini generateContent body whose first candidate says `text`.
  static std::string GeminiWithText(const std::string& text);

  // The project memory's background traffic (fake_memory_endpoints.cpp):
  // summariser calls (Chat Completions under SummaryWorker::SystemPrompt())
  // and POST /v1/embeddings are answered and captured apart from Script() and
  // requests(), so chat tests never see the worker. Unscripted, a summary is
  // "summary of: <the user prompt>" and an embedding is HashEmbedding(text).
  void ScriptMemory(const std::string& path, ScriptedReply reply);
  std::vector<CapturedRequest> memory_requests() const;
  // Feature hashing of lower-cased words into 64 buckets, L2-normalised:
  // texts that share words have a higher cosine.
  static std::vector<float> HashEmbedding(const std::string& text);

 private:
  void Answer(const httplib::Request& req, httplib::Response& res,
              std::string (*default_body)(const std::string&));
  // True when `req` was the project memory's and has been answered.
  bool AnswerMemory(const httplib::Request& req, httplib::Response& res);

  httplib::Server http_;
  std::thread thread_;
  int port_ = -1;
  mutable std::mutex mu_;
  std::deque<ScriptedReply> script_;
  std::chrono::milliseconds default_delay_{0};
  std::vector<CapturedRequest> requests_;
  std::map<std::string, std::deque<ScriptedReply>> memory_scripts_;  // by path
  std::vector<CapturedRequest> memory_requests_;
};

// The older name, from when the fake spoke only the Responses API.
using FakeOpenAi = FakeProviders;

// The real McpServer serving on 127.0.0.1:<ephemeral> in a background thread.
class RunningServer {
 public:
  explicit RunningServer(Config config);
  ~RunningServer();
  int port() const { return port_; }
  McpServer& server() { return *server_; }

 private:
  std::unique_ptr<McpServer> server_;
  std::thread thread_;
  int port_ = -1;
};

// A config for tests: loopback, ephemeral port, fast retries, both
// providers keyed (Gemini at gemini_base_url when given).
Config TestConfig(const std::filesystem::path& data_dir, const std::string& openai_base_url,
                  const std::string& gemini_base_url = "");

}  // namespace mcp_server::testing
