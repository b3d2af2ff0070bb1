#pragma once
// Gemini generateContent, in one of two shapes:
// * AI Studio (default): POST {base}/models/{model}:generateContent with the
//   key in the `x-goog-api-key` header (never `?key=`, so it cannot leak
//   through a URL in an error message or a log).
// * Vertex AI, when both VERTEX_PROJECT and VERTEX_LOCATION are set:
//   POST {base}/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent
//   with `Authorization: Bearer VERTEX_ACCESS_TOKEN`. The token is taken as
//   given (minting one from a service account is out of scope).
// Reasoning effort maps to generationConfig.thinkingConfig.thinkingBudget
// (see ThinkingBudgetFor); structured output to responseMimeType
// application/json + responseSchema.

#include "chat_provider.h"

namespace mcp_server {

struct GeminiSettings {
  ProviderSettings http;       // http.api_key: GEMINI_API_KEY, or the Vertex access token
  std::string vertex_project;  // both set: Vertex shape
  std::string vertex_location;

  bool UsesVertex() const { return !vertex_project.empty() && !vertex_location.empty(); }
};

class GeminiProvider : public ChatProvider {
 public:
  explicit GeminiProvider(GeminiSettings settings) : settings_(std::move(settings)) {}

  std::string Name() const override { return "gemini"; }
  std::optional<std::string> MissingConfiguration() const override;
  ProviderReply Send(const ChatRequest& request) const override;

  // The generateContent URL for `model` (no credential in it).
  std::string Endpoint(const std::string& model) const;

  // The JSON body sent for `request`.
  static nlohmann::json BuildBody(const ChatRequest& request);

  // Concatenated candidates[0].content.parts[].text, thought parts excluded;
  // nullopt when there is none.
  static std::optional<std::string> ExtractText(const nlohmann::json& response);

  // thinkingBudget tokens for an effort: low 1024, medium 8192, high 24576.
  // 24576 is gemini-2.5-flash's maximum, and pro (max 32768, min 128) accepts
  // every value, so one table serves both models.
  static int ThinkingBudgetFor(const std::string& effort);

 private:
  GeminiSettings settings_;
};

}  // namespace mcp_server
