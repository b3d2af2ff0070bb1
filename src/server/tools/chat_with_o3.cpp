#include "chat_with_o3.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "../schema_check.h"

namespace mcp_server {
namespace {

constexpr const char* kTool = "chat_with_o3";
constexpr const char* kProvider = "openai";
constexpr const char* kModel = "o3";
constexpr const char* kDefaultEffort = "medium";

ToolResult Fail(const std::string& why) {
  return ToolResult::Fail(std::string(kTool) + ": " + why);
}

}  // namespace

ChatWithO3Tool::ChatWithO3Tool(OpenAiClient client, ConversationStore& store)
    : client_(std::move(client)), store_(store) {}

ModelInfo ChatWithO3Tool::Info() {
  return {kTool, kProvider, kModel, 200000,
          "Consult OpenAI o3, a reasoning model, for a second opinion. The conversation continues "
          "across calls that pass the same session_id."};
}

nlohmann::json ChatWithO3Tool::InputSchema() const {
  return {{"type", "object"},
          {"properties",
           {{"instructions",
             {{"type", "string"},
              {"minLength", 1},
              {"description", "What to ask the model: the question or task, with any context."}}},
            {"session_id",
             {{"type", "string"},
              {"minLength", 1},
              {"description", "Conversation id; calls with the same id share history."}}},
            {"output_format",
             {{"type", "string"},
              {"description", "Optional description of the desired answer format."}}},
            {"reasoning_effort",
             {{"type", "string"},
              {"enum", {"low", "medium", "high"}},
              {"description", "How hard the model should think (default medium)."}}}}},
          {"required", {"instructions", "session_id"}},
          {"additionalProperties", false}};
}

ToolResult ChatWithO3Tool::Call(const nlohmann::json& arguments) {
  if (auto problem = CheckArguments(InputSchema(), arguments)) return Fail(*problem);
  if (!client_.HasApiKey()) {
    return Fail("the openai provider is not configured: OPENAI_API_KEY is not set");
  }
  const auto instructions = arguments["instructions"].get<std::string>();
  const auto session_id = arguments["session_id"].get<std::string>();

  std::string store_error;
  const auto history = store_.History(session_id, &store_error);
  if (!history) return Fail("cannot read the session history: " + store_error);

  ResponsesRequest request;
  request.model = kModel;
  for (const auto& turn : *history) request.input.push_back({turn.role, turn.content});
  request.input.push_back({"user", instructions});
  request.reasoning_effort = arguments.value("reasoning_effort", kDefaultEffort);
  if (arguments.contains("output_format")) {
    request.instructions =
        "Format your answer as follows: " + arguments["output_format"].get<std::string>();
  }

  ProviderReply reply = client_.CreateResponse(request);
  if (!reply.ok) return Fail(reply.error);

  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  if (auto error = store_.Append(session_id, {{"user", instructions, kProvider, kModel, now},
                                              {"assistant", reply.text, kProvider, kModel, now}})) {
    // The answer is still worth returning; only the continuation is lost.
    spdlog::error("{}: could not store the turn of session {}: {}", kTool, session_id, *error);
  }
  return ToolResult::Ok(std::move(reply.text));
}

}  // namespace mcp_server
