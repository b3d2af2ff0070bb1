#include "gemini_provider.h"

#include <fmt/format.h>

#include "history_format.h"
#include "provider_post.h"

namespace mcp_server {
namespace {

// Gemini's responseSchema is an OpenAPI subset: it refuses JSON Schema
// keywords it does not know, so drop those (the answer is still validated
// against the caller's full schema).
nlohmann::json ToGeminiSchema(const nlohmann::json& schema) {
  if (schema.is_array()) {
    auto out = nlohmann::json::array();
    for (const auto& item : schema) out.push_back(ToGeminiSchema(item));
    return out;
  }
  if (!schema.is_object()) return schema;
  auto out = nlohmann::json::object();
  for (const auto& [key, value] : schema.items()) {
    if (key == "additionalProperties" || key == "$schema" || key == "$id") continue;
    out[key] = ToGeminiSchema(value);
  }
  return out;
}

}  // namespace

std::optional<std::string> GeminiProvider::MissingConfiguration() const {
  if (!settings_.http.api_key.empty()) return std::nullopt;
  return settings_.UsesVertex() ? "VERTEX_ACCESS_TOKEN is not set (VERTEX_PROJECT is)"
                                : "GEMINI_API_KEY is not set";
}

std::string GeminiProvider::Endpoint(const std::string& model) const {
  if (settings_.UsesVertex()) {
    return fmt::format("{}/projects/{}/locations/{}/publishers/google/models/{}:generateContent",
                       settings_.http.base_url, settings_.vertex_project, settings_.vertex_location,
                       model);
  }
  return fmt::format("{}/models/{}:generateContent", settings_.http.base_url, model);
}

int GeminiProvider::ThinkingBudgetFor(const std::string& effort) {
  if (effort == "low") return 1024;
  if (effort == "high") return 24576;
  return 8192;
}

nlohmann::json GeminiProvider::BuildBody(const ChatRequest& request) {
  nlohmann::json body{{"contents", ToGeminiContents(request.messages)}};
  if (!request.system_text.empty()) {
    body["systemInstruction"] = ToGeminiSystemInstruction(request.system_text);
  }
  auto config = nlohmann::json::object();
  if (request.temperature) config["temperature"] = *request.temperature;
  if (request.reasoning_effort) {
    config["thinkingConfig"] = {{"thinkingBudget", ThinkingBudgetFor(*request.reasoning_effort)}};
  }
  if (request.output_schema) {
    config["responseMimeType"] = "application/json";
    config["responseSchema"] = ToGeminiSchema(*request.output_schema);
  }
  if (!config.empty()) body["generationConfig"] = std::move(config);
  return body;
}

std::optional<std::string> GeminiProvider::ExtractText(const nlohmann::json& response) {
  if (!response.is_object() || !response.contains("candidates")) return std::nullopt;
  const auto& candidates = response["candidates"];
  if (!candidates.is_array() || candidates.empty() || !candidates[0].is_object()) {
    return std::nullopt;
  }
  const auto content = candidates[0].value("content", nlohmann::json::object());
  if (!content.is_object() || !content.contains("parts") || !content["parts"].is_array()) {
    return std::nullopt;
  }
  std::optional<std::string> text;
  for (const auto& part : content["parts"]) {
    if (!part.is_object() || part.value("thought", false)) continue;
    if (!part.contains("text") || !part["text"].is_string()) continue;
    if (!text) text.emplace();
    *text += part["text"].get<std::string>();
  }
  return text;
}

ProviderReply GeminiProvider::Send(const ChatRequest& request) const {
  std::vector<std::string> headers{"Content-Type: application/json", "Accept: application/json"};
  headers.push_back(settings_.UsesVertex() ? "Authorization: Bearer " + settings_.http.api_key
                                           : "x-goog-api-key: " + settings_.http.api_key);
  const ProviderPost post{Name(), Endpoint(request.model), std::move(headers), BuildBody(request),
                          request.should_abort};
  return PostWithRetries(post, settings_.http, &ExtractText, "candidates[0].content.parts text");
}

}  // namespace mcp_server
