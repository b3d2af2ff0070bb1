#pragma once
// In-process pieces the server tests share: a fake OpenAI endpoint, the real
// server on an ephemeral 127.0.0.1 port, and a throwaway data directory.

#include <httplib.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
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
  std::chrono::steady_clock::time_point at;
};

// What the fake provider answers with, in order; after the script runs out
// it answers 200 with a Responses-API message "fake answer N".
struct ScriptedReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// An OpenAI Responses API stand-in on 127.0.0.1 (POST /v1/responses).
class FakeOpenAi {
 public:
  FakeOpenAi();
  ~FakeOpenAi();
  std::string base_url() const;  // http://127.0.0.1:PORT/v1
  void Script(ScriptedReply reply);
  std::vector<CapturedRequest> requests() const;

  // A Responses API body whose single message says `text`.
  static std::string ResponseWithText(const std::string& text);

 private:
  httplib::Server http_;
  std::thread thread_;
  int port_ = -1;
  mutable std::mutex mu_;
  std::deque<ScriptedReply> script_;
  std::vector<CapturedRequest> requests_;
};

// The real McpServer serving on 127.0.0.1:<ephemeral> in a background thread.
class RunningServer {
 public:
  explicit RunningServer(Config config);
  ~RunningServer();
  int port() const { return port_; }

 private:
  std::unique_ptr<McpServer> server_;
  std::thread thread_;
  int port_ = -1;
};

// A config for tests: loopback, ephemeral port, fast retries.
Config TestConfig(const std::filesystem::path& data_dir, const std::string& openai_base_url);

}  // namespace mcp_server::testing
