#include "chat_tool_spec.h"

namespace mcp_server {
namespace {

constexpr const char* kContinues =
    " The conversation continues across calls that pass the same session_id, with any model.";

ChatToolSpec O3() {
  ChatToolSpec spec;
  spec.info = {"chat_with_o3", "openai", "o3", 200000,
               std::string("Consult OpenAI o3 (Responses API), a reasoning model, for a second "
                           "opinion on hard problems.") +
                   kContinues};
  spec.api = ChatApi::kOpenAiResponses;
  spec.reasoning = true;
  spec.default_effort = "medium";
  spec.temperature_adjustable = false;  // OpenAI rejects any other temperature for o-series
  return spec;
}

ChatToolSpec Gpt41() {
  ChatToolSpec spec;
  spec.info = {"chat_with_gpt41", "openai", "gpt-4.1", 1047576,
               std::string("Consult OpenAI GPT-4.1 (Chat Completions), a fast non-reasoning model "
                           "with a very long context.") +
                   kContinues};
  spec.api = ChatApi::kOpenAiChatCompletions;
  return spec;
}

ChatToolSpec Gemini(const char* tool, const char* model, const char* what) {
  ChatToolSpec spec;
  spec.info = {tool, "gemini", model, 1048576, std::string(what) + kContinues};
  spec.api = ChatApi::kGemini;
  // Thinking models; without an effort Gemini picks its own (dynamic) budget.
  spec.reasoning = true;
  return spec;
}

}  // namespace

std::vector<ChatToolSpec> BuiltInChatToolSpecs() {
  return {O3(), Gpt41(),
          Gemini("chat_with_gemini25_pro", "gemini-2.5-pro",
                 "Consult Google Gemini 2.5 Pro (generateContent), a thinking model for complex "
                 "reasoning over long context."),
          Gemini("chat_with_gemini25_flash", "gemini-2.5-flash",
                 "Consult Google Gemini 2.5 Flash (generateContent), a fast thinking model.")};
}

}  // namespace mcp_server
