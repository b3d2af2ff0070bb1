#include "chat_completions_provider.h"

#include "history_format.h"
#include "provider_post.h"

namespace mcp_server {

std::optional<std::string> ChatCompletionsProvider::MissingConfiguration() const {
  if (settings_.api_key.empty()) return "OPENAI_API_KEY is not set";
  return std::nullopt;
}

nlohmann::json ChatCompletionsProvider::BuildBody(const ChatRequest& request) {
  nlohmann::json body{
      {"model", request.model},
      {"messages", ToChatCompletionsMessages(request.system_text, request.messages)}};
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.reasoning_effort) body["reasoning_effort"] = *request.reasoning_effort;
  if (request.output_schema) {
    // Not strict, for the same reason as the Responses API: the answer is
    // validated against the caller's full schema afterwards.
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema",
         {{"name", "structured_output"}, {"schema", *request.output_schema}, {"strict", false}}}};
  }
  return body;
}

std::optional<std::string> ChatCompletionsProvider::ExtractText(const nlohmann::json& response) {
  if (!response.is_object() || !response.contains("choices")) return std::nullopt;
  const auto& choices = response["choices"];
  if (!choices.is_array() || choices.empty() || !choices[0].is_object()) return std::nullopt;
  const auto message = choices[0].value("message", nlohmann::json::object());
  if (!message.is_object() || !message.contains("content") || !message["content"].is_string()) {
    return std::nullopt;
  }
  return message["content"].get<std::string>();
}

ProviderReply ChatCompletionsProvider::Send(const ChatRequest& request) const {
  return Post(request, request.should_abort);
}

ProviderReply ChatCompletionsProvider::Post(const ChatRequest& request,
                                            std::function<bool()> should_abort) const {
  const ProviderPost post{Name(),
                          settings_.base_url + "/chat/completions",
                          {"Content-Type: application/json", "Accept: application/json",
                           "Authorization: Bearer " + settings_.api_key},
                          BuildBody(request),
                          std::move(should_abort)};
  return PostWithRetries(post, settings_, &ExtractText, "choices[0].message.content");
}

ProviderReply ChatCompletionsProvider::Complete(const std::string& model,
                                                const std::string& system_text,
                                                const std::string& user_text,
                                                std::function<bool()> should_abort) const {
  ChatRequest request;
  request.model = model;
  request.system_text = system_text;
  request.messages.push_back({"user", user_text});
  return Post(request, std::move(should_abort));
}

}  // namespace mcp_server
