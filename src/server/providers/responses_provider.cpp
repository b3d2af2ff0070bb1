#include "responses_provider.h"

#include "history_format.h"
#include "provider_post.h"

namespace mcp_server {

std::optional<std::string> ResponsesProvider::MissingConfiguration() const {
  if (settings_.api_key.empty()) return "OPENAI_API_KEY is not set";
  return std::nullopt;
}

nlohmann::json ResponsesProvider::BuildBody(const ChatRequest& request) {
  nlohmann::json body{{"model", request.model}, {"input", ToResponsesInput(request.messages)}};
  if (!request.system_text.empty()) body["instructions"] = request.system_text;
  if (request.reasoning_effort) body["reasoning"] = {{"effort", *request.reasoning_effort}};
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.output_schema) {
    // Not strict: OpenAI's strict mode accepts only a subset of JSON Schema,
    // and the answer is validated against the caller's schema anyway.
    body["text"] = {{"format",
                     {{"type", "json_schema"},
                      {"name", "structured_output"},
                      {"schema", *request.output_schema},
                      {"strict", false}}}};
  }
  return body;
}

std::optional<std::string> ResponsesProvider::ExtractText(const nlohmann::json& response) {
  if (!response.is_object() || !response.contains("output") || !response["output"].is_array()) {
    return std::nullopt;
  }
  std::optional<std::string> text;
  for (const auto& item : response["output"]) {
    if (!item.is_object() || item.value("type", "") != "message") continue;
    if (!item.contains("content") || !item["content"].is_array()) continue;
    for (const auto& part : item["content"]) {
      if (!part.is_object() || part.value("type", "") != "output_text") continue;
      if (!part.contains("text") || !part["text"].is_string()) continue;
      if (!text) text.emplace();
      *text += part["text"].get<std::string>();
    }
  }
  return text;
}

ProviderReply ResponsesProvider::Send(const ChatRequest& request) const {
  const ProviderPost post{Name(),
                          settings_.base_url + "/responses",
                          {"Content-Type: application/json", "Accept: application/json",
                           "Authorization: Bearer " + settings_.api_key},
                          BuildBody(request),
                          request.should_abort};
  return PostWithRetries(post, settings_, &ExtractText, "output_text");
}

}  // namespace mcp_server
