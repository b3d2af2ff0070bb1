#include "test_support.h"

#include <gtest/gtest.h>
#include <openssl/rand.h>

#include <cstdio>
#include <stdexcept>

#include "poll_until.h"

namespace mcp_server::testing {

bool PollUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  // Bounded poll with backoff: readiness is a condition, never a fixed sleep.
  return support::PollUntil(
      std::chrono::steady_clock::now() + timeout, condition,
      support::Backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(50)));
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

FakeProviders::FakeProviders() {
  http_.Post("/v1/responses", [this](const httplib::Request& req, httplib::Response& res) {
    Answer(req, res, &ResponseWithText);
  });
  http_.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
    if (AnswerMemory(req, res)) return;
    Answer(req, res, &ChatCompletionWithText);
  });
  http_.Post("/v1/embeddings", [this](const httplib::Request& req, httplib::Response& res) {
    AnswerMemory(req, res);
  });
  const auto gemini = [this](const httplib::Request& req, httplib::Response& res) {
    Answer(req, res, &GeminiWithText);
  };
  http_.Post(R"(/v1beta/models/([^/:]+):generateContent)", gemini);
  http_.Post(
      R"(/v1/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):generateContent)",
      gemini);
  port_ = http_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake providers: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { http_.listen_after_bind(); });
  if (!PollUntil([this] { return http_.is_running(); })) {
    throw std::runtime_error("fake providers: not running after 5 s");
  }
}

void FakeProviders::Answer(const httplib::Request& req, httplib::Response& res,
                           std::string (*default_body)(const std::string&)) {
  ScriptedReply reply;
  std::size_t index = 0;
  {
    std::lock_guard lock(mu_);
    requests_.push_back({req.path,
                         req.get_header_value("Authorization"),
                         nlohmann::json::parse(req.body, nullptr, false),
                         std::chrono::steady_clock::now(),
                         req.get_header_value("x-goog-api-key"),
                         {}});
    index = requests_.size() - 1;
    if (!script_.empty()) {
      reply = script_.front();
      script_.pop_front();
    } else {
      reply.body = default_body("fake answer " + std::to_string(requests_.size()));
      reply.delay = default_delay_;
    }
  }
  // The simulated provider's own latency, not a readiness wait.
  if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);  // sleep-ok: slow provider
  {
    std::lock_guard lock(mu_);
    requests_[index].answered_at = std::chrono::steady_clock::now();
  }
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  res.set_content(reply.body, "application/json");
}

FakeProviders::~FakeProviders() {
  http_.stop();
  thread_.join();
}

std::string FakeProviders::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

std::string FakeProviders::gemini_base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1beta";
}

void FakeProviders::Script(ScriptedReply reply) {
  std::lock_guard lock(mu_);
  script_.push_back(std::move(reply));
}

void FakeProviders::SetDefaultDelay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mu_);
  default_delay_ = delay;
}

std::vector<CapturedRequest> FakeProviders::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::string FakeProviders::ChatCompletionWithText(const std::string& text) {
  return nlohmann::json{{"id", "chatcmpl-1"},
                        {"object", "chat.completion"},
                        {"choices",
                         {{{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", text}}},
                           {"finish_reason", "stop"}}}}}
      .dump();
}

std::string FakeProviders::GeminiWithText(const std::string& text) {
  return nlohmann::json{{"candidates",
                         {{{"content", {{"role", "model"}, {"parts", {{{"text", text}}}}}},
                           {"finishReason", "STOP"}}}}}
      .dump();
}

std::string FakeProviders::ResponseWithText(const std::string& text) {
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

Config TestConfig(const std::filesystem::path& data_dir, const std::string& openai_base_url,
                  const std::string& gemini_base_url) {
  Config c;
  c.host = "127.0.0.1";
  c.port = 0;
  c.data_dir = data_dir;
  c.openai_base_url = openai_base_url;
  c.openai_api_key = "sk-test-key";
  if (!gemini_base_url.empty()) c.gemini_base_url = gemini_base_url;
  c.gemini_api_key = "gemini-test-key";
  c.provider_connect_timeout = std::chrono::milliseconds(2000);
  c.provider_total_timeout = std::chrono::milliseconds(10000);
  c.provider_max_attempts = 3;
  c.provider_backoff_base = std::chrono::milliseconds(20);
  c.worker_threads = 4;
  return c;
}

}  // namespace mcp_server::testing
