// FakeProviders' answers to the project memory's background traffic: the
// summariser's Chat Completions calls and the embeddings endpoint.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

#include "memory/summary_worker.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;

bool IsSummariserCall(const json& body) {
  if (!body.is_object() || !body.contains("messages") || !body["messages"].is_array()) {
    return false;
  }
  for (const auto& message : body["messages"]) {
    if (message.value("role", "") == "system" &&
        message.value("content", "") == SummaryWorker::SystemPrompt()) {
      return true;
    }
  }
  return false;
}

std::string UserPrompt(const json& body) {
  for (const auto& message : body["messages"]) {
    if (message.value("role", "") == "user") return message.value("content", "");
  }
  return "";
}

std::string EmbeddingsBody(const json& request) {
  auto inputs = request.value("input", json::array());
  if (inputs.is_string()) inputs = json::array({inputs});
  auto data = json::array();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto text = inputs[i].is_string() ? inputs[i].get<std::string>() : inputs[i].dump();
    data.push_back(
        {{"object", "embedding"}, {"index", i}, {"embedding", FakeProviders::HashEmbedding(text)}});
  }
  return json{{"object", "list"}, {"data", data}, {"model", request.value("model", "")}}.dump();
}

}  // namespace

std::vector<float> FakeProviders::HashEmbedding(const std::string& text) {
  constexpr std::size_t kDimensions = 64;
  std::vector<float> vector(kDimensions, 0.0f);
  std::string word;
  const auto add_word = [&] {
    if (!word.empty()) vector[std::hash<std::string>{}(word) % kDimensions] += 1.0f;
    word.clear();
  };
  for (const unsigned char c : text) {
    if (std::isalnum(c)) {
      word += static_cast<char>(std::tolower(c));
    } else {
      add_word();
    }
  }
  add_word();
  float norm = 0;
  for (const float value : vector) norm += value * value;
  if (norm > 0) {
    for (float& value : vector) value /= std::sqrt(norm);
  }
  return vector;
}

bool FakeProviders::AnswerMemory(const httplib::Request& req, httplib::Response& res) {
  const auto body = json::parse(req.body, nullptr, false);
  const bool embeddings = req.path == "/v1/embeddings";
  if (!embeddings && !IsSummariserCall(body)) return false;
  ScriptedReply reply;
  {
    std::lock_guard lock(mu_);
    memory_requests_.push_back({req.path,
                                req.get_header_value("Authorization"),
                                body,
                                std::chrono::steady_clock::now(),
                                "",
                                {}});
    auto& script = memory_scripts_[req.path];
    if (!script.empty()) {
      reply = script.front();
      script.pop_front();
    } else {
      reply.body = embeddings ? EmbeddingsBody(body)
                              : ChatCompletionWithText("summary of: " + UserPrompt(body));
    }
  }
  // The simulated provider's own latency, not a readiness wait.
  if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);  // sleep-ok: slow provider
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  res.set_content(reply.body, "application/json");
  return true;
}

void FakeProviders::ScriptMemory(const std::string& path, ScriptedReply reply) {
  std::lock_guard lock(mu_);
  memory_scripts_[path].push_back(std::move(reply));
}

std::vector<CapturedRequest> FakeProviders::memory_requests() const {
  std::lock_guard lock(mu_);
  return memory_requests_;
}

}  // namespace mcp_server::testing
