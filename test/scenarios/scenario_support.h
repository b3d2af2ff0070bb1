#pragma once
// What the scenarios know about the reference MCP server beyond MCP itself:
// its /healthz (project-memory queue) and the JSON its search tool returns.
// Kept here so every scenario file reads the same way.
//
// Every assertion holds in every mode (offline, live, replay) except those
// wrapped in OFFLINE_ONLY: they check the stub's own wording (its echo
// brain's "Tool results:", one tool call per turn, "No tool named ..."),
// which only the echo brain gives (offline, no cassette; StackTest::EchoBrain).
//   OFFLINE_ONLY(EXPECT_THAT(run.result, HasSubstr("Tool results:")));

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/claude_runner.h"
#include "e2e/conditions.h"
#include "e2e/model_stub_client.h"
#include "e2e/stack.h"
#include "e2e/stack_test.h"

#define OFFLINE_ONLY(...) \
  do {                    \
    if (EchoBrain()) {    \
      __VA_ARGS__;        \
    }                     \
  } while (false)

namespace scenario {

// The fixture of the reference server's scenarios: besides Claude Code's
// Anthropic, every chat turn reaches OpenAI (the project memory's summariser
// and embeddings), so live mode needs both keys.
class ScenarioTest : public e2e::StackTest {
 protected:
  std::vector<e2e::LiveProvider> Providers() const override {
    return {e2e::LiveProvider::kAnthropic, e2e::LiveProvider::kOpenAi};
  }
};

inline constexpr const char* kServer = "mcp-server";
inline constexpr int kServerPort = 8000;
// OpenAI embeddings: the project memory's summaries, attachments and large contexts.
inline constexpr const char* kEmbeddingsPath = "/v1/embeddings";
// OpenAI Chat Completions: GPT-4.1's chat tool and the project-memory summariser.
inline constexpr const char* kChatCompletionsPath = "/v1/chat/completions";

// The server's /healthz JSON right now (a failed request is an empty object).
inline nlohmann::json ServerHealth(e2e::Stack& stack) {
  nlohmann::json health = nlohmann::json::object();
  std::string observed;
  e2e::HttpAnswers(stack, kServer, kServerPort, "/healthz",
                   [&health](const e2e::HttpAnswer& answer) {
                     const nlohmann::json parsed = answer.Json();
                     if (parsed.is_object()) health = parsed;
                     return true;
                   })(observed);
  return health;
}

// The project memory has no job left to summarise.
inline e2e::Condition ProjectMemoryIdle(e2e::Stack& stack) {
  return e2e::HttpAnswers(
      stack, kServer, kServerPort, "/healthz", [](const e2e::HttpAnswer& answer) {
        const nlohmann::json health = answer.Json();
        return answer.status == 200 && health.is_object() && health.value("queue_depth", -1) == 0;
      });
}

// The stub has received a request of `provider` at `path` whose body contains `text`.
inline e2e::Condition StubReceived(e2e::ModelStubClient& stub, std::string provider,
                                   std::string path, std::string text) {
  return [&stub, provider, path, text](std::string& observed) {
    const auto requests = stub.Requests(provider, path);
    observed = std::to_string(requests.size()) + " request(s) of " + provider + " at " + path;
    return std::any_of(requests.begin(), requests.end(), [&text](const e2e::StubRequest& request) {
      return request.body.dump().find(text) != std::string::npos;
    });
  };
}

// The requests for `model` among `requests`.
inline std::vector<e2e::StubRequest> OfModel(const std::vector<e2e::StubRequest>& requests,
                                             const std::string& model) {
  std::vector<e2e::StubRequest> of_model;
  std::copy_if(requests.begin(), requests.end(), std::back_inserter(of_model),
               [&model](const e2e::StubRequest& request) { return request.model == model; });
  return of_model;
}

// The text of every message of a Chat Completions request body, one per line.
inline std::string MessagesText(const nlohmann::json& body) {
  std::string text;
  for (const auto& message : body.value("messages", nlohmann::json::array())) {
    if (message.contains("content") && message["content"].is_string()) {
      text += message["content"].get<std::string>() + "\n";
    }
  }
  return text;
}

// The hits of a search_project_history or search_session_attachments result
// ({"results": [...]}), best first.
inline std::vector<nlohmann::json> ResultsOf(const std::string& tool_result) {
  const nlohmann::json parsed = nlohmann::json::parse(tool_result, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("results")) return {};
  return parsed["results"].get<std::vector<nlohmann::json>>();
}

// Claude Code calls `tool` once with `arguments` (the stub's directive);
// that call, with its result. A run that does not make exactly one such
// call with a result is a test failure (with the transcript), and an empty
// ToolCall comes back.
inline e2e::ToolCall CallOnce(e2e::ClaudeRunner& claude, const std::string& tool,
                              const nlohmann::json& arguments) {
  const e2e::ClaudeResult run = claude.Run("call " + tool + " with " + arguments.dump());
  EXPECT_EQ(run.exit_code, 0) << run.stderr_text;
  const auto calls = run.CallsOf(tool);
  if (calls.size() != 1 || !calls[0].has_result) {
    ADD_FAILURE() << "expected one " << tool << " call with a result:\n" << run.transcript;
    return {};
  }
  return calls[0];
}

// A chat tool's report on its files, the JSON in the second text block of
// its result: {"context": {"inlined", "retrieved", ...}, "attachments":
// {"indexed", "unchanged", "passages"}}; an empty object when there is none.
inline nlohmann::json ToolReport(const e2e::ToolCall& call) {
  if (call.result_blocks.size() < 2) return nlohmann::json::object();
  const nlohmann::json parsed = nlohmann::json::parse(call.result_blocks[1], nullptr, false);
  return parsed.is_object() ? parsed : nlohmann::json::object();
}

}  // namespace scenario
