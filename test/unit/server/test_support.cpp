#include "test_support.h"

#include <gtest/gtest.h>
#include <openssl/rand.h>

#include <cstdio>
#include <stdexcept>

namespace mcp_server::testing {

bool PollUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto interval = std::chrono::milliseconds(1);
  // Bounded poll with backoff: readiness is a condition, never a fixed sleep.
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);  // poll backoff
    interval = std::min(interval * 2, std::chrono::milliseconds(50));
  }
  return true;
}

TempDir::TempDir() {
  unsigned char bytes[8];
  RAND_bytes(bytes, sizeof bytes);
  std::string name = "mcp-server-test-";
  for (unsigned char b : bytes) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", b);
    name += hex;
  }
  path_ = std::filesystem::temp_directory_path() / name;
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

FakeOpenAi::FakeOpenAi() {
  http_.Post("/v1/responses", [this](const httplib::Request& req, httplib::Response& res) {
    ScriptedReply reply;
    {
      std::lock_guard lock(mu_);
      requests_.push_back({req.path, req.get_header_value("Authorization"),
                           nlohmann::json::parse(req.body, nullptr, false),
                           std::chrono::steady_clock::now()});
      if (!script_.empty()) {
        reply = script_.front();
        script_.pop_front();
      } else {
        reply.body = ResponseWithText("fake answer " + std::to_string(requests_.size()));
      }
    }
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
    res.set_content(reply.body, "application/json");
  });
  port_ = http_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake openai: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { http_.listen_after_bind(); });
  if (!PollUntil([this] { return http_.is_running(); })) {
    throw std::runtime_error("fake openai: not running after 5 s");
  }
}

FakeOpenAi::~FakeOpenAi() {
  http_.stop();
  thread_.join();
}

std::string FakeOpenAi::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

void FakeOpenAi::Script(ScriptedReply reply) {
  std::lock_guard lock(mu_);
  script_.push_back(std::move(reply));
}

std::vector<CapturedRequest> FakeOpenAi::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::string FakeOpenAi::ResponseWithText(const std::string& text) {
  return nlohmann::json{
      {"id", "resp_1"},
      {"object", "response"},
      {"status", "completed"},
      {"output",
       {{{"type", "reasoning"}, {"id", "rs_1"}, {"summary", nlohmann::json::array()}},
        {{"type", "message"},
         {"id", "msg_1"},
         {"role", "assistant"},
         {"content", {{{"type", "output_text"}, {"text", text}}}}}}}}
      .dump();
}

RunningServer::RunningServer(Config config) : server_(std::make_unique<McpServer>(config)) {
  port_ = server_->Bind();
  if (port_ <= 0) throw std::runtime_error("mcp-server: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { server_->Serve(); });
  if (!PollUntil([this] { return server_->IsRunning(); })) {
    throw std::runtime_error("mcp-server: not running after 5 s");
  }
}

RunningServer::~RunningServer() {
  server_->Stop();
  thread_.join();
}

Config TestConfig(const std::filesystem::path& data_dir, const std::string& openai_base_url) {
  Config c;
  c.host = "127.0.0.1";
  c.port = 0;
  c.data_dir = data_dir;
  c.openai_base_url = openai_base_url;
  c.openai_api_key = "sk-test-key";
  c.provider_connect_timeout = std::chrono::milliseconds(2000);
  c.provider_total_timeout = std::chrono::milliseconds(10000);
  c.provider_max_attempts = 3;
  c.provider_backoff_base = std::chrono::milliseconds(20);
  c.worker_threads = 4;
  return c;
}

}  // namespace mcp_server::testing
